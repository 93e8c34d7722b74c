"""The whole tender package in one step: Word, PDF, the three spreadsheets and the memo.

Bidders get the tender (``.docx`` and ``.pdf``), the price form, the compliance matrix and the
data annex; the internal memo (``render_memo``, Word) is for the buyer and the consultant and
is named so, in a subfolder of its own (``internt/intern-promemoria.docx``), and the summary line
says it is not for bidders.

What a consultant sends to the procurement system is not one document but a set, and the set
must agree with itself: the PDF and the Word file say the same thing, the price form has the
rows the pricing part describes, the compliance matrix lists the requirements the document
numbers. So the package is made from **one** rendering of the Markdown: both conversions, the
requirements of the matrix and the cover read the same text.

Order of work, and why:

1. :func:`plan` names every file in the document's language and checks each target before any
   work: not one of the inputs (answers, bank, template, reference document; through links
   too), not read-only, the output a folder.
2. :func:`build` makes every file **in memory**. The conversions run in worker threads
   (pandoc is a subprocess, so they overlap with each other and with the memo's rendering and
   the spreadsheets, which are built meanwhile in this thread). A converter that fails stops
   the package here, before anything is written: no half package, no mix of new and old files.
3. :func:`write` creates the folder and writes each file atomically (``io.atomic``). Should a
   write still fail (a full disk), the error names the files already written and the rest.

``--draft`` marks every file: the document's own draft marking (``render_document``) and the
cover title of the tender and the memo (hence every page's running header), and in each
workbook the metadata flag, the title of every visible sheet, the printed page header and the
file's content status.
"""

from __future__ import annotations

import dataclasses
import re
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cc_rfp import i18n
from cc_rfp.errors import EXIT_PROBLEMS, CcRfpError, OutputError

if TYPE_CHECKING:
    from cc_rfp.core.answers import Answers
    from cc_rfp.core.bank import Bank

ROLES = ("tender_docx", "tender_pdf", "price_form", "compliance_matrix", "data_annex", "memo")
"""Every file a package can hold, in the order the summary lists them."""

_NAME_KEYS = {
    "tender_docx": ("package.file_tender", ".docx"),
    "tender_pdf": ("package.file_tender", ".pdf"),
    "price_form": ("package.file_price_form", ".xlsx"),
    "compliance_matrix": ("package.file_compliance_matrix", ".xlsx"),
    "data_annex": ("package.file_data_annex", ".xlsx"),
    "memo": ("package.file_memo", ".docx"),
}


class PackageBlocked(CcRfpError):
    """A final package was asked for while buyer-only facts are missing (exit 1, like
    ``validate`` finding problems: the answers are fine, the tender is not finished)."""

    exit_code = EXIT_PROBLEMS


@dataclass(frozen=True)
class Options:
    """What the command passes through; ``templates`` and ``bank_path`` are inputs too."""

    answers_path: Path
    out: Path
    lang: str = "sv"
    """The document's language, resolved (``--lang``, else the answers file's, else locale)."""
    draft: bool = False
    templates: Path | None = None
    bank_path: Path | None = None
    reference_doc: Path | None = None
    pdfa: bool = False
    concurrent: bool = True


@dataclass(frozen=True)
class Built:
    """One file of the package, made in memory and not yet written."""

    role: str
    path: Path
    data: bytes
    detail: str


INTERNAL = frozenset({"memo"})
"""Roles kept in a subfolder of their own (``internt/`` / ``internal/``): a consultant who
uploads the package folder to the procurement platform must not publish the memo with it."""


def file_names(lang: str) -> dict[str, str]:
    """Role -> file name in ``lang`` (``prisbilaga.xlsx``, ``internal/internal-memo.docx``, …)."""
    folder = i18n.t("package.folder_internal", lang)
    return {
        role: (f"{folder}/" if role in INTERNAL else "") + i18n.t(key, lang) + suffix
        for role, (key, suffix) in _NAME_KEYS.items()
    }


# ------------------------------------------------------------------------------ 1. plan


