"""The built-in question bank as content: it covers the whole guide, keeps the contract in
docs/bank-ids.md, uses every question type, and the example answers file is valid against it.

These tests read the guide and the contract from their files rather than repeating them, so
an id dropped from the bank, a renamed question or a changed type fails here by name.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import get_args

import pytest

from cc_rfp.core import conditions
from cc_rfp.core.answers import is_unknown, load_answers
from cc_rfp.core.bank import Bank, load_bank
from cc_rfp.core.bank_model import QuestionType
from cc_rfp.core.values import check_value

REPO = Path(__file__).resolve().parents[2]
POINTS = Path(__file__).resolve().parents[2].parent / "shared" / "guide" / "points.md"
CONTRACT = REPO / "docs" / "bank-ids.md"
EXAMPLE = REPO / "examples" / "answers-example.yaml"


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank()


def guide_ids_from_points() -> list[str]:
    if not POINTS.is_file():
        pytest.skip(f"the guide's point list is not next to the repository ({POINTS})")
    return re.findall(r"^- (G\d+\.\d+)\s", POINTS.read_text(encoding="utf-8"), flags=re.M)


def contract_sections() -> dict[str, str]:
    """docs/bank-ids.md split by its ``## `` headings."""
    text = CONTRACT.read_text(encoding="utf-8")
    parts = re.split(r"^## +(.+)$", text, flags=re.M)
    return {title.strip(): body for title, body in zip(parts[1::2], parts[2::2], strict=True)}


def contract_section(word: str) -> str:
    for title, body in contract_sections().items():
        if word.lower() in title.lower():
            return body
    raise AssertionError(f"docs/bank-ids.md has no section about {word}")


def table_rows(body: str) -> list[list[str]]:
    """The cells of a Markdown table's body rows (header and rule skipped)."""
    rows = [line for line in body.splitlines() if line.startswith("|")]
    cells = [[c.strip() for c in row.strip().strip("|").split("|")] for row in rows]
    return [row for row in cells[2:] if row and not set(row[0]) <= {"-", " "}]


def contract_questions() -> dict[str, str]:
    """Question id -> type, from the Questions table (``a``, ``b`` | t1, t2 pairs up)."""
    found: dict[str, str] = {}
    for row in table_rows(contract_section("Questions")):
        ids = re.findall(r"`([a-z_]+)`", row[0])
        types = [t.strip() for t in row[1].split(",")]
        if len(types) == 1:
            types = types * len(ids)
        assert len(types) == len(ids), f"cannot pair ids and types in row {row}"
        found.update(zip(ids, types, strict=True))
    return found


# ----- the bank loads and covers the guide -------------------------------------------------


def test_builtin_bank_loads(bank):
    assert bank.questions, "the built-in bank has no questions"
    assert [s.id for s in bank.sections] == [
        "tender",
        "company",
        "volumes",
        "purpose",
        "service",
        "kpis",
        "processes",
        "technology",
        "pricing",
        "evaluation",
        "contract",
    ]


def test_guide_points_match_points_md(bank):
    expected = guide_ids_from_points()
    assert len(expected) >= 30, f"parsed only {len(expected)} points from {POINTS}"
    assert len(set(expected)) == len(expected), "points.md repeats an id"
    in_bank = set(bank.file.guide_points)
    assert sorted(in_bank - set(expected)) == [], "guide_points has ids that points.md lacks"
    assert sorted(set(expected) - in_bank) == [], "points.md has ids missing from guide_points"


def test_every_guide_point_is_served(bank):
    served = {point for q in bank.questions.values() for point in q.guide}
    missing = sorted(
        set(bank.file.guide_points) - served, key=lambda g: [int(x) for x in g[1:].split(".")]
    )
    assert missing == [], f"guide points served by no question: {', '.join(missing)}"


def test_content_questions_name_their_guide_points(bank):
    # Only the formalities of the tender and of the contract may stand outside the guide.
    unguided = [
        q.id
        for q in bank.questions.values()
        if not q.guide and bank.section_of[q.id].id not in {"tender", "contract"}
    ]
    assert unguided == [], f"questions without guide ids: {unguided}"


