#include "synth/fill.h"

#include <algorithm>
#include <cmath>
#include <string_view>
#include <unordered_set>
#include <vector>
#include <fmt/format.h>

#include "match/resolve.h"

namespace pf {

namespace {

// `whole` is a finite whole number, possibly beyond the range of long long (no cast needed).
std::string group_digits(double whole) {
  std::string s = fmt::format("{:.0f}", std::fabs(whole));
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (i && (s.size() - i) % 3 == 0) out += ',';
    out += s[i];
  }
  return whole < 0 ? "-" + out : out;
}

}  // namespace

std::string format_duration(const Duration& given, const std::string& lang, const FormatText& fx) {
  // A day or three with minutes or seconds on top reads as hours: "24 h 32 s", not "1 day 32 s"
  // (a sum of waits, such as a 24-hour deposit wait and a 32-second call, comes out so).
  Duration d = given;
  if (d.years == 0 && d.months == 0 && d.weeks == 0 && d.days > 0 && d.days <= 3 &&
      (d.minutes != 0 || d.seconds != 0 || d.millis != 0)) {
    d.hours += 24 * d.days;
    d.days = 0;
  }
  std::string out;
  auto add = [&](std::int64_t n, const std::string& unit) {
    if (n == 0) return;
    const Text* t = n == 1 ? fx.get("duration_" + unit + "_one", lang) : nullptr;
    if (!t || t->raw.empty()) t = fx.get("duration_" + unit, lang);
    std::string word = t ? t->raw : "{n}";
    std::string num = std::to_string(n);
    for (std::size_t at = word.find("{n}"); at != std::string::npos; at = word.find("{n}", at + num.size()))
      word.replace(at, 3, num);
    if (!out.empty()) out += ' ';
    out += word;
  };
  add(d.years, "year");
  add(d.months, "month");
  add(d.weeks, "week");
  add(d.days, "day");
  add(d.hours, "hour");
  add(d.minutes, "minute");
  add(d.seconds, "second");
  add(d.millis, "millis");
  if (out.empty()) {
    const Text* zero = fx.get("duration_zero", lang);
    out = zero ? zero->raw : "0";
  }
  return out;
}

std::string render_value(const Value& v, const std::string& lang, const FormatText& fx) {
  return render_value(v, lang, fx, 6);
}

std::string render_value(const Value& v, const std::string& lang, const FormatText& fx, std::size_t shown) {
  auto word = [&](const char* key, const char* neutral) {
    const Text* t = fx.get(key, lang);
    return t && !t->raw.empty() ? t->raw : std::string(neutral);
  };
  switch (v.type) {
    case Value::Type::Null: return "";
    case Value::Type::Bool: return v.b ? word("value_yes", "true") : word("value_no", "false");
    case Value::Type::Num: {
      double r = v.num;
      if (std::isfinite(r) && r == std::trunc(r)) return group_digits(r);
      return fmt::format("{:.1f}", r);
    }
    case Value::Type::Str: return v.str;  // escaped by each renderer (render/)
    case Value::Type::Dur: return format_duration(v.dur, lang, fx);
    case Value::Type::Ref: return "`" + v.ref->key + "`";
    case Value::Type::List: {
      // The distinct values, counted; only the first shown + 1 can be named, so only they are
      // kept. A ref is written `key`: refs are told apart by their key, without writing each
      // (a merged item's list holds thousands). The sets are only asked, never listed: no hash
      // order reaches the text.
      std::vector<std::string> items;
      std::size_t n = 0;
      std::unordered_set<std::string_view> ref_keys;
      std::unordered_set<std::string> others;  // the text of every other value
      ref_keys.reserve(v.list.size());
      for (const auto& x : v.list) {
        if (x.is_null()) continue;
        if (x.type == Value::Type::Ref) {
          const std::string& k = x.ref->key;
          if (ref_keys.count(k) || (!others.empty() && others.count("`" + k + "`"))) continue;
          ref_keys.insert(k);
          if (++n <= shown + 1) items.push_back(render_value(x, lang, fx));
          continue;
        }
        std::string r = render_value(x, lang, fx);
        if (r.empty()) continue;
        bool as_ref = r.size() >= 2 && r.front() == '`' && r.back() == '`' &&
                      ref_keys.count(std::string_view(r).substr(1, r.size() - 2));
        if (as_ref || !others.insert(r).second) continue;
        if (++n <= shown + 1) items.push_back(std::move(r));
      }
      // "and 1 more" says no less than the one value itself: then the value is named.
      const std::size_t kShown = std::max<std::size_t>(1, n == shown + 1 ? n : shown);
      // "a, b and c": the last two of a list shown whole are joined by the language's word.
      const Text* last = n > 1 && n <= kShown ? fx.get("list_last_separator", lang) : nullptr;
      std::string out;
      for (std::size_t i = 0; i < n && i < kShown; ++i) {
        if (i) out += last && i + 1 == n && !last->raw.empty() ? last->raw : ", ";
        out += items[i];
      }
      if (n > kShown) {
        const Text* more = fx.get("more_items", lang);
        Bindings count{{"n", Value::number(static_cast<double>(n - kShown))}};
        out += more && !more->raw.empty() ? render_text(*more, count, lang, fx) : fmt::format(" +{}", n - kShown);
      }
      return out;
    }
  }
  return "";
}