def plan(options: Options) -> dict[str, Path]:
    """Role -> target path; every target checked before any work (raises OutputError)."""
    import os

    from cc_rfp.io.atomic import check_can_write, is_stdout, refuse_input_as_output

    out = options.out
    if is_stdout(out):
        raise OutputError(i18n.t("package.not_stdout", options.lang))
    if out.exists() and not out.is_dir():
        raise OutputError(i18n.t("package.not_a_folder", options.lang, path=out))
    targets = {role: out / name for role, name in file_names(options.lang).items()}
    for target in targets.values():
        refuse_input_as_output(
            target,
            answers=options.answers_path,
            bank=options.bank_path,
            templates=options.templates,
        )
        if options.reference_doc is not None and _same(target, options.reference_doc):
            raise OutputError(i18n.t("package.is_reference_doc", options.lang, path=target))
        if target.parent.is_dir():
            check_can_write(target)
    if not out.exists():
        # The folder is made only once everything is built; the nearest folder that exists
        # must be a folder we may write in.
        here = Path(os.path.abspath(out)).parent
        while not here.exists() and here != here.parent:
            here = here.parent
        if not here.is_dir():
            raise OutputError(i18n.t("package.not_a_folder", options.lang, path=here))
        check_can_write(here / ".cc-rfp-package-check")
    return targets


def _same(a: Path, b: Path) -> bool:
    import os

    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def refuse_unfinished(bank: Bank, answers: Answers, options: Options) -> int:
    """Stop a final package while buyer-only facts are missing; return how many are missing.

    The facts come from the document's own list (``render.missing_buyer_facts``), so the
    package refuses exactly what ``render`` refuses. One line names them all.
    """
    from cc_rfp.document.render import missing_buyer_facts

    facts = missing_buyer_facts(bank, answers, options.lang)
    if facts and not options.draft:
        named = ", ".join(
            i18n.t("package.blocked_fact", options.lang, label=f["label"], id=f["id"])
            for f in facts
        )
        raise PackageBlocked(
            i18n.t(
                "package.blocked",
                options.lang,
                path=options.answers_path,
                count=len(facts),
                facts=named,
            )
        )
    return len(facts)


# ----------------------------------------------------------------------------- 2. build


def build(bank: Bank, answers: Answers, options: Options, targets: dict[str, Path]) -> list[Built]:
    """Every file of the package in memory, in :data:`ROLES` order; nothing is written.

    Python work (rendering, the workbooks) stays in this thread; the conversions, which wait
    on pandoc, go to worker threads as soon as their Markdown exists.
    """
    from cc_rfp.document.render import render_document, render_memo

    lang = options.lang
    markdown = render_document(
        bank, answers, lang=lang, templates_dir=options.templates, draft=options.draft
    )
    tender = _converter(bank, answers, options, markdown)
    jobs: dict[str, Callable[[], bytes]] = {
        "tender_docx": lambda: tender("docx"),
        "tender_pdf": lambda: tender("pdf"),
    }
    memo_markdown = ""

    def memo_job() -> bytes:
        return _converter(bank, answers, options, memo_markdown)("docx")

    def python_work() -> dict[str, Built]:
        nonlocal memo_markdown
        memo_markdown = render_memo(bank, answers, lang=lang, templates_dir=options.templates)
        return _workbooks(bank, answers, options, targets, markdown)

    results: dict[str, bytes] = {}
    if options.concurrent:
        with ThreadPoolExecutor(max_workers=3, thread_name_prefix="cc-rfp") as pool:
            futures = {role: pool.submit(job) for role, job in jobs.items()}
            try:
                made = python_work()
                futures["memo"] = pool.submit(memo_job)
            finally:
                # A conversion's error (one line) is reported even if the workbooks failed too.
                results = {role: future.result() for role, future in futures.items()}
    else:
        results = {role: job() for role, job in jobs.items()}
        made = python_work()
        results["memo"] = memo_job()

    made["tender_docx"] = Built(
        "tender_docx",
        targets["tender_docx"],
        results["tender_docx"],
        _document_detail(markdown, lang),
    )
    made["tender_pdf"] = Built(
        "tender_pdf",
        targets["tender_pdf"],
        results["tender_pdf"],
        _pdf_detail(results["tender_pdf"], lang),
    )
    made["memo"] = Built(
        "memo",
        targets["memo"],
        results["memo"],
        i18n.t("package.detail_internal", lang, detail=_document_detail(memo_markdown, lang)),
    )
    return [made[role] for role in ROLES if role in made]


