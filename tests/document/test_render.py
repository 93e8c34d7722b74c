"""The tender specification as rendered by the real engine and the built-in templates.

Every document is parsed with markdown-it (CommonMark plus tables) and checked for what a
buyer would notice first: parts missing, tables that break, template debris, an English
document that is shaped differently from the Swedish one.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pytest
import yaml_data
from markdown_it import MarkdownIt

from cc_rfp.core.answers import load_answers, parse_answers
from cc_rfp.core.bank import load_bank, parse_bank
from cc_rfp.document.render import render_document
from tests.conftest import EXAMPLE, REPO, assert_one_line_error, run_cli

LANGS = ("en", "sv")

PARTS = {
    "en": [
        "1. About the tender",
        "2. The company and its customer service",
        "3. Purpose of outsourcing and priorities",
        "4. Requirements on the service",
        "5. Processes and collaboration",
        "6. Technology, reporting and competence",
        "7. Data protection and information security",
        "8. Compensation and pricing",
        "9. Evaluation of bids",
        "10. Transition, supplier requirements and contract terms",
        "Annex: Open items",
    ],
    "sv": [
        "1. Om upphandlingen",
        "2. Företaget och kundservicen",
        "3. Syfte med outsourcingen och prioriteringar",
        "4. Krav på tjänsten",
        "5. Processer och samarbete",
        "6. Teknik, rapportering och kompetens",
        "7. Dataskydd och informationssäkerhet",
        "8. Ersättning och prissättning",
        "9. Utvärdering av anbud",
        "10. Övergång, krav på leverantören och avtalsvillkor",
        "Bilaga: Öppna frågor",
    ],
}
SUB_PARTS = {
    "en": [
        "1.2 Timetable",
        "1.6 How requirements are marked",
        "2.4 Case types",
        "2.6 Weekday and intraday patterns",
        "4.5 Service levels and KPIs",
        "4.6 Counting rules",
        "4.7 How the targets relate",
        "7.2 Sub-processors",
        "8.4 Evaluation scenario",
        "8.5 Price form",
        "8.7 How the evaluation price is computed",
        "9.2 Basis of award, criteria and weights",
        "10.8 Main contract terms",
    ],
    "sv": [
        "1.2 Tidplan",
        "1.6 Så är kraven märkta",
        "2.4 Ärendetyper",
        "2.6 Vecko- och dygnskurvor",
        "4.5 Servicenivåer och nyckeltal",
        "4.6 Mätregler",
        "4.7 Hur målen hänger ihop",
        "7.2 Underbiträden",
        "8.4 Utvärderingsscenario",
        "8.5 Prisbilaga",
        "8.7 Så beräknas utvärderingspriset",
        "9.2 Grund för tilldelning, kriterier och viktning",
        "10.8 Viktigaste avtalsvillkor",
    ],
}


def _not_given(lang: str) -> tuple[str, ...]:
    """How a missing answer reads: for bidders to propose, or for the buyer to give."""
    from cc_rfp.document import catalog
    from cc_rfp.io import resources

    entries = catalog.load(resources.templates_dir(), None).entries
    return tuple(entries[key][lang] for key in ("common.open_propose", "common.open_buyer"))


NOT_SPECIFIED = {lang: _not_given(lang) for lang in ("en", "sv")}
DEBRIS = [r"\bNone\b", r"\bnull\b", r"\{\{", r"\{%", r"%\}", r"\}\}", r"Undefined", r"\bnan\b"]

needs_example = pytest.mark.skipif(not EXAMPLE.is_file(), reason="example answers not written yet")


# ----- helpers ---------------------------------------------------------------------------
@lru_cache(maxsize=1)
def builtin_bank():
    return load_bank()


def render(answers_text: str | None = None, lang: str = "en", **kwargs) -> str:
    """The document for the example answers (None) or for answers given as YAML text."""
    answers = load_answers(EXAMPLE) if answers_text is None else parse_answers(answers_text)
    bank = kwargs.pop("bank", None) or builtin_bank()
    return render_document(bank, answers, lang=lang, **kwargs)


def example_text() -> str:
    return EXAMPLE.read_text(encoding="utf-8")


def example_with(**changes: object) -> str:
    """The example answers with some answers replaced (YAML text)."""
    data = yaml_data.load(example_text())
    data["answers"].update(changes)
    return yaml_data.dump(data, allow_unicode=True, sort_keys=False)


EMPTY = "answers: {}\n"


@lru_cache(maxsize=16)
def parse(text: str) -> tuple:
    """The document's Markdown tokens (read only): kept per text, since one test reads the
    headings and the tables of the same document, and a parse costs about 30 ms."""
    return tuple(MarkdownIt("commonmark").enable("table").parse(text))


def headings(text: str) -> list[tuple[int, str]]:
    tokens = parse(text)
    out = []
    for i, token in enumerate(tokens):
        if token.type == "heading_open":
            out.append((int(token.tag[1]), tokens[i + 1].content))
    return out


def _split_row(line: str) -> list[str]:
    line = line.strip()
    if line.startswith("|"):
        line = line[1:]
    if line.endswith("|") and not line.endswith("\\|"):
        line = line[:-1]
    return re.split(r"(?<!\\)\|", line)


def tables(text: str) -> list[dict]:
    """Every table: its header cells (parsed) and the cell count of every raw source row."""
    lines = text.split("\n")
    tokens = parse(text)
    out = []
    for i, token in enumerate(tokens):
        if token.type != "table_open":
            continue
        start, end = token.map
        header = []
        for tok in tokens[i:]:
            if tok.type == "th_open":
                header.append(tok)
            if tok.type == "thead_close":
                break
        raw_counts = [len(_split_row(line)) for line in lines[start:end] if line.strip()]
        out.append({"columns": len(header), "raw": raw_counts, "line": start + 1})
    return out


def table_shape(text: str) -> list[int]:
    return [t["columns"] for t in tables(text)]


def heading_shape(text: str) -> list[int]:
    return [level for level, _ in headings(text)]


def check_document(text: str, lang: str) -> None:
    """Everything a well-formed specification must satisfy, whatever the answers."""
    for pattern in DEBRIS:
        match = re.search(pattern, text)
        assert match is None, (
            f"{pattern!r} in the document: …{text[max(0, match.start() - 80) : match.end() + 80]}…"
        )
    heads = headings(text)
    assert heads[0][0] == 1 and [h for h in heads if h[0] == 1] == heads[:1], "one title first"
    previous = 1
    for level, title in heads:
        assert title.strip(), "empty heading"
        assert level <= previous + 1, f"heading level jumps at {title!r}"
        assert level <= 3, f"heading deeper than ### at {title!r}"
        previous = level
    names = [title for _, title in heads]
    for part in PARTS[lang] + SUB_PARTS[lang]:
        assert part in names, f"missing heading {part!r}"
    for table in tables(text):
        assert table["columns"] >= 2
        assert all(n == table["columns"] for n in table["raw"]), table
    lines = text.split("\n")
    for token in parse(text):
        if token.level != 0 or token.type not in {
            "heading_open",
            "table_open",
            "bullet_list_open",
            "ordered_list_open",
        }:
            continue
        start, end = token.map
        if start > 0:
            assert lines[start - 1].strip() == "", f"no blank line before line {start + 1}"
        last = max(i for i in range(start, end) if lines[i].strip())
        if last + 1 < len(lines) and any(line.strip() for line in lines[last + 1 :]):
            assert lines[last + 1].strip() == "", f"no blank line after line {last + 1}"
    # no empty part: every ## heading is followed by content before the next heading
    tokens = parse(text)
    # lists stay tight: a loose list means two lists ran together across a blank line
    loose = []
    item = "list_item_open"
    containers: list[str] = []  # the open blocks around each token (a quote may hold a paragraph)
    for tok in tokens:
        if tok.type.endswith("_open") and tok.type != "paragraph_open":
            containers.append(tok.type)
        elif tok.type.endswith("_close") and tok.type != "paragraph_close":
            containers.pop()
        elif tok.type == "paragraph_open" and not tok.hidden and containers[-1:] == [item]:
            loose.append(tok.map)
    assert not loose, f"loose list (two lists run together?) at lines {loose}"
    for i, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag == "h2":
            nxt = tokens[i + 3] if i + 3 < len(tokens) else None
            assert nxt is not None, "the document ends in an empty part"
            empty = nxt.type == "heading_open" and nxt.tag != "h3"
            assert not empty, f"empty part {tokens[i + 1].content!r}"


# ----- the example and an empty file, both languages ---------------------------------------
@needs_example
@pytest.mark.parametrize("lang", LANGS)
def test_example_document_is_well_formed(lang):
    text = render(lang=lang)
    check_document(text, lang)
    assert "Nordlys Hem AB" in text.splitlines()[0]
    # the templates place every question of the example themselves: no catch-all section
    assert {"en": "Further details", "sv": "Övriga uppgifter"}[lang] not in text


@pytest.mark.parametrize("lang", LANGS)
def test_empty_answers_give_every_part_with_not_specified_text(lang):
    text = render(EMPTY, lang)
    check_document(text, lang)
    # every part has at least one "not yet specified" sentence under it
    parts = {p.splitlines()[0]: p for p in re.split(r"^## ", text, flags=re.M)[1:]}
    for title in PARTS[lang][:-1]:  # the open-items annex lists them instead
        found = any(phrase in parts[title] for phrase in NOT_SPECIFIED[lang])
        assert found, f"part {title!r} has no not-specified text"
    for other in NOT_SPECIFIED["sv" if lang == "en" else "en"]:
        assert other not in text


@pytest.mark.parametrize("source", ["example", "empty"])
def test_sv_and_en_have_the_same_shape(source):
    if source == "example" and not EXAMPLE.is_file():
        pytest.skip("example answers not written yet")
    answers = None if source == "example" else EMPTY
    en, sv = render(answers, "en"), render(answers, "sv")
    assert heading_shape(en) == heading_shape(sv)
    assert table_shape(en) == table_shape(sv)
    assert len(tables(en)) >= 5


@needs_example
def test_each_language_is_wholly_its_own():
    # the example's free-text answers are Swedish, so the English check uses the template text
    # alone (an empty file) and the Swedish vocabulary check uses the example
    sv = render(lang="sv")
    en = render(EMPTY, "en")
    for word in (
        "ska-krav",
        "bör-krav",
        "prisbilaga",
        "utvärderingspris",
        "personuppgiftsbiträde",
        "underbiträde",
        "servicegrad",
        "svarsfrekvens",
        "snittsvarstid",
        "efterbearbetning",
        "anbudsgivar",
    ):
        assert word in sv.lower(), word
    for phrase in ("Bidders", "Not yet specified", "Mandatory requirement", "Price form"):
        assert phrase not in sv, phrase
        assert phrase not in render(EMPTY, "sv"), phrase
    for phrase in ("Anbudsgivaren", "Inte angivet", "Prisbilaga", "Servicegrad"):
        assert phrase not in en, phrase


# ----- the contents a tender needs ------------------------------------------------------------
@needs_example
def test_kpi_table_price_form_and_scenario():
    text = render(lang="en")
    shapes = {t["line"]: t["columns"] for t in tables(text)}
    lines = text.split("\n")

    def header_of(title: str) -> str:
        start = lines.index(f"### {title}")
        return next(line for line in lines[start:] if line.startswith("| "))

    kpi = header_of("4.5 Service levels and KPIs")
    for column in ("KPI", "Service level", "Measurement interval", "Reporting", "Exceptions"):
        assert f"| {column} |" in kpi or f" {column} |" in kpi, column
    price = header_of("8.5 Price form")
    assert "Unit price" in price
    scenario = header_of("8.4 Evaluation scenario")
    assert "Contacts per year" in scenario and "Handling time" in scenario
    # the price form leaves the bidder's cells empty (9.3's worked example fills its own copy)
    start = lines.index("### 8.5 Price form")
    end = next(i for i in range(start + 1, len(lines)) if lines[i].startswith("### "))
    rows = [line for line in lines[start:end] if line.startswith("| Handled contact")]
    assert rows and all(
        _split_row(row)[5].strip() == _split_row(row)[6].strip() == "" for row in rows
    )
    # numbered requirements run R1, R2, … without gaps
    numbers = [int(n) for n in re.findall(r"\bR(\d+)\b", text)]
    assert sorted(set(numbers)) == list(range(1, max(numbers) + 1))
    assert shapes


@needs_example
def test_counting_rules_follow_the_chosen_abandon_rule():
    rules = {
        "answered_over_offered": "answered within y seconds ÷ offered contacts",
        "abandoned_within_count_as_met": "+ contacts abandoned within y seconds) ÷ offered",
        "exclude_early_abandons": "÷ (answered contacts + contacts abandoned after y seconds)",
    }
    for rule, formula in rules.items():
        text = render(example_with(sl_abandon_rule=rule, short_abandon_seconds=7), "en")
        assert formula in text, rule
        assert "within 7 seconds (short abandons)" in text
        others = [f for r, f in rules.items() if r != rule]
        assert not any(f in text for f in others)


@needs_example
def test_per_minute_price_row_uses_handling_minutes():
    text = render(example_with(price_unit_phone="per_minute"), "en")
    row = next(line for line in text.split("\n") if line.startswith("| Billable minute | Phone"))
    # phone: 41,000 calls × 360 s ÷ 60 = 246,000 minutes a year; the example's start-up and
    # exit prices make the evaluation period its whole contract (contract_months)
    answers = yaml_data.load(example_text())["answers"]
    volume = sum(answers["volume_phone"].values())
    years = answers["contract_months"] / 12
    assert f"{round(volume * answers['aht_phone'] / 60 * years):,}" in row
    assert not any(line.startswith("| Staffed hour") for line in text.split("\n"))


# ----- answers cannot break the document ------------------------------------------------------
NASTY = "| pipe * star # hash <b>html</b> _under_\n# heading?\n- list?\n\n| a | b |"


@needs_example
@pytest.mark.parametrize("lang", LANGS)
def test_markdown_metacharacters_in_answers_change_no_structure(lang):
    plain = render(lang=lang)
    cases = yaml_data.load(example_text())["answers"]["case_types"]
    nasty_cases = [dict(case) for case in cases]
    nasty_cases[0]["name"] = NASTY.replace("\n", " ")
    nasty_cases[0]["handling"] = NASTY
    nasty = render(
        example_with(
            buyer_name="Nordlys | *Hem* # <AB>",
            business_idea=NASTY,
            case_types=nasty_cases,
            contact_name=NASTY.replace("\n", " "),
        ),
        lang,
    )
    check_document(nasty, lang)
    assert heading_shape(nasty) == heading_shape(plain)
    assert table_shape(nasty) == table_shape(plain)
    assert "<b>" not in nasty


def test_metacharacters_in_an_otherwise_empty_file():
    answers = f"answers:\n  business_idea: {yaml_data.dump(NASTY).strip()}\n"
    base, nasty = render(EMPTY, "en"), render(answers, "en")
    assert heading_shape(nasty) == heading_shape(base)
    assert table_shape(nasty) == table_shape(base)


# ----- open items -----------------------------------------------------------------------------
@pytest.mark.parametrize("lang", LANGS)
def test_open_items_list_an_unknown_answer_with_its_note(lang):
    answers = (
        "answers:\n  buyer_name: Acme AB\n"
        "  vision: {unknown: true, note: 'board decides | in May'}\n"
    )
    text = render(answers, lang)
    annex = text.split(f"## {PARTS[lang][-1]}")[1]
    row = next(line for line in annex.split("\n") if "board decides" in line)
    assert "board decides \\| in May" in row
    assert {"en": "Not known yet", "sv": "Okänt ännu"}[lang] in row
    assert {"en": "What is your vision?", "sv": "Vilken är er vision?"}[lang] in row
    # the same note next to the answer in the body
    body = text.split(f"## {PARTS[lang][-1]}")[0]
    assert "board decides \\| in May" in body


@needs_example
def test_open_items_annex_names_every_unknown_example_answer():
    data = yaml_data.load(example_text())["answers"]
    unknown = [
        qid for qid, value in data.items() if isinstance(value, dict) and value.get("unknown")
    ]
    text = render(lang="en")
    annex = text.split("## Annex: Open items")[1]
    bank = builtin_bank()
    for qid in (q for q in unknown if bank.questions[q].unknown == "propose"):
        assert bank.questions[qid].text["en"].split("?")[0] in annex, qid


# ----- nothing is dropped -----------------------------------------------------------------------
def test_a_question_the_templates_do_not_know_still_reaches_the_document(tmp_path):
    raw = yaml_data.load((REPO / "questions.yaml").read_text(encoding="utf-8"))
    section = next(s for s in raw["sections"] if s["id"] == "processes")
    section["questions"].append(
        {
            "id": "brand_new_question",
            "type": "text",
            "text": {"sv": "En alldeles ny fråga", "en": "A brand new question"},
        }
    )
    bank = parse_bank(yaml_data.dump(raw, allow_unicode=True))
    answers = "answers:\n  brand_new_question: 'the answer | here'\n"
    for lang, heading in (("en", "5.10 Further details"), ("sv", "5.10 Övriga uppgifter")):
        text = render(answers, lang, bank=bank)
        assert heading in [title for _, title in headings(text)]
        assert "the answer \\| here" in text


# ----- the command line and user templates ------------------------------------------------------
@needs_example
def test_cli_render_matches_the_engine(tmp_path):
    out = tmp_path / "tender.md"
    result = run_cli("render", "--draft", str(EXAMPLE), "--lang", "sv", "-o", str(out))
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert text == render(lang="sv")
    check_document(text, "sv")


def test_templates_folder_overrides_one_file_and_falls_back_for_the_rest(tmp_path):
    folder = tmp_path / "tpl"
    (folder / "en" / "parts").mkdir(parents=True)
    (folder / "en" / "parts" / "03_purpose.md.j2").write_text(
        "## 3. Our own purpose part\n\nWritten by {{ doc.show('buyer_name') }}.\n", encoding="utf-8"
    )
    answers = tmp_path / "answers.yaml"
    answers.write_text("answers:\n  buyer_name: Acme AB\n", encoding="utf-8")
    result = run_cli("render", "--draft", str(answers), "--lang", "en", "--templates", str(folder))
    assert result.returncode == 0, result.stderr
    names = [title for _, title in headings(result.stdout)]
    assert "3. Our own purpose part" in names
    assert "Written by Acme AB." in result.stdout
    assert "3. Purpose of outsourcing and priorities" not in names
    assert "2. The company and its customer service" in names  # built-in parts still used
    assert "8.5 Price form" in names


def test_user_template_with_an_undefined_name_fails_in_one_line(tmp_path):
    folder = tmp_path / "tpl"
    (folder / "en" / "parts").mkdir(parents=True)
    (folder / "en" / "parts" / "05_processes.md.j2").write_text(
        "## 5. Processes\n\n{{ no_such_variable }}\n", encoding="utf-8"
    )
    answers = tmp_path / "answers.yaml"
    answers.write_text("answers:\n  buyer_name: Acme AB\n", encoding="utf-8")
    result = run_cli("render", "--draft", str(answers), "--lang", "en", "--templates", str(folder))
    line = assert_one_line_error(result, 2)
    assert "05_processes.md.j2:3" in line
    assert "no_such_variable" in line


def test_builtin_templates_exist_for_every_part():
    """One tree: every part of the outline has its template, every part file is used."""
    templates = REPO / "templates"
    outline = yaml_data.load((templates / "outline.yaml").read_text(encoding="utf-8"))["parts"]
    used = {part["template"] for part in outline}
    for name in used:
        assert (templates / name).is_file(), name
    sources = "".join((templates / name).read_text(encoding="utf-8") for name in used)
    for path in (templates / "parts").glob("*.md.j2"):
        name = f"parts/{path.name}"
        assert name in used or f'"{name}"' in sources, f"{name} is in no part of the outline"
    assert (templates / "spec.md.j2").is_file()
    assert not (templates / "sv").exists() and not (templates / "en").exists()