def test_every_question_type_is_used(bank):
    used = {q.type for q in bank.questions.values()}
    unused = sorted(set(get_args(QuestionType)) - used)
    assert unused == [], f"question types no question uses: {unused}"


def test_essentials_are_required(bank):
    for qid in ("buyer_name", "contact_email", "bid_deadline", "channels"):
        assert bank.questions[qid].required, f"{qid} should be required"


def test_most_questions_have_help(bank):
    without = [q.id for q in bank.questions.values() if not q.help]
    assert len(without) <= len(bank.questions) // 4, f"too many questions lack help: {without}"


def test_defaults_are_valid_answers(bank):
    for q in bank.questions.values():
        if q.default is not None:
            problems = check_value(bank, q, q.default, {})
            assert problems == [], f"default of {q.id} is not a valid answer: {problems}"


def test_at_least_one_default_depends_on_earlier_answers(bank):
    dynamic = [q.id for q in bank.questions.values() if q.default_expr]
    assert dynamic, "no question has a default_expr"
    for qid in dynamic:
        assert bank.depends_on(qid), f"default_expr of {qid} reads no earlier answer"


# ----- the contract in docs/bank-ids.md ----------------------------------------------------


def test_contract_questions_exist_with_their_types(bank):
    expected = contract_questions()
    assert len(expected) >= 20, f"parsed only {len(expected)} ids from docs/bank-ids.md"
    wrong: dict[str, tuple[str, str]] = {}
    for qid, spec in expected.items():
        kind, _, detail = spec.partition(" (")
        detail = detail.rstrip(")")
        question = bank.questions.get(qid)
        if question is None:
            wrong[qid] = (spec, "missing")
            continue
        found = question.type
        if kind == "table" and detail:
            found += f" ({question.keys})"
        elif detail:
            found += f" ({(question.unit or {}).get('en', '')})"
        if found != spec:
            wrong[qid] = (spec, found)
    assert wrong == {}, f"contract ids missing or of another shape (wanted, found): {wrong}"


def test_contract_kpi_catalogue(bank):
    body = contract_section("KPI")
    expected = dict(re.findall(r"([a-z_]+) \[([a-z_, ]+)\]", body))
    assert len(expected) == 17, f"parsed {len(expected)} KPIs from docs/bank-ids.md"
    assert sorted(bank.kpis) == sorted(expected)
    for kpi_id, spec in expected.items():
        words = [w.strip() for w in spec.split(",")]
        kpi = bank.kpis[kpi_id]
        assert list(kpi.targets) == [w for w in words if w != "at_most"], kpi_id
        # The contract marks at_most where it matters for scoring; a lower average speed
        # of answer is better too, though the contract's list does not say so.
        direction = "at_most" if "at_most" in words or kpi_id == "asa" else "at_least"
        assert kpi.direction == direction, kpi_id
    assert bank.kpis["service_level"].channels == ["phone", "chat"]


def test_kpi_definitions_are_precise(bank):
    # The definitions a tender must state exactly (tender-practice.md), spot-checked.
    en = {k: v.definition["en"] for k, v in bank.kpis.items()}
    assert "answered calls" in en["asa"] and "Abandoned calls are not included" in en["asa"]
    assert "hold" in en["aht"].lower() and "after-contact work" in en["aht"]
    assert "9–10" in en["nps"] and "0–6" in en["nps"] and "0–10" in en["nps"]
    assert "short-abandon" in en["service_level"] and "clock starts" in en["service_level"]
    assert "agent flag" in en["fcr"] and "survey" in en["fcr"] and "N days" in en["fcr"]


def test_contract_keysets(bank):
    rows = table_rows(contract_section("Keysets"))
    assert {row[0].strip("`") for row in rows} <= set(bank.keysets)
    for row in rows:
        keyset_id = row[0].strip("`")
        if keyset_id == "hours":
            continue  # see test_hours_keyset_keys_are_hours_of_day
        words = re.findall(r"[a-z_]+", re.sub(r"\([^)]*\)", "", row[1]))
        assert [k.value for k in bank.keysets[keyset_id].keys] == words, keyset_id


