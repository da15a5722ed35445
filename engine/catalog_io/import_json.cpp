#include "catalog_io/import_json.h"

#include <nlohmann/json.hpp>

#include "catalog_io/words.h"

namespace pf::cio {

namespace {

using J = nlohmann::json;

std::string str(const J& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::vector<std::string> strs(const J& j, const char* key) {
  std::vector<std::string> out;
  auto it = j.find(key);
  if (it == j.end() || !it->is_array()) return out;
  for (const auto& v : *it)
    if (v.is_string()) out.push_back(v.get<std::string>());
  return out;
}

std::vector<std::string> elements(const J& item) {
  std::vector<std::string> out;
  auto p = item.find("provenance");
  if (p == item.end() || !p->is_object()) return out;
  auto e = p->find("elements");
  if (e == p->end() || !e->is_array()) return out;
  for (const auto& el : *e)
    if (el.is_object()) out.push_back(str(el, "key").empty() ? str(el, "name") : str(el, "key"));
  return out;
}

int severity(const J& item) {
  auto it = item.find("severity");
  if (it == item.end()) return 0;
  if (it->is_string()) return severity_rank(it->get<std::string>());
  return it->is_number_integer() ? it->get<int>() : 0;
}

const J& arr(const J& j, const char* key) {
  static const J empty = J::array();
  auto it = j.find(key);
  return it != j.end() && it->is_array() ? *it : empty;
}

Policy policy(const J& p) {
  Policy out;
  out.id = str(p, "id");
  out.name = str(p, "name");
  if (auto n = p.find("number"); n != p.end() && n->is_number_integer()) out.number = n->get<int>();
  for (const auto& s : arr(p, "surfaces"))
    if (s.is_number_integer()) out.surfaces.push_back(s.get<int>());
  out.severity = severity(p);
  out.elements = elements(p);
  for (const auto& k : words().fields) {
    FieldEntry f;
    f.key = k.key;
    if (k.key == "surfaces") {
      for (int s : out.surfaces) f.value += (f.value.empty() ? "" : ", ") + std::to_string(s);
    } else if (k.key == "runbook") {
      f.items = strs(p, "runbook");
      f.items_numbered.assign(f.items.size(), true);
    } else if (k.key == "uncertain") {
      auto u = p.find("uncertain");
      if (u == p.end() || !u->is_object()) continue;
      f.value = str(*u, "text");
      f.items = strs(*u, "questions");
      f.items_numbered.assign(f.items.size(), false);
    } else {
      f.value = str(p, k.key.c_str());
    }
    out.fields.push_back(std::move(f));
  }
  return out;
}

}  // namespace

ImportResult import_json(std::string_view text, const std::string& file) {
  ImportResult r;
  Document& doc = r.doc;
  doc.file = file;
  doc.format = "json";
  J j = J::parse(text.begin(), text.end(), nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    r.errors.push_back({"not valid JSON", {1, 1}});
    return r;
  }
  if (str(j, "format").rfind("policyforge-catalog/", 0) != 0) {
    r.errors.push_back({"not a policyforge catalog (\"format\" is not policyforge-catalog/N)", {1, 1}});
    return r;
  }
  if (auto h = j.find("header"); h != j.end() && h->is_object()) doc.lang = str(*h, "lang") == "en" ? "en" : "ko";
  for (const auto& k : words().sections) doc.sections.push_back({k.key, k.key, true, {}});
  for (const auto& a : arr(j, "assumptions"))
    if (a.is_object()) doc.assumptions.push_back({str(a, "id"), str(a, "text"), {}});
  doc.assumptions_text = str(j, "no_assumptions");
  for (const auto& f : arr(j, "failure_modes")) {
    if (!f.is_object()) continue;
    FailureMode fm;
    fm.id = str(f, "id");
    for (const auto& k : words().fm_parts) {
      fm.parts[k.key] = str(f, k.key.c_str());
      fm.part_order.push_back(k.key);
    }
    if (auto sh = f.find("short"); sh != f.end() && sh->is_object())
      for (const auto& k : words().fm_parts) fm.short_parts[k.key] = str(*sh, k.key.c_str());
    fm.text = fm.parts["failure"];
    fm.severity = severity(f);
    fm.elements = elements(f);
    doc.failure_modes.push_back(std::move(fm));
  }
  for (const auto& p : arr(j, "policies"))
    if (p.is_object()) doc.policies.push_back(policy(p));
  for (const auto& row : arr(j, "ledger_map")) {
    if (!row.is_object()) continue;
    LedgerRow lr;
    lr.cells.push_back(str(row, "ledger"));
    for (const auto& v : strs(row, "invariants")) lr.cells.push_back(v);
    while (lr.cells.size() < 3) lr.cells.emplace_back();
    lr.cells.push_back(str(row, "signal"));
    lr.cells.push_back(str(row, "recovery"));
    doc.ledger_map.push_back(std::move(lr));
  }
  for (const auto& q : arr(j, "questions"))
    if (q.is_object()) doc.questions.push_back({str(q, "id"), str(q, "text"), {}, severity(q)});
  return r;
}

ImportResult import_catalog(std::string_view text, const std::string& file) {
  std::size_t i = text.find_first_not_of(" \t\r\n");
  if (i != std::string_view::npos && text[i] == '{') return import_json(text, file);
  return import_markdown(text, file);
}

}  // namespace pf::cio
