#include "render/html.h"

#include <fmt/format.h>

#include "render/html_assets.h"
#include "render/labels.h"

namespace pf {

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default:
        // Control characters other than tab and newline have no place in a page.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n') out += ' ';
        else out += c;
    }
  }
  return out;
}

namespace {

/// Catalog text: escaped, with its `code` spans (model identifiers) as <code>.
std::string text_html(const std::string& s) {
  std::string esc = html_escape(s), out;
  std::size_t at = 0;
  while (true) {
    std::size_t open = esc.find('`', at);
    std::size_t close = open == std::string::npos ? open : esc.find('`', open + 1);
    if (close == std::string::npos) break;
    out += esc.substr(at, open - at) + "<code>" + esc.substr(open + 1, close - open - 1) + "</code>";
    at = close + 1;
  }
  return out + esc.substr(at);
}

class Page {
 public:
  explicit Page(const HtmlPage& p) : p_(p), c_(*p.catalog) {}
  std::string render();

 private:
  /// A word of the page, escaped; a missing word shows its key rather than nothing.
  std::string w(const std::string& key) const {
    auto it = p_.words.find(key);
    return html_escape(it == p_.words.end() ? key : it->second);
  }
  std::string e(const std::string& s) const { return html_escape(s); }
  std::string t(const std::string& s) const { return text_html(s); }
  std::string severity(int s) const { return w(fmt::format("html_severity_{}", s)); }
  std::string surface(int s) const {
    if (s < 1 || s >= static_cast<int>(p_.surface_names.size())) return fmt::format("[{}]", s);
    return e(fmt::format("[{}] {}", s, p_.surface_names[s]));
  }
  /// data-* attributes the filters read.
  std::string filter_attrs(const HtmlItemMeta& m) const {
    std::string s;
    for (int x : m.surfaces) s += (s.empty() ? "" : " ") + std::to_string(x);
    return fmt::format(" data-surface=\"{}\" data-severity=\"{}\" data-status=\"{}\"", s, m.severity, e(m.status));
  }
  std::string policy_link(int i) const {
    return fmt::format("<a href=\"#policy-{}\">#{} {}</a>", i + 1, i + 1, t(c_.policies[i].name));
  }
  void header();
  void contents();
  void filters();
  void top_risk();
  void failure_modes();
  void policies();
  void diagrams(const std::string& anchor, const std::string& title_key, const std::string& legend_key,
                const std::vector<HtmlDiagram>& ds);
  void assumptions();
  void ledger_map();
  void questions();
  void coverage();

