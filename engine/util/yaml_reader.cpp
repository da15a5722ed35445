#include "util/yaml_reader.h"

#include "model/limits.h"

#include <cerrno>
#include <cmath>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cstdlib>
#include <fmt/format.h>
#include <fstream>
#include <sstream>

namespace pf {

namespace {
using limits::kMaxDepth;
using limits::kMaxInputBytes;

// Tags beyond YAML's core schema (`!!python/object`, `!local`) ask a loader to build objects;
// this engine reads plain data only, so they are refused rather than silently ignored.
bool core_tag(const std::string& tag) {
  static const char* const kCore[] = {"str", "int", "float", "bool", "null", "map", "seq"};
  if (tag.empty() || tag == "?" || tag == "!") return true;
  const std::string prefix = "tag:yaml.org,2002:";
  if (tag.rfind(prefix, 0) != 0) return false;
  for (const char* c : kCore)
    if (tag.compare(prefix.size(), std::string::npos, c) == 0) return true;
  return false;
}
}  // namespace

YamlCtx::YamlCtx(Diagnostics& diags, std::string file, std::size_t node_budget)
    : diags_(diags), file_(std::make_shared<const std::string>(std::move(file))), budget_(node_budget) {}

Loc YamlCtx::loc(const YAML::Node& n) const {
  YAML::Mark m = n.Mark();
  if (m.line < 0) return Loc{file_, 0, 0};
  return Loc{file_, m.line + 1, m.column + 1};
}

Loc YamlCtx::file_loc(int line, int col) const { return Loc{file_, line, col}; }

bool YamlCtx::visit(const YAML::Node& n) {
  if (exhausted_) return false;
  if (budget_ == 0) {
    exhausted_ = true;
    diags_.error(loc(n), "document too large: more nodes than the limit (aliases count each time they are used)");
    return false;
  }
  --budget_;
  if (!core_tag(n.Tag())) {
    std::string tag = n.Tag().rfind("tag:yaml.org,2002:", 0) == 0 ? "!!" + n.Tag().substr(18) : n.Tag();
    diags_.error(loc(n), fmt::format("YAML tag '{}' is not allowed: the model is plain data (strings, numbers, "
                                     "true/false, lists and mappings)", tag.substr(0, 64)));
  }
  if (n.IsScalar() && n.Scalar().size() > limits::kMaxScalarBytes)
    diags_.error(loc(n), fmt::format("value too long: {} bytes, the limit is {}", n.Scalar().size(),
                                     limits::kMaxScalarBytes));
  return true;
}

bool valid_id(std::string_view s) {
  if (s.empty() || s.size() > 128 || !(s[0] >= 'a' && s[0] <= 'z')) return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return true;
}

MapReader::MapReader(YamlCtx& ctx, const YAML::Node& node, std::string what, std::vector<std::string> allowed,
                     std::string_view name_key)
    : ctx_(ctx), what_(std::move(what)), loc_(ctx.loc(node)) {
  if (!node.IsDefined() || node.IsNull()) {
    ctx_.diags().error(loc_, fmt::format("{} is empty; a mapping is required", what_));
    return;
  }
  if (!node.IsMap()) {
    ctx_.diags().error(loc_, fmt::format("{} must be a mapping", what_));
    return;
  }
  if (!ctx_.visit(node)) return;
  ok_ = true;
  // Name the object by its id in every message, unknown keys included.
  if (what_.find('\'') == std::string::npos)
    for (auto it = node.begin(); it != node.end(); ++it)
      if (it->first.IsScalar() && it->first.Scalar() == name_key &&
          it->second.IsScalar() && valid_id(it->second.Scalar())) {
        what_ += " '" + it->second.Scalar() + "'";
        break;
      }
  for (auto it = node.begin(); it != node.end(); ++it) {
    if (!ctx_.visit(it->second)) {
      ok_ = false;
      return;
    }
    if (!it->first.IsScalar() || !ctx_.visit(it->first)) {
      if (!ctx_.exhausted()) ctx_.diags().error(ctx_.loc(it->first), fmt::format("{}: keys must be plain words", what_));
      continue;
    }
    std::string key = it->first.Scalar();
    if (find(key)) {
      ctx_.diags().error(ctx_.loc(it->first), fmt::format("duplicate key '{}' in {}", key, what_));
      continue;
    }
    bool known = false;
    for (const auto& a : allowed) known = known || a == key;
    if (!known) {
      std::string hint = closest(key, allowed);
      ctx_.diags().error(ctx_.loc(it->first), fmt::format("unknown key '{}' in {}", key, what_),
                         hint.empty() ? std::string() : fmt::format("did you mean '{}'?", hint));
      continue;
    }
    entries_.push_back({key, it->first, it->second});
  }
}

const MapReader::Entry* MapReader::find(std::string_view key) const {
  for (const auto& e : entries_)
    if (e.key == key) return &e;
  return nullptr;
}

bool MapReader::has(std::string_view key) const {
  const Entry* e = find(key);
  return e && !e->v.IsNull();
}

YAML::Node MapReader::get(std::string_view key) const {
  const Entry* e = find(key);
  return e ? e->v : YAML::Node(YAML::NodeType::Null);
}

std::vector<std::string> MapReader::keys() const {
  std::vector<std::string> out;
  for (const auto& e : entries_) out.push_back(e.key);
  return out;
}

Loc MapReader::key_loc(std::string_view key) const {
  const Entry* e = find(key);
  return e ? ctx_.loc(e->k) : loc_;
}

Loc MapReader::value_loc(std::string_view key) const {
  const Entry* e = find(key);
  if (!e) return loc_;
  Loc l = ctx_.loc(e->v);
  return l.line > 0 ? l : ctx_.loc(e->k);
}

void MapReader::missing(std::string_view key) {
  ctx_.diags().error(loc_, fmt::format("{} has no '{}'", what_, key));
}

std::optional<std::string> MapReader::one_of(std::string_view key, std::string_view name,
                                             const std::vector<std::string>& values, bool required) {
  auto s = scalar(key, required);
  if (!s) return std::nullopt;
  for (const auto& v : values)
    if (v == *s) return s;
  std::string hint = closest(*s, values);
  std::string all;
  for (const auto& v : values) all += (all.empty() ? "" : ", ") + v;
  ctx_.diags().error(value_loc(key), fmt::format("unknown {} '{}' in {}", name, *s, what_),
                     hint.empty() ? fmt::format("expected one of: {}", all) : fmt::format("did you mean '{}'?", hint));
  return std::nullopt;
}

std::string MapReader::id(std::string_view key) {
  auto s = scalar(key, true);
  if (!s) return {};
  if (!valid_id(*s)) {
    ctx_.diags().error(value_loc(key), fmt::format("invalid id '{}' in {}: ids match [a-z][a-z0-9_]*", *s, what_));
    return {};
  }
  return *s;
}

std::optional<std::pair<std::string, Loc>> scalar_name(YamlCtx& ctx, const YAML::Node& n, const std::string& what) {
  if (!ctx.visit(n)) return std::nullopt;
  if (!n.IsScalar() || n.Scalar().empty()) {
    ctx.diags().error(ctx.loc(n), fmt::format("{} must be a name", what));
    return std::nullopt;
  }
  if (const char* type = plain_non_text(n)) {
    ctx.diags().error(ctx.loc(n), fmt::format("{} must be text, not {} ({})", what, type, n.Scalar()),
                      fmt::format("write it in quotes: \"{}\"", n.Scalar()));
    return std::nullopt;
  }
  return std::make_pair(n.Scalar(), ctx.loc(n));
}

std::vector<YAML::Node> MapReader::seq(std::string_view key, bool required) {
  std::vector<YAML::Node> out;
  const Entry* e = find(key);
  if (!e) {
    if (required) missing(key);
    return out;
  }
  if (e->v.IsNull()) {
    ctx_.diags().error(key_loc(key), fmt::format("'{}' of {} has no value", key, what_), "give it a list or remove the key");
    return out;
  }
  if (!e->v.IsSequence()) {
    ctx_.diags().error(value_loc(key), fmt::format("'{}' of {} must be a list", key, what_));
    return out;
  }
  for (const auto& item : e->v) {
    if (out.size() == limits::kMaxListItems) {
      ctx_.diags().error(ctx_.loc(item), fmt::format("'{}' of {} has more than {} items", key, what_,
                                                     limits::kMaxListItems));
      break;
    }
    if (!ctx_.visit(item)) break;
    out.push_back(item);
  }
  if (required && out.empty())
    ctx_.diags().error(value_loc(key), fmt::format("'{}' of {} must not be empty", key, what_));
  return out;
}

std::vector<std::pair<std::string, Loc>> MapReader::scalar_list(std::string_view key, bool required) {
  std::vector<std::pair<std::string, Loc>> out;
  for (const auto& n : seq(key, required))
    if (auto s = scalar_name(ctx_, n, fmt::format("an entry of '{}' in {}", key, what_))) out.push_back(std::move(*s));
  return out;
}

std::vector<std::string> MapReader::str_list(std::string_view key) {
  std::vector<std::string> out;
  for (auto& [name, loc] : scalar_list(key)) out.push_back(std::move(name));
  return out;
}

namespace {

// Byte-level checks before yaml-cpp sees the text: yaml-cpp recurses per nesting level and
// accepts bytes that later break JSON output, so both are refused here with a location.
bool precheck(YamlCtx& ctx, const std::string& text) {
  if (text.size() > kMaxInputBytes) {
    ctx.diags().error(ctx.file_loc(), fmt::format("file too large: {} bytes, the limit is {}", text.size(),
                                                  kMaxInputBytes));
    return false;
  }
  int line = 1, col = 1;
  int flow_depth = 0;
  std::vector<int> indents;
  bool at_line_start = true;
  int indent = 0;
  char quote = 0;
  bool comment = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == 0) {
      ctx.diags().error(ctx.file_loc(line, col), "NUL byte in input");
      return false;
    }
    if (c >= 0x80) {
      int n = (c >= 0xF0 && c <= 0xF4) ? 3 : (c >= 0xE0 && c < 0xF0) ? 2 : (c >= 0xC2 && c < 0xE0) ? 1 : -1;
      bool ok = n > 0;
      for (int k = 1; ok && k <= n; ++k) {
        if (i + k >= text.size() || (static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) ok = false;
      }
      // No overlong forms, UTF-16 surrogates or code points past U+10FFFF (RFC 3629).
      unsigned char c1 = ok ? static_cast<unsigned char>(text[i + 1]) : 0;
      if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 > 0x9F) || (c == 0xF0 && c1 < 0x90) || (c == 0xF4 && c1 > 0x8F))
        ok = false;
      if (!ok) {
        ctx.diags().error(ctx.file_loc(line, col), "invalid UTF-8 byte sequence in input");
        return false;
      }
      i += n;
      col += n + 1;  // columns count bytes, as yaml-cpp's marks do
      at_line_start = false;
      continue;
    }
    if (c == '\n') {
      ++line;
      col = 1;
      at_line_start = true;
      indent = 0;
      comment = false;
      if (quote == '\'' || quote == '"') continue;
      quote = 0;
      continue;
    }
    if (at_line_start) {
      if (c == ' ' || c == '-') {
        ++indent;
        ++col;
        continue;
      }
      at_line_start = false;
      if (c != '#' && c != '\r' && flow_depth == 0 && !quote) {
        while (!indents.empty() && indents.back() >= indent) indents.pop_back();
        indents.push_back(indent);
        if (static_cast<int>(indents.size()) > kMaxDepth) {
          ctx.diags().error(ctx.file_loc(line, col), fmt::format("nesting deeper than {} levels", kMaxDepth));
          return false;
        }
      }
    }
    if (!comment) {
      if (quote) {
        if (c == static_cast<unsigned char>(quote)) quote = 0;
      } else if (c == '#') {
        comment = true;
      } else if (c == '"' || c == '\'') {
        quote = static_cast<char>(c);
      } else if (c == '[' || c == '{') {
        if (++flow_depth > kMaxDepth) {
          ctx.diags().error(ctx.file_loc(line, col), fmt::format("nesting deeper than {} levels", kMaxDepth));
          return false;
        }
      } else if ((c == ']' || c == '}') && flow_depth > 0) {
        --flow_depth;
      }
    }
    ++col;
  }
  return true;
}

