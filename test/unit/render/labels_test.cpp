// The catalog's fixed words (spec/catalog.md, "The 12 surfaces").
#include <catch2/catch.hpp>

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
  for (int n = 1; n <= 12; ++n) {
    CHECK(surface_tag(n, "ko") == "[" + std::to_string(n) + "] " + ko[n - 1]);
    CHECK(surface_tag(n, "en") == "[" + std::to_string(n) + "] " + en[n - 1]);
  }
  CHECK(surface_tag(0, "ko") == "[0]");
  CHECK(surface_tag(13, "en") == "[13]");
}

TEST_CASE("labels: any language but en is Korean", "[labels]") {
  CHECK(labels("ko").policy_heading == "정책명:");
  CHECK(labels("en").policy_heading == "Name:");
  CHECK(labels("fr").policy_heading == "정책명:");
  CHECK(labels("ko").uncertain == "[UNCERTAIN]:");
  CHECK(labels("en").uncertain == "[UNCERTAIN]:");
  CHECK(labels("ko").fields[0] == "[SurfaceTag]:");
  CHECK(labels("ko").fields[11] == "운영 절차(Runbook 요약):");
}
