"""The tender as Word and PDF: the rendered Markdown through pandoc (and Typst for the PDF).

Markdown is the source; bidders get Word to edit and PDF to read. Both routes install with pip
alone (``pypandoc-binary`` bundles pandoc, the ``typst`` wheel bundles the compiler and its
fonts), see ``/work/shared/guide/document-output.md`` for the routes measured.

What a tender needs and where it is made:

- the cover (buyer, title, reference number, version, date) and the table of contents are
  built here from :class:`Cover`, in the document's language (``i18n/ui/document.yaml``);
- ``assets/tender.lua`` (a pandoc filter, both formats) gives every wide table deliberate
  column widths, at least its longest word wide, and puts a table too wide for portrait on
  landscape pages;
- Word: ``assets/reference.docx`` (built by ``scripts/make_reference_docx.py``) gives A4, styles,
  ruled tables, header and footer; :func:`_finish_docx` then fills the header's ``{title}`` and
  the footer's ``{page_of}`` markers, turns the landscape markers into section breaks and sets
  the document's title property;
- PDF: ``assets/tender.typst`` (a pandoc template for Typst) gives A4, the cover, the outline
  (also the PDF's bookmarks), ruled tables with repeating headers, "page X of Y" and Swedish
  hyphenation; the ``typst`` wheel compiles it in-process, PDF/A-2b on request.

Nothing is written until the whole file exists in memory, and then atomically: a converter
that fails or is missing costs one line on stderr (:class:`ConversionError`), never a
half-written tender.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import re
import tempfile
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cc_rfp.errors import CcRfpError, InputError

if TYPE_CHECKING:
    from cc_rfp.core.answers import Answers
    from cc_rfp.core.bank import Bank

ASSETS = Path(__file__).with_name("assets")
REFERENCE_DOCX = ASSETS / "reference.docx"
TYPST_TEMPLATE = ASSETS / "tender.typst"
LUA_FILTER = ASSETS / "tender.lua"

LOCALES = {"sv": ("sv", "SE"), "en": ("en", "GB")}
"""The document's language and region: Swedish as written in Sweden, British English."""

READER = (
    "commonmark_x-tex_math_dollars-emoji-subscript-superscript-definition_lists"
    "-fancy_lists-task_lists-alerts-yaml_metadata_block"
)
"""The renderer writes CommonMark with pipe tables (``mdtext``); extensions that would give an
answer's ``$``, ``^``, ``:name:`` or ``a)`` a meaning it never had are off."""

REFERENCE_IDS = ("procurement_reference", "tender_reference", "reference_number")
"""Questions whose answer is the tender's reference number, first answered wins."""
VERSION_IDS = ("tender_version", "document_version")
"""Questions whose answer is the tender's version."""
DATE_IDS = ("tender_date", "document_date", "publication_date")
"""Questions whose answer is the tender's date; without one, the answers file's last save."""

PDFA = "a-2b"
"""The PDF/A level ``--pdfa`` asks Typst for: archival, all fonts embedded, no transparency."""

_TWIPS_PORTRAIT = 11906 - 2 * 1134
"""Text width of the reference document's A4 portrait page (twentieths of a point)."""


class ConversionError(CcRfpError):
    """A converter is missing or failed; nothing was written (exit 2)."""


@dataclass(frozen=True)
class Cover:
    """What the cover page shows; every text is Markdown (answers already escaped)."""

    title: str
    buyer: str | None = None
    reference: str | None = None
    version: str | None = None
    date: str | None = None
    lang: str = "sv"

    def lines(self) -> list[tuple[str, str]]:
        """(label, value) for the reference number, version and date that are known."""
        from cc_rfp import i18n

        shown = [
            (i18n.t("document.reference_number", self.lang), self.reference),
            (i18n.t("document.version", self.lang), self.version),
            (i18n.t("document.date", self.lang), self.date),
        ]
        return [(label, value) for label, value in shown if value]


def split_title(markdown: str) -> tuple[str | None, str]:
    """The first level-1 heading's text and the Markdown without it.

    The renderer opens the tender with ``# title``; the title goes on the cover and in the
    running header, and the parts (``##``) become the document's top-level headings.
    """
    match = re.search(r"^# +(.+?) *#* *$", markdown, re.M)
    if match is None:
        return None, markdown
    body = markdown[: match.start()] + markdown[match.end() :]
    return match.group(1).strip(), body


