"""Round trips per profile: write a known synthetic year as each system exports it, import it,
and compare every derived figure with the truth counted straight from the contacts."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import import_generators as gen
import pytest

from cc_rfp.commands.import_ import read_all
from cc_rfp.core.answers import parse_answers
from cc_rfp.core.bank import load_bank
from cc_rfp.core.validate import validate_answers
from cc_rfp.importer import apply
from cc_rfp.importer.buckets import Options
from cc_rfp.importer.derive import shares


@pytest.fixture(scope="module")
def phone_year() -> list[gen.Contact]:
    return gen.synthetic_year(seed=3)


@pytest.fixture(scope="module")
def small_phone_year() -> list[gen.Contact]:
    """A quarter of ``phone_year``'s contacts, still every day of the year: for the XLSX
    cases, where writing and reading 7,000 rows through openpyxl took over a second each."""
    return gen.synthetic_year(seed=3, per_day=6)


@pytest.fixture(scope="module")
def mixed_year() -> list[gen.Contact]:
    return gen.synthetic_year(seed=5, per_day=12, channels=("phone", "chat", "email"))


@pytest.fixture(scope="module")
def bank():
    return load_bank(None)


# profile key -> (writer, which year, --map, file name)
CASES = {
    "zendesk_talk": (gen.write_zendesk, "phone", None, "calls.csv"),
    "freshcaller": (gen.write_freshcaller, "phone", None, "calls.csv"),
    "teams": (gen.write_teams, "phone", None, "teams.csv"),
    "nordic_pbx": (gen.write_pbx, "phone", None, "vaxel.csv"),
    "nordic_pbx-xlsx": (gen.write_pbx_xlsx, "small", None, "vaxel.xlsx"),
    "genesys": (gen.write_genesys, "mixed", None, "queues.csv"),
    "nice_iex": (gen.write_iex, "phone", None, "iex.txt"),
    "calabrio": (gen.write_calabrio, "phone", None, "calabrio.csv"),
    "puzzel": (gen.write_puzzel_xlsx, "small", None, "puzzel.xlsx"),
    "puzzel-csv": (gen.write_puzzel_csv, "phone", None, "puzzel.csv"),
    "freshdesk": (gen.write_freshdesk, "mixed", None, "tickets.csv"),
    "map": (gen.write_mapped, "phone", gen.MAPPED, "other.tsv"),
}
HAS_WAIT = {"zendesk_talk", "freshcaller", "teams", "nordic_pbx", "genesys", "nice_iex",
            "calabrio", "puzzel"}  # fmt: skip


@pytest.mark.parametrize("case", sorted(CASES))
def test_every_profile_round_trips(
    case, phone_year, small_phone_year, mixed_year, bank, tmp_path: Path
) -> None:
    writer, which, mapping, name = CASES[case]
    profile = case.split("-")[0]
    years = {"phone": phone_year, "small": small_phone_year, "mixed": mixed_year}
    contacts = years[which]
    if profile == "freshdesk":  # a ticket export holds handled tickets only
        contacts = [c for c in contacts if c.outcome == "answered"]
    path = writer(tmp_path / name, contacts)
    store, derived = read_all([path], Options(), mapping=mapping)
    assert store.files[0].profile.key == profile
    expected = gen.truth(contacts)
    assert set(derived.channels) == set(expected)
    assert (derived.window[0].isoformat(), derived.window[1].isoformat()) == (
        "2024-01-01",
        "2024-12-31",
    )
    for channel, want in expected.items():
        got = derived.channels[channel]
        assert got.monthly == list(want["monthly"].values()), channel  # exact counts
        assert round(got.offered) == want["offered"]
        assert round(got.answered) == want["answered"]
        assert round(got.abandoned) == want["abandoned"]
        assert got.weekday == shares(want["weekday_means"])
        assert got.intraday == shares(want["hours"])
        assert got.aht == pytest.approx(want["aht"], abs=0.01)
        assert got.answer_rate == pytest.approx(want["answer_rate"], abs=1e-6)
        if profile in HAS_WAIT and want["asa"] is not None:
            assert got.asa == pytest.approx(want["asa"], abs=0.01)
            assert got.service_level == pytest.approx(want["service_level"], abs=1e-4)
    values, _ = apply.proposed(bank, {}, derived, "sv", 20)
    for channel, want in expected.items():
        assert values[f"volume_{channel}"] == want["monthly"]
        assert values[f"aht_{channel}"] == round(want["aht"])
    if "phone" in expected:
        assert values["current_answer_rate"] == round(expected["phone"]["answer_rate"], 1)
        if profile in HAS_WAIT:
            assert values["current_asa_seconds"] == round(expected["phone"]["asa"])
    assert sum(values["weekday_share"].values()) == pytest.approx(100)
    assert sum(values["intraday_share"].values()) == pytest.approx(100)
    answers = parse_answers(_yaml(values))
    problems = validate_answers(bank, answers)
    assert [p for p in problems if p.question in values] == []
    assert all(p.message == "is required but not answered" for p in problems), problems


def _yaml(values: dict) -> str:
    from cc_rfp.io.yamlio import dump_yaml

    return dump_yaml({"answers": values})


def test_several_files_and_queues_combine(phone_year, tmp_path: Path) -> None:
    """Two halves of the year from two systems add up to the whole year."""
    first = [c for c in phone_year if c.start.month <= 6]
    second = [c for c in phone_year if c.start.month > 6]
    a = gen.write_pbx(tmp_path / "h1.csv", first)
    b = gen.write_zendesk(tmp_path / "h2.csv", second)
    _, derived = read_all([a, b], Options())
    want = gen.truth(phone_year)["phone"]
    assert derived.channels["phone"].monthly == list(want["monthly"].values())
    assert derived.channels["phone"].aht == pytest.approx(want["aht"], abs=0.01)


def test_a_queue_is_mapped_to_a_channel_or_ignored(phone_year, tmp_path: Path) -> None:
    path = gen.write_calabrio(tmp_path / "c.csv", phone_year)
    options = Options(channels={"support tel": "chat", "kundtjänst tel": "ignore"})
    _, derived = read_all([path], options)
    assert set(derived.channels) == {"chat"}
    support = [c for c in phone_year if c.queue == "Support Tel"]
    assert round(derived.channels["chat"].offered) == len(support)


def test_only_answers_whose_question_applies_are_proposed(phone_year, bank, tmp_path: Path) -> None:
    """A question whose ``when:`` is false after the import is not filled (the interview would
    never ask it and the document never shows it)."""
    path = gen.write_pbx(tmp_path / "vaxel.csv", phone_year)
    _, derived = read_all([path], Options())
    values, _ = apply.proposed(bank, {}, derived, "en", 20)
    assert "aht_phone" in values
    question = bank.questions["aht_phone"]
    try:
        bank.questions["aht_phone"] = dataclasses.replace(question, when="'fax' in channels")
        values, _ = apply.proposed(bank, {}, derived, "en", 20)
    finally:
        bank.questions["aht_phone"] = question
    assert "aht_phone" not in values and "volume_phone" in values
