"""Build ``src/cc_rfp/document/assets/reference.docx``, the Word styles of the tender.

pandoc takes page size, margins, styles, headers and footers of a DOCX from a reference
document; its own default is US Letter with unruled tables and no header or footer. This
script starts from that default (so every style pandoc uses exists) and sets what a tender
needs: A4 with 2 cm side margins, Swedish as the default language (pandoc sets the document's
own from ``lang``), automatic hyphenation, 10.5 pt body text, ruled tables in 9 pt with a
shaded, bold header row, a cover page without header or footer, a header that shows the
tender's title and a footer with the page number and count.

Two markers are left for ``cc_rfp.document.convert`` to fill per document: ``{title}`` in the
header and ``{page_of}`` in the footer (the localised "Page X of Y" with Word page fields). A
client's own reference document may use the same markers.

The output is reproducible: the same pandoc and python-docx give the same bytes (zip entries
carry a fixed date). Run from the repository root after changing this file::

    .venv/bin/python scripts/make_reference_docx.py
"""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pypandoc
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, RGBColor

OUT = Path(__file__).resolve().parents[1] / "src/cc_rfp/document/assets/reference.docx"

TABLE_BORDERS = (
    f"<w:tblBorders {nsdecls('w')}>"
    + "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="808080"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    + "</w:tblBorders>"
)
"""Half-point rules around and between every cell (``sz`` is in eighths of a point)."""

HEADER_ROW = (
    f'<w:tblStylePr {nsdecls("w")} w:type="firstRow">'
    "<w:rPr><w:b/><w:bCs/></w:rPr>"
    '<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="E7E6E6"/>'
    '<w:vAlign w:val="bottom"/></w:tcPr>'
    "</w:tblStylePr>"
)


def default_reference() -> bytes:
    """pandoc's own reference.docx (the pandoc bundled by pypandoc-binary)."""
    return subprocess.run(
        [pypandoc.get_pandoc_path(), "--print-default-data-file", "reference.docx"],
        check=True,
        capture_output=True,
    ).stdout


def set_page(document: docx.document.Document) -> None:
    """A4, margins, a first page (the cover) without header or footer."""
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(20)
    section.top_margin, section.bottom_margin = Mm(25), Mm(22)
    section.header_distance = section.footer_distance = Mm(10)
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False
    section.first_page_footer.is_linked_to_previous = False

    header = section.header
    header.is_linked_to_previous = False
    run = header.paragraphs[0].add_run("{title}")
    run.font.size, run.font.color.rgb = Pt(8.5), RGBColor(0x59, 0x59, 0x59)

    footer = section.footer
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run("{page_of}")
    run.font.size = Pt(8.5)


def set_styles(document: docx.document.Document) -> None:
    """Body size and language defaults, ruled 9 pt tables with a bold shaded header row."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for tag, value in (("w:sz", "21"), ("w:szCs", "21")):
        defaults.find(qn(tag)).set(qn("w:val"), value)
    defaults.find(qn("w:lang")).set(qn("w:val"), "sv-SE")

    table = document.styles["Table"].element
    tbl_pr = table.find(qn("w:tblPr"))
    tbl_pr.append(parse_xml(TABLE_BORDERS))
    for old in table.findall(qn("w:tblStylePr")):
        table.remove(old)
    table.append(parse_xml(f'<w:rPr {nsdecls("w")}><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr>'))
    table.append(parse_xml(HEADER_ROW))
    # Table cells use the Compact paragraph style: no justification, little spacing.
    compact = document.styles["Compact"]
    compact.paragraph_format.space_before = Pt(1)
    compact.paragraph_format.space_after = Pt(1)

    for name in ("Title", "Subtitle", "Date"):
        document.styles[name].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    document.styles["Body Text"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY


def set_settings(document: docx.document.Document) -> None:
    """Hyphenate automatically in the document's language (Word and LibreOffice honour it)."""
    settings = document.settings.element
    settings.append(parse_xml(f"<w:autoHyphenation {nsdecls('w')}/>"))


def reproducible(data: bytes) -> bytes:
    """The same package with fixed entry dates and order, so a rebuild changes no byte."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for name in src.namelist():
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, src.read(name))
    return out.getvalue()


def build() -> bytes:
    """The reference document's bytes."""
    document = docx.Document(io.BytesIO(default_reference()))
    set_page(document)
    set_styles(document)
    set_settings(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return reproducible(buffer.getvalue())


def main() -> int:
    data = build()
    OUT.write_bytes(data)
    print(f"wrote {OUT} ({len(data)} bytes)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
