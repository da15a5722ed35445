#include "diag/diagnostics.h"

#include <algorithm>
#include <fmt/format.h>
#include <tuple>

namespace pf {

std::string Loc::str() const {
  std::string f = file ? *file : std::string("<input>");
  if (line <= 0) return f;
  return fmt::format("{}:{}:{}", f, line, col > 0 ? col : 1);
}

void Diagnostics::error(const Loc& loc, std::string message, std::string note) {
  ++errors_;
  // A hostile file can produce an error per node; the count stays right, the list stays short.
  if (items_.size() >= kMaxStored) {
    ++dropped_;
    return;
  }
  Diagnostic d{loc, Severity::Error, std::move(message), {}};
  if (!note.empty()) d.notes.push_back(std::move(note));
  items_.push_back(std::move(d));
}

void Diagnostics::warning(const Loc& loc, std::string message, std::string note) {
  if (items_.size() >= kMaxStored) return;
  Diagnostic d{loc, Severity::Warning, std::move(message), {}};
  if (!note.empty()) d.notes.push_back(std::move(note));
  items_.push_back(std::move(d));
}

void Diagnostics::add_source(const std::string& file, std::string text) {
  sources_.emplace_back(file, std::move(text));
}

namespace {
std::string source_line(const std::string& text, int line) {
  int cur = 1;
  std::size_t start = 0;
  while (cur < line) {
    std::size_t nl = text.find('\n', start);
    if (nl == std::string::npos) return {};
    start = nl + 1;
    ++cur;
  }
  std::size_t end = text.find('\n', start);
  std::string out = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
  if (!out.empty() && out.back() == '\r') out.pop_back();
  if (out.size() > 200) out.resize(200);
  return out;
}
}  // namespace

std::string Diagnostics::format() const {
  std::vector<const Diagnostic*> sorted;
  for (const auto& d : items_) sorted.push_back(&d);
  auto key = [](const Diagnostic* d) {
    return std::make_tuple(d->loc.file ? *d->loc.file : std::string(), d->loc.line, d->loc.col,
                           d->message);
  };
  std::stable_sort(sorted.begin(), sorted.end(),
                   [&](const Diagnostic* a, const Diagnostic* b) { return key(a) < key(b); });
  sorted.erase(std::unique(sorted.begin(), sorted.end(),
                           [&](const Diagnostic* a, const Diagnostic* b) { return key(a) == key(b); }),
               sorted.end());
  std::string out;
  int errors = 0;
  for (const Diagnostic* d : sorted) {
    const char* sev = d->severity == Severity::Error ? "error" : d->severity == Severity::Warning ? "warning" : "note";
    if (d->severity == Severity::Error) ++errors;
    out += fmt::format("{}: {}: {}\n", d->loc.str(), sev, d->message);
    if (d->loc.file && d->loc.line > 0) {
      for (const auto& [name, text] : sources_) {
        if (name != *d->loc.file) continue;
        std::string l = source_line(text, d->loc.line);
        if (l.empty()) break;
        out += "  " + l + "\n";
        int col = std::max(1, d->loc.col);
        std::string pad;
        for (int i = 1; i < col && i <= static_cast<int>(l.size()); ++i) pad += (l[i - 1] == '\t' ? '\t' : ' ');
        out += "  " + pad + "^\n";
        break;
      }
    }
    for (const auto& n : d->notes) out += fmt::format("{}: note: {}\n", d->loc.str(), n);
  }
  if (dropped_ > 0) out += fmt::format("... and {} more errors not shown\n", dropped_);
  errors += dropped_;
  if (errors > 0) out += fmt::format("{} error{}\n", errors, errors == 1 ? "" : "s");
  return out;
}

std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::string closest(const std::string& word, const std::vector<std::string>& candidates) {
  std::string best;
  std::size_t best_d = std::max<std::size_t>(2, word.size() / 3) + 1;
  for (const auto& c : candidates) {
    // Long lists (thousands of steps) would make hints quadratic; the length filter keeps it cheap.
    std::size_t diff = c.size() > word.size() ? c.size() - word.size() : word.size() - c.size();
    if (diff >= best_d) continue;
    std::size_t d = edit_distance(word, c);
    if (d < best_d || (d == best_d && !best.empty() && c < best)) {
      best_d = d;
      best = c;
    }
  }
  return best;
}

}  // namespace pf
