#pragma once
// The HTML report's inline style sheet and script (presentation and behaviour, no words).
namespace pf {
const char* html_style();
const char* html_script();
}  // namespace pf