// Where the second document starts: its root's mark, or else the last '---' line.
Loc second_document(YamlCtx& ctx, const std::string& text, const YAML::Node& doc) {
  Loc l = ctx.loc(doc);
  if (l.line > 0) return l;
  int line = 1, found = 1;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((i == 0 || text[i - 1] == '\n') && text.compare(i, 3, "---") == 0) found = line;
    if (text[i] == '\n') ++line;
  }
  return ctx.file_loc(found, 1);
}

// yaml-cpp 0.7's LoadAll never returns when a document's first token is ',' (a flow entry
// outside any flow collection): it yields empty documents for ever without consuming it. No
// YAML document can start with ',', so such input is refused here with its place. Lines that
// are blank, comments or directives, and '---' or '...' markers alone on their line, come before
// a document's first token.
std::optional<Loc> comma_starts_document(YamlCtx& ctx, const std::string& text) {
  bool doc_start = true;
  int line = 1;
  for (std::size_t at = 0; at <= text.size(); ++line) {
    std::size_t end = text.find('\n', at);
    if (end == std::string::npos) end = text.size();
    std::size_t i = text.find_first_not_of(" \t\r", at);
    if (i < end && doc_start && text[i] == ',') return ctx.file_loc(line, static_cast<int>(i - at) + 1);
    if (i < end && text[i] != '#' && !(doc_start && text[i] == '%')) {
      bool marker = i == at && end - at >= 3 && (text.compare(at, 3, "---") == 0 || text.compare(at, 3, "...") == 0) &&
                    (end - at == 3 || text[at + 3] == ' ' || text[at + 3] == '\t' || text[at + 3] == '\r');
      if (marker) {
        std::size_t rest = text.find_first_not_of(" \t\r", at + 3);
        doc_start = true;
        if (rest < end && text[rest] == ',') return ctx.file_loc(line, static_cast<int>(rest - at) + 1);
        if (rest < end && text[rest] != '#') doc_start = false;
      } else {
        doc_start = false;
      }
    }
    at = end + 1;
  }
  return std::nullopt;
}

}  // namespace

