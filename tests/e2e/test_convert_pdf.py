"""The PDF tender, opened with pypdf: A4 pages, "page X of Y" that adds up, an outline that is
the Markdown's headings, embedded fonts, text in both languages, the language for
hyphenation, PDF/A on request; and ``cc-rfp render -o x.pdf|x.docx`` end to end.

Like tests/e2e/test_convert_docx.py, the input is the committed example render with the cover
from the example answers.
"""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

import pypdf
import pytest
from convert_support import example_covers, example_markdown

from cc_rfp.document import convert
from cc_rfp.errors import CcRfpError
from tests.conftest import EXAMPLE, assert_one_line_error, run_cli

pytestmark = pytest.mark.e2e  # pandoc runs as a process

A4 = (595.28, 841.89)


def markdown_headings(markdown: str) -> list[str]:
    found = re.findall(r"^#{2,6} +(.+?)\s*$", markdown, re.M)
    return [re.sub(r"\\(.)", r"\1", t).replace("*", "") for t in found]


def same_quotes(texts: list[str]) -> list[str]:
    """Typographic apostrophes and quotes as straight ones (Typst's smart quotes)."""
    return [t.replace("’", "'").replace("“", '"').replace("”", '"') for t in texts]


@pytest.fixture(scope="module")
def cover() -> dict[str, convert.Cover]:
    return example_covers()


@pytest.fixture(scope="module")
def pdf(cover: dict[str, convert.Cover]) -> dict[str, bytes]:
    return {
        lang: convert.convert(example_markdown(lang), "pdf", cover[lang], lang=lang)
        for lang in ("sv", "en")
    }


def reader(data: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(data))


def flat_outline(items: list, out: list[str] | None = None) -> list[str]:
    out = [] if out is None else out
    for item in items:
        if isinstance(item, list):
            flat_outline(item, out)
        else:
            out.append(item.title)
    return out


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_a4_pages_and_page_x_of_y_adds_up(pdf: dict[str, bytes], lang: str) -> None:
    doc = reader(pdf[lang])
    total = len(doc.pages)
    assert total > 15
    sizes = {tuple(sorted(round(float(v), 2) for v in p.mediabox[2:])) for p in doc.pages}
    assert sizes == {A4}  # portrait and landscape pages are both A4
    assert any(p.mediabox.width > p.mediabox.height for p in doc.pages)  # the KPI table
    word, of = {"sv": ("Sida", "av"), "en": ("Page", "of")}[lang]
    for number in (2, total):
        text = doc.pages[number - 1].extract_text()
        assert f"{word} {number} {of} {total}" in text
    assert word not in doc.pages[0].extract_text()  # the cover has no footer


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_outline_is_the_markdowns_headings(pdf: dict[str, bytes], lang: str) -> None:
    doc = reader(pdf[lang])
    assert same_quotes(flat_outline(doc.outline)) == same_quotes(
        markdown_headings(example_markdown(lang))
    )
    top = [item.title for item in doc.outline if not isinstance(item, list)]
    assert top[0].startswith("1. ")  # the parts are the top level; the title is on the cover


def _fonts(doc: pypdf.PdfReader) -> dict[str, pypdf.generic.DictionaryObject]:
    found = {}
    for page in doc.pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            found[str(font.get("/BaseFont"))] = font
    return found


def _embedded(font: pypdf.generic.DictionaryObject) -> bool:
    if font.get("/Subtype") == "/Type0":
        font = font["/DescendantFonts"][0].get_object()
    descriptor = font.get("/FontDescriptor")
    if descriptor is None:
        return False
    descriptor = descriptor.get_object()
    return any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_every_font_is_embedded(pdf: dict[str, bytes], lang: str) -> None:
    fonts = _fonts(reader(pdf[lang]))
    assert fonts
    assert all(_embedded(font) for font in fonts.values()), list(fonts)
    assert any("Libertinus" in name for name in fonts)  # the wheel's font, on every system


@pytest.mark.parametrize(
    ("lang", "phrases"),
    [
        ("sv", ["Förfrågningsunderlag", "Innehåll", "Servicenivåer och nyckeltal", "Kravnivå"]),
        ("en", ["Contents", "Service levels and KPIs", "Measurement interval"]),
    ],
)
def test_text_is_extractable_in_both_languages(
    pdf: dict[str, bytes], lang: str, phrases: list[str]
) -> None:
    text = " ".join(p.extract_text() for p in reader(pdf[lang]).pages)
    text = re.sub(r"\s+", " ", text)
    for phrase in phrases:
        assert phrase in text, phrase
    assert "Nordlys Hem AB" in reader(pdf[lang]).pages[0].extract_text()


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_language_and_title_are_in_the_pdf(
    pdf: dict[str, bytes], cover: dict[str, convert.Cover], lang: str
) -> None:
    """The language drives hyphenation when typeset and reading aloud afterwards."""
    doc = reader(pdf[lang])
    assert doc.trailer["/Root"]["/Lang"] == {"sv": "sv-SE", "en": "en-GB"}[lang]
    assert doc.metadata.title == cover[lang].title


def test_swedish_text_is_hyphenated(pdf: dict[str, bytes]) -> None:
    """Justified Swedish text breaks long words at syllables, with a hyphen at the line end."""
    text = " ".join(p.extract_text() for p in reader(pdf["sv"]).pages)
    assert re.search(r"[a-zåäö]{2,}-\n[a-zåäö]{2,}", text)


