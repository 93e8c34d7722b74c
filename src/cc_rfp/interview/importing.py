"""The import offered where the interview asks for volumes ("import a file instead").

Clients say "I'll send you an export" at exactly the question where a consultant would
otherwise type twelve months from a printout. The offer reads the same files as
``cc-rfp import`` with the same code (``commands.import_.read_all`` and
``importer.apply.proposed``), shows the derived figures beside the answers the file holds,
and only after a yes puts them into the session's answers, so they are saved, re-checked
and followed by dependent questions exactly like typed answers. The sources record (files,
period, assumptions) is then added to the answers file atomically, as the command does.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from cc_rfp.core.answers import is_unknown
from cc_rfp.core.bank_model import Question
from cc_rfp.errors import CcRfpError
from cc_rfp.interview.ask import Special, ask_select, ask_text

if TYPE_CHECKING:
    from cc_rfp.interview.session import Session

MAX_SHOWN = 60
"""Characters of a path named in a message."""


def offers_import(question: Question, channels: list[str]) -> bool:
    """Whether ``question`` is a channel's monthly volume table the import can fill."""
    prefix = "volume_"
    return (
        question.type == "table"
        and question.id.startswith(prefix)
        and question.id[len(prefix) :] in channels
    )


def split_paths(typed: str) -> list[Path]:
    """The files named in one line: separated by ``;``, quotes from a drag-and-drop dropped."""
    paths = []
    for part in typed.split(";"):
        name = part.strip().strip("'\"").strip()
        if name:
            paths.append(Path(name).expanduser())
    return paths


def offer_import(session: Session, question: Question) -> Any:
    """Run the import from inside the interview; the value for ``question``, or None.

    None sends the person back to the table's menu (nothing read, declined, or the files
    held no figures for this channel). Every other imported answer is already in the
    session's answers and saved when this returns.
    """
    paths = _ask_paths(session)
    if paths is None:
        return None
    read = _read(session, paths)
    if read is None:
        return None
    store, derived, options = read
    return _apply(session, question, store, derived, options)


def _ask_paths(session: Session) -> list[Path] | None:
    ui = session.ui

    def check(typed: str) -> bool | str:
        if not typed.strip():
            return True
        for path in split_paths(typed):
            if not path.is_file():
                return ui.t("import_no_file", path=_brief(str(path)))
        return True

    while True:
        typed = ask_text(
            ui,
            ui.t("import_files"),
            validate=check,
            instruction=ui.t("import_files_hint"),
            specials=(Special.HELP, Special.BACK),
        )
        if typed is Special.HELP:
            ui.say(ui.t("import_help"), style="italic")
            continue
        if isinstance(typed, Special) or not typed.strip():
            return None
        return split_paths(typed)


def _read(session: Session, paths: list[Path]) -> tuple[Any, Any, Any] | None:
    """Read the files; on a problem say it and offer to name queue channels or go back."""
    from cc_rfp.commands.import_ import _channels, _sl_target, read_all
    from cc_rfp.importer.buckets import Options

    ui = session.ui
    channels: dict[str, str] = {}
    while True:
        options = Options(channels=dict(channels), sl_seconds=_sl_target(session.answers.values))
        try:
            with ui.console.status(ui.t("import_reading")):
                store, derived = read_all(paths, options)
        except CcRfpError as exc:
            ui.say(ui.t("import_failed", reason=str(exc)), style="yellow")
        else:
            return store, derived, options
        pick = ask_select(
            ui,
            ui.t("import_next"),
            [(ui.t("import_map"), "map"), (ui.t("import_back"), None)],
            specials=(),
        )
        if pick != "map":
            return None

        def check(typed: str) -> bool | str:
            try:
                _channels([p for p in typed.split(";") if p.strip()])
            except CcRfpError:
                return ui.t("import_map_bad")
            return True

        typed = ask_text(
            ui,
            ui.t("import_map_prompt"),
            validate=check,
            instruction=ui.t("import_map_hint"),
            specials=(Special.BACK,),
        )
        if isinstance(typed, Special) or not typed.strip():
            return None
        channels.update(_channels([p for p in typed.split(";") if p.strip()]))


