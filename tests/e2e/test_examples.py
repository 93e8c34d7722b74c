"""The committed example documents are exactly what the current code renders."""

from __future__ import annotations

import pytest

from tests.conftest import EXAMPLE, REPO, run_cli

EXAMPLE_EN = REPO / "examples" / "answers-example.en.yaml"
"""The same answers with English free text: the English example is rendered from it."""
SOURCES = {"sv": EXAMPLE, "en": EXAMPLE_EN}


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_example_documents_are_current(lang):
    committed = REPO / "examples" / f"spec-example.{lang}.md"
    source = SOURCES[lang]
    result = run_cli("render", str(source), "--lang", lang)
    assert result.returncode == 0, result.stderr
    assert result.stdout == committed.read_text(encoding="utf-8"), (
        f"examples/spec-example.{lang}.md is stale; regenerate it with: cc-rfp render "
        f"examples/{source.name} --lang {lang} -o examples/spec-example.{lang}.md"
    )


@pytest.mark.parametrize("source", [EXAMPLE, EXAMPLE_EN], ids=["sv", "en"])
def test_example_answers_validate(source):
    result = run_cli("validate", str(source))
    assert result.returncode == 0, result.stdout + result.stderr


def test_seeded_mistakes_are_each_named():
    """The README's validate example: every seeded mistake, with its line."""
    draft = REPO / "tests" / "data" / "draft-with-mistakes.yaml"
    result = run_cli("validate", str(draft))
    assert result.returncode == 1
    lines = draft.read_text(encoding="utf-8").splitlines()

    def line(fragment: str) -> str:
        return f"draft-with-mistakes.yaml:{lines.index(fragment) + 1}: "

    expected = {
        line("  bid_dedline: '2027-01-29'"): "did you mean 'bid_deadline'",
        line("    aht_seconds: -390"): "case_types[1].aht_seconds: must be at least 1",
        line("  weekday_share:"): "adds up to 95.0",
        line("      tue: 18:00-08:00"): "opening_hours.phone.tue: '18:00-08:00' must start",
        line("    percent: 180"): "kpi_targets[0].percent: must be at most 100",
        line("  chat_concurency: 3"): "did you mean 'chat_concurrency'",
        line("  references_count: tre"): "must be a whole number",
        line("  - iso_9000"): "'iso_9000' is not one of the choices",
        "draft-with-mistakes.yaml: ": "bid_deadline: is required but not answered",
    }
    out = result.stdout.splitlines()
    assert len(out) == len(expected)
    for where, what in expected.items():
        assert any(where in text and what in text for text in out), (where, what, out)
