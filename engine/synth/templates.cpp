#include "synth/templates.h"

namespace pf {

std::vector<const Text*> PolicyText::all() const {
  std::vector<const Text*> out = {&name,  &intent,         &protects,     &trigger,    &enforcement, &idempotency,
                                  &retry, &reconciliation, &compensation, &exceptions, &metrics};
  for (const auto& r : runbook) out.push_back(&r);
  if (!uncertain.empty()) out.push_back(&uncertain);
  for (const auto& q : uncertain_questions) out.push_back(&q);
  return out;
}

const Text* FormatText::get(const std::string& key, const std::string& lang) const {
  auto it = texts.find(key);
  return it == texts.end() ? nullptr : &it->second.in(lang);
}

}  // namespace pf
