"""The example's Markdown and covers, shared by the Word and the PDF conversion tests."""

from __future__ import annotations

from conftest import EXAMPLE, REPO

from cc_rfp.core.answers import load_answers
from cc_rfp.core.bank import load_bank
from cc_rfp.document import convert

LANGS = ("sv", "en")


def example_markdown(lang: str) -> str:
    """The rendered example (``examples/spec-example.LANG.md``), as the tests compare it."""
    return (REPO / "examples" / f"spec-example.{lang}.md").read_text(encoding="utf-8")


def example_covers() -> dict[str, convert.Cover]:
    """The example's cover in each language, from its answers."""
    bank, answers = load_bank(None), load_answers(EXAMPLE)
    return {lang: convert.cover_for(bank, answers, lang, example_markdown(lang)) for lang in LANGS}