namespace {

/// Attributes whose string values the library words (see render_text).
bool worded(std::string_view attr) { return attr == "unit" || attr == "by"; }

/// The distinct elements of a list of refs, all of one kind; empty otherwise.
std::vector<const Element*> element_list(const Value& v, Kind& kind) {
  std::vector<const Element*> out;
  if (v.type != Value::Type::List) return out;
  if (v.list.empty() || v.list.front().type != Value::Type::Ref) return out;
  std::unordered_set<const Element*> seen;  // only asked, never listed
  seen.reserve(v.list.size());
  for (const auto& x : v.list) {
    if (x.type != Value::Type::Ref) return {};
    if (!out.empty() && x.ref->kind != kind) return {};
    kind = x.ref->kind;
    if (seen.insert(x.ref).second) out.push_back(x.ref);
  }
  return out;
}

}  // namespace

std::string render_text(const Text& t, const Bindings& b, const std::string& lang, const FormatText& fmtx,
                        RenderState& state) {
  std::string out;
  for (std::size_t i = 0; i < t.parts.size(); ++i) {
    const auto& part = t.parts[i];
    if (auto* s = std::get_if<std::string>(&part)) {
      out += *s;
      continue;
    }
    const auto& ph = std::get<Placeholder>(part);
    Value scratch;
    const Value& v = *resolve_in_place(nullptr, b, ph.path, scratch);
    std::string r;
    Kind kind = Kind::Service;
    auto elems = element_list(v, kind);
    if (elems.size() >= 3 && (state.in_name || state.shown.count(ph.path.text))) {
      std::string key = std::string(state.in_name ? "count_" : "again_") + std::string(kind_name(kind));
      // When the template already names the kind right after ("{step} 단계가"), say the count
      // without the noun ("앞서 든 7개 단계가", not "앞의 단계 7개 단계가").
      const Text* noun = fmtx.get("noun_" + std::string(kind_name(kind)), lang);
      const std::string* next = i + 1 < t.parts.size() ? std::get_if<std::string>(&t.parts[i + 1]) : nullptr;
      if (noun && !noun->raw.empty() && next && next->rfind(" " + noun->raw, 0) == 0) key += "_bare";
      const Text* form = fmtx.get(key, lang);
      if (!form) form = fmtx.get(state.in_name ? "count_element" : "again_element", lang);
      if (form) r = render_text(*form, {{"n", Value::number(static_cast<double>(elems.size()))}}, lang, fmtx);
    }
    if (r.empty()) {
      if (ph.path.text == "findings" && v.type == Value::Type::List) {
        // Findings are sentences: joined by semicolons, each written once, at most max_findings.
        const std::size_t kShownFindings = state.max_findings;
        std::set<std::string> seen;
        std::size_t shown = 0, more = 0;
        for (const auto& x : v.list) {
          if (x.type != Value::Type::Str || !seen.insert(x.str).second) continue;
          if (shown++ < kShownFindings) r += (r.empty() ? "" : "; ") + x.str;
          else ++more;
        }
        if (more)
          if (const Text* tail = fmtx.get("more_findings", lang))
            r += render_text(*tail, {{"n", Value::number(static_cast<double>(more))}}, lang, fmtx);
      } else if (ph.path.parts.size() > 1 && worded(ph.path.parts.back()) &&
                 (v.type == Value::Type::Str || v.type == Value::Type::List)) {
        // Values the library words: the model's unit as the glossary's noun for it (seat -> 좌석)
        // and who drives a transition as format.yaml's "by:" words (timer -> 타이머); a value
        // with no word (a step's key) is written as is.
        const std::string prefix = std::string(ph.path.parts.back()) + ":";
        auto word_of = [&](const Value& x) {
          if (x.type != Value::Type::Str) return x;
          const Text* w = fmtx.get(prefix + x.str, lang);
          return w && !w->raw.empty() ? Value::string(w->raw) : x;
        };
        if (v.type == Value::Type::Str) {
          r = render_value(word_of(v), lang, fmtx);
        } else {
          Value words = v;
          for (auto& x : words.list) x = word_of(x);
          r = render_value(words, lang, fmtx, state.max_list);
        }
      } else {
        r = render_value(v, lang, fmtx, state.max_list);
      }
      if (elems.size() >= 3 && !state.in_name) state.shown.insert(ph.path.text);
    }
    if (r.empty()) {
      if (ph.has_fallback) r = ph.fallback;
      else if (const Text* u = fmtx.get("unspecified", lang)) r = u->raw;
    }
    out += r;
  }
  return out;
}

std::string render_text(const Text& t, const Bindings& b, const std::string& lang, const FormatText& fmtx) {
  RenderState fresh;
  return render_text(t, b, lang, fmtx, fresh);
}

Bindings item_bindings(const Group& g, const std::string& lang, const FormatText& fx, FindingMemo* memo) {
  Bindings b = g.bindings;
  std::vector<std::string> findings;
  if (g.rule->finding) {
    findings.reserve(g.matches.size());
    for (const MatchResult* m : g.matches) {
      if (!memo) {
        findings.push_back(render_text(g.rule->finding->in(lang), m->bindings, lang, fx));
        continue;
      }
      auto it = memo->find(m);
      if (it == memo->end()) it = memo->emplace(m, render_text(g.rule->finding->in(lang), m->bindings, lang, fx)).first;
      findings.push_back(it->second);
    }
  }
  b["findings"] = Value::strings(findings);
  return b;
}

}  // namespace pf
