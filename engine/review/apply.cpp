#include "review/apply.h"

#include <fmt/format.h>

#include <ctime>
#include <map>

#include "synth/synthesizer.h"

namespace pf::review {

namespace {

/// The decision for an item: an exact id first, else the longest matching pattern (the first
/// in the file on a tie).
const Decision* find(const std::vector<Decision>& ds, const std::string& id) {
  const Decision* best = nullptr;
  for (const auto& d : ds) {
    if (d.id == id) return &d;
    if (d.id.find('*') != std::string::npos && id_matches(d.id, id) && (!best || d.id.size() > best->id.size()))
      best = &d;
  }
  return best;
}

std::string word(const FormatText& fx, const std::string& key, const std::string& lang) {
  const Text* t = fx.get(key, lang);
  return t ? render_text(*t, Bindings{}, lang, fx) : key;
}

ReviewMark mark(const ItemStatus& s, const std::string& lang, const FormatText& fx) {
  ReviewMark m;
  m.status = s.status;
  std::vector<std::string> shown;
  if (const Decision* d = s.decision) {
    const std::pair<const char*, const std::string*> fields[] = {
        {"owner", &d->owner},       {"due", &d->due},           {"evidence", &d->evidence}, {"approver", &d->approver},
        {"expires", &d->expires},   {"reviewer", &d->reviewer}, {"date", &d->date},         {"note", &d->note}};
    for (const auto& [k, v] : fields)
      if (!v->empty()) {
        m.fields.emplace_back(k, *v);
        shown.push_back(*v);
      }
  }
  std::string detail;
  for (const auto& v : shown) detail += (detail.empty() ? " (" : ", ") + v;
  if (!detail.empty()) detail += ")";
  m.line = fmt::format("{} {}{}", word(fx, "review_label", lang), word(fx, "review_" + s.status, lang), detail);
  return m;
}

}  // namespace

std::string utc_today() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

Applied apply_decisions(Catalog& c, const std::vector<Decision>& decisions, const std::string& file,
                        const std::string& today, const FormatText& fx) {
  Applied out;
  std::map<const Decision*, int> used;
  std::map<std::pair<int, const Decision*>, std::string> warned;  // one warning per decision, by line
  auto warn = [&](const Decision& d, const std::string& msg) {
    warned.emplace(std::make_pair(d.loc.line, &d), fmt::format("{}:{}: warning: {}", file, d.loc.line, msg));
  };
  for (const auto& item : items(c)) {
    ItemStatus s{item, "open", find(decisions, item.id)};
    if (s.decision) {
      const Decision& d = *s.decision;
      ++used[&d];
      s.status = d.status;
      bool exact = d.id == item.id;
      if (exact && !d.fingerprint.empty() && d.fingerprint != item.fingerprint && d.status != "open") {
        warn(d, fmt::format("decision on '{}' is stale: the item changed since it was decided (fingerprint {}, now {})",
                            item.id, d.fingerprint, item.fingerprint));
        s.status = "stale";
      } else if (!d.expires.empty() && d.expires < today) {
        warn(d, fmt::format("decision on '{}' is stale: it expired on {}", d.id, d.expires));
        s.status = "stale";
      }
    }
    c.review[item.id] = mark(s, c.lang, fx);
    out.items.push_back(std::move(s));
  }
  for (const auto& d : decisions)
    if (!used.count(&d)) warn(d, fmt::format("decision on '{}' is stale: no item of the catalog has that id", d.id));
  for (auto& [where, w] : warned) out.warnings.push_back(std::move(w));
  sort_open_first(c);
  return out;
}

}  // namespace pf::review
