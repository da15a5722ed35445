// The diff report: Markdown for people (changed words marked ~~old~~ **new**), JSON for tools.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "catalog_io/diff.h"
#include "catalog_io/words.h"

namespace pf::cio {

namespace {

std::string severity_name(int s) {
  const auto& names = words().severities;
  return s >= 1 && s <= static_cast<int>(names.size()) ? names[s - 1] : std::string("unknown");
}

std::string label(const Item& it) {
  std::string id = it.id.empty() ? std::string("(no id)") : "`" + it.id + "`";
  std::string name = it.name.size() > 160 ? it.name.substr(0, 157) + "..." : it.name;
  return fmt::format("{} {} — {}", it.kind, id, name);
}

std::string marked(const std::vector<WordOp>& ops) {
  std::string out;
  for (const auto& w : ops) {
    if (!out.empty()) out += ' ';
    if (w.op == '=') out += w.text;
    else if (w.op == '-') out += "~~" + w.text + "~~";
    else out += "**" + w.text + "**";
  }
  return out;
}

using J = nlohmann::ordered_json;

J item_json(const Item& it) {
  J j = {{"kind", it.kind}, {"id", it.id}, {"name", it.name}};
  if (it.severity) j["severity"] = severity_name(it.severity);
  return j;
}

J pairing_json(const Pairing& p) {
  J changes = J::array();
  for (const auto& c : p.changes) {
    J ws = J::array();
    for (const auto& w : c.words) ws.push_back({{"op", std::string(1, w.op)}, {"text", w.text}});
    changes.push_back({{"field", c.field}, {"old", c.old_text}, {"new", c.new_text}, {"words", ws}});
  }
  return {{"kind", p.old_item.kind},
          {"old_id", p.old_item.id},
          {"new_id", p.new_item.id},
          {"name", p.new_item.name},
          {"paired_by", p.method},
          {"changes", changes}};
}

}  // namespace

std::string render_diff_markdown(const DiffResult& r, const std::string& old_name, const std::string& new_name) {
  std::string o = fmt::format("# Catalog diff\n\n`{}` → `{}`\n\n", old_name, new_name);
  o += fmt::format("- added: {}\n- removed: {}\n- changed: {}\n- severity changes: {}\n- unchanged: {}\n",
                   r.added.size(), r.removed.size(), r.changed.size(), r.severity.size(), r.unchanged);
  if (r.same()) o += "\nThe catalogs are the same.\n";
  if (!r.added.empty()) {
    o += "\n## Added\n\n";
    for (const auto& it : r.added) o += "- " + label(it) + "\n";
  }
  if (!r.removed.empty()) {
    o += "\n## Removed\n\n";
    for (const auto& it : r.removed) o += "- " + label(it) + "\n";
  }
  if (!r.changed.empty()) {
    o += "\n## Changed\n";
    for (const auto& p : r.changed) {
      o += fmt::format("\n### {}\n\npaired by {}", label(p.new_item), p.method);
      if (p.old_item.id != p.new_item.id && !p.old_item.id.empty()) o += fmt::format(" (was `{}`)", p.old_item.id);
      o += "\n\n";
      for (const auto& c : p.changes) o += fmt::format("- {}: {}\n", c.field, marked(c.words));
    }
  }
  if (!r.severity.empty()) {
    o += "\n## Severity changes\n\n";
    for (const auto& p : r.severity)
      o += fmt::format("- {}: {} → {}\n", label(p.new_item), severity_name(p.old_item.severity),
                       severity_name(p.new_item.severity));
  }
  if (!r.similar.empty()) {
    o += "\n## Paired without an id (unchanged)\n\n";
    for (const auto& p : r.similar) o += fmt::format("- {}: {}\n", label(p.new_item), p.method);
  }
  return o;
}

std::string render_diff_json(const DiffResult& r, const std::string& old_name, const std::string& new_name) {
  J j;
  j["format"] = "policyforge-diff/1";
  j["old"] = old_name;
  j["new"] = new_name;
  j["same"] = r.same();
  j["summary"] = {{"added", r.added.size()},
                  {"removed", r.removed.size()},
                  {"changed", r.changed.size()},
                  {"severity_changes", r.severity.size()},
                  {"unchanged", r.unchanged}};
  J added = J::array(), removed = J::array(), changed = J::array(), sev = J::array(), similar = J::array();
  for (const auto& it : r.added) added.push_back(item_json(it));
  for (const auto& it : r.removed) removed.push_back(item_json(it));
  for (const auto& p : r.changed) changed.push_back(pairing_json(p));
  for (const auto& p : r.severity)
    sev.push_back({{"kind", p.new_item.kind},
                   {"id", p.new_item.id},
                   {"old", severity_name(p.old_item.severity)},
                   {"new", severity_name(p.new_item.severity)},
                   {"direction", p.new_item.severity > p.old_item.severity ? "up" : "down"}});
  for (const auto& p : r.similar) similar.push_back(pairing_json(p));
  j["added"] = added;
  j["removed"] = removed;
  j["changed"] = changed;
  j["severity_changes"] = sev;
  j["paired_without_id"] = similar;
  return j.dump(2) + "\n";
}

}  // namespace pf::cio
