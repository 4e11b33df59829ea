"""Rule packs: every pack is well formed, ids come from the legal catalog, dates select regimes."""

from __future__ import annotations

import re
import textwrap
from datetime import date
from pathlib import Path

import pytest

from generator.rules import (
    RULES_DIR,
    RuleBook,
    RuleError,
    load_rules,
    parse_pack,
    regimes_in_force,
    rules_in_force,
)

# Requirement ids of reference/legal-catalog.md §1 that concern a commune.
CATALOG_IDS = {
    "p-org-structure", "p-contact-agency", "p-contact-officials", "p-leader-profiles",
    "p-locality-profile", "p-legal-docs", "p-policy-guidance", "p-plans",
    "p-public-investment", "p-financial-report-stats", "p-public-interest",
    "p-disclosure-catalog", "p-ati-section", "p-citizen-reception", "p-corrections",
    "g01-sed-plan", "g02-budget", "g03-investment-land-construction",
    "g04-rules-duties-conduct", "g05-funds-contributions", "g06-public-assets",
    "g07-social-support", "g08-disaster-relief", "g09-military-service",
    "g10-inspection-confidence", "g11-consultations", "g12-fees", "g13-tthc", "g14-other",
    "g-quarterly-log", "g-disclosure-plan",
    "b-draft-estimate", "b-approved-estimate", "b-execution", "b-final-accounts", "b-report-up",
    "b26-draft-estimate", "b26-approved-estimate", "b26-execution", "b26-final-accounts",
    "b26-direct-support", "b26-village-contributions", "b26-form-portal", "b26-reporting",
    "pv-review-posting", "pv-village-meeting-minutes", "pv-standard", "pv-support-payments",
    "l-land-use-plan", "l-land-use-plan-2013", "l-land-use-plan-2003", "l-land-recovery",
    "l-two-tier",
    "t-tthc-record", "t-tthc-publicity", "t-posting-board", "t-online-type", "t-status-notice",
    "t-one-stop-2025",
}  # fmt: skip
# Catalog ids folded into other rules: the TT26 timing is each b26 package's deadline.
FOLDED = {"b26-timing"}
# Portal functions (legal catalog §2) have no catalog id; ours start with "f-".
FUNCTION_IDS = {
    "f-search", "f-links", "f-print-save", "f-mobile", "f-rating", "f-accessibility",
    "f-domain", "f-outage-notice", "f-questions-answered",
}  # fmt: skip

BEFORE = date(2025, 6, 1)
AFTER = date(2026, 11, 27)


def test_every_pack_loads_and_is_well_formed() -> None:
    book = load_rules(RULES_DIR)  # raises RuleError listing every problem
    assert len(book.packs) == len(list(RULES_DIR.glob("*.yml")))
    for rule in book.rules:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.id)
        assert rule.title_vi and rule.title_en and rule.legal_basis
        assert rule.confidence in ("H", "M", "L")
        assert rule.sources, rule.id
        assert rule.satisfied_by or rule.generated_vi or rule.not_applicable_vi


def test_rule_ids_are_the_legal_catalog_ids() -> None:
    ids = load_rules().ids
    assert ids - CATALOG_IDS - FUNCTION_IDS == set()
    assert CATALOG_IDS - ids == set(), "catalog ids without a rule"
    assert not FOLDED & ids


def test_legal_bases_are_vietnamese_citations() -> None:
    for rule in load_rules().rules:
        for basis in rule.legal_basis:
            assert re.match(r"(Luật|Nghị định|Nghị quyết|Thông tư|Quyết định) ", basis), basis


def test_low_confidence_rules_never_block() -> None:
    low = [r for r in load_rules().rules if r.confidence == "L"]
    assert {r.id for r in low} >= {"t-one-stop-2025", "l-two-tier"}
    assert not any(r.blocks for r in low)


def test_tt26_timing_is_low_confidence() -> None:
    tt26 = load_rules().pack("tt26-2026")
    dated = [r for r in tt26.rules if r.deadline is not None and r.periodic != "once"]
    assert dated and all(r.deadline and r.deadline.confidence == "L" for r in dated)


