#include "diag/diagnostics.h"

#include <algorithm>
#include <fmt/format.h>
#include <tuple>

#include "diag/text_width.h"
#include "model/limits.h"

namespace pf {

std::string Loc::str() const {
  // A file name is user input too: escaped, it cannot fake a line of its own on standard error.
  std::string f = file ? escape_controls(*file) : std::string("<input>");
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
// One line of a file, found through an index of line starts built once per file.
std::string_view source_line(const std::string& text, std::vector<std::size_t>& starts, int line) {
  if (starts.empty()) {
    starts.push_back(0);
    for (std::size_t i = text.find('\n'); i != std::string::npos; i = text.find('\n', i + 1)) starts.push_back(i + 1);
  }
  if (line < 1 || static_cast<std::size_t>(line) > starts.size()) return {};
  std::size_t start = starts[line - 1];
  std::size_t end = static_cast<std::size_t>(line) < starts.size() ? starts[line] - 1 : text.size();
  std::string_view out(text.data() + start, end - start);
  if (!out.empty() && out.back() == '\r') out.remove_suffix(1);
  return out;
}
// Source lines are shown up to this many bytes (the cut falls on a character boundary).
constexpr std::size_t kMaxShownLine = 200;
// A message quoting a 64 KiB value stays readable.
std::string clip(const std::string& m) {
  constexpr std::size_t kMax = 1000;
  if (m.size() <= kMax) return m;
  std::size_t cut = kMax;
  while (cut > 0 && (static_cast<unsigned char>(m[cut]) & 0xC0) == 0x80) --cut;
  return m.substr(0, cut) + "...";
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
  std::vector<std::vector<std::size_t>> line_starts(sources_.size());
  for (const Diagnostic* d : sorted) {
    const char* sev = d->severity == Severity::Error ? "error" : d->severity == Severity::Warning ? "warning" : "note";
    if (d->severity == Severity::Error) ++errors;
    // Columns count characters, and the caret sits under the character on screen (wide
    // Hangul takes two cells); messages and source lines show control characters escaped.
    const std::string* text = nullptr;
    std::vector<std::size_t>* starts = nullptr;
    if (d->loc.file && d->loc.line > 0)
      for (std::size_t i = 0; i < sources_.size(); ++i)
        if (sources_[i].first == *d->loc.file) {
          text = &sources_[i].second;
          starts = &line_starts[i];
          break;
        }
    std::string_view line = text ? source_line(*text, *starts, d->loc.line) : std::string_view();
    Loc shown = d->loc;
    if (text && shown.col > 0) shown.col = char_column(line, shown.col);
    out += fmt::format("{}: {}: {}\n", shown.str(), sev, escape_controls(clip(d->message)));
    if (!line.empty() && static_cast<std::size_t>(std::max(1, d->loc.col)) <= kMaxShownLine) {
      std::string_view l = line;
      if (l.size() > kMaxShownLine) {
        std::size_t cut = kMaxShownLine;
        while (cut > 0 && (static_cast<unsigned char>(l[cut]) & 0xC0) == 0x80) --cut;
        l = l.substr(0, cut);
      }
      out += "  " + escape_controls(l, true) + "\n";
      out += "  " + caret_pad(l, std::max(1, d->loc.col)) + "^\n";
    }
    for (const auto& n : d->notes) out += fmt::format("{}: note: {}\n", shown.str(), escape_controls(clip(n)));
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
  // Bounded work per hint: a long word gets none, and only the first candidates are compared.
  if (word.size() > limits::kMaxHintWordBytes) return best;
  std::size_t best_d = std::max<std::size_t>(2, word.size() / 3) + 1;
  std::size_t n = std::min(candidates.size(), limits::kMaxHintCandidates);
  for (std::size_t i = 0; i < n; ++i) {
    const std::string& c = candidates[i];
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
