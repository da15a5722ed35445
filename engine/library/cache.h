#pragma once
// The compiled library cache (docs/architecture.md, "Library cache"): what `generate` loads
// from the library (rules, format texts, glossary, and every template already parsed) in a
// compact binary form, so that a run reads it instead of parsing 1.2 MB of YAML.
//
// A cache file is only ever a shortcut: it names the exact bytes of every library file it was
// compiled from (a SHA-256 key over their paths relative to the library and their contents),
// its payload carries its own SHA-256, and every read is bounds-checked. Anything that does not
// match (another library, an edited rule, another engine version, a truncated or corrupted
// file) is ignored and the library is parsed as without a cache; the catalog is the same
// bytes either way.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "match/rule.h"
#include "synth/glossary.h"
#include "synth/templates.h"

namespace pf {

/// Bumped whenever what the loaders produce or the encoding changes.
constexpr std::uint32_t kLibraryCacheFormat = 2;

/// Which cache files to try and what happened (set by load_library).
struct LibraryCacheUse {
  std::vector<std::string> files;  ///< candidates, in order; empty: parse
  std::string status;              ///< "hit FILE", or why none was used
};

/// A cache file's bytes, read whole into a buffer that is not cleared first.
struct CacheBytes {
  std::unique_ptr<char[]> bytes;
  std::size_t size = 0;
  std::string_view view() const { return {bytes.get(), size}; }
};
/// The file's bytes; null when it cannot be opened or read.
std::shared_ptr<const CacheBytes> read_cache_file(const std::string& path);

/// A template in the cache, decoded when the rule that emits it fires.
struct CompiledTemplate {
  std::shared_ptr<const CacheBytes> data;  ///< the whole cache file
  std::size_t offset = 0, size = 0;
  std::shared_ptr<const std::vector<std::shared_ptr<const std::string>>> files;
};

namespace cache {

/// Encodes structures with file references as indexes into `files` (the library's files in
/// the order they were read); a Loc or file name outside that list makes encoding fail.
class Writer {
 public:
  explicit Writer(const std::vector<std::string>& files);
  void u32(std::uint32_t v);
  void i32(std::int32_t v) { u32(static_cast<std::uint32_t>(v)); }
  void boolean(bool b) { out_.push_back(b ? 1 : 0); }
  void str(std::string_view s);
  void file(const std::string& path);
  void loc(const Loc& l);
  void path(const Path& p);
  void text(const Text& t);
  void lang(const LangText& t) { text(t.ko); text(t.en); }
  void conditions(const std::vector<Condition>& cs);
  void rule(const Rule& r);
  void policy(const PolicyTemplate& t);
  void failure_mode(const FailureModeTemplate& t);
  void ledger_row(const LedgerRowTemplate& t);
  void format(const FormatText& f);
  void glossary(const Glossary& g);
  bool ok() const { return ok_; }
  std::string& out() { return out_; }

 private:
  const std::vector<std::string>& files_;
  std::string out_;
  bool ok_ = true;
};

/// Decodes what Writer wrote; every read is checked against the end, and any inconsistency
/// makes ok() false (the values read after it are empty).
class Reader {
 public:
  /// `files`: the current paths of the library's files, in the order they were read.
  Reader(std::string_view data, const std::vector<std::shared_ptr<const std::string>>& files);
  std::uint32_t u32();
  std::int32_t i32() { return static_cast<std::int32_t>(u32()); }
  bool boolean();
  std::string str();
  std::string file();
  Loc loc();
  Path path();
  Text text();
  LangText lang() {
    LangText t;
    t.ko = text();
    t.en = text();
    return t;
  }
  std::vector<Condition> conditions(int depth = 0);
  Rule rule();
  PolicyTemplate policy();
  FailureModeTemplate failure_mode();
  LedgerRowTemplate ledger_row();
  FormatText format();
  Glossary glossary();
  /// A count of items that each take at least `min_bytes`: bounded by what is left.
  std::uint32_t count(std::size_t min_bytes = 1);
  bool ok() const { return ok_; }
  bool at_end() const { return p_ == end_; }
  std::size_t offset() const { return static_cast<std::size_t>(p_ - begin_); }
  void fail() { ok_ = false; p_ = end_; }
  /// Skips n bytes (n from count(), so within bounds).
  void skip(std::size_t n) {
    if (static_cast<std::size_t>(end_ - p_) < n) fail();
    else p_ += n;
  }

 private:
  const char* begin_;
  const char* p_;
  const char* end_;
  const std::vector<std::shared_ptr<const std::string>>& files_;
  bool ok_ = true;
};

/// SHA-256, fed piece by piece (the cache key over the library's files).
class KeyHasher {
 public:
  KeyHasher();
  ~KeyHasher();
  KeyHasher(const KeyHasher&) = delete;
  KeyHasher& operator=(const KeyHasher&) = delete;
  void add(std::string_view bytes);
  std::string hex();  ///< lower-case hex; once

 private:
  void* ctx_;
};

/// A 64-bit checksum of the payload, in hex: it finds a damaged file (a bit flipped, a block
/// lost), not a forged one (whoever can write the cache can as well write the library).
std::string payload_checksum(std::string_view bytes);

/// Gives the conditions fresh serials in the order the rule loader would (pre-order).
void renumber(std::vector<Condition>& cs, int& serial);

/// The cache file's frame: magic, format, key, payload digest and length, payload.
std::string frame(const std::string& key, const std::string& payload);
/// The payload of a framed cache when its format and key match and its digest holds; else
/// nullopt and `why` says what did not match.
std::optional<std::string_view> unframe(std::string_view file, const std::string& key, std::string& why);

}  // namespace cache

}  // namespace pf