def _converter(
    bank: Bank, answers: Answers, options: Options, markdown: str
) -> Callable[[str], bytes]:
    """Conversion of one Markdown text to docx or pdf, with its cover made once.

    With ``--draft`` the cover's title says so, and with it the running header of every page
    (the tender's body carries the draft notice itself; the memo is internal anyway).
    """
    from cc_rfp.document.convert import convert, cover_for

    lang = options.lang
    cover = cover_for(bank, answers, lang, markdown)
    if options.draft:
        cover = dataclasses.replace(cover, title=cover.title + i18n.t("forms.draft_suffix", lang))

    def to(fmt: str) -> bytes:
        if fmt == "docx":
            return convert(markdown, "docx", cover, lang=lang, reference_doc=options.reference_doc)
        return convert(markdown, "pdf", cover, lang=lang, pdfa=options.pdfa)

    return to


def _workbooks(
    bank: Bank, answers: Answers, options: Options, targets: dict[str, Path], markdown: str
) -> dict[str, Built]:
    """The price form, the compliance matrix and the data annex, as bytes."""
    from cc_rfp.forms import compliance, data_annex, price_form, requirements_from_markdown
    from cc_rfp.forms import workbook as wb
    from cc_rfp.forms.workbook import meta_from_answers
    from cc_rfp.pricing.model import price_rows

    lang = options.lang
    meta = dataclasses.replace(meta_from_answers(answers, lang), draft=options.draft)
    rows = price_rows(bank, answers, lang)
    requirements = requirements_from_markdown(markdown, lang, options.templates)
    books: list[tuple[str, Any, str]] = [
        (
            "price_form",
            price_form.build_price_form(rows, meta, lang)[0],
            i18n.t("package.detail_price_rows", lang, rows=len(rows)),
        ),
        (
            "compliance_matrix",
            compliance.build_compliance_matrix(requirements, meta, lang)[0],
            i18n.t("package.detail_requirements", lang, rows=len(requirements)),
        ),
    ]
    annex = data_annex.build_data_annex(bank, answers, meta, lang, templates_dir=options.templates)
    sheets, annex_rows = _annex_size(annex)
    books.append(
        ("data_annex", annex, i18n.t("package.detail_annex", lang, sheets=sheets, rows=annex_rows))
    )
    made = {}
    for role, book, detail in books:
        if options.draft:
            mark_draft(book, lang)
        made[role] = Built(role, targets[role], wb.workbook_bytes(book), detail)
    return made


def mark_draft(book: Any, lang: str) -> None:
    """A draft workbook says so where a reader looks: every visible sheet's title, the printed
    page header, and the file's content status (the metadata sheet's flag is set by the
    form writers from ``FormMeta.draft``)."""
    suffix = i18n.t("forms.draft_suffix", lang)
    word = suffix.strip(" ()")
    for sheet in book.worksheets:
        if sheet.sheet_state != "visible":
            continue
        title = next((cell for cell in sheet[1] if cell.value not in (None, "")), None)
        if title is None:
            sheet["A1"] = word
        elif not str(title.value).endswith(suffix):
            title.value = f"{title.value}{suffix}"
        sheet.oddHeader.center.text = word
        sheet.evenHeader.center.text = word
    book.properties.contentStatus = word


def _annex_size(book: Any) -> tuple[int, int]:
    """Data sheets and their data rows (below the header row; instructions and metadata aside)."""
    from cc_rfp.forms.data_annex import HEADER_ROW
    from cc_rfp.forms.workbook import META_SHEET

    sheets = [s for s in book.worksheets[1:] if s.title != META_SHEET]
    return len(sheets), sum(max(0, s.max_row - HEADER_ROW) for s in sheets)