std::optional<YAML::Node> parse_yaml(YamlCtx& ctx, const std::string& raw) {
  std::string text = raw;
  if (text.size() >= 3 && text.compare(0, 3, "\xEF\xBB\xBF") == 0) text.erase(0, 3);
  if (!precheck(ctx, text)) return std::nullopt;
  if (auto l = comma_starts_document(ctx, text)) {
    ctx.diags().error(*l, "YAML syntax error: ',' cannot start a document");
    return std::nullopt;
  }
  try {
    std::vector<YAML::Node> docs = YAML::LoadAll(text);
    if (docs.size() > 1) {
      ctx.diags().error(second_document(ctx, text, docs[1]),
                        "a second YAML document ('---'): a file holds one model");
      return std::nullopt;
    }
    YAML::Node root = docs.empty() ? YAML::Node() : docs.front();
    if (!root.IsDefined() || root.IsNull()) {
      ctx.diags().error(ctx.file_loc(), "empty document: a mapping is required");
      return std::nullopt;
    }
    return root;
  } catch (const YAML::Exception& e) {
    Loc l = ctx.file_loc(e.mark.line >= 0 ? e.mark.line + 1 : 1, e.mark.column >= 0 ? e.mark.column + 1 : 1);
    ctx.diags().error(l, fmt::format("YAML syntax error: {}", e.msg));
    return std::nullopt;
  } catch (const std::exception& e) {
    ctx.diags().error(ctx.file_loc(), fmt::format("cannot parse YAML: {}", e.what()));
    return std::nullopt;
  }
}