def cover_for(bank: Bank, answers: Answers, lang: str, markdown: str) -> Cover:
    """The cover from the answers, through the same document view the templates read.

    A bank without a reference number or version question simply gives a cover without
    them; the date is the tender's own date question, else the day the answers were saved.
    """
    from cc_rfp.document.render import load_strings
    from cc_rfp.document.view import Doc

    doc = Doc(bank, answers, lang, load_strings(lang))

    def first(ids: Iterable[str]) -> str | None:
        for qid in ids:
            if qid in bank.questions and doc.has(qid):
                return doc.show(qid)
        return None

    title, _ = split_title(markdown)
    saved = str(answers.updated or "")[:10]
    return Cover(
        title=title or "",
        buyer=first(["buyer_name"]),
        reference=first(REFERENCE_IDS),
        version=first(VERSION_IDS),
        date=first(DATE_IDS) or (saved if re.fullmatch(r"\d{4}-\d{2}-\d{2}", saved) else None),
        lang=lang,
    )


# ------------------------------------------------------------------------------------ pandoc


def _pandoc(text: str, to: str, extra: list[str], outputfile: Path | None = None) -> str:
    """Run the bundled pandoc; a missing or failing pandoc is one ConversionError line."""
    try:
        import pypandoc
    except ImportError:
        raise ConversionError(
            "pandoc is not installed (the pypandoc-binary package); "
            "install it with: pip install pypandoc-binary"
        ) from None
    try:
        return pypandoc.convert_text(
            text,
            to,
            format=READER,
            extra_args=extra,
            outputfile=None if outputfile is None else str(outputfile),
            sandbox=False,
        )
    except OSError as exc:
        raise ConversionError(
            f"pandoc cannot run ({_first_line(exc)}); "
            "reinstall it with: pip install --force-reinstall pypandoc-binary"
        ) from None
    except RuntimeError as exc:
        raise ConversionError(f"pandoc failed: {_first_line(exc)}") from None