def test_decree_42_until_30_june_2026_then_decree_224() -> None:
    assert "Nghị định 42/2022/NĐ-CP (đến 30/06/2026)" in regimes_in_force(BEFORE)
    assert not any("224/2026" in r for r in regimes_in_force(BEFORE))
    assert "Nghị định 224/2026/NĐ-CP (từ 01/07/2026)" in regimes_in_force(AFTER)
    assert not any("42/2022" in r for r in regimes_in_force(AFTER))
    assert any("42/2022" in r for r in regimes_in_force(date(2026, 6, 30)))
    assert any("224/2026" in r for r in regimes_in_force(date(2026, 7, 1)))
    assert regimes_in_force(AFTER)[0].startswith("Nghị định 224/2026")


def test_portal_rules_follow_the_decree_in_force() -> None:
    before = {(r.id, r.pack) for r in rules_in_force(BEFORE)}
    after = {(r.id, r.pack) for r in rules_in_force(AFTER)}
    assert ("f-search", "d42-2022") in before and ("f-search", "d42-2022") not in after
    assert ("p-leader-profiles", "d224-2026") in after
    assert "p-leader-profiles" not in {i for i, _ in before}
    # The Access to Information Law keeps p-org-structure in force across the change.
    assert ("p-org-structure", "ati-2016") in before and ("p-org-structure", "ati-2016") in after


def test_budget_circulars_by_date_and_budget_year() -> None:
    ids_before = {r.id for r in rules_in_force(BEFORE)}
    assert "b-approved-estimate" in ids_before and "b26-approved-estimate" not in ids_before
    assert "b26-approved-estimate" not in {r.id for r in rules_in_force(date(2026, 3, 24))}
    after = {r.id: r for r in rules_in_force(AFTER)}
    assert "b26-approved-estimate" in after and "b-approved-estimate" in after  # 2025 accounts
    old = after["b-approved-estimate"].satisfied_by[0].budget_years
    new = after["b26-approved-estimate"].satisfied_by[0].budget_years
    assert old is not None and 2025 in old and 2026 not in old
    assert new is not None and 2026 in new and 2025 not in new


def test_district_reporting_ends_with_the_district_level() -> None:
    assert "b-report-up" in {r.id for r in rules_in_force(date(2025, 6, 30))}
    assert "b-report-up" not in {r.id for r in rules_in_force(date(2025, 7, 1))}


def test_grassroots_democracy_law_details() -> None:
    rules = {r.id: r for r in load_rules().pack("lgd-2022").rules}
    assert {f"g{i:02d}" for i in range(1, 15)} <= {i.split("-")[0] for i in rules}
    for item in ("g04-rules-duties-conduct", "g13-tthc"):
        assert rules[item].min_display and rules[item].min_display.permanent
    for item in ("g01-sed-plan", "g03-investment-land-construction", "g12-fees"):
        assert rules[item].min_display and rules[item].min_display.days == 30
    broadcast = {i for i, r in rules.items() if r.broadcast_days == 3}
    assert broadcast == {
        "g07-social-support", "g08-disaster-relief", "g09-military-service",
        "g10-inspection-confidence", "g11-consultations", "g12-fees",
    }  # fmt: skip
    assert rules["g-quarterly-log"].generated_vi


def test_poverty_conflict_is_data() -> None:
    rule = next(r for r in load_rules().rules if r.id == "pv-review-posting")
    assert rule.min_display and rule.min_display.days == 3 and rule.min_display.unit == "working"
    assert rule.min_display.confidence == "L"
    assert [(c.requirement, c.kind) for c in rule.conflicts] == [("g07-social-support", "poverty")]
    assert rule.trigger.window and rule.trigger.window[1].on(2026) == date(2026, 12, 14)


def test_land_laws_split_by_approval_date() -> None:
    rules = {r.id: r for r in load_rules().rules}
    new, old = rules["l-land-use-plan"], rules["l-land-use-plan-2013"]
    assert (
        new.deadline and new.deadline.days == 15 and new.min_display and new.min_display.plan_period
    )
    assert old.deadline and old.deadline.days == 30
    assert date(2024, 8, 1) in new.satisfied_by[0].decided  # type: ignore[operator]
    assert date(2024, 7, 31) in old.satisfied_by[0].decided  # type: ignore[operator]
    assert date(2024, 8, 1) not in old.satisfied_by[0].decided  # type: ignore[operator]


