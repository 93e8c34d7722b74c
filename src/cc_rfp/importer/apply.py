"""From derived figures to answers: which ids get which values, and the sources record.

Only ids the bank has are filled, in exactly the shapes ``cc-rfp validate`` accepts. The bank
holds one weekday and one intraday curve; they come from phone when phone was imported
(the question asks for the largest channel, usually phone), else from the busiest real-time
channel, else from the busiest channel. Every channel's own curve, all its whole months and
the assumptions go to a ``sources:`` section of the answers file (beside ``answers:``, which
older cc-rfp versions read past), so the document can cite where the figures came from.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Any

from cc_rfp import i18n
from cc_rfp.core.bank import Bank
from cc_rfp.core.contract import HOUR_KEYS, MONTH_KEYS, WEEKDAY_KEYS
from cc_rfp.importer.derive import ChannelFigures, Derived, Finding

SOURCES_KEY = "sources"
RECORD_KEY = "contact_history"
REALTIME = ("phone", "chat")
MAX_AHT = 7200


def bank_channels(bank: Bank) -> list[str]:
    question = bank.questions.get("channels")
    choices = getattr(question, "choices", None) or []
    return [str(c.value) for c in choices]


def curve_channel(derived: Derived) -> str | None:
    """The channel whose weekday and intraday curves fill the bank's single curves."""
    if not derived.channels:
        return None
    if "phone" in derived.channels:
        return "phone"
    by_size = sorted(derived.channels.values(), key=lambda c: -c.offered)
    realtime = [c for c in by_size if c.channel in REALTIME]
    return (realtime or by_size)[0].channel


def proposed(
    bank: Bank, current: dict[str, Any], derived: Derived, lang: str, sl_seconds: float
) -> tuple[dict[str, Any], list[Finding]]:
    """The values this import proposes, by id, and what it could not fill."""
    values: dict[str, Any] = {}
    notes: list[Finding] = []
    ids = bank.questions
    known = bank_channels(bank)
    imported = [c for c in sorted(derived.channels, key=lambda c: -derived.channels[c].offered)]
    usable = [c for c in imported if c in known and f"volume_{c}" in ids]
    for channel in imported:
        if channel not in usable:
            notes.append(Finding("import.q_channel_not_in_bank", {"channel": channel}))
    if "channels" in ids and usable:
        old = current.get("channels")
        old = [str(c) for c in old] if isinstance(old, list) else []
        merged = old + [c for c in usable if c not in old]
        if merged != old:
            values["channels"] = merged
    for channel in usable:
        figures = derived.channels[channel]
        if figures.monthly is not None and figures.offered > 0:
            values[f"volume_{channel}"] = dict(zip(MONTH_KEYS, figures.monthly, strict=True))
        if figures.aht is not None and f"aht_{channel}" in ids:
            aht = round(figures.aht)
            if 1 <= aht <= MAX_AHT:
                values[f"aht_{channel}"] = aht
            else:
                notes.append(Finding("import.q_aht_range", {"channel": channel, "aht": aht}))
    if "volume_phone" in values and "phone_volume_basis" in ids:
        values["phone_volume_basis"] = "offered"
    if "volume_period" in ids and any(k.startswith("volume_") for k in values):
        start, end = derived.window
        values["volume_period"] = i18n.t(
            "import.period_text", lang, start=f"{start:%Y-%m}", end=f"{end:%Y-%m}"
        )
    source = curve_channel(derived)
    if source is not None and source in usable:
        figures = derived.channels[source]
        if "weekday_share" in ids and sum(figures.weekday) > 0:
            values["weekday_share"] = _table(WEEKDAY_KEYS, figures.weekday)
        if "intraday_share" in ids and sum(figures.intraday) > 0:
            values["intraday_share"] = _table(HOUR_KEYS, figures.intraday)
    phone = derived.channels.get("phone")
    if phone is not None and "phone" in usable:
        if phone.answer_rate is not None and "current_answer_rate" in ids:
            values["current_answer_rate"] = round(phone.answer_rate, 1)
        if phone.asa is not None and "current_asa_seconds" in ids:
            values["current_asa_seconds"] = round(phone.asa)
        if (
            phone.service_level is not None
            and "current_kpi_results" in ids
            and "current_kpi_results" not in current
        ):
            start, end = derived.window
            values["current_kpi_results"] = i18n.t(
                "import.kpi_results_text",
                lang,
                percent=_number(phone.service_level, lang),
                seconds=_number(sl_seconds, lang),
                start=start.isoformat(),
                end=end.isoformat(),
            )
    return _applicable(bank, current, values), notes


