// The Markdown catalog of a small hand-built Catalog, checked against spec/catalog.md.
#include <catch2/catch.hpp>

#include <sstream>

#include "../support.h"
#include "render/markdown.h"

using namespace pf;
using Catch::Matchers::Contains;

namespace {

Catalog sample(const std::string& lang) {
  Catalog c;
  c.lang = lang;
  c.engine_version = "0.1.0";
  c.library_digest = "libdigest";
  c.model_sha256 = "modeldigest";
  c.model_path = "samples/shop/model.yaml";
  c.service_name = "Shop\nOnline";
  c.words = pf::test::format_words(lang);
  c.assumptions = {{"a-rule@service#a1", "No charter was given.", {}}, {"b-rule@service#a1", "No lifecycles\nwere given.", {}}};
  FailureModeItem fm;
  fm.id = "hold-leak@buy.hold";
  fm.failure = "Holds leak";
  fm.impact = "Stock looks sold";
  fm.user_impact = "Sold out";
  fm.signal = "Held share rises";
  c.failure_modes = {fm};
  PolicyItem p1;
  p1.id = "hold-leak@buy.hold";
  p1.name = "Release holds\non failure";
  p1.surfaces = {1, 6};
  p1.intent = "intent";
  p1.protects = "protects";
  p1.trigger = "trigger";
  p1.enforcement = "enforcement";
  p1.idempotency = "idempotency";
  p1.retry = "retry";
  p1.reconciliation = "reconciliation";
  p1.compensation = "compensation";
  p1.exceptions = "exceptions";
  p1.metrics = "leading: held share";
  p1.runbook = {"Look", "Release", "Report"};
  p1.uncertain = true;
  p1.uncertain_text = "The TTL is not known.";
  p1.questions = {"How long is the hold?", "Who releases it?"};
  PolicyItem p2 = p1;
  p2.id = "retry-budget@buy.pay";
  p2.name = "Retry budget";
  p2.surfaces = {10};
  p2.runbook = {"One", "Two", "Three", "Four"};
  p2.uncertain = false;
  p2.questions = {"never shown?"};
  c.policies = {p1, p2};
  LedgerRow row;
  row.id = "lm-inventory@stock";
  row.ledger = "stock";
  row.invariant1 = "held | sold <= capacity";
  row.invariant2 = "one sale\nper seat";
  row.signal = "oversell count";
  row.recovery = "recount";
  c.ledger_map = {row};
  c.questions = {{"q-rule@buy.hold#q1", "Is the TTL longer than the wait?", {}}};
  BreachCoverage covered{"inc1", "hold_leak", "Holds | leaked", {"hold-leak@buy.hold"}, {"hold-leak@buy.hold"}, false};
  BreachCoverage gap{"inc2", "other", "Something else", {}, {"retry-budget@buy.pay"}, true};
  c.coverage = {covered, gap};
  return c;
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

}  // namespace

TEST_CASE("markdown: the whole Korean catalog", "[markdown]") {
  std::string md = render_markdown(sample("ko"));
  CHECK(md ==
        "<!-- policyforge 0.1.0 | model samples/shop/model.yaml sha256:modeldigest | library sha256:libdigest | lang "
        "ko -->\n"
        "# Shop Online — 신뢰성 정책 카탈로그 (Reliability / Resilience Lead)\n"
        "\n"
        "## 0) Assumptions (가정)\n"
        "\n"
        "1. No charter was given. <!-- id: a-rule@service#a1 -->\n"
        "2. No lifecycles were given. <!-- id: b-rule@service#a1 -->\n"
        "\n"
        "## 1) Reliability Top Failure Modes\n"
        "\n"
        "1. **[중간]** 실패 유형: Holds leak / 영향: Stock looks sold / 사용자 영향: Sold out / 탐지 신호: Held share rises "
        "<!-- id: hold-leak@buy.hold -->\n"
        "\n"
        "## 2) Policy Catalog (정책 카탈로그)\n"
        "\n"
        "### [Policy #1] 정책명: Release holds on failure\n"
        "<!-- id: hold-leak@buy.hold -->\n"
        "\n"
        "심각도: **[중간]**\n"
        "\n"
        "- [SurfaceTag]: [1] 희소자원, [6] 정합성/조정\n"
        "- 목적/방지 사고: intent\n"
        "- 보호할 원장/불변식: protects\n"
        "- 트리거(발동 조건): trigger\n"
        "- 집행 위치(Enforcement Point): enforcement\n"
        "- 멱등성/중복처리 정책: idempotency\n"
        "- 재시도/백오프/차단 정책: retry\n"
        "- 조정(Reconciliation) 규칙: reconciliation\n"
        "- 보상/복구(Compensation/Recovery): compensation\n"
        "- 예외/충돌 우선순위: exceptions\n"
        "- 모니터링/알람: leading: held share\n"
        "- 운영 절차(Runbook 요약):\n"
        "  1. Look\n"
        "  2. Release\n"
        "  3. Report\n"
        "- [UNCERTAIN]: The TTL is not known.\n"
        "  - How long is the hold?\n"
        "  - Who releases it?\n"
        "\n"
        "### [Policy #2] 정책명: Retry budget\n"
        "<!-- id: retry-budget@buy.pay -->\n"
        "\n"
        "심각도: **[중간]**\n"
        "\n"
        "- [SurfaceTag]: [10] 통합/외부의존\n"
        "- 목적/방지 사고: intent\n"
        "- 보호할 원장/불변식: protects\n"
        "- 트리거(발동 조건): trigger\n"
        "- 집행 위치(Enforcement Point): enforcement\n"
        "- 멱등성/중복처리 정책: idempotency\n"
        "- 재시도/백오프/차단 정책: retry\n"
        "- 조정(Reconciliation) 규칙: reconciliation\n"
        "- 보상/복구(Compensation/Recovery): compensation\n"
        "- 예외/충돌 우선순위: exceptions\n"
        "- 모니터링/알람: leading: held share\n"
        "- 운영 절차(Runbook 요약):\n"
        "  1. One\n"
        "  2. Two\n"
        "  3. Three\n"
        "  4. Four\n"
        "\n"
        "## 3) Invariant & Ledger Map\n"
        "\n"
        "| 원장 | 불변식 1 | 불변식 2 | 깨짐 관측 지표 | 복구 방법 |\n"
        "| --- | --- | --- | --- | --- |\n"
        "| `stock` | held \\| sold <= capacity | one sale per seat | oversell count | recount |\n"
        "\n"
        "## 4) Verification Questions (검증 질문 묶음)\n"
        "\n"
        "1. Is the TTL longer than the wait? <!-- id: q-rule@buy.hold#q1 -->\n"
        "\n"
        "## 부록) 장애 보고 커버리지 (Breach Coverage)\n"
        "\n"
        "| 장애 | 유형 | 실패 모드 | 정책 | 상태 |\n"
        "| --- | --- | --- | --- | --- |\n"
        "| `inc1` Holds \\| leaked | hold_leak | 1 | #1 | ✔ |\n"
        "| `inc2` Something else | other | — | #2 | 공백: 대응 정책 없음 [UNCERTAIN] |\n");
}

TEST_CASE("markdown: sections come in the prompt's order, in English too", "[markdown]") {
  std::vector<std::string> headings;
  for (const auto& l : lines(render_markdown(sample("en"))))
    if (l.rfind("#", 0) == 0) headings.push_back(l);
  CHECK(headings == std::vector<std::string>{
                        "# Shop Online — Reliability Policy Catalog (Reliability / Resilience Lead)",
                        "## 0) Assumptions",
                        "## 1) Reliability Top Failure Modes",
                        "## 2) Policy Catalog",
                        "### [Policy #1] Name: Release holds on failure",
                        "### [Policy #2] Name: Retry budget",
                        "## 3) Invariant & Ledger Map",
                        "## 4) Verification Questions",
                        "## Appendix) Breach Coverage",
                    });
}

TEST_CASE("markdown: English field labels in the spec's order", "[markdown]") {
  auto ls = lines(render_markdown(sample("en")));
  auto at = std::find(ls.begin(), ls.end(), "### [Policy #1] Name: Release holds on failure");
  REQUIRE(at != ls.end());
  CHECK(*(at + 3) == "Severity: **[medium]**");
  std::vector<std::string> fields(at + 5, at + 5 + 18);
  CHECK(fields == std::vector<std::string>{
                      "- [SurfaceTag]: [1] Scarce resources, [6] Consistency/reconciliation",
                      "- Intent / incident prevented: intent",
                      "- Protected ledgers / invariants: protects",
                      "- Trigger: trigger",
                      "- Enforcement point: enforcement",
                      "- Idempotency / dedupe: idempotency",
                      "- Retry / backoff / circuit breaking: retry",
                      "- Reconciliation rules: reconciliation",
                      "- Compensation / recovery: compensation",
                      "- Exceptions / conflict priority: exceptions",
                      "- Monitoring / alerts: leading: held share",
                      "- Runbook:",
                      "  1. Look",
                      "  2. Release",
                      "  3. Report",
                      "- [UNCERTAIN]: The TTL is not known.",
                      "  - How long is the hold?",
                      "  - Who releases it?",
                  });
  std::string md = render_markdown(sample("en"));
  CHECK_THAT(md, Contains("1. **[medium]** Failure: Holds leak / Impact: Stock looks sold / User impact: Sold out / Detection "
                          "signal: Held share rises <!-- id: hold-leak@buy.hold -->\n"));
  CHECK_THAT(md, Contains("| Ledger | Invariant 1 | Invariant 2 | Signal when broken | Recovery |\n"));
  CHECK_THAT(md, Contains("| `inc2` Something else | other | — | #2 | gap: no policy addresses it [UNCERTAIN] |\n"));
  CHECK_THAT(md, !Contains("never shown?"));  // questions of a policy that is not uncertain
}

TEST_CASE("markdown: no assumptions, no coverage", "[markdown]") {
  Catalog c = sample("en");
  c.assumptions.clear();
  c.no_assumptions = "No assumptions were needed.";
  c.coverage.clear();
  std::string md = render_markdown(c);
  CHECK_THAT(md, Contains("## 0) Assumptions\n\n- No assumptions were needed.\n\n## 1)"));
  CHECK_THAT(md, !Contains("Breach Coverage"));
  CHECK_THAT(md, Catch::Matchers::EndsWith(
                     "## 4) Verification Questions\n\n1. Is the TTL longer than the wait? <!-- id: q-rule@buy.hold#q1 -->\n"));
}

TEST_CASE("markdown: every item id is in an HTML comment", "[markdown]") {
  std::string md = render_markdown(sample("ko"));
  for (const char* id : {"a-rule@service#a1", "b-rule@service#a1", "hold-leak@buy.hold", "retry-budget@buy.pay",
                         "q-rule@buy.hold#q1"})
    CHECK_THAT(md, Contains(std::string("<!-- id: ") + id + " -->"));
  // Ledger rows carry their ledger, not an id comment.
  CHECK_THAT(md, !Contains("lm-inventory@stock"));
}