_TABLE_RULE = re.compile(r"^\|?(?:\s*:?-{3,}:?\s*\|)+\s*:?-*:?\s*$", re.M)
"""A pipe table's separator row: one per table."""


def _document_detail(markdown: str, lang: str) -> str:
    """Sections (the parts and annexes, ``##``) and tables of the rendered tender."""
    headings = len(re.findall(r"^## ", markdown, re.M))
    tables = len(_TABLE_RULE.findall(markdown))
    return i18n.t("package.detail_document", lang, headings=headings, tables=tables)


def pdf_pages(data: bytes) -> int:
    """Page objects in a PDF as Typst writes it (page dictionaries are not compressed)."""
    return len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", data))


def _pdf_detail(data: bytes, lang: str) -> str:
    return i18n.t("package.detail_pages", lang, pages=pdf_pages(data))


# ----------------------------------------------------------------------------- 3. write


def write(files: list[Built], options: Options) -> None:
    """Create the folder and write every file atomically, in order.

    A write that fails (full disk, a folder removed meanwhile) raises one line naming the
    files already written and those not written; each of them is whole, old or new.
    """
    from cc_rfp.io.atomic import atomic_write_bytes

    written: list[str] = []
    try:
        options.out.mkdir(parents=True, exist_ok=True)
        for item in files:
            item.path.parent.mkdir(exist_ok=True)  # the internal subfolder
            atomic_write_bytes(item.path, item.data, what=item.path.name)
            written.append(item.path.name)
    except (OSError, OutputError) as exc:
        if not written:
            if isinstance(exc, OutputError):
                raise
            raise OutputError(f"{options.out}: cannot write ({exc.strerror or exc})") from None
        missing = [item.path.name for item in files if item.path.name not in written]
        raise OutputError(
            i18n.t(
                "package.partly_written",
                options.lang,
                error=str(exc),
                written=", ".join(written),
                missing=", ".join(missing),
            )
        ) from None


def summary(files: list[Built], options: Options, seconds: float) -> list[str]:
    """One line per file (path, size, pages or rows), then the total."""
    from cc_rfp.i18n.numbers import format_number

    lang = options.lang
    width = max(len(str(item.path)) for item in files)
    lines = [
        f"{item.path!s:<{width}}  {_size(len(item.data), lang):>8}  {item.detail}" for item in files
    ]
    total = sum(len(item.data) for item in files)
    key = "package.total_draft" if options.draft else "package.total"
    lines.append(
        i18n.t(
            key,
            lang,
            count=len(files),
            folder=options.out,
            size=_size(total, lang),
            seconds=format_number(seconds, lang, 1),
        )
    )
    return lines


def _size(size: int, lang: str) -> str:
    from cc_rfp.i18n.numbers import format_number

    return f"{format_number(max(1, round(size / 1024)), lang, 0)} kB"


# ------------------------------------------------------------------------------- all


def make_package(
    options: Options, *, lang: str | None = None, warn: Callable[[str], None] | None = None
) -> list[str]:
    """Load, check, build and write the package; return the summary lines.

    ``lang`` is ``--lang`` (None: the answers file's language, then the locale). Reading the
    inputs comes first, since the files' names depend on the language; nothing is written
    before every target is checked and every file is built. ``warn`` gets the one line that
    says a draft was written while facts are missing.
    """
    from cc_rfp.core.answers import load_answers
    from cc_rfp.core.bank import load_bank
    from cc_rfp.i18n import resolve_lang

    start = time.perf_counter()
    bank = load_bank(options.bank_path)
    answers = load_answers(options.answers_path)
    options = dataclasses.replace(options, lang=resolve_lang(lang, answers.language))
    targets = plan(options)
    missing = refuse_unfinished(bank, answers, options)
    if missing and warn is not None:
        warn(i18n.t("package.draft_missing", options.lang, count=missing))
    files = build(bank, answers, options, targets)
    write(files, options)
    return summary(files, options, time.perf_counter() - start)
