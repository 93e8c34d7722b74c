"""The text catalogue: every sentence once per language, every key the templates use present."""

from __future__ import annotations

import re

import pytest

from cc_rfp.document import catalog
from cc_rfp.errors import InputError, TemplateError
from tests.conftest import REPO, assert_one_line_error, run_cli

TEMPLATES = REPO / "templates"
BUILTIN = catalog.load(TEMPLATES)
OUTLINE = catalog.load_outline(TEMPLATES)


def template_sources() -> dict[str, str]:
    return {
        str(path.relative_to(TEMPLATES)): path.read_text(encoding="utf-8")
        for path in TEMPLATES.rglob("*.j2")
    }


def test_every_key_exists_in_every_language_with_the_same_placeholders():
    assert set(BUILTIN.languages) == {"sv", "en"}
    for key, texts in BUILTIN.entries.items():
        assert set(texts) == set(BUILTIN.languages), key
        wanted = catalog.placeholders(texts[BUILTIN.languages[0]])
        for lang, text in texts.items():
            assert catalog.placeholders(text) == wanted, (key, lang)


def test_every_reference_names_a_part_or_section_of_the_outline():
    for key, texts in BUILTIN.entries.items():
        for name in catalog.placeholders(texts["en"]):
            if name.startswith("ref:"):
                assert name[4:] in OUTLINE.numbers, (key, name)


def test_every_key_the_templates_use_exists():
    used: set[str] = set()
    for name, source in template_sources().items():
        for key in re.findall(r"\bt\('([\w.]+)'", source):
            used.add(key)
        for qid, variant in re.findall(r"m\.(?:item|about|label)\('(\w+)'(?:, '(\w+)')?\)", source):
            used.add(f"label.{qid}" + (f".{variant}" if variant else ""))
        for ref in re.findall(r"\bref\('([\w.]+)'\)", source):
            assert ref in OUTLINE.numbers, (name, ref)
        for ref in re.findall(r"\bheading\('([\w.]+)'\)", source):
            used.add(f"title.{ref}")
    dynamic = {k for k in used if k.endswith(("_", "."))}  # t(prefix ~ value)
    missing = sorted(used - dynamic - set(BUILTIN.entries))
    assert not missing, missing
    # keys built at run time: pricing.period_<scenario_period>
    for period in ("typical_month", "first_year", "contract_period"):
        assert f"pricing.period_{period}" in BUILTIN.entries


def test_every_part_and_section_has_a_title():
    for ref in OUTLINE.numbers:
        assert f"title.{ref}" in BUILTIN.entries, ref


def test_the_numbering_is_computed_from_the_outline():
    text = catalog.Text(BUILTIN, OUTLINE, "en")
    assert text.ref("pricing") == "8"
    assert text.heading("pricing") == "## 8. Compensation and pricing"
    assert text.heading("pricing.price_form") == "### 8.5 Price form"
    assert text.next_section("tender") == "1.8"
    assert "(part 8)" in text.t("intro.invitation", buyer="Acme")


def test_a_missing_value_fails_in_one_line_naming_the_key():
    text = catalog.Text(BUILTIN, OUTLINE, "sv")
    with pytest.raises(TemplateError, match=r"tender.validity.*\{days\}"):
        text.t("tender.validity")
    with pytest.raises(TemplateError, match=r"no\.such\.key"):
        text.t("no.such.key")


def test_a_key_without_the_language_fails_naming_key_and_language():
    partial = catalog.build({"a.b": {"sv": "x", "en": "y"}}, [{"c.d": {"en": "only"}}])
    with pytest.raises(TemplateError, match=r"'c\.d' has no 'sv' text"):
        catalog.Text(partial, OUTLINE, "sv").t("c.d")


def test_a_missing_key_in_a_user_template_fails_in_one_line(tmp_path):
    folder = tmp_path / "tpl"
    (folder / "parts").mkdir(parents=True)
    (folder / "parts" / "09_evaluation.md.j2").write_text(
        "{{ heading('evaluation') }}\n\n{{ t('evaluation.no_such_text') }}\n", encoding="utf-8"
    )
    answers = tmp_path / "answers.yaml"
    answers.write_text("answers:\n  buyer_name: Acme AB\n", encoding="utf-8")
    result = run_cli("render", "--draft", str(answers), "--lang", "en", "--templates", str(folder))
    line = assert_one_line_error(result, 2)
    assert "09_evaluation.md.j2:3" in line and "evaluation.no_such_text" in line


