"""The interview flow: sections in order, live conditions, autosave, resume and review.

Every answer is written to disk (atomically) the moment it is given, so Ctrl-C, Ctrl-D, a
closed laptop or a crash loses nothing; the session only has to say where the file is and
how to continue. When an answer changes, the questions that depend on it are re-asked and
answers that no longer apply are dropped, with a notice, never silently kept.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cc_rfp.core import types
from cc_rfp.core.answers import Answers, is_unknown, save_answers
from cc_rfp.core.bank import Bank, text
from cc_rfp.core.bank_model import Question, Section
from cc_rfp.core.conditions import evaluate, holds
from cc_rfp.core.state import OPEN, state_of
from cc_rfp.core.values import check_value
from cc_rfp.errors import EXIT_INTERRUPTED, CcRfpError
from cc_rfp.interview.ask import Special, Ui, ask_select
from cc_rfp.interview.award_note import note_due, show_award
from cc_rfp.interview.prompts import Asking, ask_question
from cc_rfp.interview.prompts.base import shown_value
from cc_rfp.interview.review import is_open, short, show_review, shown_id, tally
from cc_rfp.interview.staffing_note import show_staffing

MENU_WIDTH = 74
"""Menu lines longer than this are cut off in an 80-column terminal (no wrapping in menus)."""

STAFFING_AFTER = "kpi_targets"
"""After this question the interview shows what the targets imply for staffing."""


def backup_path(path: Path) -> Path:
    """``answers.yaml.bak``, or a timestamped name when that one exists (never overwrite)."""
    plain = path.with_name(path.name + ".bak")
    if not plain.exists():
        return plain
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    candidate = path.with_name(f"{path.name}.{stamp}.bak")
    counter = 1
    while candidate.exists():
        counter += 1
        candidate = path.with_name(f"{path.name}.{stamp}-{counter}.bak")
    return candidate


@dataclass
class Plan:
    """What the person asked for on the command line."""

    path: Path
    out: Path
    resume_command: str
    section: str | None = None
    existed: bool = False
    essentials: bool = False


class Session:
    """One sitting of the interview on one answers file."""

    def __init__(self, ui: Ui, bank: Bank, answers: Answers, plan: Plan) -> None:
        self.ui = ui
        self.bank = bank
        self.answers = answers
        self.plan = plan
        self.forced: set[str] = set()
        self.touched: set[str] = set()
        self.unsaved: set[str] = set()
        """Answers given or removed since the last save that reached the disk."""
        """Answers changed (or removed) in this sitting: only these may make others stale."""
        self.shown_section: str | None = None
        self.asked_here = 0
        self.position = {qid: i for i, qid in enumerate(bank.order)}
        self.bank_changed = bool(answers.bank_sha256 and answers.bank_sha256 != bank.sha256)
        answers.language = ui.lang
        answers.bank_version = bank.version
        answers.bank_sha256 = bank.sha256

    # ----------------------------------------------------------------- state

    def save(self) -> None:
        """Save; a hand edit made meanwhile is merged into the file (and named), never lost."""
        save_answers(self.plan.path, self.answers, order=self.bank.order)
        if self.answers.adopted:
            ids = ", ".join(self.answers.adopted)
            kept = self.ui.t("hand_edit_kept", path=str(self.plan.path), ids=ids)
            self.ui.say(kept, style="cyan")

    def store(self) -> None:
        """Save; when the file cannot be written, keep every answer in memory and ask.

        The person picks "try again" (after freeing the folder, say) or "stop", which shows
        the answers not yet on disk so they can be copied, then ends with the error's one
        line. A typed answer is never lost behind an internal error.
        """
        while True:
            try:
                self.save()
            except CcRfpError as exc:
                if self.save_failed(exc):
                    continue
                raise
            self.unsaved.clear()
            return

    def save_failed(self, exc: CcRfpError) -> bool:
        """Say why saving failed; True to try again, False to stop (answers shown)."""
        ui = self.ui
        ui.say(ui.t("save_failed", reason=str(exc)), style="red")
        options = [(ui.t("save_retry"), True), (ui.t("save_stop"), False)]
        try:
            again = ask_select(ui, ui.t("save_failed_prompt"), options, specials=())
        except (KeyboardInterrupt, EOFError):
            again = False
        if again is True:
            return True
        self.show_unsaved()
        return False

    def show_unsaved(self) -> None:
        """Print the answers that are not on disk, as lines to paste into the answers file."""
        import yaml

        ui = self.ui
        values = self.answers.values
        shown = {
            qid: values[qid].to_yaml() if is_unknown(values[qid]) else values[qid]
            for qid in self.bank.order
            if qid in self.unsaved and qid in values
        }
        gone = [qid for qid in self.bank.order if qid in self.unsaved and qid not in values]
        ui.say(ui.t("unsaved_title", path=str(self.plan.path)), style="yellow")
        if shown:
            dumped = yaml.safe_dump(shown, allow_unicode=True, sort_keys=False, width=1000)
            for row in dumped.splitlines():
                ui.say("  " + row)
        for qid in gone:
            ui.say(ui.t("unsaved_removed", question=qid))
        if not shown and not gone:
            ui.say(ui.t("unsaved_none"), style="dim")

    def applies(self, question: Question) -> bool:
        return holds(question.when, self.answers.known())

    def suggestion(self, question: Question) -> Any:
        """The default for a new answer: ``default_expr`` over earlier answers, else ``default``."""
        known = self.answers.known()
        if question.default_expr:
            value = evaluate(question.default_expr, known)
            if value is not None and not check_value(self.bank, question, value, known):
                return value
        return question.default

    def may_drop(self, question: Question) -> bool:
        """Whether an answer whose question does not apply may go, with a notice.

        Only when the condition is false on answers that are sound: changed in this sitting,
        or answered in the file with values the file check accepts. A condition that is
        false because a source answer is missing, "don't know yet" or invalid (say ``Phone``
        for ``phone`` in the channels) is the file's problem, which ``validate`` reports;
        the interview does not delete twelve months of volumes over it.
        """
        from cc_rfp.core.conditions import names

        if not question.when:
            return True
        sources = names(question.when) & set(self.bank.questions)
        known = self.answers.known()
        for source in sources - self.touched:
            value = self.answers.values.get(source)
            if value is None or is_unknown(value):
                return False
            if check_value(self.bank, self.bank.questions[source], value, known):
                return False
        return True

    def shape_sources(self, question: Question) -> set[str]:
        """Questions whose answers give ``question`` its choices or channels."""
        sources = {question.choices_from, question.channels_from}
        sources |= {f.choices_from for f in question.fields or []}
        return {s for s in sources if s}

    def shape_dependents(self, qid: str) -> set[str]:
        """Questions whose choices or channels come from ``qid``'s answer."""
        found = set()
        for other in self.bank.questions.values():
            sources = {other.choices_from, other.channels_from}
            sources |= {f.choices_from for f in other.fields or []}
            if qid in sources:
                found.add(other.id)
        return found

    def fits(self, question: Question) -> bool:
        """Whether an answer still matches the choices and channels it was given from."""
        value = self.answers.values.get(question.id)
        if value is None or is_unknown(value):
            return True
        return types.get(question.type).fits(self.bank, question, value, self.answers.known())

    def changed(self, qid: str) -> None:
        """React to a changed answer: drop what no longer applies, re-ask what depends on it."""
        direct = set(self.bank.dependents.get(qid, ()))
        shaped = self.shape_dependents(qid)
        for dep in sorted(direct | shaped, key=self.position.__getitem__):
            question = self.bank.questions[dep]
            if not self.applies(question):
                if self.may_drop(question):
                    self.drop(dep)
            elif dep in direct or not self.fits(question):
                self.forced.add(dep)

    def drop(self, qid: str) -> None:
        """Remove an answer whose question no longer applies, and say so."""
        self.forced.discard(qid)
        if qid not in self.answers.values:
            return
        del self.answers.values[qid]
        self.touched.add(qid)
        self.unsaved.add(qid)
        self.store()
        title = short(text(self.bank.questions[qid].text, self.ui.lang))
        self.ui.say(self.ui.t("dropped", question=title), style="yellow")
        self.changed(qid)

    def first_open(self, start: str | None = None) -> str | None:
        """The first question from ``start`` on (bank order, wrapping round) that applies,
        still needs an answer and was not skipped on purpose."""
        known = self.answers.known()
        order = self.bank.order
        at = self.position.get(start, 0) if start else 0
        skipped = set(self.answers.skipped)
        for qid in order[at:] + order[:at]:
            if qid in skipped:
                continue
            if state_of(self.bank, self.answers, self.bank.questions[qid], known) in OPEN:
                return qid
        return None

    def open_skipped(self) -> list[str]:
        """Questions skipped with Enter that still apply and still have no answer."""
        known = self.answers.known()
        return [
            qid
            for qid in self.answers.skipped
            if qid in self.bank.questions
            and state_of(self.bank, self.answers, self.bank.questions[qid], known) in OPEN
        ]

    # ----------------------------------------------------------------- flow

    def run(self) -> int:
        """Run the interview; the exit code (130 when interrupted, answers saved)."""
        from cc_rfp.interview import interrupts

        try:
            with interrupts.watching():
                return self._run()
        except (KeyboardInterrupt, EOFError):
            self.store()
            self.paused()
            return EXIT_INTERRUPTED

    def _run(self) -> int:
        self.intro()
        if self.plan.essentials:
            self.store()
            self.walk(self.bank.sections, mode="essentials")
            self.ui.say(self.ui.t("essentials_done"), style="cyan")
        elif self.plan.section:
            self.revisit(self.plan.section)
        elif self.plan.existed and self.answers.values:
            if self.resume_menu() == "quit":
                return 0
        else:
            self.store()
            self.walk(self.bank.sections, mode="open")
        return self.finish()

    def intro(self) -> None:
        ui = self.ui
        ui.console.rule(ui.t("title"))
        count = len(self.answers.values)
        state = ui.t("file_existing", count=count) if self.plan.existed else ui.t("file_new")
        ui.say(ui.t("file_line", path=str(self.plan.path), state=state))
        ui.say(ui.t("language_line"))
        if self.bank_changed:
            ui.say(ui.t("bank_changed"), style="yellow")

    def resume_menu(self) -> str:
        """What to do with a file that has answers; "continue where you were" comes first.

        The file remembers the question the interview was at and the questions skipped with
        Enter, so continuing starts where the consultant stopped, not at the first question
        left open on purpose an hour earlier.
        """
        ui = self.ui
        first = self.first_open(self.answers.position)
        skipped = self.open_skipped()
        options: list[tuple[str, Any]] = []
        if first:
            section = self.bank.section_of[first]
            number = self.bank.sections.index(section) + 1
            question = text(self.bank.questions[first].text, ui.lang)
            key = "resume_here" if self.answers.position else "resume_continue"
            room = MENU_WIDTH - len(ui.t(key, n=number, question=""))
            where = short(question, max(room, 12))
            options.append((ui.t(key, n=number, question=where), "continue"))
        else:
            options.append((ui.t("resume_complete"), "review"))
        if skipped:
            options.append((ui.t("resume_skipped", count=len(skipped)), "skipped"))
        options.append((ui.t("resume_revisit"), "revisit"))
        if first:
            options.append((ui.t("resume_review"), "review"))
        backup = backup_path(self.plan.path)
        options.append((ui.t("resume_restart", backup=backup.name), "restart"))
        options.append((ui.t("resume_quit"), "quit"))
        while True:
            pick = ask_select(ui, ui.t("resume_prompt"), options, specials=())
            if pick == "continue":
                self.walk(self.bank.sections, mode="open", start=first)
                self.walk(self.bank.sections, mode="open")  # anything open before it
            elif pick == "skipped":
                self.walk(self.bank.sections, mode="skipped")
            elif pick == "revisit":
                section_id = self.pick_section()
                if section_id is None:
                    continue
                self.revisit(section_id)
            elif pick == "restart":
                if not self.restart():
                    continue
                self.walk(self.bank.sections, mode="open")
            elif pick == "quit":
                self.paused()
            return str(pick)

    def restart(self) -> bool:
        ui = self.ui
        sure = ask_select(
            ui,
            ui.t("restart_sure", count=len(self.answers.values)),
            [(ui.t("no"), False), (ui.t("yes"), True)],
            specials=(),
        )
        if sure is not True:
            return False
        target = backup_path(self.plan.path)
        try:
            shutil.copy2(self.plan.path, target)
        except OSError as exc:
            ui.say(ui.t("backup_failed", path=str(target), reason=exc.strerror or str(exc)))
            return False
        self.answers.values.clear()
        self.answers.created = dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()
        self.forced.clear()
        self.store()
        ui.say(ui.t("restarted", backup=str(target)), style="cyan")
        return True

    def pick_section(self) -> str | None:
        ui = self.ui
        options: list[tuple[str, Any]] = []
        for number, section in enumerate(self.bank.sections, start=1):
            counts = tally(self.bank, self.answers, section)
            title = text(section.title, ui.lang)
            name = shown_id(section, ui.lang)
            label = f"{number}. {title} [{name}] ({counts.answered}/{counts.total})"
            options.append((label, section.id))
        options.append((ui.t("cancel"), None))
        picked = ask_select(ui, ui.t("which_section"), options, specials=())
        return picked if isinstance(picked, str) else None

    def revisit(self, section_id: str) -> None:
        """Ask one section again (answers as defaults), then what depends on a change there."""
        section = self.bank.section(section_id)
        self.walk([section], mode="all")
        index = self.bank.sections.index(section)
        later = self.bank.sections[index + 1 :]
        if any(self.bank.section_of[qid] in later for qid in self.forced):
            self.ui.say(self.ui.t("dependents_note"), style="cyan")
            self.walk(later, mode="forced")
        self.forced.clear()

    def walk(self, sections: list[Section], *, mode: str, start: str | None = None) -> None:
        """Ask the questions of ``sections``: all, the open ones, only those to re-ask, or
        the ones skipped earlier; from ``start`` when given.

        Conditions are evaluated as each question comes up, so a change earlier in the walk
        decides what is asked later. ``<`` goes back to the previous question asked. A
        question skipped with Enter is not asked again by "open" (it is remembered in the
        file; "skipped" asks those).
        """
        ids = [q.id for s in sections for q in s.questions]
        history: list[str] = []
        pos = ids.index(start) if start in ids else 0
        skipped = set(self.answers.skipped)
        while pos < len(ids):
            question = self.bank.questions[ids[pos]]
            if not self.applies(question):
                if self.may_drop(question):
                    self.drop(question.id)
                pos += 1
                continue
            open_now = mode != "all" and is_open(self.bank, self.answers, question)
            essential = question.required or question.essential
            # A dependent with no answer yet is only an open question: on the essentials path
            # it waits like any other; one with an answer is re-asked, since it may no longer fit.
            forced = question.id in self.forced and not (
                mode == "essentials" and open_now and not essential
            )
            wanted = (
                mode == "all"
                or forced
                or (open_now and mode == "essentials" and essential)
                or (
                    open_now
                    and mode != "essentials"
                    and (question.id in skipped) == (mode == "skipped")
                )
            )
            if not wanted:
                pos += 1
                continue
            self.enter_section(self.bank.section_of[question.id])
            result = self.ask(question)
            if result is Special.BACK:
                if history:
                    previous = history.pop()
                    self.forced.add(previous)
                    pos = ids.index(previous)
                else:
                    self.ui.say(self.ui.t("at_first"), style="dim")
                continue
            history.append(question.id)
            pos += 1
        self.close_section()

    def enter_section(self, section: Section) -> None:
        if section.id == self.shown_section:
            return
        self.close_section()
        ui = self.ui
        number = self.bank.sections.index(section) + 1
        counts = tally(self.bank, self.answers, section)
        ui.say()
        ui.console.rule(
            ui.t(
                "section_header",
                n=number,
                total=len(self.bank.sections),
                title=text(section.title, ui.lang),
                id=shown_id(section, ui.lang),
            ),
            align="left",
        )
        # Out of every question the section has, so the figure does not grow or shrink as
        # answers switch follow-up questions on and off ("0 of 18" becoming "0 of 19").
        ui.say(
            ui.t(
                "section_progress",
                answered=counts.answered + counts.unknown,
                total=len(section.questions),
            ),
            style="dim",
        )
        if section.intro:
            ui.say(text(section.intro, ui.lang), style="italic")
        ui.say(ui.t("legend"), style="dim")
        self.shown_section = section.id
        self.asked_here = 0

    def close_section(self) -> None:
        if self.shown_section is None:
            return
        section = self.bank.section(self.shown_section)
        if self.asked_here:
            counts = tally(self.bank, self.answers, section)
            self.ui.say(
                self.ui.t(
                    "section_done",
                    title=text(section.title, self.ui.lang),
                    answered=counts.answered,
                    unknown=counts.unknown,
                    open=counts.open,
                ),
                style="green",
            )
        self.shown_section = None

    def ask(self, question: Question) -> Any:
        """Ask one question, save the answer, and react if it changed."""
        qid = question.id
        before = self.answers.values.get(qid)
        suggested = self.suggestion(question)
        if qid in self.forced and before is not None and suggested not in (None, before):
            shown = shown_value(self.bank, question, suggested, self.ui.lang)
            self.ui.say(self.ui.t("new_suggestion", value=shown), style="cyan")

        def progress(value: Any) -> None:
            # A part (one channel's hours, some months, an unconfirmed table) is kept only
            # while the question has no answer: Ctrl-C halfway through a revisit must leave
            # the old answer exactly as it was, never a fragment of the new one.
            if before is None:
                replace(value)

        def replace(value: Any) -> None:
            self.answers.values[qid] = value
            self.unsaved.add(qid)
            self.store()

        asking = Asking(
            self.ui,
            self.bank,
            question,
            current=before,
            suggested=suggested,
            known=self.answers.known(),
            reshaped=bool(self.shape_sources(question) & self.touched),
            progress=progress,
            replace=replace,
            offer_import=self.import_offer(question),
        )
        self.answers.position = qid  # saved with Ctrl-C too: resume comes back here
        result = ask_question(asking)
        self.forced.discard(qid)
        self.unsaved.add(qid)
        skipped = self.answers.skipped
        if result is Special.SKIP:
            self.answers.values.pop(qid, None)
            if qid not in skipped:
                skipped.append(qid)
        elif result is not Special.BACK:
            self.answers.values[qid] = result
            if qid in skipped:
                skipped.remove(qid)
        self.store()
        self.asked_here += 1
        if self.answers.values.get(qid) != before:
            self.touched.add(qid)
            self.changed(qid)
        if qid == STAFFING_AFTER and not isinstance(result, Special):
            show_staffing(self.ui, self.bank, self.answers)
        if not isinstance(result, Special) and note_due(self.bank, self.answers, qid):
            show_award(self.ui, self.bank, self.answers)  # after the last award question
        return result

    def import_offer(self, question: Question) -> Callable[[], Any] | None:
        """ "Import a file instead" for a channel's volume table (``interview/importing``)."""
        from cc_rfp.interview.importing import offer_import, offers_import

        if not offers_import(question, self.channels_known()):
            return None
        return lambda: offer_import(self, question)

    def channels_known(self) -> list[str]:
        """The channels the bank lists (the import fills ``volume_<channel>`` for these)."""
        choices = getattr(self.bank.questions.get("channels"), "choices", None) or []
        return [str(c.value) for c in choices]

    def finish(self) -> int:
        """Review, let the person go back to a section, then write the document."""
        ui = self.ui
        while True:
            ui.say()
            show_review(ui, self.bank, self.answers)
            options = [
                (ui.t("review_write", path=str(self.plan.out)), "write"),
                (ui.t("review_back"), "section"),
                (ui.t("review_stop"), "stop"),
            ]
            pick = ask_select(ui, ui.t("review_prompt"), options, specials=())
            if pick == "section":
                section_id = self.pick_section()
                if section_id:
                    self.revisit(section_id)
                continue
            if pick == "stop":
                self.paused()
                return 0
            return self.write()

    def write(self) -> int:
        from cc_rfp.document.render import render_document, write_document

        ui = self.ui
        try:
            document = render_document(self.bank, self.answers, lang=ui.lang)
            write_document(self.plan.out, document)
        except CcRfpError as exc:
            ui.say(ui.t("render_failed", reason=str(exc), path=str(self.plan.path)), style="red")
            return exc.exit_code
        ui.say(ui.t("written", path=str(self.plan.out)), style="green")
        return 0

    def paused(self) -> None:
        ui = self.ui
        ui.say()
        ui.say(ui.t("saved", count=len(self.answers.values), path=str(self.plan.path)))
        ui.say(ui.t("continue_with", command=self.plan.resume_command))