def test_pdfa_on_request(cover: dict[str, convert.Cover]) -> None:
    markdown = "# Titel\n\n## 1. Del\n\nText med åäö.\n"
    data = convert.convert(markdown, "pdf", cover["sv"], lang="sv", pdfa=True)
    xmp = reader(data).xmp_metadata
    assert xmp is not None
    raw = xmp.stream.get_data().decode("utf-8")
    assert re.search(r"pdfaid:part[^0-9]*2", raw) and re.search(r"pdfaid:conformance[^A-Z]*B", raw)
    plain = convert.convert(markdown, "pdf", cover["sv"], lang="sv")
    assert reader(plain).xmp_metadata is None or "pdfaid" not in (
        reader(plain).xmp_metadata.stream.get_data().decode("utf-8")
    )


def test_the_same_answers_give_the_same_pdf(cover: dict[str, convert.Cover]) -> None:
    markdown = "# T\n\n## 1. Part\n\nText.\n"
    first = convert.convert(markdown, "pdf", cover["en"], lang="en")
    assert convert.convert(markdown, "pdf", cover["en"], lang="en") == first


def test_answers_cannot_inject_typst(cover: dict[str, convert.Cover]) -> None:
    """Metadata and body reach Typst escaped: markup in an answer prints as text."""
    hostile = convert.Cover(
        title='T #set page(paper: "a5") ] ) $x$',
        buyer='#read("/etc/passwd")',
        reference="#pagebreak()",
        lang="en",
    )
    data = convert.convert("# T\n\n## 1. Part\n\n#strong[x]\n", "pdf", hostile, lang="en")
    doc = reader(data)
    cover_text = same_quotes([doc.pages[0].extract_text()])[0]
    assert '#read("/etc/passwd")' in cover_text and "#pagebreak()" in cover_text
    assert round(float(doc.pages[0].mediabox.width), 2) == A4[0]


def test_missing_typst_is_one_line(
    monkeypatch: pytest.MonkeyPatch, cover: dict[str, convert.Cover]
) -> None:
    monkeypatch.setitem(sys.modules, "typst", None)
    with pytest.raises(CcRfpError, match="pip install typst"):
        convert.convert("# T\n\ntext\n", "pdf", cover["en"], lang="en")


def test_a_typst_failure_is_one_line(
    monkeypatch: pytest.MonkeyPatch, cover: dict[str, convert.Cover]
) -> None:
    monkeypatch.setattr(convert, "TYPST_TEMPLATE", Path(__file__).parents[1] / "data" / "nope.typ")
    with pytest.raises(convert.ConversionError) as caught:
        convert.convert("# T\n\ntext\n", "pdf", cover["en"], lang="en")
    assert "\n" not in str(caught.value)


# ------------------------------------------------------------------------------ the command

SMALL_SPEC = """# {{ t('intro.title') }}

## 1. Del

| Nr | Text |
| --- | --- |
| K1 | {{ doc.show('buyer_name') }} |
"""


@pytest.fixture
def small_templates(tmp_path: Path) -> Path:
    """A templates folder whose entry is small, so the command is tested on its own."""
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "spec.md.j2").write_text(SMALL_SPEC, encoding="utf-8")
    return folder


@pytest.mark.parametrize("name", ["anbud.pdf", "anbud.docx"])
def test_render_writes_the_format_of_the_extension(
    tmp_path: Path, small_templates: Path, name: str
) -> None:
    out = tmp_path / name
    result = run_cli("render", str(EXAMPLE), "-o", str(out), "--templates", str(small_templates))
    assert result.returncode == 0, result.stderr
    assert re.search(rf"wrote .*{name} \(\d+ kB\)", result.stderr)
    head = out.read_bytes()[:4]
    assert head == (b"%PDF" if name.endswith(".pdf") else b"PK\x03\x04")
    assert [p.name for p in tmp_path.iterdir() if ".tmp" in p.name] == []


def test_render_format_option_and_pdfa(tmp_path: Path, small_templates: Path) -> None:
    out = tmp_path / "tender"
    args = ["render", str(EXAMPLE), "-o", str(out), "--templates", str(small_templates)]
    result = run_cli(*args, "--format", "pdf", "--pdfa", "--lang", "en")
    assert result.returncode == 0, result.stderr
    doc = reader(out.read_bytes())
    assert "pdfaid" in doc.xmp_metadata.stream.get_data().decode("utf-8")
    total = len(doc.pages)
    assert f"Page {total} of {total}" in doc.pages[-1].extract_text()


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["-o", "t.md", "--pdfa"], "--pdfa applies to PDF"),
        (["-o", "t.pdf", "--reference-doc", "x.docx"], "--reference-doc styles Word"),
        (["--format", "pdf"], "cannot go to standard output"),
        (["-o", "t.docx", "--reference-doc", "missing.docx"], "no such file"),
        (["-o", "t.pdf", "--format", "odt"], "--format odt"),
    ],
)
def test_render_refuses_what_cannot_work_in_one_line(
    tmp_path: Path, extra: list[str], message: str
) -> None:
    result = run_cli("render", str(EXAMPLE), *extra, cwd=tmp_path)
    assert message in assert_one_line_error(result)
    assert not any(tmp_path.iterdir())


def test_a_failed_conversion_keeps_the_old_file(tmp_path: Path, small_templates: Path) -> None:
    out = tmp_path / "anbud.docx"
    out.write_bytes(b"the earlier version")
    bad = tmp_path / "client.docx"
    bad.write_text("not a Word file", encoding="utf-8")
    result = run_cli(
        "render",
        str(EXAMPLE),
        "-o",
        str(out),
        "--templates",
        str(small_templates),
        "--reference-doc",
        str(bad),
    )
    assert "not a Word document" in assert_one_line_error(result)
    assert out.read_bytes() == b"the earlier version"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["anbud.docx", "client.docx", "templates"]
