#include "library/cache.h"

#include <algorithm>
#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cstring>
#include <regex>

#include <fmt/format.h>
#include <openssl/evp.h>


namespace pf::cache {

// The encoding below names every field of these structures. A field added to one of them must
// be added here too (and kLibraryCacheFormat bumped), or a cached run would lose it: these
// sizes make the build say so on the platform the project builds on.
#if defined(__x86_64__) && defined(__GLIBCXX__) && !defined(_GLIBCXX_DEBUG)
static_assert(sizeof(Loc) == 24, "Loc changed: update library/cache.cpp");
// Path also holds the attribute numbers of its parts, filled on first resolve: never encoded.
static_assert(sizeof(Path) == 112, "Path changed: update library/cache.cpp");
static_assert(sizeof(Literal) == 128, "Literal changed: update library/cache.cpp");
static_assert(sizeof(Test) == 32, "Test changed: update library/cache.cpp");
static_assert(sizeof(Condition) == 240, "Condition changed: update library/cache.cpp");
static_assert(sizeof(Placeholder) == 152, "Placeholder changed: update library/cache.cpp");
static_assert(sizeof(Text) == 80, "Text changed: update library/cache.cpp");
static_assert(sizeof(EmitText) == 184, "EmitText changed: update library/cache.cpp");
static_assert(sizeof(Rule) == 760, "Rule changed: update library/cache.cpp");
static_assert(sizeof(PolicyText) == 1008, "PolicyText changed: update library/cache.cpp");
static_assert(sizeof(PolicyTemplate) == 2160, "PolicyTemplate changed: update library/cache.cpp");
static_assert(sizeof(FailureModeText) == 672, "FailureModeText changed: update library/cache.cpp");
static_assert(sizeof(FailureModeTemplate) == 1432, "FailureModeTemplate changed: update library/cache.cpp");
static_assert(sizeof(LedgerRowText) == 320, "LedgerRowText changed: update library/cache.cpp");
static_assert(sizeof(LedgerRowTemplate) == 728, "LedgerRowTemplate changed: update library/cache.cpp");
static_assert(sizeof(GlossaryCheck) == 136, "GlossaryCheck changed: update library/cache.cpp");
static_assert(sizeof(Glossary) == 96, "Glossary changed: update library/cache.cpp");
#endif

namespace {
constexpr int kMaxDepth = 64;  // conditions nest far less; a deeper cache is corrupt
constexpr char kMagic[8] = {'P', 'F', 'L', 'I', 'B', 'C', 'C', '\n'};
}  // namespace

// ---- Writer ----

Writer::Writer(const std::vector<std::string>& files) : files_(files) {}

void Writer::u32(std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out_.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

void Writer::str(std::string_view s) {
  u32(static_cast<std::uint32_t>(s.size()));
  out_.append(s);
}

void Writer::file(const std::string& path) {
  auto it = std::find(files_.begin(), files_.end(), path);
  if (it == files_.end()) {
    ok_ = false;
    u32(0);
    return;
  }
  u32(static_cast<std::uint32_t>(it - files_.begin()) + 1);
}

void Writer::loc(const Loc& l) {
  if (!l.file) u32(0);
  else file(*l.file);
  i32(l.line);
  i32(l.col);
}

void Writer::path(const Path& p) {
  str(p.text);
  boolean(p.from_binding);
  u32(static_cast<std::uint32_t>(p.parts.size()));
  for (const auto& s : p.parts) str(s);
  loc(p.loc);
}

void Writer::text(const Text& t) {
  str(t.raw);
  loc(t.loc);
  u32(static_cast<std::uint32_t>(t.parts.size()));
  for (const auto& part : t.parts) {
    if (const auto* s = std::get_if<std::string>(&part)) {
      boolean(false);
      str(*s);
    } else {
      const auto& ph = std::get<Placeholder>(part);
      boolean(true);
      path(ph.path);
      str(ph.fallback);
      boolean(ph.has_fallback);
    }
  }
}

void Writer::conditions(const std::vector<Condition>& cs) {
  u32(static_cast<std::uint32_t>(cs.size()));
  for (const auto& c : cs) {
    u32(static_cast<std::uint32_t>(c.type));
    path(c.path);
    u32(static_cast<std::uint32_t>(c.tests.size()));
    for (const auto& t : c.tests) {
      u32(static_cast<std::uint32_t>(t.op));
      u32(static_cast<std::uint32_t>(t.args.size()));
      for (const auto& a : t.args) str(a.text);  // the other forms are derived from the text
    }
    conditions(c.children);
    boolean(c.every);
    str(c.bind);
    loc(c.loc);
    i32(c.serial);
  }
}

namespace {
void strings(Writer& w, const std::vector<std::string>& v) {
  w.u32(static_cast<std::uint32_t>(v.size()));
  for (const auto& s : v) w.str(s);
}
void texts(Writer& w, const std::vector<Text>& v) {
  w.u32(static_cast<std::uint32_t>(v.size()));
  for (const auto& t : v) w.text(t);
}
void emits(Writer& w, const std::vector<EmitText>& v) {
  w.u32(static_cast<std::uint32_t>(v.size()));
  for (const auto& e : v) {
    w.lang(e.text);
    w.conditions(e.when);
  }
}
}  // namespace

void Writer::rule(const Rule& r) {
  for (const auto* s : {&r.id, &r.title, &r.area, &r.severity, &r.intent}) str(*s);
  i32(r.severity_rank);
  u32(static_cast<std::uint32_t>(r.surfaces.size()));
  for (int s : r.surfaces) i32(s);
  strings(*this, r.addresses);
  strings(*this, r.references);
  str(r.rule_class);
  strings(*this, r.supersedes);
  u32(static_cast<std::uint32_t>(r.each));
  conditions(r.where);
  u32(static_cast<std::uint32_t>(r.let.size()));
  for (const auto& [name, p] : r.let) {
    str(name);
    path(p);
  }
  boolean(r.group);
  str(r.failure_mode);
  str(r.policy);
  str(r.ledger_row);
  emits(*this, r.questions);
  emits(*this, r.assumptions);
  boolean(r.finding.has_value());
  if (r.finding) lang(*r.finding);
  conditions(r.uncertain_when);
  boolean(r.may_be_uncertain);
  file(r.file);
  loc(r.loc);
}

void Writer::policy(const PolicyTemplate& t) {
  str(t.id);
  file(t.file);
  for (const PolicyText* p : {&t.ko, &t.en}) {
    for (const Text* x : {&p->name, &p->intent, &p->protects, &p->trigger, &p->enforcement, &p->idempotency, &p->retry,
                          &p->reconciliation, &p->compensation, &p->exceptions, &p->metrics})
      text(*x);
    texts(*this, p->runbook);
    text(p->uncertain);
    texts(*this, p->uncertain_questions);
  }
  conditions(t.uncertain_when);
  boolean(t.has_uncertain);
  strings(*this, t.references);
  loc(t.loc);
}

void Writer::failure_mode(const FailureModeTemplate& t) {
  str(t.id);
  file(t.file);
  for (const FailureModeText* f : {&t.ko, &t.en}) {
    for (const Text* x : {&f->failure, &f->impact, &f->user_impact, &f->signal, &f->brief_failure, &f->brief_impact,
                          &f->brief_user_impact, &f->brief_signal})
      text(*x);
    str(f->brief);
  }
  loc(t.loc);
}

void Writer::ledger_row(const LedgerRowTemplate& t) {
  str(t.id);
  file(t.file);
  for (const LedgerRowText* f : {&t.ko, &t.en})
    for (const Text* x : {&f->invariant1, &f->invariant2, &f->signal, &f->recovery}) text(*x);
  loc(t.loc);
}

void Writer::format(const FormatText& f) {
  u32(static_cast<std::uint32_t>(f.texts.size()));
  for (const auto& [k, t] : f.texts) {
    str(k);
    lang(t);
  }
}

void Writer::glossary(const Glossary& g) {
  for (const auto* list : {&g.avoid, &g.code}) {
    u32(static_cast<std::uint32_t>(list->size()));
    for (const auto& c : *list) {
      str(c.text);
      str(c.lang);
      str(c.instead);
      boolean(c.is_regex);
    }
  }
  u32(static_cast<std::uint32_t>(g.units.size()));
  for (const auto& [k, t] : g.units) {
    str(k);
    lang(t);
  }
}

// ---- Reader ----

Reader::Reader(std::string_view data, const std::vector<std::shared_ptr<const std::string>>& files)
    : begin_(data.data()), p_(data.data()), end_(data.data() + data.size()), files_(files) {}

std::uint32_t Reader::u32() {
  if (end_ - p_ < 4) {
    fail();
    return 0;
  }
  std::uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v |= static_cast<std::uint32_t>(static_cast<unsigned char>(p_[i])) << (8 * i);
  p_ += 4;
  return v;
}

bool Reader::boolean() {
  if (p_ == end_) {
    fail();
    return false;
  }
  unsigned char c = static_cast<unsigned char>(*p_++);
  if (c > 1) fail();
  return c == 1;
}

std::uint32_t Reader::count(std::size_t min_bytes) {
  std::uint32_t n = u32();
  if (static_cast<std::size_t>(end_ - p_) / std::max<std::size_t>(min_bytes, 1) < n) {
    fail();
    return 0;
  }
  return n;
}

std::string Reader::str() {
  std::uint32_t n = count(1);
  std::string s(p_, n);
  p_ += n;
  return s;
}

std::string Reader::file() {
  std::uint32_t i = u32();
  if (i == 0 || i > files_.size()) {
    fail();
    return {};
  }
  return *files_[i - 1];
}

Loc Reader::loc() {
  Loc l;
  std::uint32_t i = u32();
  if (i > files_.size()) fail();
  else if (i > 0) l.file = files_[i - 1];
  l.line = i32();
  l.col = i32();
  return l;
}

Path Reader::path() {
  Path p;
  p.text = str();
  p.from_binding = boolean();
  std::uint32_t n = count(4);
  p.parts.reserve(n);
  for (std::uint32_t i = 0; i < n && ok_; ++i) p.parts.push_back(str());
  p.loc = loc();
  return p;
}

Text Reader::text() {
  Text t;
  t.raw = str();
  t.loc = loc();
  std::uint32_t n = count(5);
  t.parts.reserve(n);
  for (std::uint32_t i = 0; i < n && ok_; ++i) {
    if (!boolean()) {
      t.parts.emplace_back(str());
    } else {
      Placeholder ph;
      ph.path = path();
      ph.fallback = str();
      ph.has_fallback = boolean();
      if (ph.path.parts.empty()) fail();
      t.parts.emplace_back(std::move(ph));
    }
  }
  return t;
}

std::vector<Condition> Reader::conditions(int depth) {
  std::vector<Condition> out;
  if (depth > kMaxDepth) {
    fail();
    return out;
  }
  std::uint32_t n = count(16);
  out.reserve(n);
  for (std::uint32_t i = 0; i < n && ok_; ++i) {
    Condition c;
    std::uint32_t type = u32();
    if (type > static_cast<std::uint32_t>(Condition::Type::After)) fail();
    c.type = static_cast<Condition::Type>(type);
    c.path = path();
    std::uint32_t nt = count(8);
    for (std::uint32_t k = 0; k < nt && ok_; ++k) {
      Test t;
      std::uint32_t op = u32();
      if (op > static_cast<std::uint32_t>(Test::Op::CountEq)) fail();
      t.op = static_cast<Test::Op>(op);
      std::uint32_t na = count(4);
      for (std::uint32_t a = 0; a < na && ok_; ++a) t.args.push_back(make_literal(str()));
      // What the rule loader guarantees, the matcher relies on: one argument at least, of the
      // form the operator takes.
      using Op = Test::Op;
      if (t.args.empty() || ((t.op == Op::Exists || t.op == Op::Empty) && !t.args[0].b) ||
          ((t.op == Op::CountGe || t.op == Op::CountLe || t.op == Op::CountEq) && !t.args[0].num) ||
          ((t.op == Op::Lt || t.op == Op::Le || t.op == Op::Gt || t.op == Op::Ge) && !t.args[0].num && !t.args[0].dur))
        fail();
      c.tests.push_back(std::move(t));
    }
    if (c.type == Condition::Type::Test && c.path.parts.empty()) fail();
    c.children = conditions(depth + 1);
    c.every = boolean();
    c.bind = str();
    c.loc = loc();
    c.serial = i32();
    out.push_back(std::move(c));
  }
  return out;
}

namespace {
std::vector<std::string> strings(Reader& r) {
  std::vector<std::string> v;
  std::uint32_t n = r.count(4);
  for (std::uint32_t i = 0; i < n && r.ok(); ++i) v.push_back(r.str());
  return v;
}
std::vector<Text> texts(Reader& r) {
  std::vector<Text> v;
  std::uint32_t n = r.count(16);
  for (std::uint32_t i = 0; i < n && r.ok(); ++i) v.push_back(r.text());
  return v;
}
std::vector<EmitText> emits(Reader& r) {
  std::vector<EmitText> v;
  std::uint32_t n = r.count(36);
  for (std::uint32_t i = 0; i < n && r.ok(); ++i) {
    EmitText e;
    e.text = r.lang();
    e.when = r.conditions();
    v.push_back(std::move(e));
  }
  return v;
}
}  // namespace

Rule Reader::rule() {
  Rule r;
  for (auto* s : {&r.id, &r.title, &r.area, &r.severity, &r.intent}) *s = str();
  r.severity_rank = i32();
  std::uint32_t n = count(4);
  for (std::uint32_t i = 0; i < n && ok_; ++i) {
    int k = i32();
    if (k < 1 || k > 12) fail();
    r.surfaces.push_back(k);
  }
  r.addresses = strings(*this);
  r.references = strings(*this);
  r.rule_class = str();
  r.supersedes = strings(*this);
  std::uint32_t each = u32();
  if (each >= kKindCount) fail();
  r.each = static_cast<Kind>(each);
  r.where = conditions();
  n = count(8);
  for (std::uint32_t i = 0; i < n && ok_; ++i) {
    std::string name = str();
    r.let.emplace_back(std::move(name), path());
    if (r.let.back().second.parts.empty()) fail();
  }
  r.group = boolean();
  r.failure_mode = str();
  r.policy = str();
  r.ledger_row = str();
  r.questions = emits(*this);
  r.assumptions = emits(*this);
  if (boolean()) r.finding = lang();
  r.uncertain_when = conditions();
  r.may_be_uncertain = boolean();
  r.file = file();
  r.loc = loc();
  return r;
}

PolicyTemplate Reader::policy() {
  PolicyTemplate t;
  t.id = str();
  t.file = file();
  for (PolicyText* p : {&t.ko, &t.en}) {
    for (Text* x : {&p->name, &p->intent, &p->protects, &p->trigger, &p->enforcement, &p->idempotency, &p->retry,
                    &p->reconciliation, &p->compensation, &p->exceptions, &p->metrics})
      *x = text();
    p->runbook = texts(*this);
    p->uncertain = text();
    p->uncertain_questions = texts(*this);
  }
  t.uncertain_when = conditions();
  t.has_uncertain = boolean();
  t.references = strings(*this);
  t.loc = loc();
  return t;
}

FailureModeTemplate Reader::failure_mode() {
  FailureModeTemplate t;
  t.id = str();
  t.file = file();
  for (FailureModeText* f : {&t.ko, &t.en}) {
    for (Text* x : {&f->failure, &f->impact, &f->user_impact, &f->signal, &f->brief_failure, &f->brief_impact,
                    &f->brief_user_impact, &f->brief_signal})
      *x = text();
    f->brief = str();
  }
  t.loc = loc();
  return t;
}

LedgerRowTemplate Reader::ledger_row() {
  LedgerRowTemplate t;
  t.id = str();
  t.file = file();
  for (LedgerRowText* f : {&t.ko, &t.en})
    for (Text* x : {&f->invariant1, &f->invariant2, &f->signal, &f->recovery}) *x = text();
  t.loc = loc();
  return t;
}

FormatText Reader::format() {
  FormatText f;
  std::uint32_t n = count(4);
  for (std::uint32_t i = 0; i < n && ok_; ++i) {
    std::string k = str();
    f.texts[k] = lang();
  }
  return f;
}

Glossary Reader::glossary() {
  Glossary g;
  for (auto* list : {&g.avoid, &g.code}) {
    std::uint32_t n = count(13);
    for (std::uint32_t i = 0; i < n && ok_; ++i) {
      GlossaryCheck c;
      c.text = str();
      c.lang = str();
      c.instead = str();
      c.is_regex = boolean();
      if (c.is_regex && ok_) {
        try {
          c.re = std::regex(c.text, std::regex::ECMAScript);
        } catch (const std::regex_error&) {
          fail();
        }
      }
      list->push_back(std::move(c));
    }
  }
  std::uint32_t n = count(4);
  for (std::uint32_t i = 0; i < n && ok_; ++i) {
    std::string k = str();
    g.units[k] = lang();
  }
  return g;
}

void renumber(std::vector<Condition>& cs, int& serial) {
  for (auto& c : cs) {
    c.serial = ++serial;
    renumber(c.children, serial);
  }
}

// ---- Hashes ----

KeyHasher::KeyHasher() : ctx_(EVP_MD_CTX_new()) {
  EVP_DigestInit_ex(static_cast<EVP_MD_CTX*>(ctx_), EVP_sha256(), nullptr);
}
KeyHasher::~KeyHasher() { EVP_MD_CTX_free(static_cast<EVP_MD_CTX*>(ctx_)); }
void KeyHasher::add(std::string_view bytes) { EVP_DigestUpdate(static_cast<EVP_MD_CTX*>(ctx_), bytes.data(), bytes.size()); }
std::string KeyHasher::hex() {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  EVP_DigestFinal_ex(static_cast<EVP_MD_CTX*>(ctx_), md, &n);
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < n; ++i) {
    out.push_back(digits[md[i] >> 4]);
    out.push_back(digits[md[i] & 15]);
  }
  return out;
}

std::string payload_checksum(std::string_view b) {
  // Four independent lanes of multiply-xorshift over 8-byte words, folded at the end: about a
  // byte per cycle, and any single changed bit changes the result.
  constexpr std::uint64_t k = 0x9E3779B97F4A7C15ULL;
  std::uint64_t lane[4] = {k, k ^ 1, k ^ 2, k ^ 3};
  std::size_t i = 0;
  auto word = [&](std::size_t at) {
    std::uint64_t w = 0;
    std::memcpy(&w, b.data() + at, 8);  // the machine's byte order: the cache is written and read here
    return w;
  };
  auto mix = [](std::uint64_t h, std::uint64_t w) {
    h ^= w;
    h *= 0xFF51AFD7ED558CCDULL;
    h ^= h >> 32;
    return h;
  };
  for (; i + 32 <= b.size(); i += 32)
    for (int l = 0; l < 4; ++l) lane[l] = mix(lane[l], word(i + 8 * l));
  std::uint64_t h = b.size();
  for (auto x : lane) h = mix(h, x);
  for (; i < b.size(); ++i) h = mix(h, static_cast<unsigned char>(b[i]) + 0x100);
  h = mix(h, h >> 29);
  return fmt::format("{:016x}", h);
}

// ---- Frame ----

}  // namespace pf::cache