  const HtmlPage& p_;
  const Catalog& c_;
  std::string o_;
};

void Page::header() {
  o_ += fmt::format("<header>\n<h1>{} — {}</h1>\n", e(c_.service_name), w("label_title"));
  std::string meta = p_.words.count("html_meta") ? p_.words.at("html_meta") : std::string();
  auto put = [&](const std::string& key, const std::string& value) {
    for (std::size_t at = meta.find(key); at != std::string::npos; at = meta.find(key, at + value.size()))
      meta.replace(at, key.size(), value);
  };
  put("{engine}", "policyforge " + c_.engine_version);
  put("{model}", c_.model_path + " sha256:" + c_.model_sha256);
  put("{library}", "sha256:" + c_.library_digest);
  o_ += fmt::format("<p class=\"meta\">{}</p>\n</header>\n", e(meta));
}

void Page::contents() {
  o_ += fmt::format("<nav id=\"contents\">\n<h2>{}</h2>\n<ol class=\"surfaces\">\n", w("html_contents"));
  for (int s = 1; s < static_cast<int>(p_.surface_names.size()); ++s) {
    std::string entries;
    for (std::size_t i = 0; i < c_.policies.size(); ++i) {
      for (int x : p_.policies[i].surfaces)
        if (x == s)
          entries += fmt::format("<li{}>{}</li>\n", filter_attrs(p_.policies[i]), policy_link(static_cast<int>(i)));
    }
    if (entries.empty()) continue;
    o_ += fmt::format("<li id=\"surface-{}\"><span class=\"surface\">{}</span>\n<ul>\n{}</ul></li>\n", s, surface(s),
                      entries);
  }
  o_ += "</ol>\n<ul class=\"sections\">\n";
  const char* anchors[] = {"top-risk", "assumptions", "failure-modes", "policies", "flows", "lifecycles", "ledger-map", "questions",
                           "coverage"};
  const char* keys[] = {"html_top_risk", "label_section_0", "label_section_1", "label_section_2", "html_flows", "html_lifecycles",
                        "label_section_3", "label_section_4", "label_coverage_heading"};
  for (std::size_t i = 0; i < 9; ++i) o_ += fmt::format("<li><a href=\"#{}\">{}</a></li>\n", anchors[i], w(keys[i]));
  o_ += "</ul>\n</nav>\n";
}

void Page::filters() {
  o_ += fmt::format("<section id=\"filters\">\n<h2>{}</h2>\n", w("html_filters"));
  auto box = [&](const std::string& group, const std::string& value, const std::string& label) {
    o_ += fmt::format("<label><input type=\"checkbox\" data-group=\"{}\" value=\"{}\" checked> {}</label>\n", group,
                      e(value), label);
  };
  o_ += fmt::format("<fieldset data-group=\"surface\"><legend>{}</legend>\n", w("html_filter_surface"));
  for (int s = 1; s < static_cast<int>(p_.surface_names.size()); ++s) box("surface", std::to_string(s), surface(s));
  o_ += fmt::format("</fieldset>\n<fieldset data-group=\"severity\"><legend>{}</legend>\n", w("html_filter_severity"));
  for (int s = 4; s >= 1; --s) box("severity", std::to_string(s), severity(s));
  o_ += fmt::format("</fieldset>\n<fieldset data-group=\"status\"><legend>{}</legend>\n", w("html_filter_status"));
  for (const auto& s : p_.statuses) box("status", s, w("html_status_" + s));
  o_ += fmt::format("</fieldset>\n<p><output id=\"shown\" data-template=\"{}\"></output></p>\n</section>\n",
                    w("html_shown"));
}

void Page::top_risk() {
  o_ += fmt::format("<section id=\"top-risk\">\n<h2>{}</h2>\n<table>\n<thead><tr>", w("html_top_risk"));
  for (const char* k : {"html_col_rank", "html_col_severity", "html_col_risk", "html_col_where", "html_col_first_action",
                        "html_col_policy"})
    o_ += "<th>" + w(k) + "</th>";
  o_ += "</tr></thead>\n<tbody>\n";
  for (const auto& r : p_.top_risk) {
    HtmlItemMeta meta;
    if (r.failure_mode >= 0) meta = p_.failure_modes[r.failure_mode];
    else if (r.policy >= 0) meta = p_.policies[r.policy];
    meta.severity = r.severity;
    std::string risk = r.failure_mode >= 0 ? fmt::format("<a href=\"#fm-{}\">{}</a>", r.failure_mode + 1, t(r.risk))
                                           : t(r.risk);
    o_ += fmt::format("<tr{}><td>{}</td><td class=\"sev sev{}\">{}</td><td>{}</td><td><code>{}</code></td><td>{}</td>"
                      "<td>{}</td></tr>\n",
                      filter_attrs(meta), r.rank, r.severity, severity(r.severity), risk, e(r.where),
                      t(r.first_action), r.policy >= 0 ? policy_link(r.policy) : std::string());
  }
  o_ += "</tbody>\n</table>\n</section>\n";
}

void Page::failure_modes() {
  o_ += fmt::format("<section id=\"failure-modes\">\n<h2>{}</h2>\n<ol>\n", w("label_section_1"));
  for (std::size_t i = 0; i < c_.failure_modes.size(); ++i) {
    const auto& f = c_.failure_modes[i];
    const auto& m = p_.failure_modes[i];
    o_ += fmt::format("<li class=\"item\" id=\"fm-{}\"{}><span class=\"sev sev{}\">{}</span> ", i + 1, filter_attrs(m),
                      m.severity, severity(m.severity));
    const std::string* parts[] = {&f.failure, &f.impact, &f.user_impact, &f.signal};
    for (int k = 0; k < 4; ++k)
      o_ += fmt::format("{}<b>{}</b> {}", k ? " / " : "", w(fmt::format("label_fm_part_{}", k)), t(*parts[k]));
    o_ += fmt::format(" <small class=\"id\">{}</small></li>\n", e(f.id));
  }
  o_ += "</ol>\n</section>\n";
}

void Page::policies() {
  o_ += fmt::format("<section id=\"policies\">\n<h2>{}</h2>\n", w("label_section_2"));
  for (std::size_t i = 0; i < c_.policies.size(); ++i) {
    const auto& p = c_.policies[i];
    const auto& m = p_.policies[i];
    o_ += fmt::format("<article class=\"item\" id=\"policy-{}\"{}>\n<h3>{} {} {} <span class=\"sev sev{}\">{}"
                      "</span> <span class=\"status\">{}</span></h3>\n<small class=\"id\">{}</small>\n<dl>\n",
                      i + 1, filter_attrs(m), policy_marker(static_cast<long long>(i + 1), w("label_policy_marker")),
                      w("label_policy_heading"), t(p.name), m.severity,
                      severity(m.severity), w("html_status_" + m.status), e(p.id));
    std::string tags;
    for (int s : p.surfaces) tags += (tags.empty() ? "" : ", ") + surface(s);
    o_ += fmt::format("<dt>{}</dt><dd>{}</dd>\n", w("label_field_0"), tags);
    const std::string* values[] = {&p.intent,      &p.protects,       &p.trigger,      &p.enforcement, &p.idempotency,
                                   &p.retry,       &p.reconciliation, &p.compensation, &p.exceptions,  &p.metrics};
    for (int k = 0; k < 10; ++k)
      o_ += fmt::format("<dt>{}</dt><dd>{}</dd>\n", w(fmt::format("label_field_{}", k + 1)), t(*values[k]));
    o_ += fmt::format("<dt>{}</dt><dd><ol>\n", w("label_field_11"));
    for (const auto& step : p.runbook) o_ += "<li>" + t(step) + "</li>\n";
    o_ += "</ol></dd>\n";
    if (p.uncertain) {
      o_ += fmt::format("<dt class=\"uncertain\">{}</dt><dd>{}<ul>\n", w("label_uncertain"), t(p.uncertain_text));
      for (const auto& q : p.questions) o_ += "<li>" + t(q) + "</li>\n";
      o_ += "</ul></dd>\n";
    }
    o_ += "</dl>\n</article>\n";
  }
  o_ += "</section>\n";
}

void Page::diagrams(const std::string& anchor, const std::string& title_key, const std::string& legend_key,
                    const std::vector<HtmlDiagram>& ds) {
  o_ += fmt::format("<section id=\"{}\">\n<h2>{}</h2>\n<p class=\"legend\">{}</p>\n", anchor, w(title_key),
                    w(legend_key));
  for (const auto& d : ds) {
    o_ += fmt::format("<figure id=\"{}\">\n<figcaption><b>{}</b> {}", e(d.anchor), e(d.title), e(d.caption));
    if (!d.policies.empty()) {
      o_ += fmt::format("<br><small>{}", w("html_named_by"));
      for (int i : d.policies) o_ += " " + fmt::format("<a href=\"#policy-{}\">#{}</a>", i + 1, i + 1);
      o_ += "</small>";
    }
    // The SVG comes from Graphviz, which escapes every label it writes.
    o_ += "</figcaption>\n<div class=\"diagram\">" + d.svg + "</div>\n</figure>\n";
  }
  o_ += "</section>\n";
}

void Page::ledger_map() {
  o_ += fmt::format("<section id=\"ledger-map\">\n<h2>{}</h2>\n<table>\n<thead><tr>", w("label_section_3"));
  for (int k = 0; k < 5; ++k) o_ += "<th>" + w(fmt::format("label_ledger_column_{}", k)) + "</th>";
  o_ += "</tr></thead>\n<tbody>\n";
  for (const auto& r : c_.ledger_map)
    o_ += fmt::format("<tr><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n", e(r.ledger),
                      t(r.invariant1), t(r.invariant2), t(r.signal), t(r.recovery));
  o_ += "</tbody>\n</table>\n</section>\n";
}

void Page::assumptions() {
  o_ += fmt::format("<section id=\"assumptions\">\n<h2>{}</h2>\n<ol>\n", w("label_section_0"));
  if (c_.assumptions.empty()) o_ += "<li>" + t(c_.no_assumptions) + "</li>\n";
  for (const auto& a : c_.assumptions) o_ += "<li>" + t(a.text) + "</li>\n";
  o_ += "</ol>\n</section>\n";
}

void Page::questions() {
  o_ += fmt::format("<section id=\"questions\">\n<h2>{}</h2>\n<ol>\n", w("label_section_4"));
  for (const auto& q : c_.questions) o_ += "<li>" + t(q.text) + "</li>\n";
  o_ += "</ol>\n</section>\n";
}

void Page::coverage() {
  o_ += fmt::format("<section id=\"coverage\">\n<h2>{}</h2>\n", w("label_coverage_heading"));
  if (c_.coverage.empty()) {
    o_ += "</section>\n";
    return;
  }
  o_ += "<table>\n<thead><tr>";
  for (int k = 0; k < 5; ++k) o_ += "<th>" + w(fmt::format("label_coverage_column_{}", k)) + "</th>";
  o_ += "</tr></thead>\n<tbody>\n";
  for (const auto& b : c_.coverage) {
    std::string fms, pols;
    for (const auto& id : b.failure_modes) fms += (fms.empty() ? "" : ", ") + e(id);
    for (const auto& id : b.policies) pols += (pols.empty() ? "" : ", ") + e(id);
    o_ += fmt::format("<tr><td>{} {}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n", e(b.breach),
                      t(b.title), e(b.kind), fms, pols, b.gap ? w("label_gap") : w("html_covered"));
  }
  o_ += "</tbody>\n</table>\n</section>\n";
}

std::string Page::render() {
  o_ += fmt::format("<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n", e(c_.lang));
  // Nothing may be fetched: styles and script are inline, the diagrams are inline SVG.
  o_ += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
        "script-src 'unsafe-inline'; img-src data:\">\n";
  o_ += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  o_ += fmt::format("<meta name=\"generator\" content=\"policyforge {}\">\n", e(c_.engine_version));
  o_ += fmt::format("<title>{} — {}</title>\n<style>\n{}</style>\n</head>\n<body>\n", e(c_.service_name),
                    w("label_title"), html_style());
  header();
  o_ += "<div class=\"layout\">\n<aside>\n";
  filters();
  contents();
  o_ += "</aside>\n<main>\n";
  top_risk();
  assumptions();
  failure_modes();
  policies();
  diagrams("flows", "html_flows", "html_legend_flows", p_.flows);
  diagrams("lifecycles", "html_lifecycles", "html_legend_lifecycles", p_.lifecycles);
  ledger_map();
  questions();
  coverage();
  o_ += fmt::format("</main>\n</div>\n<script>\n{}</script>\n</body>\n</html>\n", html_script());
  return std::move(o_);
}

}  // namespace

std::string render_html(const HtmlPage& page) { return Page(page).render(); }

}  // namespace pf