def _applicable(bank: Bank, current: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    """Only the values whose question applies once they are in (its ``when:`` holds), so the
    command fills no answer the interview would never ask and the document never shows."""
    from cc_rfp.core.answers import is_unknown
    from cc_rfp.core.conditions import holds

    known = {k: v for k, v in current.items() if v is not None and not is_unknown(v)}
    known.update(values)
    return {qid: v for qid, v in values.items() if holds(bank.questions[qid].when, known)}


def _table(keys: tuple[str, ...], numbers: list[float]) -> dict[str, float | int]:
    return {k: int(v) if float(v).is_integer() else v for k, v in zip(keys, numbers, strict=True)}


def _number(value: float, lang: str) -> str:
    from cc_rfp.i18n.numbers import format_number

    return format_number(value, lang, 1)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def iso_day(ordinal: int | None) -> str | None:
    """A day number (``date.toordinal``) as ISO text; None stays None."""
    return dt.date.fromordinal(ordinal).isoformat() if ordinal else None


def files_record(files: Any) -> list[dict[str, Any]]:
    """What the sources record says of each file read: name, hash, profile, rows, period."""
    return [
        {
            "file": Path(f.name).name,
            "sha256": sha256_of(Path(f.name)),
            "profile": f.profile.key,
            "rows": f.rows,
            "from": iso_day(f.first),
            "to": iso_day(f.last),
        }
        for f in files
    ]


def record(
    derived: Derived,
    files: list[dict[str, Any]],
    filled: list[str],
    findings: list[str],
    curve_from: str | None,
    sl_seconds: float,
) -> dict[str, Any]:
    """The sources entry: files, period, window, what was filled, assumptions, every channel."""
    channels: dict[str, Any] = {}
    for name, figures in derived.channels.items():
        channels[name] = _channel_record(figures, sl_seconds)
    return {
        "imported": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat(),
        "files": files,
        "period": {"from": derived.period[0].isoformat(), "to": derived.period[1].isoformat()},
        "window": {"from": derived.window[0].isoformat(), "to": derived.window[1].isoformat()},
        "filled": filled,
        "curves_from": curve_from,
        "findings": findings,
        "channels": channels,
    }


def _channel_record(figures: ChannelFigures, sl_seconds: float) -> dict[str, Any]:
    def r(value: float | None, digits: int = 1) -> float | None:
        return None if value is None else round(value, digits)

    return {
        "months": figures.months,
        "offered": round(figures.offered),
        "answered": round(figures.answered),
        "abandoned": round(figures.abandoned),
        "other": round(figures.other),
        "aht_seconds": r(figures.aht),
        "asa_seconds": r(figures.asa),
        "answer_rate_percent": r(figures.answer_rate),
        "service_level_percent": r(figures.service_level),
        "service_level_seconds": sl_seconds,
        "patience_seconds": r(figures.patience),
        "weekday_share": dict(zip(WEEKDAY_KEYS, figures.weekday, strict=True)),
        "intraday_share": dict(zip(HOUR_KEYS, figures.intraday, strict=True)),
    }


def with_sources(text: str, entry: dict[str, Any]) -> str:
    """``text`` with its ``sources:`` section holding ``entry`` (other sources kept)."""
    import yaml
    from yaml.nodes import MappingNode, ScalarNode

    from cc_rfp.io.yamlio import dump_yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    root = yaml.compose(text, Loader=loader)
    data = yaml.load(text, Loader=loader) or {}
    old = data.get(SOURCES_KEY) if isinstance(data, dict) else None
    sources = dict(old) if isinstance(old, dict) else {}
    sources[RECORD_KEY] = entry
    block = dump_yaml({SOURCES_KEY: sources})
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    if isinstance(root, MappingNode) and not root.flow_style:
        keys = [(k.value, k.start_mark.line) for k, _ in root.value if isinstance(k, ScalarNode)]
        for i, (name, line) in enumerate(keys):
            if name != SOURCES_KEY:
                continue
            end = keys[i + 1][1] if i + 1 < len(keys) else len(lines)
            return "".join(lines[:line]) + block + "".join(lines[end:])
    return "".join(lines) + block
