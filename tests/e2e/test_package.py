"""``cc-rfp package``: every file of the package opened with a library, not by eye.

Names in the document's language; the Word file (python-docx), the PDF (pypdf) and the three
workbooks (openpyxl) open and say what the summary says; ``--draft`` marks each file where a
reader looks; a final package is refused while buyer-only facts are missing, and then nothing
is written; a converter that fails leaves nothing half-written; an output folder holding the
answers file is handled safely; the price form's metadata hash is that of its quantities.

The packages are built in-process (``make_package``) once per module; two tests run the
installed command for its exit code, its one-line refusal and its summary on stdout.
"""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path
from typing import Any

import docx
import pypdf
import pytest
import yaml_data
from openpyxl import load_workbook

from cc_rfp import i18n
from cc_rfp.core.answers import load_answers
from cc_rfp.core.bank import load_bank
from cc_rfp.document import convert
from cc_rfp.document import package as pkg
from cc_rfp.document.render import missing_buyer_facts, render_memo
from cc_rfp.errors import EXIT_PROBLEMS, OutputError
from cc_rfp.forms import price_form as pf
from cc_rfp.forms.workbook import META_SHEET, content_hash, read_metadata
from cc_rfp.pricing.model import price_rows
from tests.conftest import EXAMPLE, assert_one_line_error, run_cli

pytestmark = pytest.mark.e2e  # pandoc runs as a process

BUYER_FACT = "bid_deadline"
"""A fact only the buyer can give; the example answers it, the tests take it away."""


def make(out: Path, answers: Path = EXAMPLE, lang: str | None = None, **kw: Any) -> list[str]:
    options = pkg.Options(answers_path=answers, out=out, **kw)
    return pkg.make_package(options, lang=lang)


