// The catalog's fixed words (spec/catalog.md, "The 12 surfaces"), read from catalogs/format.yaml.
#include <catch2/catch.hpp>

#include "../support.h"
#include "render/labels.h"

using namespace pf;

TEST_CASE("labels: the twelve surfaces in both languages", "[labels]") {
  const char* ko[] = {"희소자원", "라이프사이클", "가격/비용/정산", "확률/예측/최적화", "권한/접근", "정합성/조정",
                      "예외/분쟁", "부정/어뷰징 대응", "규제/프라이버시", "통합/외부의존", "운영/현장", "모니터링/KPI"};
  const char* en[] = {"Scarce resources",
                      "Lifecycle",
                      "Pricing/cost/settlement",
                      "Probability/prediction/optimization",
                      "Authorization/access",
                      "Consistency/reconciliation",
                      "Exceptions/disputes",
                      "Fraud/abuse",
                      "Regulation/privacy",
                      "Integration/external dependencies",
                      "Operations/field",
                      "Monitoring/KPI"};
  Labels lk = labels(test::format_words("ko")), le = labels(test::format_words("en"));
  for (int n = 1; n <= 12; ++n) {
    CHECK(surface_tag(n, lk) == "[" + std::to_string(n) + "] " + ko[n - 1]);
    CHECK(surface_tag(n, le) == "[" + std::to_string(n) + "] " + en[n - 1]);
  }
  CHECK(surface_tag(0, lk) == "[0]");
  CHECK(surface_tag(13, le) == "[13]");
}

TEST_CASE("labels: the prompt's own labels in Korean, the spec's in English", "[labels]") {
  Labels lk = labels(test::format_words("ko")), le = labels(test::format_words("en"));
  CHECK(lk.policy_heading == "정책명:");
  CHECK(le.policy_heading == "Name:");
  CHECK(lk.uncertain == "[UNCERTAIN]:");
  CHECK(le.uncertain == "[UNCERTAIN]:");
  CHECK(lk.fields[0] == "[SurfaceTag]:");
  CHECK(lk.fields[11] == "운영 절차(Runbook 요약):");
  CHECK(lk.sections[4] == "4) Verification Questions (검증 질문 묶음)");
  CHECK(le.fm_parts[3] == "Detection signal:");
}

TEST_CASE("policy_marker: the heading marker from the library's words, numbered", "[labels]") {
  CHECK(pf::policy_marker(3, "[Policy #{n}]") == "[Policy #3]");
  CHECK(pf::policy_marker(12, "정책 {n}") == "정책 12");
  CHECK(pf::policy_marker(7, "") == "7");  // no word: the number alone
}