def test_procedure_fields_of_decree_63() -> None:
    rule = next(r for r in load_rules().rules if r.id == "t-tthc-record")
    assert set(rule.required_fields) >= {
        "name", "steps", "method", "dossier", "time_limit", "applicants", "agency",
    }  # fmt: skip


# --- the checker refuses bad packs, listing every problem ------------------------------

GOOD = """\
pack: test-pack
instrument: Luật Thử nghiệm
regime: Luật Thử nghiệm (từ 01/01/2024)
effective_from: 2024-01-01
effective_to: null
confidence: H
sources: [S0]
rules:
  - id: x-item
    title_vi: Mục thử
    title_en: Test item
    legal_basis: ["Luật Thử nghiệm, Điều 1"]
    satisfied_by:
      - {kind: notices}
"""


def test_a_good_pack_parses() -> None:
    pack, errors = parse_pack(GOOD, "test-pack")
    assert errors == []
    assert pack is not None and pack.rules[0].satisfied_by[0].requirement == "x-item"


def test_every_problem_in_a_pack_is_reported_at_once() -> None:
    text = textwrap.dedent("""\
        pack: wrong-name
        instrument: Luật Thử nghiệm
        regime: Luật Thử nghiệm
        effective_from: 2024-01-01
        confidence: X
        colour: blue
        rules:
          - id: Bad_Id
            title_vi: Mục thử
            title_en: Test
            legal_basis: []
            periodic: weekly
            satisfied_by:
              - {kind: nowhere}
            trigger: {event: decision, text_vi: ngày ký, ngày ban hành}
            deadline: {days: 5, unit: fortnights}
            min_display: forever
          - id: y-item
            title_vi: Mục năm
            title_en: Yearly
            legal_basis: ["Luật Thử nghiệm, Điều 2"]
            periodic: annual
            satisfied_by:
              - {kind: budget, budget_years: "twenty"}
    """)
    _, errors = parse_pack(text, "test-pack")
    joined = "\n".join(errors)
    for expected in (
        "'pack' must be the file name",
        "'confidence' is 'X'",
        "unknown key 'colour'",
        "kebab-case id",
        "'legal_basis' must list at least one citation",
        "'periodic' is 'weekly'",
        "'kind' is 'nowhere'",
        "unknown key 'ngày ban hành'",  # a comma inside an unquoted flow mapping
        "'unit' is 'fortnights'",
        "min_display: write",
        "budget_years 'twenty'",
        "an annual rule needs trigger.latest",
    ):
        assert expected in joined, expected


def test_a_broken_yaml_pack_says_so() -> None:
    _, errors = parse_pack("rules: [", "broken")
    assert errors and errors[0].startswith("broken.yml: YAML:")


def test_references_between_packs_are_checked(tmp_path: Path) -> None:
    (tmp_path / "test-pack.yml").write_text(
        GOOD + "    conflicts: [{requirement: nowhere-id, kind: poverty, note_vi: x}]\n", "utf-8"
    )
    with pytest.raises(RuleError) as caught:
        load_rules(tmp_path)
    assert caught.value.errors == ["test-pack.yml: x-item: conflict with unknown id 'nowhere-id'"]


def test_an_empty_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(RuleError, match="no rule packs"):
        load_rules(tmp_path)


def test_overlapping_duplicate_ids_in_one_pack_are_refused() -> None:
    rule = GOOD.split("rules:\n", 1)[1]
    _, errors = parse_pack(GOOD + rule, "test-pack")
    assert any("same id twice" in e for e in errors)


def test_the_lists_rules_read_into_are_known() -> None:
    assert {"officials", "outage"} <= load_rules().looked_into
    assert "households" not in load_rules().looked_into  # so a check may outline them
    text = GOOD.replace(
        "      - {kind: notices}",
        "      - {kind: poverty, required_fields: ['households[].village']}\n"
        "      - {kind: budget, items: tables}",
    )
    pack, errors = parse_pack(text, "test-pack")
    assert errors == [] and pack is not None
    assert RuleBook((pack,)).looked_into == {"households", "tables"}
