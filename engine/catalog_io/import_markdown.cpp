#include "catalog_io/import_markdown.h"

#include <algorithm>

#include "catalog_io/md_lines.h"
#include "catalog_io/md_parts.h"
#include "catalog_io/words.h"

namespace pf::cio {

const FieldEntry* Policy::field(const std::string& key) const {
  for (const auto& f : fields)
    if (f.key == key) return &f;
  return nullptr;
}

bool Document::has(const std::string& key) const {
  for (const auto& s : sections)
    if (s.key == key) return true;
  return false;
}

Document body_of(const Document& doc) {
  Document out = doc;
  auto drop = [](auto& items) {
    items.erase(std::remove_if(items.begin(), items.end(), [](const auto& x) { return x.summary; }), items.end());
  };
  drop(out.failure_modes);
  drop(out.policies);
  drop(out.questions);
  return out;
}

namespace {

/// Reads the lines of the current section into the document.
class Reader {
 public:
  explicit Reader(Document& d) : doc_(d) {}

  void line(const MdLine& l) {
    if (!appendix_.empty()) return appendix_line(l);
    if (section_ == "assumptions") return list_line(l, doc_.assumptions, &doc_.assumptions_text);
    if (section_ == "failure_modes") return fm_line(l);
    if (section_ == "policies") return policy_line(l);
    if (section_ == "ledger_map") return table_line(l);
    if (section_ == "questions") return list_line(l, doc_.questions, nullptr);
  }
  void enter(const std::string& key) {
    section_ = key;
    appendix_.clear();
    base_ = -1;
  }
  /// A part of the appendix: failure_modes, policies or questions, one line per item.
  void enter_appendix(const std::string& key) {
    enter("");
    appendix_ = key;
  }
  bool in_policies() const { return section_ == "policies"; }

  void start_policy(Policy p, const MdLine& l) {
    p.pos = {l.number, 1};
    p.id = l.id;
    doc_.policies.push_back(std::move(p));
    base_ = -1;
    field_ = nullptr;
  }

 private:
  void list_line(const MdLine& l, std::vector<TextItem>& out, std::string* loose) {
    if (l.blank) return;
    if (l.item && (base_ < 0 || l.indent <= base_)) {
      base_ = base_ < 0 ? l.indent : base_;
      out.push_back({l.id, l.body, {l.number, l.indent + 1}});
    } else if (!out.empty() && !l.table) {
      out.back().text += " " + trim(l.item ? l.body : l.text);
      if (out.back().id.empty()) out.back().id = l.id;
    } else if (loose && !l.table) {
      *loose += (loose->empty() ? "" : " ") + trim(l.text);
    }
  }

  void fm_line(const MdLine& l) {
    if (l.blank) return;
    if (l.item && (base_ < 0 || l.indent <= base_)) {
      base_ = base_ < 0 ? l.indent : base_;
      FailureMode fm;
      fm.id = l.id;
      std::string rest;
      fm.severity = severity_mark(l.body, rest);
      fm.text = fm.severity ? rest : l.body;
      fm.numbered = l.numbered;
      fm.pos = {l.number, l.indent + 1};
      doc_.failure_modes.push_back(std::move(fm));
    } else if (!doc_.failure_modes.empty() && !l.table) {
      auto& fm = doc_.failure_modes.back();
      fm.text += " " + trim(l.item ? l.body : l.text);
      if (fm.id.empty()) fm.id = l.id;
    }
  }

  void policy_line(const MdLine& l) {
    if (doc_.policies.empty()) return;
    Policy& p = doc_.policies.back();
    if (l.blank) {
      if (p.id.empty() && p.fields.empty()) p.id = l.id;
      return;
    }
    if (p.fields.empty() && p.id.empty() && !l.id.empty()) p.id = l.id;
    if (!l.item && p.fields.empty() && l.heading < 0 && !l.table) {  // "Severity: **[high]**" before the fields
      std::string text = trim(l.text), rest;
      for (const auto& label : words().severity_label)
        if (text.rfind(label, 0) == 0 && (p.severity = severity_mark(text.substr(label.size()), rest)) > 0) return;
    }
    if (l.item && (base_ < 0 || l.indent <= base_)) {
      base_ = base_ < 0 ? l.indent : base_;
      FieldEntry f = field_entry(l.body, doc_.lang);
      f.pos = {l.number, l.indent + 1};
      p.fields.push_back(std::move(f));
      field_ = &p.fields.back();
      if (field_->key == "surfaces") surface_tags(p, field_->value);
    } else if (field_ && l.item) {
      field_->items.push_back(l.body);
      field_->items_numbered.push_back(l.numbered);
    } else if (field_ && !l.table && l.heading < 0) {
      if (!field_->items.empty()) field_->items.back() += " " + trim(l.text);
      else field_->value += (field_->value.empty() ? "" : " ") + trim(l.text);
    }
  }