def _apply(session: Session, question: Question, store: Any, derived: Any, options: Any) -> Any:
    """Show the figures beside the current answers, confirm, then take them as answers."""
    from cc_rfp.commands.import_ import _differs, _short, say, summary
    from cc_rfp.core.bank import text
    from cc_rfp.core.conditions import holds
    from cc_rfp.core.values import check_value
    from cc_rfp.i18n import t
    from cc_rfp.importer import apply

    ui, bank, answers = session.ui, session.bank, session.answers
    lang = ui.lang
    current = answers.values
    values, notes = apply.proposed(bank, current, derived, lang, options.sl_seconds)
    findings = [say(f, lang) for f in derived.findings + notes]
    for key in dict.fromkeys(n for f in store.files for n in f.profile.notes):
        findings.append(t(key, lang))
    ui.say()
    for row in summary(derived, store, lang, options.sl_seconds).splitlines():
        ui.say(row)
    ui.say(ui.t("import_compare"), style="bold")
    for qid in [q for q in bank.order if q in values]:
        mark = "*" if _differs(current.get(qid), values[qid]) else " "
        title = text(bank.questions[qid].text, lang)
        ui.say(f" {mark} {title}: {_short(current.get(qid), lang)} → {_short(values[qid], lang)}")
    if findings:
        ui.say(ui.t("import_findings"), style="bold")
        for line in findings:
            ui.say(f"  - {line}")
    if not values:
        ui.say(ui.t("import_nothing"), style="yellow")
        return None
    ok = ask_select(
        ui,
        ui.t("import_confirm", count=len(values)),
        [(ui.t("import_yes"), True), (ui.t("import_no"), False)],
        default=True,
        specials=(),
    )
    if ok is not True:
        ui.say(ui.t("import_declined"), style="dim")
        return None
    known = answers.known()
    taken: dict[str, Any] = {}
    for qid in [q for q in bank.order if q in values]:
        question_ = bank.questions[qid]
        if not holds(question_.when, {**known, **taken}):
            continue  # a question this interview does not ask (a custom bank's, say)
        problems = check_value(bank, question_, values[qid], {**known, **taken}, lang)
        if problems:  # the import's shapes validate; a custom bank may still refuse one
            ui.say(ui.t("import_refused", question=qid, reason=problems[0][1]), style="yellow")
            continue
        taken[qid] = values[qid]
    _take(session, taken)
    _record(session, store, derived, options, list(taken), findings)
    ui.say(ui.t("import_done", count=len(taken), path=str(session.plan.path)), style="green")
    value = taken.get(question.id)
    if value is None:
        ui.say(ui.t("import_no_channel", question=text(question.text, lang)), style="yellow")
    return value


def _take(session: Session, taken: dict[str, Any]) -> None:
    """Put the values into the answers, save, and let what depends on them follow.

    Dependents are dropped or re-asked as after any changed answer, except the questions
    the import has just answered: they are answered, not open.
    """
    answers = session.answers
    changed = []
    for qid, value in taken.items():
        old = answers.values.get(qid)
        answers.values[qid] = value
        if qid in answers.skipped:
            answers.skipped.remove(qid)
        session.unsaved.add(qid)
        if old is None or is_unknown(old) or old != value:
            changed.append(qid)
            session.touched.add(qid)
    session.store()
    for qid in changed:
        session.changed(qid)
    session.forced -= set(taken)


def _record(
    session: Session,
    store: Any,
    derived: Any,
    options: Any,
    filled: list[str],
    findings: list[str],
) -> None:
    """Add ``sources.contact_history`` to the saved file, atomically; the answers stay
    saved whatever happens here (a failure is said, not raised)."""

    from cc_rfp.core.answers import load_answers
    from cc_rfp.importer import apply
    from cc_rfp.io.atomic import atomic_write_text
    from cc_rfp.io.yamlio import read_text

    path = session.plan.path
    try:
        files = apply.files_record(store.files)
        entry = apply.record(
            derived, files, filled, findings, apply.curve_channel(derived), options.sl_seconds
        )
        text = apply.with_sources(read_text(path, what="answers file"), entry)
        atomic_write_text(path, text)
        # The file now differs from the last save only by the record: start from it, so
        # the next save merges into it instead of treating the record as a hand edit.
        session.answers.disk = load_answers(path, announce=False).disk
    except (CcRfpError, OSError) as exc:
        session.ui.say(session.ui.t("import_no_record", reason=str(exc)), style="yellow")


def _brief(name: str) -> str:
    return name if len(name) <= MAX_SHOWN else "…" + name[-(MAX_SHOWN - 1) :]