def test_hours_keyset_has_24_hours_labelled_by_interval(bank):
    keys = bank.keysets["hours"].keys
    assert len(keys) == 24
    for hour, key in enumerate(keys):
        assert key.label["en"] == f"{hour:02d}–{hour + 1:02d}", key.value


def test_hours_keyset_keys_are_hours_of_day(bank):
    """Keys stay identifiers (h00 … h23) so they read the same in YAML and in every tool."""
    assert [k.value for k in bank.keysets["hours"].keys] == [f"h{h:02d}" for h in range(24)]


def test_contract_shapes(bank):
    q = bank.questions
    assert [c.value for c in bank.choices(q["channels"])] == [
        "phone",
        "email",
        "chat",
        "social",
        "sms",
    ]
    fields = {f.id: f for f in q["case_types"].fields or []}
    assert set(fields) == {"name", "handling", "share", "aht_seconds", "channel"}
    assert fields["share"].type == "percent" and fields["aht_seconds"].type == "integer"
    assert fields["channel"].choices_from == "channels"
    assert (q["case_types"].sum_field, q["case_types"].sum) == ("share", 100)
    for channel in ("phone", "email", "chat", "social", "sms"):
        volume = q[f"volume_{channel}"]
        assert volume.keys == "months", volume.id
        assert conditions.holds(volume.when, {"channels": [channel]}), volume.id
        assert not conditions.holds(volume.when, {"channels": []}), volume.id
        aht = q[f"aht_{channel}"]
        assert conditions.holds(aht.when, {"channels": [channel]}), aht.id
    assert (q["weekday_share"].keys, q["weekday_share"].sum) == ("weekdays", 100)
    assert (q["intraday_share"].keys, q["intraday_share"].sum) == ("hours", 100)
    assert q["opening_hours"].channels_from == "channels"
    assert [c.value for c in bank.choices(q["purpose_ranking"])] == [
        "satisfaction",
        "cost",
        "revenue",
        "development",
        "growth",
        "peaks",
    ]
    criteria = {f.id: f for f in q["quality_criteria"].fields or []}
    assert {"criterion", "value_sek", "surcharge_percent", "weight"} <= set(criteria)
    assert criteria["weight"].type == "percent" and criteria["value_sek"].type == "decimal"


# ----- the example answers ---------------------------------------------------------------


@pytest.fixture(scope="module")
def example():
    if not EXAMPLE.is_file():
        pytest.fail(f"{EXAMPLE} is missing; run python examples/make_example.py")
    return load_answers(EXAMPLE)


def test_example_answers_validate(bank, example):
    known = example.known()
    problems: list[str] = []
    for qid, value in example.values.items():
        question = bank.questions.get(qid)
        if question is None:
            problems.append(f"{qid}: not a question in the bank")
            continue
        if not conditions.holds(question.when, known):
            problems.append(f"{qid}: answered, but its condition fails: {question.when}")
        if is_unknown(value):
            continue
        problems += [f"{qid}{list(p)}: {m}" for p, m in check_value(bank, question, value, known)]
    assert problems == [], "\n".join(problems)


def test_example_is_a_realistic_partial_answer(bank, example):
    assert example.language == "sv"
    assert example.bank_version == bank.version
    unknown = [qid for qid, v in example.values.items() if is_unknown(v)]
    assert 3 <= len(unknown) <= 8, f"expected a handful of unknown answers, got {unknown}"
    known = example.known()
    applicable = [qid for qid, q in bank.questions.items() if conditions.holds(q.when, known)]
    skipped = [qid for qid in applicable if qid not in example.values]
    assert 1 <= len(skipped) <= 8, f"expected a few unanswered questions, got {skipped}"
    assert [q for q in bank.order if q in example.values] == list(example.values), (
        "not in bank order"
    )


def test_default_exprs_give_valid_answers_for_the_example(bank, example):
    known = example.known()
    for q in bank.questions.values():
        if q.default_expr and conditions.holds(q.when, known):
            value = conditions.evaluate(q.default_expr, known)
            assert value is not None, f"default_expr of {q.id} gave nothing for the example"
            assert check_value(bank, q, value, known) == [], (q.id, value)
