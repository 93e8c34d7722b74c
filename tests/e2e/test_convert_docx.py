"""The Word tender, opened with python-docx: A4, language, cover, contents, header and footer
with page fields, ruled tables with repeating header rows, readable wide tables, the
Markdown's headings in order; a client's reference document; converters missing or failing.

The input is the committed example render (``examples/spec-example.{sv,en}.md``) with the
cover read from the example answers, so these tests look at converting, not at templates.
"""

from __future__ import annotations

import io
import itertools
import re
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from convert_support import example_covers, example_markdown
from docx.oxml.ns import qn
from docx.shared import Mm
from lxml import etree

from cc_rfp.core.answers import load_answers
from cc_rfp.core.bank import load_bank
from cc_rfp.document import convert, formats
from cc_rfp.errors import CcRfpError, InputError
from tests.conftest import EXAMPLE, REPO

pytestmark = pytest.mark.e2e  # pandoc runs as a process

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def markdown_headings(markdown: str) -> list[str]:
    """The headings below the title, as plain text, in order."""
    found = re.findall(r"^#{2,6} +(.+?)\s*$", markdown, re.M)
    # pandoc's typography: straight apostrophes become typographic ones
    return [re.sub(r"\\(.)", r"\1", text).replace("*", "").replace("'", "’") for text in found]


@pytest.fixture(scope="module")
def cover() -> dict[str, convert.Cover]:
    return example_covers()


@pytest.fixture(scope="module")
def word(cover: dict[str, convert.Cover]) -> dict[str, bytes]:
    return {
        lang: convert.convert(example_markdown(lang), "docx", cover[lang], lang=lang)
        for lang in ("sv", "en")
    }