def _metadata_file(folder: Path, values: dict[str, Any]) -> Path:
    """Metadata for pandoc as a YAML file; its strings are read as Markdown, so they come out
    escaped for the target format (an answer cannot break the Typst source)."""
    import yaml

    path = folder / "metadata.yaml"
    path.write_text(yaml.safe_dump(values, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def _common_args(folder: Path, cover: Cover, lang: str, *, typst: bool) -> list[str]:
    """pandoc's arguments for both writers; the cover goes to Typst as metadata (its template
    lays it out), while Word gets it in the body (a title in the metadata would make pandoc
    write its own title block above the cover)."""
    from cc_rfp import i18n

    language, region = LOCALES.get(lang, LOCALES["en"])
    page_of = i18n.t("document.page_of", lang, page="\0", pages="\0")
    metadata: dict[str, Any] = {"lang": f"{language}-{region}"}
    if typst:
        metadata |= {
            "title": cover.title,
            "toc-title": i18n.t("document.contents", lang),
            "buyer": cover.buyer or "",
            "details": [{"label": label, "value": value} for label, value in cover.lines()],
        }
    return [
        f"--metadata-file={_metadata_file(folder, metadata)}",
        f"--lua-filter={LUA_FILTER}",
        "--shift-heading-level-by=-1",
        "--wrap=none",
        f"--variable=typst-lang:{language}",
        f"--variable=typst-region:{region}",
        f"--variable=page-of:{_typst_page_of(page_of)}",
    ]


def _typst_page_of(phrase: str) -> str:
    """ "Sida {page} av {pages}" as a Typst expression with the live page counters.

    Passed as a template variable (inserted as it is), so the phrase's words are Typst
    string literals and its spaces survive.
    """
    before, between, after = _page_of_parts(phrase)
    return (
        f"({_typst_str(before)}, counter(page).display(), {_typst_str(between)}, "
        f"str(counter(page).final().first()), {_typst_str(after)}).join()"
    )


def _typst_str(text: str) -> str:
    """A Typst string literal."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _page_of_parts(phrase: str) -> tuple[str, str, str]:
    """ "Sida {page} av {pages}" split around its two numbers (filled with NUL by the caller)."""
    parts = phrase.split("\0")
    if len(parts) != 3:
        raise ValueError("document.page_of must hold {page} and then {pages}")
    return parts[0], parts[1], parts[2]


# -------------------------------------------------------------------------------------- Word

_PAGE_BREAK = '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'
_COVER_GAP = '<w:p><w:pPr><w:spacing w:before="3600"/></w:pPr></w:p>'


def _toc_xml(title: str) -> str:
    """The table of contents as Word builds it: a TOC field Word fills when it opens the file
    (``dirty``), headings 1–2 with links."""
    return (
        "<w:sdt><w:sdtPr><w:docPartObj>"
        '<w:docPartGallery w:val="Table of Contents"/><w:docPartUnique/>'
        "</w:docPartObj></w:sdtPr><w:sdtContent>"
        f'<w:p><w:pPr><w:pStyle w:val="TOCHeading"/></w:pPr><w:r><w:t xml:space="preserve">'
        f"{html.escape(title, quote=False)}</w:t></w:r></w:p>"
        '<w:p><w:r><w:fldChar w:fldCharType="begin" w:dirty="true"/>'
        '<w:instrText xml:space="preserve">TOC \\o "1-2" \\h \\z \\u</w:instrText>'
        '<w:fldChar w:fldCharType="separate"/><w:fldChar w:fldCharType="end"/></w:r></w:p>'
        "</w:sdtContent></w:sdt>"
    )


def _docx_front(cover: Cover, lang: str) -> str:
    """The cover and the table of contents as Markdown with Word styles and raw Word XML."""
    from cc_rfp import i18n

    blocks = ["```{=openxml}\n" + _COVER_GAP + "\n```"]
    if cover.buyer:
        blocks.append(f'::: {{custom-style="Subtitle"}}\n{cover.buyer}\n:::')
    blocks.append(f'::: {{custom-style="Title"}}\n{cover.title}\n:::')
    for label, value in cover.lines():
        blocks.append(f'::: {{custom-style="Date"}}\n**{label}:** {value}\n:::')
    toc = _toc_xml(i18n.t("document.contents", lang))
    blocks.append("```{=openxml}\n" + _PAGE_BREAK + toc + _PAGE_BREAK + "\n```")
    return "\n\n".join(blocks) + "\n\n"


def to_docx(markdown: str, cover: Cover, *, lang: str, reference_doc: Path | None = None) -> bytes:
    """The tender as a Word document (bytes), styled by ``reference_doc`` or the built-in one."""
    reference = reference_doc or REFERENCE_DOCX
    if reference_doc is not None:
        check_reference(reference_doc)
    _, body = split_title(markdown)
    with tempfile.TemporaryDirectory(prefix="cc-rfp-") as tmp:
        folder = Path(tmp)
        out = folder / "tender.docx"
        args = [*_common_args(folder, cover, lang, typst=False), f"--reference-doc={reference}"]
        _pandoc(_docx_front(cover, lang) + body, "docx", args, outputfile=out)
        data = out.read_bytes()
    return _finish_docx(data, cover, lang)


def check_reference(path: Path) -> None:
    """A client's reference document must be a readable Word file."""
    try:
        with zipfile.ZipFile(path) as package:
            package.getinfo("word/document.xml")
    except FileNotFoundError:
        raise InputError(f"--reference-doc {path}: no such file") from None
    except (OSError, KeyError, zipfile.BadZipFile):
        raise InputError(
            f"--reference-doc {path}: not a Word document (.docx); "
            "save the client's template as .docx and try again"
        ) from None


def _finish_docx(data: bytes, cover: Cover, lang: str) -> bytes:
    """Fill what pandoc cannot: header and footer markers, landscape sections, title property."""
    from cc_rfp import i18n

    title = _plain(cover.title)
    page_of = i18n.t("document.page_of", lang, page="\0", pages="\0")
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            content = src.read(info.filename)
            name = info.filename
            if re.fullmatch(r"word/(header|footer)\d*\.xml", name):
                text = content.decode("utf-8")
                text = _fill_marker(text, "{title}", [html.escape(title, quote=False)])
                text = _fill_marker(text, "{page_of}", _page_runs(page_of))
                content = text.encode("utf-8")
            elif name == "word/document.xml":
                content = _sections(content.decode("utf-8")).encode("utf-8")
            elif name == "docProps/core.xml":
                content = _core_title(content.decode("utf-8"), title).encode("utf-8")
            dst.writestr(info, content)
    return out.getvalue()


_RUN = re.compile(r"<w:r>(?:(?!</w:r>).)*?</w:r>|<w:r [^>]*>(?:(?!</w:r>).)*?</w:r>", re.S)


def _fill_marker(xml: str, marker: str, pieces: list[str]) -> str:
    """Replace the run whose text is ``marker`` by runs (and fields) with the same formatting.

    ``pieces`` alternate text and field instructions (text, field, text, …); text is
    already XML-escaped.
    """

    def replace(match: re.Match[str]) -> str:
        run = match.group(0)
        if f">{marker}</w:t>" not in run:
            return run
        props = re.search(r"<w:rPr>.*?</w:rPr>|<w:rPr/>", run, re.S)
        rpr = props.group(0) if props else ""
        made = []
        for index, piece in enumerate(pieces):
            if index % 2 == 0:
                if piece:
                    made.append(f'<w:r>{rpr}<w:t xml:space="preserve">{piece}</w:t></w:r>')
            else:
                made.append(
                    f'<w:fldSimple w:instr="{piece}"><w:r>{rpr}<w:t>1</w:t></w:r></w:fldSimple>'
                )
        return "".join(made)

    return _RUN.sub(replace, xml)


def _page_runs(phrase: str) -> list[str]:
    """ "Sida \\0 av \\0" as text, PAGE field, text, NUMPAGES field, text."""
    before, between, after = _page_of_parts(phrase)
    esc = [html.escape(part, quote=False) for part in (before, between, after)]
    return [esc[0], "PAGE", esc[1], "NUMPAGES", esc[2]]


_SECT = re.compile(r"<w:sectPr\b.*?</w:sectPr>", re.S)


def _sections(xml: str) -> str:
    """Turn the filter's landscape markers into section breaks.

    Each break copies the final section's properties (page size, margins, header and footer
    references: the reference document's own), portrait before a wide table and landscape
    for it. Only the first section keeps a separate first page, the cover's.
    """
    begin, end = "<!--cc-rfp:landscape-begin-->", "<!--cc-rfp:landscape-end-->"
    if begin not in xml:
        return xml
    final = list(_SECT.finditer(xml))[-1]
    portrait = final.group(0)
    plain = re.sub(r"<w:titlePg\s*/>", "", portrait)
    landscape = _landscape(plain)
    first = True

    def section(props: str) -> str:
        return f"<w:p><w:pPr>{props}</w:pPr></w:p>"

    pieces = re.split(r"(<!--cc-rfp:landscape-(?:begin|end)-->)", xml[: final.start()])
    out: list[str] = []
    wide = False
    for piece in pieces:
        if piece == begin:
            out.append(section(portrait if first else plain))
            first, wide = False, True
        elif piece == end:
            out.append(section(landscape))
            wide = False
        else:
            out.append(_scale_grids(piece, _text_width(landscape if wide else plain)))
    return "".join(out) + plain + xml[final.end() :]


def _landscape(props: str) -> str:
    """The same section turned on its side: width and height swapped, margins kept."""
    size = re.search(r"<w:pgSz\b[^>]*/>", props)
    if size is None:
        return props
    attrs = dict(re.findall(r'(w:\w+)="([^"]*)"', size.group(0)))
    width, height = attrs.get("w:w", "11906"), attrs.get("w:h", "16838")
    if int(width) < int(height):
        width, height = height, width
    turned = f'<w:pgSz w:w="{width}" w:h="{height}" w:orient="landscape"/>'
    return props[: size.start()] + turned + props[size.end() :]


def _text_width(props: str) -> int:
    """The page width less the side margins, in twips."""
    size = re.search(r'<w:pgSz\b[^>]*\bw:w="(\d+)"', props)
    left = re.search(r'<w:pgMar\b[^>]*\bw:left="(\d+)"', props)
    right = re.search(r'<w:pgMar\b[^>]*\bw:right="(\d+)"', props)
    if not (size and left and right):
        return _TWIPS_PORTRAIT
    return int(size.group(1)) - int(left.group(1)) - int(right.group(1))


def _scale_grids(xml: str, width: int) -> str:
    """Give full-width tables column widths that add up to the page's text width.

    pandoc writes the filter's relative widths against a page it assumes; Word lays a
    fixed-layout table out by these widths, so they are set for the page the table is on.
    """

    def scale(match: re.Match[str]) -> str:
        cols = [int(w) for w in re.findall(r'<w:gridCol w:w="(\d+)"', match.group(2))]
        total = sum(cols) or 1
        grid = "".join(f'<w:gridCol w:w="{round(c * width / total)}" />' for c in cols)
        return f"{match.group(1)}<w:tblGrid>{grid}</w:tblGrid>"

    return re.sub(
        r'(<w:tblW w:type="pct" w:w="5000" />(?:(?!<w:tblGrid>).)*?</w:tblPr>)'
        r"<w:tblGrid>(.*?)</w:tblGrid>",
        scale,
        xml,
        flags=re.S,
    )


def _core_title(xml: str, title: str) -> str:
    """Set the document's Title property (Word's File > Info, the PDF converter's title)."""
    escaped = html.escape(title, quote=False)
    if "<dc:title>" in xml or "<dc:title/>" in xml:
        return re.sub(
            r"<dc:title>.*?</dc:title>|<dc:title/>", f"<dc:title>{escaped}</dc:title>", xml
        )
    return xml.replace(
        "</cp:coreProperties>", f"<dc:title>{escaped}</dc:title></cp:coreProperties>"
    )


def _plain(markdown: str) -> str:
    """Inline Markdown as plain text: emphasis marks and backslash escapes removed."""
    text = re.sub(r"(?<!\\)[*_]{1,2}", "", markdown)
    return re.sub(r"\\(.)", r"\1", text)


# --------------------------------------------------------------------------------------- PDF


def typst_source(markdown: str, cover: Cover, *, lang: str) -> str:
    """The tender as Typst markup (pandoc's Typst writer with the tender's template)."""
    _, body = split_title(markdown)
    with tempfile.TemporaryDirectory(prefix="cc-rfp-") as tmp:
        args = [*_common_args(Path(tmp), cover, lang, typst=True), f"--template={TYPST_TEMPLATE}"]
        return _pandoc(body, "typst", args)


def to_pdf(markdown: str, cover: Cover, *, lang: str, pdfa: bool = False) -> bytes:
    """The tender as PDF (bytes): Typst source from pandoc, compiled by the typst wheel."""
    source = typst_source(markdown, cover, lang=lang)
    return compile_typst(source, pdfa=pdfa, date=cover.date)


def compile_typst(
    source: str, *, pdfa: bool = False, date: str | None = None, fmt: str = "pdf"
) -> Any:
    """Compile Typst markup with the wheel's bundled fonts only (the same PDF on every system).

    The PDF's creation date is the cover's date, so the same answers give the same bytes.
    ``fmt="png"`` gives one image per page (for looking at pages).
    """
    try:
        import typst
    except ImportError:
        raise ConversionError(
            "the PDF needs the typst package; install it with: pip install typst"
        ) from None
    stamp = _timestamp(date)
    try:
        return typst.compile(
            source.encode("utf-8"),
            format=fmt,
            ignore_system_fonts=True,
            pdf_standards=[PDFA] if pdfa else [],
            timestamp=stamp,
            **({"ppi": 60.0} if fmt == "png" else {}),
        )
    except typst.TypstError as exc:  # type: ignore[attr-defined]
        raise ConversionError(f"typst could not typeset the tender: {_first_line(exc)}") from None
    except (RuntimeError, ValueError, OSError) as exc:
        raise ConversionError(f"typst failed: {_first_line(exc)}") from None


def _timestamp(date: str | None) -> dt.datetime | None:
    if date and re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        return dt.datetime.fromisoformat(date).replace(tzinfo=dt.timezone.utc)
    return None


# ------------------------------------------------------------------------------------ output


def convert(
    markdown: str,
    fmt: str,
    cover: Cover,
    *,
    lang: str,
    reference_doc: Path | None = None,
    pdfa: bool = False,
) -> bytes:
    """The tender in ``fmt`` (docx or pdf) as bytes; nothing is written."""
    if fmt == "docx":
        if pdfa:
            raise InputError("--pdfa applies to PDF output; drop it or write a .pdf")
        return to_docx(markdown, cover, lang=lang, reference_doc=reference_doc)
    if fmt == "pdf":
        if reference_doc is not None:
            raise InputError("--reference-doc styles Word output; drop it or write a .docx")
        return to_pdf(markdown, cover, lang=lang, pdfa=pdfa)
    raise InputError(f"cannot convert to {fmt}; use one of docx, pdf")


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[0] if lines else type(exc).__name__
