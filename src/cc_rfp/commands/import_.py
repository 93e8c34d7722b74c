"""``cc-rfp import``: fill volumes, curves, handling times and today's results from exports.

Only typer is imported at start-up; the readers (csv, openpyxl), the bank and the answers
are imported inside the command so ``cc-rfp --help`` stays fast.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from cc_rfp.commands._options import BankOption, LangOption

if TYPE_CHECKING:
    from cc_rfp.core.answers import Answers
    from cc_rfp.core.bank import Bank
    from cc_rfp.importer.derive import Derived

DEFAULT_SL_SECONDS = 20.0


def import_(
    files: Annotated[
        list[Path], typer.Argument(help="Exports to read: CSV (, ; | or tab) or XLSX.")
    ],
    into: Annotated[
        Path, typer.Option("--into", help="The answers file to fill (created if missing).")
    ],
    channel: Annotated[
        list[str] | None,
        typer.Option(
            "--channel",
            metavar="QUEUE=CHANNEL",
            help='A queue\'s channel, e.g. "Kundtjänst Tel=phone" (or =ignore); repeatable.',
        ),
    ] = None,
    mapping: Annotated[
        str | None,
        typer.Option(
            "--map",
            metavar="FIELD=HEADER,…",
            help="Columns of an export no profile knows: start=Tid,offered=Inkommande,…",
        ),
    ] = None,
    profile: Annotated[
        str | None,
        typer.Option("--profile", help="Read every file as this profile instead of guessing."),
    ] = None,
    tz: Annotated[
        str,
        typer.Option("--tz", help="Time zone of the client, for UTC timestamps."),
    ] = "Europe/Stockholm",
    sl_seconds: Annotated[
        float | None,
        typer.Option(
            "--sl-seconds",
            help="Service-level seconds for call logs (default: the phone target, else 20).",
        ),
    ] = None,
    short_abandon: Annotated[
        float,
        typer.Option("--short-abandon", metavar="SECONDS", help="Abandons below this are short."),
    ] = 5.0,
    drop_short: Annotated[
        bool,
        typer.Option("--drop-short-abandons", help="Leave short abandons out of offered."),
    ] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Write without asking.")] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show the figures, write nothing.")
    ] = False,
    lang: LangOption = None,
    questions: BankOption = None,
) -> None:
    """Import contact history (interval statistics or per-contact logs) into an answers file."""
    from cc_rfp import i18n
    from cc_rfp.core.answers import load_answers
    from cc_rfp.core.bank import load_bank
    from cc_rfp.errors import InputError
    from cc_rfp.importer.buckets import Options

    bank = load_bank(questions)
    answers = load_answers(into) if into.exists() else None
    language = i18n.resolve_lang(lang, answers.language if answers else None)
    current = answers.values if answers else {}
    if not files:
        raise InputError("name at least one export file to import")
    options = Options(
        channels=_channels(channel or []),
        tz=tz,
        sl_seconds=sl_seconds if sl_seconds is not None else _sl_target(current),
        short_abandon=short_abandon,
        drop_short_abandons=drop_short,
    )
    if options.sl_seconds < 0 or short_abandon < 0:
        raise InputError("--sl-seconds and --short-abandon must be 0 or more")
    store, derived = read_all(files, options, mapping=mapping, profile_key=profile)
    run(bank, answers, into, derived, store, files, options, language, yes=yes, dry_run=dry_run)


def _channels(pairs: list[str]) -> dict[str, str]:
    from cc_rfp.errors import InputError

    allowed = ("phone", "email", "chat", "social", "sms", "ignore")
    found: dict[str, str] = {}
    for pair in pairs:
        queue, sep, name = pair.rpartition("=")
        name = name.strip().lower()
        if not sep or not queue.strip() or name not in allowed:
            raise InputError(
                f'--channel {pair!r}: write "Queue name=channel" with channel one of '
                f"{', '.join(allowed)}"
            )
        found[queue.strip().lower()] = name
    return found


def _sl_target(values: dict[str, Any]) -> float:
    """The phone service-level target's seconds, so today's result is measured the same way."""
    rows = values.get("kpi_targets")
    for row in rows if isinstance(rows, list) else []:
        if (
            isinstance(row, dict)
            and row.get("kpi") == "service_level"
            and row.get("channel", "phone") == "phone"
            and isinstance(row.get("seconds"), (int, float))
            and not isinstance(row.get("seconds"), bool)
        ):
            return float(row["seconds"])
    return DEFAULT_SL_SECONDS


def read_all(
    files: list[Path], options: Any, *, mapping: str | None = None, profile_key: str | None = None
) -> tuple[Any, Derived]:
    """Read every file into one store and derive the figures (InputError on bad input)."""
    from cc_rfp.errors import InputError
    from cc_rfp.importer import profiles
    from cc_rfp.importer.buckets import Store, ingest
    from cc_rfp.importer.derive import derive
    from cc_rfp.importer.readers import open_table

    store = Store(options)
    forced = profiles.custom(mapping) if mapping else None
    if profile_key:
        forced = profiles.by_key(profile_key)
    for path in files:
        table = open_table(path)
        try:
            if table.header is None:
                chosen = forced or profiles.by_key("calabrio")
                if not chosen.positions:
                    raise InputError(f"{path}: has no header row; {chosen.name} needs one")
                columns = {name: i for i, name in enumerate(chosen.positions)}
            elif forced is not None:
                chosen = forced
                columns = chosen.columns(table.header)
                gaps = chosen.missing(columns)
                unmatched = [f for f in chosen.headers if f not in columns]
                if unmatched and chosen.key == "map":
                    names = ", ".join(f"{f}={chosen.headers[f][0]}" for f in unmatched)
                    raise InputError(f"{path}: --map names columns the file lacks: {names}")
                if gaps:
                    raise InputError(f"{path}: no column for {' and '.join(gaps)} ({chosen.name})")
            else:
                chosen, columns = profiles.detect(table.header, str(path))
            ingest(table, chosen, columns, store)
        finally:
            table.close()
    if store.unmapped:
        queues = ", ".join(f'"{q}"' for q, _ in store.unmapped.most_common(8))
        raise InputError(
            f'no channel known for queue {queues}; say which with --channel "QUEUE=phone" '
            "(or chat, email, social, sms, ignore)"
        )
    if not store.buckets:
        raise InputError("the files hold no inbound contacts to import")
    return store, derive(store)


def run(
    bank: Bank,
    answers: Answers | None,
    into: Path,
    derived: Derived,
    store: Any,
    files: list[Path],
    options: Any,
    lang: str,
    *,
    yes: bool,
    dry_run: bool,
) -> None:
    """Show the figures beside the current answers, confirm, then write atomically."""
    from cc_rfp import i18n
    from cc_rfp.errors import InputError
    from cc_rfp.importer import apply

    current = answers.values if answers else {}
    values, notes = apply.proposed(bank, current, derived, lang, options.sl_seconds)
    findings = [say(f, lang) for f in derived.findings + notes]
    for key in dict.fromkeys(n for f in store.files for n in f.profile.notes):
        findings.append(i18n.t(key, lang))
    typer.echo(summary(derived, store, lang, options.sl_seconds))
    changes = [qid for qid in values if _differs(current.get(qid), values[qid])]
    typer.echo(i18n.t("import.head_changes", lang, file=str(into)))
    for qid in values:
        mark = "*" if qid in changes else " "
        typer.echo(
            f" {mark} {qid}: {_short(current.get(qid), lang)} -> {_short(values[qid], lang)}"
        )
    if findings:
        typer.echo(i18n.t("import.head_findings", lang))
        for line in findings:
            typer.echo(f"  - {line}")
    if dry_run:
        typer.echo(i18n.t("import.dry_run", lang))
        return
    if not yes:
        if not sys.stdin.isatty():
            raise InputError(i18n.t("import.no_terminal", lang, file=str(into)))
        if not typer.confirm(i18n.t("import.confirm", lang, file=str(into)), default=False):
            typer.echo(i18n.t("import.declined", lang))
            return
    files_record = apply.files_record(store.files)
    entry = apply.record(
        derived,
        files_record,
        list(values),
        findings,
        apply.curve_channel(derived),
        options.sl_seconds,
    )
    write(bank, answers, into, values, changes, entry, lang)
    typer.echo(i18n.t("import.written", lang, file=str(into), count=len(changes)))


def _differs(old: Any, new: Any) -> bool:
    from cc_rfp.core.answers import _plain, is_unknown

    return old is None or is_unknown(old) or _plain(old) != _plain(new)


def _short(value: Any, lang: str) -> str:
    """A value in one short line: tables as total and peak, lists joined."""
    from cc_rfp import i18n
    from cc_rfp.core.answers import is_unknown
    from cc_rfp.i18n.numbers import format_number

    if value is None:
        return "–"
    if is_unknown(value):
        return "?"
    if isinstance(value, dict) and value:
        numbers = {k: v for k, v in value.items() if isinstance(v, (int, float))}
        if not numbers:
            return str(value)
        peak = max(numbers, key=lambda k: numbers[k])
        return i18n.t(
            "import.table_short",
            lang,
            total=format_number(round(sum(numbers.values()), 1), lang),
            peak=peak,
            value=format_number(numbers[peak], lang),
        )
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return format_number(value, lang)
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "…"


def say(finding: Any, lang: str) -> str:
    """A finding in words; numbers formatted for the language."""
    from cc_rfp import i18n
    from cc_rfp.i18n.numbers import format_number

    values = {
        k: format_number(v, lang) if isinstance(v, (int, float)) and not isinstance(v, bool) else v
        for k, v in finding.values.items()
    }
    return i18n.t(finding.key, lang, **values)


def summary(derived: Derived, store: Any, lang: str, sl_seconds: float) -> str:
    """What was read and what it says, channel by channel."""
    from cc_rfp import i18n
    from cc_rfp.i18n.numbers import format_number
    from cc_rfp.importer.apply import iso_day
    from cc_rfp.staffing.erlang import patience_from_history

    def n(value: float | None, decimals: int = 0) -> str:
        return "–" if value is None else format_number(value, lang, decimals)

    out = []
    for f in store.files:
        out.append(
            i18n.t(
                "import.file_line",
                lang,
                file=f.name,
                profile=f.profile.name,
                rows=format_number(f.rows, lang),
                start=iso_day(f.first) or "–",
                end=iso_day(f.last) or "–",
            )
        )
    out.append(
        i18n.t(
            "import.window_line",
            lang,
            start=derived.window[0].isoformat(),
            end=derived.window[1].isoformat(),
            months=derived.whole_months,
        )
    )
    for name, c in derived.channels.items():
        staffing_patience = None
        if c.answer_rate is not None and c.asa is not None and c.answer_rate < 100:
            staffing_patience = patience_from_history(1 - c.answer_rate / 100, c.asa)
        out.append(
            i18n.t(
                "import.channel_line",
                lang,
                channel=name,
                offered=n(c.offered),
                answered=n(c.answered),
                abandoned=n(c.abandoned),
                other=n(c.other),
                rate=n(c.answer_rate, 1),
                asa=n(c.asa),
                aht=n(c.aht),
                sl=n(c.service_level, 1),
                seconds=n(sl_seconds),
                patience=n(c.patience),
                estimate=n(staffing_patience),
            )
        )
    return "\n".join(out)


def write(
    bank: Bank,
    answers: Answers | None,
    into: Path,
    values: dict[str, Any],
    changes: list[str],
    entry: dict[str, Any],
    lang: str,
) -> None:
    """Merge the values into the file (its comments and layout kept), add the sources record,
    check the result validates for every id written, then replace the file atomically."""
    import datetime as dt

    from cc_rfp.core.answers import Answers, _canon, merged_text, parse_answers, to_yaml
    from cc_rfp.core.validate import validate_answers
    from cc_rfp.errors import OutputError
    from cc_rfp.importer.apply import with_sources
    from cc_rfp.io.atomic import atomic_write_text

    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()
    if answers is None or answers.disk is None:
        fresh = Answers(
            values=dict(values),
            language=lang,
            bank_version=bank.version,
            bank_sha256=bank.sha256,
        )
        text = to_yaml(fresh, bank.order)
    else:
        answers.values.update(values)
        answers.updated = now
        answers.bank_version = answers.bank_version or bank.version
        # As save_answers does: a file read in an older form (migrate.py) is written in
        # today's form, so every entry whose stored form differs is written too.
        raw = answers.disk.raw
        migrated = [
            qid
            for qid in {**raw, **answers.values}
            if qid not in changes
            and (
                qid not in answers.values
                or qid not in raw
                or _canon(answers.values[qid]) != _canon(raw[qid])
            )
        ]
        text = merged_text(
            answers.disk.text, answers.disk.data, answers, changes + migrated, bank.order
        )
    text = with_sources(text, entry)
    check = parse_answers(text, str(into))
    problems = [p for p in validate_answers(bank, check) if p.question in values]
    if problems:  # a bug in the import: never write a file it made invalid
        raise OutputError(
            f"{into}: the imported figures would not validate ({problems[0].format(str(into))}); "
            "nothing was written"
        )
    atomic_write_text(into, text)
