#include "support.h"

#include <catch2/catch.hpp>

#include "library/template_loader.h"
#include "synth/templates.h"
#include "util/yaml_reader.h"

namespace pf::test {

Analysis facts_of(const std::string& yaml) {
  Diagnostics d;
  Analysis a = analyse("m.yaml", &yaml, {}, d);
  INFO(d.format());
  REQUIRE(a.facts != nullptr);
  return a;
}

std::string errors_of(const std::string& yaml, const std::string& name) {
  Diagnostics d;
  Analysis a = analyse(name, &yaml, {}, d);
  REQUIRE(d.has_errors());
  REQUIRE(a.facts == nullptr);
  return d.format();
}

const Element& element(const Analysis& a, Kind k, const std::string& key) {
  const Element* e = a.facts->find(k, key);
  INFO(std::string(kind_name(k)) + " " + key);
  REQUIRE(e != nullptr);
  return *e;
}

std::string repo_root() {
  std::string dir = POLICYFORGE_TEST_DIR;
  return dir.substr(0, dir.find_last_of('/'));
}

std::map<std::string, std::string> format_words(const std::string& lang) {
  Diagnostics d;
  std::string path = repo_root() + "/catalogs/format.yaml";
  auto text = read_file(path, d);
  REQUIRE(text);
  auto f = load_format_text_text(path, *text, d);
  INFO(d.format());
  REQUIRE(f);
  std::map<std::string, std::string> out;
  for (const auto& [key, text] : f->texts) out[key] = text.in(lang).raw;
  return out;
}

}  // namespace pf::test