@pytest.fixture(scope="module")
def final_sv(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    out = tmp_path_factory.mktemp("final") / "paket"
    return out, make(out, lang="sv")


@pytest.fixture(scope="module")
def draft_en(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    out = tmp_path_factory.mktemp("draft") / "package"
    return out, make(out, lang="en", draft=True)


def without_buyer_fact(folder: Path) -> Path:
    """The example answers with one buyer-only fact taken away."""
    data = yaml_data.load(EXAMPLE.read_text(encoding="utf-8"))
    del data["answers"][BUYER_FACT]
    path = folder / "unfinished.yaml"
    path.write_text(yaml_data.dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def names(folder: Path) -> set[str]:
    """Every file in the package, by its path inside the folder (the memo sits in a subfolder)."""
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def expected(lang: str) -> set[str]:
    return set(pkg.file_names(lang).values())


def pdf_text(path: Path) -> str:
    return "\n".join(p.extract_text() for p in pypdf.PdfReader(path).pages)


def visible_sheets(path: Path) -> list[Any]:
    book = load_workbook(path)
    return [s for s in book.worksheets if s.sheet_state == "visible"]


# --------------------------------------------------------------------------------- names


def test_file_names_are_in_the_documents_language() -> None:
    assert pkg.file_names("sv") == {
        "tender_docx": "förfrågningsunderlag.docx",
        "tender_pdf": "förfrågningsunderlag.pdf",
        "price_form": "prisbilaga.xlsx",
        "compliance_matrix": "kravmatris.xlsx",
        "data_annex": "underlag.xlsx",
        "memo": "internt/intern-promemoria.docx",
    }
    assert pkg.file_names("en") == {
        "tender_docx": "tender.docx",
        "tender_pdf": "tender.pdf",
        "price_form": "price-form.xlsx",
        "compliance_matrix": "compliance-matrix.xlsx",
        "data_annex": "data-annex.xlsx",
        "memo": "internal/internal-memo.docx",
    }


def test_the_package_holds_exactly_its_files_named_in_its_language(
    final_sv: tuple[Path, list[str]], draft_en: tuple[Path, list[str]]
) -> None:
    assert names(final_sv[0]) == expected("sv")
    assert names(draft_en[0]) == expected("en")
    assert {"prisbilaga.xlsx", "förfrågningsunderlag.pdf"} <= names(final_sv[0])
    assert {"price-form.xlsx", "tender.docx"} <= names(draft_en[0])


# ------------------------------------------------------------------------------- summary


def test_one_summary_line_per_file_with_its_real_size_and_pages_or_rows(
    final_sv: tuple[Path, list[str]],
) -> None:
    out, lines = final_sv
    files = sorted(names(out))
    assert len(lines) == len(files) + 1
    by_name = {}
    for line in lines[:-1]:
        match = re.match(r"^(.+?)\s{2,}([\d\u00a0]+) kB\s{2}(.+)$", line)
        assert match, line
        path = Path(match.group(1))
        assert out in path.parents
        name = path.relative_to(out).as_posix()
        by_name[name] = (int(match.group(2).replace("\u00a0", "")), match.group(3))
    assert set(by_name) == set(files)
    for file in files:
        size = (out / file).stat().st_size
        assert by_name[file][0] == max(1, round(size / 1024)), file

    pages = len(pypdf.PdfReader(out / "förfrågningsunderlag.pdf").pages)
    assert by_name["förfrågningsunderlag.pdf"][1] == f"{pages} sidor"

    bank, answers = load_bank(None), load_answers(EXAMPLE)
    rows = price_rows(bank, answers, "sv")
    prices = load_workbook(out / "prisbilaga.xlsx")[i18n.t("forms.sheet_prices", "sv")]
    ids = {r.id for r in rows}
    on_sheet = [v for (v,) in prices.iter_rows(min_col=1, max_col=1, values_only=True) if v in ids]
    assert len(on_sheet) == len(rows) > 0
    assert by_name["prisbilaga.xlsx"][1] == f"{len(rows)} prisrader"

    matrix = load_workbook(out / "kravmatris.xlsx")[i18n.t("forms.sheet_matrix", "sv")]
    requirement_ids = [
        v
        for (v,) in matrix.iter_rows(min_row=7, min_col=1, max_col=1, values_only=True)
        if v is not None
    ]
    assert by_name["kravmatris.xlsx"][1] == f"{len(requirement_ids)} krav"

    docx_tables = len(docx.Document(out / "förfrågningsunderlag.docx").tables)
    assert by_name["förfrågningsunderlag.docx"][1].endswith(f", {docx_tables} tabeller")

    total = lines[-1]
    assert total.startswith(f"{len(files)} filer i {out}, ")
    assert re.search(r", \d+,\d s$", total), total
    assert "UTKAST" not in total


def test_pdf_pages_are_counted_as_pypdf_counts_them(final_sv: tuple[Path, list[str]]) -> None:
    data = (final_sv[0] / "förfrågningsunderlag.pdf").read_bytes()
    assert pkg.pdf_pages(data) == len(pypdf.PdfReader(io.BytesIO(data)).pages) > 10


# --------------------------------------------------------------------------- every file


def test_the_tender_opens_in_both_formats_in_the_documents_language(
    final_sv: tuple[Path, list[str]], draft_en: tuple[Path, list[str]]
) -> None:
    for out, lang, stem in (
        (final_sv[0], "sv", "förfrågningsunderlag"),
        (draft_en[0], "en", "tender"),
    ):
        word = docx.Document(out / f"{stem}.docx")
        headings = [p.text for p in word.paragraphs if p.style.name == "Heading 1"]
        assert len(headings) >= 10, headings
        reader = pypdf.PdfReader(out / f"{stem}.pdf")
        assert (
            reader.trailer["/Root"]["/Lang"]
            == convert.LOCALES[lang][0] + "-" + convert.LOCALES[lang][1]
        )
        outline = [item.title for item in reader.outline if not isinstance(item, list)]
        assert [h.replace("’", "'") for h in headings] == [
            o.replace("’", "'") for o in outline if o != i18n.t("document.contents", lang)
        ][: len(headings)]


def test_the_memo_is_the_internal_memo_in_word_and_says_it_is_internal(
    final_sv: tuple[Path, list[str]], draft_en: tuple[Path, list[str]]
) -> None:
    bank, answers = load_bank(None), load_answers(EXAMPLE)
    for (out, lines), lang, name in (
        (final_sv, "sv", "internt/intern-promemoria.docx"),
        (draft_en, "en", "internal/internal-memo.docx"),
    ):
        markdown = render_memo(bank, answers, lang=lang)
        parts = re.findall(r"^## +(.+?)\s*$", markdown, re.M)
        word = docx.Document(out / name)
        headings = [p.text for p in word.paragraphs if p.style.name == "Heading 1"]
        assert headings == [re.sub(r"\\(.)", r"\1", h) for h in parts] and len(parts) >= 3
        line = next(line for line in lines if line.split("  ")[0].endswith(name))
        assert line.endswith(i18n.t("package.detail_internal", lang, detail="")[1:].strip()), line
        assert f"{len(parts)} " in line
    header = [
        p.text
        for s in docx.Document(draft_en[0] / "internal" / "internal-memo.docx").sections
        for p in s.header.paragraphs
        if p.text.strip()
    ]
    assert header and all(h.endswith("(DRAFT)") for h in header), header


def test_the_workbooks_belong_to_the_tender_and_are_protected(
    final_sv: tuple[Path, list[str]],
) -> None:
    out = final_sv[0]
    kinds = {
        "prisbilaga.xlsx": "price_form",
        "kravmatris.xlsx": "compliance_matrix",
        "underlag.xlsx": "data_annex",
    }
    for name, kind in kinds.items():
        book = load_workbook(out / name)
        assert book.security.lockStructure
        meta = read_metadata(book[META_SHEET])
        assert meta["kind"] == kind
        assert meta["tender_reference"] == "NH-2027-01"
        assert meta["language"] == "sv"
        assert meta["draft"] == "no"
        for sheet in book.worksheets:
            assert sheet.protection.sheet, (name, sheet.title)
        assert book.properties.contentStatus in (None, "")


def test_the_price_forms_hash_is_that_of_its_own_quantities(
    final_sv: tuple[Path, list[str]],
) -> None:
    """The quantities and weights read back from the locked cells, in the pricing model's
    order (the sheet groups options before one-off prices), hash to the metadata's value."""
    book = load_workbook(final_sv[0] / "prisbilaga.xlsx")
    sheet = book[i18n.t("forms.sheet_prices", "sv")]
    rows = price_rows(load_bank(None), load_answers(EXAMPLE), "sv")
    on_sheet = {
        row[0]: (row[0], row[3], row[4])
        for row in sheet.iter_rows(min_row=pf.FIRST_ROW + 1, max_col=5, values_only=True)
        if row[0] is not None
    }
    read_back = [on_sheet[r.id] for r in rows]
    digest = read_metadata(book[META_SHEET])["hash"]
    assert digest == content_hash(read_back)
    assert digest == pf.quantities_hash(rows)
    changed = [(i, q + 1, w) for i, q, w in read_back]
    assert content_hash(changed) != digest


# --------------------------------------------------------------------------------- draft


def test_a_final_package_carries_no_draft_marking(final_sv: tuple[Path, list[str]]) -> None:
    out = final_sv[0]
    word = i18n.t("forms.draft_suffix", "sv").strip(" ()")
    assert word == "UTKAST"
    assert word not in pdf_text(out / "förfrågningsunderlag.pdf")
    assert word not in "\n".join(
        p.text for p in docx.Document(out / "förfrågningsunderlag.docx").paragraphs
    )
    for name in ("prisbilaga.xlsx", "kravmatris.xlsx", "underlag.xlsx"):
        for sheet in visible_sheets(out / name):
            assert all(word not in str(c.value or "") for c in sheet[1]), (name, sheet.title)


def test_draft_marks_the_word_file_in_its_body_and_every_pages_header(
    draft_en: tuple[Path, list[str]],
) -> None:
    word = docx.Document(draft_en[0] / "tender.docx")
    body = "\n".join(p.text for p in word.paragraphs)
    assert "DRAFT – not for publication." in body
    headers = [p.text for s in word.sections for p in s.header.paragraphs if p.text.strip()]
    assert headers and all(h.endswith("(DRAFT)") for h in headers), headers
    assert word.core_properties.title.endswith("(DRAFT)")


def test_draft_marks_the_pdf_on_the_cover_in_the_text_and_in_the_running_header(
    draft_en: tuple[Path, list[str]],
) -> None:
    reader = pypdf.PdfReader(draft_en[0] / "tender.pdf")
    pages = [p.extract_text() for p in reader.pages]
    assert "(DRAFT)" in pages[0]
    assert any("DRAFT – not for publication." in p for p in pages)
    later = pages[2:]
    assert sum("(DRAFT)" in p for p in later) == len(later)


def test_draft_marks_every_workbook_sheet_metadata_and_file_status(
    draft_en: tuple[Path, list[str]],
) -> None:
    for name in ("price-form.xlsx", "compliance-matrix.xlsx", "data-annex.xlsx"):
        book = load_workbook(draft_en[0] / name)
        assert read_metadata(book[META_SHEET])["draft"] == "yes"
        assert book.properties.contentStatus == "DRAFT"
        visible = [s for s in book.worksheets if s.sheet_state == "visible"]
        assert len(visible) >= 2
        for sheet in visible:
            title = next(c.value for c in sheet[1] if c.value not in (None, ""))
            assert str(title).endswith(" (DRAFT)"), (name, sheet.title, title)
            assert sheet.oddHeader.center.text == "DRAFT"


# ------------------------------------------------------------------------------- refusal


def test_a_final_package_is_refused_while_a_buyer_fact_is_missing(tmp_path: Path) -> None:
    answers = without_buyer_fact(tmp_path)
    facts = missing_buyer_facts(load_bank(None), load_answers(answers), "en")
    assert [f["id"] for f in facts] == [BUYER_FACT]
    out = tmp_path / "out"
    with pytest.raises(pkg.PackageBlocked) as caught:
        make(out, answers, lang="en")
    assert caught.value.exit_code == EXIT_PROBLEMS
    message = str(caught.value)
    assert "\n" not in message
    assert f"({BUYER_FACT})" in message and "--draft" in message
    assert not out.exists()


def test_the_cli_refuses_in_one_line_exit_1_and_writes_nothing(tmp_path: Path) -> None:
    answers = without_buyer_fact(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    (out / "tender.pdf").write_bytes(b"an older tender")
    result = run_cli("package", str(answers), "-o", str(out), "--lang", "en")
    line = assert_one_line_error(result, EXIT_PROBLEMS)
    assert BUYER_FACT in line
    assert names(out) == {"tender.pdf"}
    assert (out / "tender.pdf").read_bytes() == b"an older tender"


def test_the_cli_writes_a_draft_and_prints_one_line_per_file(tmp_path: Path) -> None:
    answers = without_buyer_fact(tmp_path)
    out = tmp_path / "out"
    result = run_cli("package", str(answers), "-o", str(out), "--lang", "sv", "--draft")
    assert result.returncode == 0, result.stderr
    assert "1 uppgifter från beställaren saknas" in result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == len(expected("sv")) + 1
    for name in expected("sv"):
        assert sum(line.split("  ")[0].endswith(name) for line in lines) == 1, name
    assert lines[-1].endswith("alla märkta UTKAST")
    assert names(out) == expected("sv")


# ---------------------------------------------------------------------------- safe output


def test_a_failing_converter_leaves_nothing_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "prisbilaga.xlsx").write_bytes(b"last week's form")

    def broken(*args: Any, **kwargs: Any) -> bytes:
        raise convert.ConversionError("typst could not typeset the tender: test")

    monkeypatch.setattr(convert, "to_pdf", broken)
    with pytest.raises(convert.ConversionError, match="typst"):
        make(out, lang="sv")
    assert names(out) == {"prisbilaga.xlsx"}
    assert (out / "prisbilaga.xlsx").read_bytes() == b"last week's form"


def test_an_output_folder_holding_the_answers_keeps_them(tmp_path: Path) -> None:
    out = tmp_path / "work"
    out.mkdir()
    answers = out / "answers.yaml"
    shutil.copy(EXAMPLE, answers)
    before = answers.read_bytes()
    make(out, answers, lang="en")
    assert answers.read_bytes() == before
    assert names(out) == expected("en") | {"answers.yaml"}


def test_an_answers_file_named_like_an_output_is_refused_before_any_write(
    tmp_path: Path,
) -> None:
    out = tmp_path / "work"
    out.mkdir()
    answers = out / "price-form.xlsx"  # a YAML file under an unlucky name
    shutil.copy(EXAMPLE, answers)
    before = answers.read_bytes()
    with pytest.raises(OutputError, match="answers file"):
        make(out, answers, lang="en")
    assert answers.read_bytes() == before
    assert names(out) == {"price-form.xlsx"}


def test_standard_output_is_not_a_folder(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="standard output"):
        make(Path("-"), lang="en")


def test_the_answers_file_as_output_folder_is_refused(tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    shutil.copy(EXAMPLE, answers)
    with pytest.raises(OutputError, match="not a folder"):
        make(answers, answers, lang="en")
    assert answers.read_bytes() == EXAMPLE.read_bytes()


def test_the_reference_document_as_a_target_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    reference = out / "tender.docx"
    shutil.copy(convert.REFERENCE_DOCX, reference)
    before = reference.read_bytes()
    with pytest.raises(OutputError, match="reference document"):
        make(out, lang="en", reference_doc=reference)
    assert reference.read_bytes() == before
    assert names(out) == {"tender.docx"}


def test_a_read_only_target_is_refused_before_any_work(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    locked = out / "data-annex.xlsx"
    locked.write_bytes(b"kept")
    locked.chmod(0o444)
    with pytest.raises(OutputError, match="read-only"):
        make(out, lang="en")
    assert names(out) == {"data-annex.xlsx"}


# ---------------------------------------------------------------------------- pass-through


def test_reference_doc_templates_and_questions_reach_the_files(tmp_path: Path) -> None:
    """The client's Word template styles both Word files; a ``--templates`` text and a
    ``--questions`` bank are the ones the whole package is made from."""
    from docx.shared import Mm

    reference = tmp_path / "client.docx"
    styled = docx.Document(convert.REFERENCE_DOCX)
    for section in styled.sections:
        section.page_width, section.page_height = Mm(216), Mm(279)  # US Letter
    styled.save(reference)
    templates = tmp_path / "mine"
    (templates / "text").mkdir(parents=True)
    phrase = "Nordlys invites bids through its own wording."
    (templates / "text" / "mine.yaml").write_text(
        yaml_data.dump({"intro.invitation": {"sv": "Egen inbjudan.", "en": phrase}}), "utf-8"
    )
    bank = tmp_path / "bank.yaml"
    shutil.copy(pkg_bank_path(), bank)
    out = tmp_path / "out"
    make(out, lang="en", reference_doc=reference, templates=templates, bank_path=bank)
    for name in ("tender.docx", "internal/internal-memo.docx"):
        word = docx.Document(out / name)
        widths = {round(s.page_width.mm) for s in word.sections}
        assert 216 in widths and widths <= {216, 279}, (name, widths)
    assert phrase in "\n".join(p.text for p in docx.Document(out / "tender.docx").paragraphs)
    assert phrase in pdf_text(out / "tender.pdf").replace("\n", " ")
    second = tmp_path / "second"
    second.mkdir()
    shutil.copy(bank, second / "tender.pdf")  # the bank under a name the package writes
    with pytest.raises(OutputError, match="question bank"):
        make(second, lang="en", bank_path=second / "tender.pdf")
    assert (second / "tender.pdf").read_bytes() == bank.read_bytes()


def pkg_bank_path() -> Path:
    from cc_rfp.io import resources

    return resources.bank_path()


def test_a_write_that_fails_midway_names_what_was_and_was_not_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full disk after two files: each file is whole, and the line says which are new."""
    from cc_rfp.io import atomic

    real = atomic.atomic_write_bytes
    calls: list[str] = []

    def fill_up(path: Path, data: bytes, **kwargs: Any) -> None:
        calls.append(Path(path).name)
        if len(calls) == 3:
            raise OutputError(f"{path}: cannot write (No space left on device)")
        real(path, data, **kwargs)

    monkeypatch.setattr(atomic, "atomic_write_bytes", fill_up)
    out = tmp_path / "out"
    with pytest.raises(OutputError) as caught:
        make(out, lang="en")
    message = str(caught.value)
    assert "No space left on device" in message
    assert "already written: tender.docx, tender.pdf" in message
    assert "not written: price-form.xlsx, compliance-matrix.xlsx" in message
    assert names(out) == {"tender.docx", "tender.pdf"}
    assert len(pypdf.PdfReader(out / "tender.pdf").pages) > 10
