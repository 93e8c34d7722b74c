"""The committed example documents are exactly what the current code renders."""

from __future__ import annotations

import pytest

from tests.conftest import EXAMPLE, REPO, run_cli


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_example_documents_are_current(lang):
    committed = REPO / "examples" / f"spec-example.{lang}.md"
    result = run_cli("render", str(EXAMPLE), "--lang", lang)
    assert result.returncode == 0, result.stderr
    assert result.stdout == committed.read_text(encoding="utf-8"), (
        f"examples/spec-example.{lang}.md is stale; regenerate it with: cc-rfp render "
        f"examples/answers-example.yaml --lang {lang} -o examples/spec-example.{lang}.md"
    )


def test_example_answers_validate():
    result = run_cli("validate", str(EXAMPLE))
    assert result.returncode == 0, result.stdout + result.stderr
