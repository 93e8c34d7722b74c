"""The bids as they came back: one folder per bidder, read and never written.

``BIDS_DIR/<bidder>/`` holds what the bidder sent: its price form and its compliance matrix
(any file names; recognised by name, else by the sheets inside), and optionally ``bid.yaml``
recorded by the buyer on receipt::

    received: 2027-01-29 11:42     # when the bid arrived (local time, as the deadline)
    name: Kundtjänst Norr AB        # the bidder's name as the report should show it

Lateness is known only from ``received:``. A file's modification time is not used: copying a
bid out of an e-procurement system or a mail sets it to the moment of copying, so it proves
nothing. A bid without ``received:`` is reported as "time of receipt not recorded".
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cc_rfp import i18n
from cc_rfp.errors import InputError
from cc_rfp.evaluate.tender import Tender
from cc_rfp.forms.read import ComplianceReading, FormProblem, PriceFormReading

RECEIPT_FILE = "bid.yaml"
MAX_BIDS = 500
_SPREADSHEETS = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods", ".numbers", ".pdf", ".csv")
_PRICE_WORDS = ("pris", "price", "prices")
_MATRIX_WORDS = ("krav", "compliance", "matris", "matrix", "requirement")


@dataclass
class BidFiles:
    """What one bidder's folder holds, and what could be read from it."""

    key: str
    folder: Path
    name: str
    received: dt.datetime | None = None
    price_form: Path | None = None
    matrix: Path | None = None
    prices: PriceFormReading = field(default_factory=PriceFormReading)
    compliance: ComplianceReading = field(default_factory=ComplianceReading)
    price_problems: list[FormProblem] = field(default_factory=list)
    matrix_problems: list[FormProblem] = field(default_factory=list)
    folder_problems: list[str] = field(default_factory=list)
    """Problems of the folder itself (two price forms, an unreadable bid.yaml), phrased."""
    ignored: list[str] = field(default_factory=list)
    duplicates: set[str] = field(default_factory=set)
    """Kinds of form the folder holds twice (which one counts is the buyer's question)."""


def bidder_folders(bids_dir: Path, lang: str) -> list[Path]:
    """The bidder folders, sorted by name; an InputError when there is nothing to evaluate."""
    if not bids_dir.is_dir():
        raise InputError(i18n.t("evaluate.error_bids_dir", lang, path=bids_dir))
    folders = sorted(
        (p for p in bids_dir.iterdir() if p.is_dir() and not p.name.startswith(".")),
        key=lambda p: p.name.casefold(),
    )
    if not folders:
        raise InputError(i18n.t("evaluate.error_no_bids", lang, path=bids_dir))
    if len(folders) > MAX_BIDS:
        raise InputError(i18n.t("evaluate.error_too_many", lang, count=len(folders), most=MAX_BIDS))
    return folders


def read_bid(folder: Path, tender: Tender) -> BidFiles:
    """Everything one bidder sent, read against the tender; problems collected, never raised."""
    from cc_rfp.forms import read_compliance_matrix, read_price_form

    lang = tender.lang
    bid = BidFiles(folder.name, folder, folder.name)
    _receipt(folder / RECEIPT_FILE, bid, lang)
    found: dict[str, list[Path]] = {"price_form": [], "compliance_matrix": []}
    try:
        entries = sorted(folder.iterdir(), key=lambda p: p.name.casefold())
    except OSError as exc:
        bid.folder_problems.append(
            i18n.t("evaluate.folder_unreadable", lang, path=folder, reason=exc.strerror or exc)
        )
        entries = []
    for path in entries:
        if path.name == RECEIPT_FILE or path.name.startswith((".", "~$")) or not path.is_file():
            continue
        kind = classify(path)
        if kind is None:
            bid.ignored.append(path.name)
        else:
            found[kind].append(path)
    for kind, paths in found.items():
        if len(paths) > 1:
            bid.duplicates.add(kind)
            bid.folder_problems.append(
                i18n.t(
                    f"evaluate.two_{kind}",
                    lang,
                    folder=folder.name,
                    files=", ".join(p.name for p in paths),
                )
            )
    if len(found["price_form"]) == 1:
        bid.price_form = found["price_form"][0]
        bid.prices, bid.price_problems = read_price_form(bid.price_form, tender.rows, tender.meta)
    if len(found["compliance_matrix"]) == 1:
        bid.matrix = found["compliance_matrix"][0]
        bid.compliance, bid.matrix_problems = read_compliance_matrix(
            bid.matrix, tender.requirements, tender.meta
        )
    if bid.name == folder.name:
        bid.name = bid.prices.bidder or bid.compliance.bidder or folder.name
    return bid


