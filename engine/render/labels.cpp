#include "render/labels.h"

#include <fmt/format.h>

namespace pf {

const Labels& labels(const std::string& lang) {
  static const Labels ko{
      {"", "희소자원", "라이프사이클", "가격/비용/정산", "확률/예측/최적화", "권한/접근", "정합성/조정", "예외/분쟁",
       "부정/어뷰징 대응", "규제/프라이버시", "통합/외부의존", "운영/현장", "모니터링/KPI"},
      {"0) Assumptions (가정)", "1) Reliability Top Failure Modes", "2) Policy Catalog (정책 카탈로그)",
       "3) Invariant & Ledger Map", "4) Verification Questions (검증 질문 묶음)"},
      "정책명:",
      {"[SurfaceTag]:", "목적/방지 사고:", "보호할 원장/불변식:", "트리거(발동 조건):", "집행 위치(Enforcement Point):",
       "멱등성/중복처리 정책:", "재시도/백오프/차단 정책:", "조정(Reconciliation) 규칙:",
       "보상/복구(Compensation/Recovery):", "예외/충돌 우선순위:", "모니터링/알람:", "운영 절차(Runbook 요약):"},
      "[UNCERTAIN]:",
      {"실패 유형:", "영향:", "사용자 영향:", "탐지 신호:"},
      {"원장", "불변식 1", "불변식 2", "깨짐 관측 지표", "복구 방법"},
      "신뢰성 정책 카탈로그 (Reliability / Resilience Lead)",
      "부록) 장애 보고 커버리지 (Breach Coverage)",
      {"장애", "유형", "실패 모드", "정책", "상태"},
      "공백: 대응 정책 없음 [UNCERTAIN]"};
  static const Labels en{
      {"", "Scarce resources", "Lifecycle", "Pricing/cost/settlement", "Probability/prediction/optimization",
       "Authorization/access", "Consistency/reconciliation", "Exceptions/disputes", "Fraud/abuse",
       "Regulation/privacy", "Integration/external dependencies", "Operations/field", "Monitoring/KPI"},
      {"0) Assumptions", "1) Reliability Top Failure Modes", "2) Policy Catalog", "3) Invariant & Ledger Map",
       "4) Verification Questions"},
      "Name:",
      {"[SurfaceTag]:", "Intent / incident prevented:", "Protected ledgers / invariants:", "Trigger:",
       "Enforcement point:", "Idempotency / dedupe:", "Retry / backoff / circuit breaking:", "Reconciliation rules:",
       "Compensation / recovery:", "Exceptions / conflict priority:", "Monitoring / alerts:", "Runbook:"},
      "[UNCERTAIN]:",
      {"Failure:", "Impact:", "User impact:", "Detection signal:"},
      {"Ledger", "Invariant 1", "Invariant 2", "Signal when broken", "Recovery"},
      "Reliability Policy Catalog (Reliability / Resilience Lead)",
      "Appendix) Breach Coverage",
      {"Breach", "Kind", "Failure modes", "Policies", "Status"},
      "gap: no policy addresses it [UNCERTAIN]"};
  return lang == "en" ? en : ko;
}

std::string surface_tag(int n, const std::string& lang) {
  if (n < 1 || n > 12) return fmt::format("[{}]", n);
  return fmt::format("[{}] {}", n, labels(lang).surfaces[n]);
}

}  // namespace pf