def opened(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def part(data: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return package.read(name).decode("utf-8")


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_a4_and_the_documents_language(word: dict[str, bytes], lang: str) -> None:
    document = opened(word[lang])
    for section in document.sections:
        short, long = sorted((section.page_width, section.page_height))
        assert abs(short - Mm(210)) < Mm(1) and abs(long - Mm(297)) < Mm(1)
    defaults = document.styles.element.find(f"{W}docDefaults")
    language = defaults.find(f"{W}rPrDefault/{W}rPr/{W}lang").get(qn("w:val"))
    assert language == {"sv": "sv-SE", "en": "en-GB"}[lang]


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_header_shows_the_title_and_footer_page_x_of_y(
    word: dict[str, bytes], cover: dict[str, convert.Cover], lang: str
) -> None:
    sections = opened(word[lang]).sections
    assert sections[0].different_first_page_header_footer  # the cover has neither
    section = sections[-1]
    assert section.header.paragraphs[0].text == cover[lang].title
    footer = section.footer._element.xml
    assert re.search(r'w:instr="PAGE"', footer) and re.search(r'w:instr="NUMPAGES"', footer)
    words = "".join(t for t in re.findall(r"<w:t[^>]*>([^<]*)</w:t>", footer))
    assert words == {"sv": "Sida 1 av 1", "en": "Page 1 of 1"}[lang]  # fields' cached "1"
    assert "{page_of}" not in footer and "{title}" not in section.header._element.xml


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_cover_then_contents_then_the_parts(
    word: dict[str, bytes], cover: dict[str, convert.Cover], lang: str
) -> None:
    document = opened(word[lang])
    styled = [(p.style.name, p.text) for p in document.paragraphs if p.text.strip()]
    assert styled[0] == ("Subtitle", "Nordlys Hem AB")
    assert styled[1] == ("Title", cover[lang].title)
    lines = [f"{label}: {convert._plain(value)}" for label, value in cover[lang].lines()]
    assert [text for _, text in styled[2 : 2 + len(lines)]] == lines
    assert lines[-1].startswith({"sv": "Datum: 20", "en": "Date: 20"}[lang])
    body = list(document.element.body)
    toc = next(i for i, e in enumerate(body) if e.tag == f"{W}sdt")
    cover_end = body.index(next(p for p in document.paragraphs if p.style.name == "Date")._p)
    first_heading = body.index(
        next(p for p in document.paragraphs if p.style.name == "Heading 1")._p
    )
    assert cover_end < toc < first_heading
    contents = etree.tostring(body[toc], encoding="unicode")
    assert {"sv": "Innehåll", "en": "Contents"}[lang] in contents
    assert 'TOC \\o "1-2"' in contents and 'w:dirty="true"' in contents  # Word fills it
    assert part(word[lang], "docProps/core.xml").count(cover[lang].title) == 1


def test_the_cover_reads_reference_and_version_when_the_bank_has_them() -> None:
    import copy

    # A copy: the loaded bank is shared (cached) by every later test in this process.
    bank, answers = copy.deepcopy(load_bank(None)), load_answers(EXAMPLE)
    markdown = example_markdown("en")
    answers.values |= {
        "tender_reference": "R/1",
        "document_version": "2",
        "document_date": "2027-01-02",
    }
    full = convert.cover_for(bank, answers, "en", markdown)
    assert (full.buyer, full.reference, full.version, full.date) == (
        "Nordlys Hem AB",
        "R/1",
        "2",
        "2027-01-02",
    )
    for qid in (*convert.REFERENCE_IDS, *convert.VERSION_IDS, *convert.DATE_IDS):
        bank.questions.pop(qid, None)  # a bank without those questions
    bare = convert.cover_for(bank, answers, "en", markdown)
    assert (bare.reference, bare.version) == (None, None)
    assert bare.lines() == [("Date", answers.updated[:10])]  # the day the answers were saved


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_markdowns_headings_in_order(word: dict[str, bytes], lang: str) -> None:
    document = opened(word[lang])
    headings = [p.text for p in document.paragraphs if p.style.name.lower().startswith("heading")]
    assert headings == markdown_headings(example_markdown(lang))
    levels = {p.style.name for p in document.paragraphs if p.text.startswith("1. ")}
    assert "Heading 1" in levels  # the parts are the top level, the title is on the cover


def _style_borders(document: docx.document.Document, style_id: str) -> set[str]:
    style = document.styles.element.find(f"{W}style[@{W}styleId='{style_id}']")
    borders = style.find(f"{W}tblPr/{W}tblBorders")
    return {
        child.tag.removeprefix(W)
        for child in (borders if borders is not None else [])
        if child.get(qn("w:val")) not in (None, "nil", "none")
    }


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_every_table_is_ruled_and_repeats_its_header_row(word: dict[str, bytes], lang: str) -> None:
    document = opened(word[lang])
    assert len(document.tables) > 20
    for table in document.tables:
        style_id = table._tbl.tblPr.find(f"{W}tblStyle").get(qn("w:val"))
        assert _style_borders(document, style_id) >= {
            "top",
            "bottom",
            "left",
            "right",
            "insideH",
            "insideV",
        }
        first = table.rows[0]._tr
        assert first.find(f"{W}trPr/{W}tblHeader") is not None, table.rows[0].cells[0].text


def _section_of(document: docx.document.Document, table: docx.table.Table) -> docx.oxml.CT_SectPr:
    """The section properties that end the section this table is in."""
    body = list(document.element.body)
    for element in body[body.index(table._tbl) :]:
        sect = element.find(f"{W}pPr/{W}sectPr") if element.tag == f"{W}p" else None
        if sect is not None:
            return sect
        if element.tag == f"{W}sectPr":
            return element
    raise AssertionError("no section after the table")


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_no_column_is_narrower_than_its_longest_word_and_the_kpi_table_fits(
    word: dict[str, bytes], lang: str
) -> None:
    """Equal widths would break 'Rapportering' mid-word in the KPI table in portrait."""
    document = opened(word[lang])
    checked = 0
    for table in document.tables:
        if table._tbl.tblPr.find(f"{W}tblLayout") is None:
            continue  # an auto-fit table: every cell fits on one line
        sect = _section_of(document, table)
        size, margins = sect.find(f"{W}pgSz"), sect.find(f"{W}pgMar")
        text_width = (
            int(size.get(qn("w:w")))
            - int(margins.get(qn("w:left")))
            - int(margins.get(qn("w:right")))
        )
        grid = [int(col.get(qn("w:w"))) for col in table._tbl.find(f"{W}tblGrid")]
        assert abs(sum(grid) - text_width) <= len(grid)
        for index, width in enumerate(grid):
            words = [w for row in table.rows for w in row.cells[index].text.split()]
            longest = max((len(w) for w in words), default=0)
            # 9 pt text: a character is at most about 0.55 em wide; 108 twips of padding a side
            assert width >= longest * 0.55 * 9 * 20 + 216, (table.rows[0].cells[0].text, index)
        checked += 1
    assert checked >= 5
    kpi = next(t for t in document.tables if t.rows[0].cells[1].text in ("Nyckeltal", "KPI"))
    assert kpi._tbl.tblPr.find(f"{W}tblLayout") is not None  # widths set, not equal


def test_portrait_resumes_after_a_landscape_table_and_the_cover_keeps_its_own_page(
    word: dict[str, bytes],
) -> None:
    xml = part(word["sv"], "word/document.xml")
    sections = re.findall(r"<w:sectPr\b.*?</w:sectPr>", xml, re.S)
    orients = ["landscape" if 'w:orient="landscape"' in s else "portrait" for s in sections]
    assert orients[-1] == "portrait" and "landscape" in orients
    assert all(a != b for a, b in itertools.pairwise(orients))
    assert ["titlePg" in s for s in sections] == [True] + [False] * (len(sections) - 1)
    assert all("headerReference" in s and "footerReference" in s for s in sections)


def test_a_clients_reference_document_styles_the_output(
    tmp_path: Path, cover: dict[str, convert.Cover]
) -> None:
    client = docx.Document(str(convert.REFERENCE_DOCX))
    client.sections[0].page_width, client.sections[0].page_height = Mm(216), Mm(279)
    client.styles["Title"].font.size = docx.shared.Pt(31)
    path = tmp_path / "client.docx"
    client.save(str(path))
    data = convert.convert(
        example_markdown("sv"), "docx", cover["sv"], lang="sv", reference_doc=path
    )
    result = opened(data)
    assert abs(result.sections[-1].page_width - Mm(216)) < Mm(1)
    assert result.styles["Title"].font.size == docx.shared.Pt(31)


def test_a_reference_that_is_not_a_word_file_is_one_line(
    tmp_path: Path, cover: dict[str, convert.Cover]
) -> None:
    bad = tmp_path / "template.docx"
    bad.write_text("not a zip", encoding="utf-8")
    with pytest.raises(InputError, match="not a Word document"):
        convert.convert("# T\n\nx\n", "docx", cover["sv"], lang="sv", reference_doc=bad)
    with pytest.raises(InputError, match="no such file"):
        convert.convert(
            "# T\n", "docx", cover["sv"], lang="sv", reference_doc=tmp_path / "missing.docx"
        )


def test_a_line_break_in_a_cell_survives(cover: dict[str, convert.Cover]) -> None:
    markdown = "# T\n\n## Part\n\n| A | B |\n| --- | --- |\n| one<br>two | x |\n"
    document = opened(convert.convert(markdown, "docx", cover["en"], lang="en"))
    assert "<w:br/>" in document.tables[0]._tbl.xml.replace(" />", "/>")
    assert document.tables[0].cell(1, 0).text == "one\ntwo"


def test_the_shipped_reference_document_is_what_the_script_builds() -> None:
    """scripts/make_reference_docx.py is reproducible and the committed file is its output."""
    sys.path.insert(0, str(REPO / "scripts"))
    try:
        import make_reference_docx
    finally:
        sys.path.pop(0)
    assert make_reference_docx.build() == convert.REFERENCE_DOCX.read_bytes()


def test_missing_pandoc_is_one_line_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cover: dict[str, convert.Cover]
) -> None:
    monkeypatch.setitem(sys.modules, "pypandoc", None)  # import pypandoc now fails
    with pytest.raises(CcRfpError, match="pip install pypandoc-binary") as caught:
        convert.convert(example_markdown("sv"), "docx", cover["sv"], lang="sv")
    assert "\n" not in str(caught.value)


def test_a_failing_pandoc_is_one_line(
    monkeypatch: pytest.MonkeyPatch, cover: dict[str, convert.Cover]
) -> None:
    import pypandoc

    def broken(*args: object, **kwargs: object) -> str:
        raise RuntimeError('Pandoc died with exitcode "1" during conversion: out of memory\nmore')

    monkeypatch.setattr(pypandoc, "convert_text", broken)
    with pytest.raises(convert.ConversionError, match=r"^pandoc failed: Pandoc died") as caught:
        convert.convert(example_markdown("sv"), "docx", cover["sv"], lang="sv")
    assert "\n" not in str(caught.value)


def test_format_comes_from_the_extension_unless_given() -> None:
    assert formats.format_for(Path("t.DOCX"), None) == "docx"
    assert formats.format_for(Path("t.pdf"), None) == "pdf"
    assert formats.format_for(Path("t.md"), None) == "md"
    assert formats.format_for(None, None) == "md"
    assert formats.format_for(Path("tender"), "pdf") == "pdf"
    with pytest.raises(InputError, match="--format odt"):
        formats.format_for(Path("t.odt"), "odt")