std::optional<std::string> read_whole_file(const std::string& path) {
  // One allocation of the file's size and read(2) straight into it (a stream copy through an
  // ostringstream cost as much as parsing a small model); a file that grows or has no size
  // (a pipe) is read on until its end.
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  struct stat st {};
  std::string out;
  std::size_t want = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 ? static_cast<std::size_t>(st.st_size) : 0;
  out.resize(want + 1);
  std::size_t got = 0;
  for (;;) {
    if (got == out.size()) out.resize(out.size() * 2 + 4096);
    ssize_t n = ::read(fd, out.data() + got, out.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;  // the end, or an error such as a directory's: what was read, as a stream reads it
    got += static_cast<std::size_t>(n);
  }
  ::close(fd);
  out.resize(got);
  return out;
}

std::optional<std::string> read_file(const std::string& path, Diagnostics& diags) {
  auto text = read_whole_file(path);
  if (!text) diags.error(Loc{std::make_shared<const std::string>(path), 0, 0}, "cannot open file");
  return text;
}

std::optional<YamlDoc> open_yaml_file(const std::string& path, Diagnostics& diags) {
  auto text = read_file(path, diags);
  if (!text) return std::nullopt;
  return open_yaml_text(path, *text, diags);
}

std::optional<YamlDoc> open_yaml_text(const std::string& path, const std::string& text, Diagnostics& diags) {
  diags.add_source(path, text);
  YamlDoc doc{std::make_unique<YamlCtx>(diags, path), {}};
  auto root = parse_yaml(*doc.ctx, text);
  if (!root) return std::nullopt;
  doc.root = *root;
  return doc;
}

}  // namespace pf