def classify(path: Path) -> str | None:
    """``price_form``, ``compliance_matrix`` or None, from the file's name, else from the
    sheet names inside an .xlsx (read as text from the package, never parsed as XML)."""
    suffix = path.suffix.lower()
    if suffix not in _SPREADSHEETS:
        return None
    stem = path.stem.casefold()
    price = any(word in stem for word in _PRICE_WORDS)
    matrix = any(word in stem for word in _MATRIX_WORDS)
    if price != matrix:
        return "price_form" if price else "compliance_matrix"
    names = _sheet_names(path)
    entries = i18n.entries()
    if names & set(entries["forms.sheet_prices"].values()):
        return "price_form"
    if names & set(entries["forms.sheet_matrix"].values()):
        return "compliance_matrix"
    return None


_SHEET = re.compile(rb'<(?:\w+:)?sheet\b[^>]*?\bname="([^"]{1,64})"')


def _sheet_names(path: Path) -> set[str]:
    try:
        with zipfile.ZipFile(path) as package:
            info = package.getinfo("xl/workbook.xml")
            if info.file_size > 1_000_000:
                return set()
            data = package.read(info)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, RuntimeError, EOFError):
        return set()
    names = set()
    for raw in _SHEET.findall(data):
        text = raw.decode("utf-8", "replace")
        for entity, char in (("&amp;", "&"), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"')):
            text = text.replace(entity, char)
        names.add(text)
    return names


def _receipt(path: Path, bid: BidFiles, lang: str) -> None:
    """``bid.yaml``: the time of receipt and the bidder's name, if the buyer recorded them."""
    if not path.is_file():
        return
    from cc_rfp.io.yamlio import load_yaml_file

    try:
        data, _ = load_yaml_file(path, what="bid receipt")
    except Exception as exc:  # a broken receipt file is one problem of this bid, not a crash
        bid.folder_problems.append(_one_line(str(exc)))
        return
    if data is None:
        return
    if not isinstance(data, dict):
        bid.folder_problems.append(i18n.t("evaluate.receipt_not_mapping", lang, path=path))
        return
    name = data.get("name")
    if isinstance(name, str) and name.strip():
        bid.name = name.strip()
    if "received" in data:
        received = parse_time(data["received"])
        if received is None:
            bid.folder_problems.append(
                i18n.t("evaluate.receipt_bad_time", lang, path=path, found=data["received"])
            )
        else:
            bid.received = received


def parse_time(value: Any) -> dt.datetime | None:
    """A receipt time as written in YAML (a timestamp, or text such as "2027-01-29 11:42")."""
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None) if value.tzinfo is None else _local(value)
    if isinstance(value, dt.date):
        return None  # a date alone cannot tell whether a bid on the deadline day was late
    try:
        parsed = dt.datetime.fromisoformat(str(value).strip().replace("T", " "))
    except ValueError:
        return None
    return parsed if parsed.tzinfo is None else _local(parsed)


def _local(value: dt.datetime) -> dt.datetime:
    return value.astimezone().replace(tzinfo=None)


def _one_line(text: str) -> str:
    return " ".join(text.split())