  void appendix_line(const MdLine& l) {
    if (l.blank || !l.item) return;
    std::string rest;
    int severity = severity_mark(l.body, rest);
    std::string text = trim(severity ? rest : l.body);
    Pos pos{l.number, l.indent + 1};
    if (appendix_ == "failure_modes") {
      FailureMode fm;
      fm.id = l.id;
      fm.text = text;
      fm.parts["failure"] = text;
      fm.severity = severity;
      fm.summary = true;
      fm.pos = pos;
      doc_.failure_modes.push_back(std::move(fm));
    } else if (appendix_ == "policies") {
      Policy p;
      p.id = l.id;
      p.name = text;
      p.severity = severity;
      p.summary = true;
      p.pos = pos;
      doc_.policies.push_back(std::move(p));
    } else if (appendix_ == "questions") {
      doc_.questions.push_back({l.id, text, pos, severity, true});
    }
  }

  void table_line(const MdLine& l) {
    if (!l.table) return;
    bool sep = false;
    auto cells = table_cells(l.text, sep);
    if (sep) return;
    if (!header_seen_) {
      header_seen_ = true;
      return;
    }
    doc_.ledger_map.push_back({std::move(cells), {l.number, 1}});
  }

  Document& doc_;
  std::string section_, appendix_;
  int base_ = -1;
  FieldEntry* field_ = nullptr;
  bool header_seen_ = false;
};

}  // namespace

ImportResult import_markdown(std::string_view text, const std::string& file) {
  ImportResult r;
  Document& doc = r.doc;
  doc.file = file;
  doc.format = "md";
  if (text.find('\0') != std::string_view::npos) {
    r.errors.push_back({"not a text file (NUL byte)", {1, 1}});
    return r;
  }
  doc.lang = detect_lang(text);
  std::vector<MdLine> lines = md_lines(text);
  Reader reader(doc);
  bool in_appendix = false;
  for (const auto& l : lines) {
    if (!l.blank) find_placeholders(l.text, l.number, doc);
    if (l.heading >= 0) {
      Policy p;
      if (reader.in_policies() && l.heading != 1 && policy_heading(l.title, l.heading, doc.lang, p)) {
        reader.start_policy(std::move(p), l);
        continue;
      }
      bool canonical = false;
      std::string key = section_of(l.title, l.heading, doc.lang, canonical);
      // Headings below an appendix (a level-2 heading that is not one of the five) stay in it.
      if (!key.empty() && !(in_appendix && l.heading > 2)) {
        doc.sections.push_back({key, l.title, canonical, {l.number, 1}});
        reader.enter(key);
        in_appendix = false;
        continue;
      }
      if (in_appendix && l.heading == 3) {
        std::string part;
        for (const auto& k : words().appendix_parts)
          for (const auto& L : k.lang)
            for (const auto& a : L.aliases)
              if (part.empty() && normalise_label(l.title) == a) part = k.key;
        if (!part.empty()) {
          reader.enter_appendix(part);
          continue;
        }
      }
      if (l.heading == 1 || l.heading == 2 || in_appendix) {
        reader.enter("");  // an appendix, the top-risk table or the title: not one of the five sections
        in_appendix = in_appendix || l.heading == 2;
        continue;
      }
    }
    reader.line(l);
  }
  for (auto& fm : doc.failure_modes) failure_mode_parts(fm, doc.lang);
  // Texts read back as written: the writer's backslash escapes undone.
  for (auto& fm : doc.failure_modes) {
    fm.text = md_unescape(fm.text);
    for (auto& [k, v] : fm.parts) v = md_unescape(v);
  }
  for (auto& p : doc.policies) {
    p.name = md_unescape(p.name);
    for (auto& f : p.fields) {
      f.value = md_unescape(f.value);
      for (auto& x : f.items) x = md_unescape(x);
    }
  }
  for (auto* list : {&doc.assumptions, &doc.questions})
    for (auto& t : *list) t.text = md_unescape(t.text);
  for (auto& r : doc.ledger_map)
    for (auto& c : r.cells) c = md_unescape(c);
  if (doc.sections.empty()) r.errors.push_back({"no section of the catalog format found: not a catalog", {1, 1}});
  return r;
}

}  // namespace pf::cio