def test_a_templates_folder_overrides_one_catalogue_entry(tmp_path):
    folder = tmp_path / "tpl"
    (folder / "text").mkdir(parents=True)
    (folder / "text" / "mine.yaml").write_text(
        'title.pricing:\n  en: "Price and payment"\n', encoding="utf-8"
    )
    answers = tmp_path / "answers.yaml"
    answers.write_text("answers:\n  buyer_name: Acme AB\n", encoding="utf-8")
    english = run_cli("render", "--draft", str(answers), "--lang", "en", "--templates", str(folder))
    assert english.returncode == 0, english.stderr
    assert "\n## 8. Price and payment\n" in english.stdout
    assert "## 8. Compensation and pricing" not in english.stdout
    assert "\n## 9. Evaluation of bids\n" in english.stdout  # the rest stays built-in
    swedish = run_cli("render", "--draft", str(answers), "--lang", "sv", "--templates", str(folder))
    assert swedish.returncode == 0, swedish.stderr
    assert "Price and payment" not in swedish.stdout  # only the English text was replaced


def test_a_third_language_is_a_new_column(tmp_path):
    folder = tmp_path / "text"
    folder.mkdir()
    (folder / "a.yaml").write_text(
        'greeting:\n  sv: "Hej {name}"\n  en: "Hello {name}"\n  de: "Hallo {name}"\n'
        'title.x:\n  sv: "Del"\n  en: "Part"\n  de: "Teil"\n',
        encoding="utf-8",
    )
    (tmp_path / "outline.yaml").write_text(
        "parts:\n  - id: x\n    template: parts/x.md.j2\n    sections: [y]\n", encoding="utf-8"
    )
    german = catalog.Text(catalog.load(tmp_path), catalog.load_outline(tmp_path), "de")
    assert german.t("greeting", name="Welt") == "Hallo Welt"
    assert german.heading("x") == "## 1. Teil"
    with pytest.raises(TemplateError, match="'fr' is not a column"):
        catalog.Text(catalog.load(tmp_path), catalog.load_outline(tmp_path), "fr")


def test_a_key_defined_twice_is_refused(tmp_path):
    folder = tmp_path / "text"
    folder.mkdir()
    (folder / "a.yaml").write_text('k:\n  sv: "a"\n  en: "a"\n', encoding="utf-8")
    (folder / "b.yaml").write_text('k:\n  sv: "b"\n  en: "b"\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"k: already defined in a\.yaml"):
        catalog.read_folder(folder)


def test_an_old_layout_folder_keeps_working(tmp_path):
    """DIR/en/spec.md.j2 that includes "en/parts/…" and a DIR/strings.yaml still render."""
    folder = tmp_path / "tpl"
    (folder / "en").mkdir(parents=True)
    (folder / "en" / "spec.md.j2").write_text(
        '{% set ns = namespace(req=0) %}\n{% import "macros.md.j2" as m with context %}\n'
        "# Mine\n\n{{ s.not_specified }}\n\n"
        '{% include "en/parts/09_evaluation.md.j2" %}\n',
        encoding="utf-8",
    )
    (folder / "strings.yaml").write_text(
        'en:\n  not_specified: "Open for now."\n', encoding="utf-8"
    )
    answers = tmp_path / "answers.yaml"
    answers.write_text("answers:\n  buyer_name: Acme AB\n", encoding="utf-8")
    result = run_cli("render", "--draft", str(answers), "--lang", "en", "--templates", str(folder))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# Mine\n\nOpen for now.\n")
    assert "\n## 9. Evaluation of bids\n" in result.stdout


@pytest.mark.parametrize("target", ["text/mine.yaml", "text", "outline.yaml"])
def test_catalogue_files_linked_from_outside_the_folder_are_refused(tmp_path, target):
    """The rule for templates holds for text and outline files: no link out of the folder."""
    outside = tmp_path / "outside"
    (outside / "text").mkdir(parents=True)
    secret = 'title.pricing:\n  en: "SECRET"\n'
    (outside / "text" / "mine.yaml").write_text(secret, encoding="utf-8")
    (outside / "outline.yaml").write_text((REPO / "templates" / "outline.yaml").read_text())
    folder = tmp_path / "tpl"
    (folder / "text").mkdir(parents=True)
    link = folder / target
    if target == "text":
        link.rmdir()
    link.symlink_to(outside / target)
    answers = tmp_path / "answers.yaml"
    answers.write_text("answers:\n  buyer_name: Acme AB\n", encoding="utf-8")
    result = run_cli("render", "--draft", str(answers), "--lang", "en", "--templates", str(folder))
    line = assert_one_line_error(result, 2)
    assert "outside the templates folder" in line
    assert "SECRET" not in result.stdout