namespace pf {

std::shared_ptr<const CacheBytes> read_cache_file(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return nullptr;
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 0 || st.st_size > (1LL << 30)) {
    ::close(fd);
    return nullptr;
  }
  auto out = std::make_shared<CacheBytes>();
  std::size_t want = static_cast<std::size_t>(st.st_size);
  out->bytes = std::make_unique_for_overwrite<char[]>(want);
  while (out->size < want) {
    ssize_t n = ::read(fd, out->bytes.get() + out->size, want - out->size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;  // shorter than it said: the frame's length check refuses it
    out->size += static_cast<std::size_t>(n);
  }
  ::close(fd);
  return out;
}

}  // namespace pf

namespace pf::cache {

namespace {
void put64(std::string& s, std::uint64_t v) {
  for (int i = 0; i < 8; ++i) s.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}
std::uint64_t get64(const char* p) {
  std::uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v |= static_cast<std::uint64_t>(static_cast<unsigned char>(p[i])) << (8 * i);
  return v;
}
// magic, format (8 bytes), key (64 hex), payload checksum (64 hex, zero-padded), payload length (8 bytes)
constexpr std::size_t kHeader = 8 + 8 + 64 + 64 + 8;
}  // namespace

std::string frame(const std::string& key, const std::string& payload) {
  std::string out(kMagic, sizeof kMagic);
  put64(out, kLibraryCacheFormat);
  out += key;
  out += fmt::format("{:0>64}", payload_checksum(payload));
  put64(out, payload.size());
  out += payload;
  return out;
}

std::optional<std::string_view> unframe(std::string_view file, const std::string& key, std::string& why) {
  if (file.size() < kHeader || std::memcmp(file.data(), kMagic, sizeof kMagic) != 0) {
    why = "not a library cache";
    return std::nullopt;
  }
  if (get64(file.data() + 8) != kLibraryCacheFormat) {
    why = "another cache format";
    return std::nullopt;
  }
  if (key.size() != 64 || file.substr(16, 64) != key) {
    why = "compiled from other library files or another engine (stale)";
    return std::nullopt;
  }
  std::uint64_t n = get64(file.data() + kHeader - 8);
  if (n != file.size() - kHeader) {
    why = "truncated or padded";
    return std::nullopt;
  }
  std::string_view payload = file.substr(kHeader);
  if (fmt::format("{:0>64}", payload_checksum(payload)) != file.substr(80, 64)) {
    why = "corrupted (payload checksum differs)";
    return std::nullopt;
  }
  return payload;
}

}  // namespace pf::cache
