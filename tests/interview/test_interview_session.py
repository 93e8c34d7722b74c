"""The interview flow: a whole walk, conditions, stale answers, Ctrl-C, resume and revisit,
and the answers it suggests.

Sessions are driven through the pipe input like the prompts; the answers file on disk is
what every flow test checks, since "never loses an answer" is about the file. The answers it
suggests are asked of a session on the built-in bank directly, with no keys.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from interview_support import (
    CTRL_C,
    CTRL_D,
    DOWN,
    ENTER,
    FULL_ANSWERS,
    SPACE,
    UP,
    Screen,
    all_keys,
    driven,
    keys_until,
    line,
    write_bank,
    write_renderable_bank,
)

from cc_rfp.core.answers import Answers, Unknown, load_answers, save_answers
from cc_rfp.core.bank import Bank, load_bank
from cc_rfp.interview.ask import Ui
from cc_rfp.interview.session import Plan, Session, backup_path

STOP = DOWN + DOWN + ENTER  # review menu: write, go back to a section, stop
RESUME = "cc-rfp interview answers.yaml --questions bank.yaml"


@pytest.fixture(scope="module")
def bank(tmp_path_factory: pytest.TempPathFactory) -> Bank:
    return load_bank(write_bank(tmp_path_factory.mktemp("bank")))


@dataclass
class Run:
    code: int
    values: dict[str, Any]
    screen: Screen
    path: Path

    @property
    def shown(self) -> str:
        """Everything shown, with line wrapping undone (paths in tmp folders are long)."""
        return " ".join(self.screen.all.split())


def run(
    folder: Path,
    bank: Bank,
    keys: str,
    *,
    lang: str = "en",
    section: str | None = None,
    existing: dict[str, Any] | None = None,
) -> Run:
    path = folder / "answers.yaml"
    if existing is not None:
        save_answers(path, Answers(values=dict(existing), language=lang), order=bank.order)
    answers = load_answers(path) if path.exists() else Answers()
    plan = Plan(
        path=path,
        out=folder / "tender.md",
        resume_command=RESUME,
        section=section,
        existed=path.exists(),
    )
    with driven(keys, lang) as (ui, screen):
        code = Session(ui, bank, answers, plan).run()
    values = load_answers(path).values if path.exists() else {}
    return Run(code, values, screen, path)


# ----------------------------------------------------------------- a whole interview


def test_whole_walk_saves_every_answer(tmp_path: Path, bank: Bank) -> None:
    result = run(tmp_path, bank, all_keys() + STOP)
    assert result.code == 0
    assert result.values == FULL_ANSWERS
    shown = result.shown
    assert "Answers file: " in shown and "(new)" in shown
    assert "Section 1 of 7: About the tender" in shown
    assert "Section 7 of 7: Ways of working" in shown
    assert "0 of up to 5 questions answered" in shown  # company: survey tool not yet applicable
    assert "✓ The company: 6 answered, 0 don't know yet, 0 open" in shown
    assert "Review" in shown


def test_whole_walk_in_swedish(tmp_path: Path, bank: Bank) -> None:
    result = run(tmp_path, bank, all_keys() + STOP, lang="sv")
    assert result.values == FULL_ANSWERS
    assert "Avsnitt 2 av 7: Företaget" in result.shown
    assert "Granskning" in result.shown
    assert load_answers(result.path).language == "sv"


def test_write_the_document_at_the_end(tmp_path: Path) -> None:
    bank = load_bank(write_renderable_bank(tmp_path))
    result = run(tmp_path, bank, ENTER + ENTER, existing=FULL_ANSWERS)  # review, write
    assert result.code == 0
    tender = (tmp_path / "tender.md").read_text(encoding="utf-8")
    assert "Acme AB" in tender
    assert f"The tender is written to {tmp_path / 'tender.md'}" in result.shown


# ----------------------------------------------------------------- conditions


def test_conditions_are_evaluated_live(tmp_path: Path, bank: Bank) -> None:
    keys = keys_until("channels") + DOWN + SPACE + ENTER  # email only
    keys += ENTER + "Mail" + ENTER + "100" + ENTER + ENTER + ENTER + ENTER  # one case type
    keys += DOWN + ENTER  # no survey: the survey tool is not asked
    keys += "3" + ENTER  # agents; no phone, so no monthly calls or handling time
    keys += "90" + ENTER + CTRL_C
    result = run(tmp_path, bank, keys)
    assert result.code == 130
    values = result.values
    assert values["channels"] == ["email"]
    assert values["current_answer_rate"] == 90
    for absent in ("survey_tool", "volume_phone", "aht_phone"):
        assert absent not in values


def test_a_changed_answer_drops_the_stale_one(tmp_path: Path, bank: Bank) -> None:
    keys = keys_until("agents_now") + "<" + ENTER  # back from agents to the survey tool
    keys += "<" + ENTER  # and back to the survey question
    keys += DOWN + ENTER  # No: the tool answer no longer applies
    keys += "12" + ENTER + CTRL_C
    result = run(tmp_path, bank, keys)
    assert "survey_tool" not in result.values
    assert result.values["has_survey"] is False
    assert result.values["agents_now"] == 12
    assert "Removed the answer to «Which survey tool?»: it no longer applies." in result.shown


def test_stale_answer_in_a_later_section_is_dropped_on_revisit(tmp_path: Path, bank: Bank) -> None:
    keys = ENTER  # business idea kept: Enter on an unchanged long text keeps it
    keys += DOWN + DOWN + SPACE + ENTER  # untick chat
    keys += ENTER + ENTER + ENTER + ENTER  # case types done, survey yes, tool, agents
    # Later questions whose condition refers to the channels are re-asked (kept with Enter),
    # and the opening hours, which were given for chat too: keep phone's hours.
    keys += ENTER + ENTER + ENTER
    keys += STOP
    result = run(tmp_path, bank, keys, section="company", existing=FULL_ANSWERS)
    assert result.values["channels"] == ["phone"]
    assert "chat_concurrency" not in result.values
    assert "Removed the answer to «Concurrent chats per agent?»" in result.shown
    assert result.values["opening_hours"] == {"phone": FULL_ANSWERS["opening_hours"]["phone"]}
    assert "Calls per month Keep" in result.shown
    assert "Rank the purposes" not in result.shown  # does not depend on the channels


def test_revisit_reasks_only_what_depends_on_a_change(tmp_path: Path, bank: Bank) -> None:
    keys = ENTER * 5  # idea, channels, cases, survey, tool
    keys += line("5")  # agents 12 -> 5: the default of hours per FTE depends on it
    keys += line("40")  # fte_hours_per_week, re-asked (suggestion now 40)
    keys += STOP
    result = run(tmp_path, bank, keys, section="company", existing=FULL_ANSWERS)
    assert result.code == 0
    assert result.values == {**FULL_ANSWERS, "agents_now": 5, "fte_hours_per_week": 40}
    assert "Your earlier answers now suggest: 40" in result.shown
    assert "Questions in later sections that depend on what you changed" in result.shown
    for not_asked in ("Calls per month", "Rank the purposes", "KPI targets", "Partner or"):
        assert not_asked not in result.shown


def test_revisit_without_changes_is_enter_enter_enter(tmp_path: Path, bank: Bank) -> None:
    keys = ENTER * 5 + STOP  # volumes: 5 questions, tables kept with one Enter each
    result = run(tmp_path, bank, keys, section="volumes", existing=FULL_ANSWERS)
    assert result.code == 0
    assert result.values == FULL_ANSWERS


# ----------------------------------------------------------------- interrupting


@pytest.mark.parametrize("stop", [CTRL_C, CTRL_D])
def test_interrupt_keeps_every_answer_and_says_how_to_continue(
    tmp_path: Path, bank: Bank, stop: str
) -> None:
    result = run(tmp_path, bank, keys_until("agents_now") + stop)
    assert result.code == 130
    expected = {k: FULL_ANSWERS[k] for k in list(FULL_ANSWERS)[:7]}
    assert result.values == expected
    assert "Paused. Everything is saved in" in result.shown
    assert "(answered so far: 7)" in result.shown
    assert f"To continue: {RESUME}" in result.shown


def test_a_ctrl_c_python_swallowed_between_prompts_still_pauses(
    tmp_path: Path, bank: Bank, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Ctrl-C that arrives while a weakref callback runs, between two prompts, is printed
    as "Exception ignored" by Python and lost; the session raises it at the next prompt."""
    import weakref

    stores: dict[str, Any] = {"count": 0}
    store = Session.store

    def store_then_ctrl_c_in_a_callback(self: Session) -> None:
        store(self)
        stores["count"] += 1
        if stores["count"] == 6:  # some answers in: what is on disk now is what must stay
            stores["saved"] = dict(self.answers.values)

            class Collected:
                pass

            def callback(_: object) -> None:
                raise KeyboardInterrupt  # what SIGINT's handler does, here unraisable

            thing = Collected()
            ref = weakref.ref(thing, callback)
            del thing
            assert ref() is None

    monkeypatch.setattr(Session, "store", store_then_ctrl_c_in_a_callback)
    result = run(tmp_path, bank, all_keys() + STOP)
    assert result.code == 130
    assert 0 < len(stores["saved"]) < len(FULL_ANSWERS)
    assert result.values == stores["saved"]  # paused at the very next prompt
    assert "Paused. Everything is saved in" in result.shown
    assert "Exception ignored" not in result.shown


def test_interrupt_at_a_menu_and_inside_a_record_list(tmp_path: Path, bank: Bank) -> None:
    keys = keys_until("case_types") + ENTER + "Orders" + ENTER + "60" + ENTER + ENTER + ENTER
    keys += UP + UP + UP + ENTER + "Ret" + CTRL_C  # half-way through the second row
    result = run(tmp_path, bank, keys)
    assert result.code == 130
    assert result.values["case_types"] == [{"name": "Orders", "share": 60, "channel": "phone"}]
    # The unfinished list is not "answered": resuming goes back to it.
    resumed = run(tmp_path, bank, ENTER + CTRL_C)
    assert "section 2: Case types" in resumed.shown


def test_interrupt_while_the_input_ends(tmp_path: Path, bank: Bank) -> None:
    result = run(tmp_path, bank, "Acme" + ENTER)  # then the pipe is empty: EOF
    assert result.code == 130
    assert result.values == {"buyer_name": "Acme"}


# ----------------------------------------------------------------- resuming


def test_resume_offers_to_continue_at_the_first_open_question(tmp_path: Path, bank: Bank) -> None:
    first = run(tmp_path, bank, keys_until("volume_phone") + CTRL_C)
    assert first.code == 130
    rest = "".join(keys for keys in [all_keys()[len(keys_until("volume_phone")) :]])
    result = run(tmp_path, bank, ENTER + rest + STOP)
    assert result.code == 0
    assert result.values == FULL_ANSWERS
    assert "Continue where you were (section 3: Calls per month)" in result.shown
    assert "8 answers so far" in result.shown


def test_resume_menu_revisit_one_section(tmp_path: Path, bank: Bank) -> None:
    keys = DOWN + ENTER  # revisit
    keys += DOWN * 3 + ENTER  # purpose (4th)
    keys += ENTER + ENTER + STOP  # ranking kept
    result = run(tmp_path, bank, keys, existing=FULL_ANSWERS)
    assert result.code == 0
    assert result.values == FULL_ANSWERS
    assert "Everything is answered: review and write the document" in result.shown


def test_start_over_keeps_a_backup(tmp_path: Path, bank: Bank) -> None:
    keys = DOWN + DOWN + ENTER  # complete file: review, revisit, start over
    keys += DOWN + ENTER  # yes
    keys += "New AB" + ENTER + CTRL_C
    result = run(tmp_path, bank, keys, existing=FULL_ANSWERS)
    assert result.code == 130
    assert result.values == {"buyer_name": "New AB"}
    backup = tmp_path / "answers.yaml.bak"
    assert load_answers(backup).values == FULL_ANSWERS
    assert f"The old answers are in {backup}" in result.shown
    # A second start over never overwrites the first backup.
    assert backup_path(result.path) != backup


def test_start_over_can_be_declined(tmp_path: Path, bank: Bank) -> None:
    keys = DOWN + DOWN + ENTER + ENTER  # start over? No
    keys += DOWN * 3 + ENTER  # quit for now
    result = run(tmp_path, bank, keys, existing=FULL_ANSWERS)
    assert result.code == 0
    assert result.values == FULL_ANSWERS
    assert not (tmp_path / "answers.yaml.bak").exists()


def test_a_stale_answer_in_the_file_is_dropped_and_named(tmp_path: Path, bank: Bank) -> None:
    edited = {**FULL_ANSWERS, "has_survey": False}  # survey_tool left behind by hand
    del edited["sourcing_model"]
    result = run(tmp_path, bank, ENTER + ENTER + STOP, existing=edited)
    assert "survey_tool" not in result.values
    assert "Removed the answer to «Which survey tool?»" in result.shown
    assert result.values["sourcing_model"] == "partner"


# ----------------------------------------------------------------- review


def test_review_counts_open_items_and_jumps_back(tmp_path: Path, bank: Bank) -> None:
    partial = {**FULL_ANSWERS, "aht_phone": Unknown("ask IT")}
    del partial["current_answer_rate"]
    keys = DOWN + DOWN + ENTER  # first open is the answer rate; go to the review
    keys += DOWN + ENTER + DOWN * 2 + ENTER  # go back to a section: volumes
    keys += ENTER  # calls per month kept
    keys += ENTER  # handling time: Enter keeps "don't know yet"
    keys += "80" + ENTER  # answer rate
    keys += ENTER + ENTER  # weekday share, intraday share kept
    keys += STOP
    result = run(tmp_path, bank, keys, existing=partial)
    assert result.code == 0
    assert result.values["aht_phone"] == Unknown("ask IT")
    assert result.values["current_answer_rate"] == 80
    shown = result.shown
    assert "Not answered yet:" in shown and "[volumes] Answer rate today?" in shown


def test_staffing_is_shown_after_the_kpi_targets(tmp_path: Path, bank: Bank) -> None:
    keys = keys_until("kpi_targets")
    keys += "".join(k for q, k in __import__("interview_support").FULL_WALK if q == "kpi_targets")
    keys += CTRL_C
    result = run(tmp_path, bank, keys)
    assert "What these targets imply:" in result.shown
    assert "FTE" in result.shown


def test_a_staffing_failure_never_breaks_the_interview(
    tmp_path: Path, bank: Bank, monkeypatch: pytest.MonkeyPatch
) -> None:
    import cc_rfp.staffing.week as week

    def broken(*_args: Any, **_kwargs: Any) -> Any:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(week, "build_plan", broken)
    keys = DOWN + ENTER + DOWN * 5 + ENTER  # revisit: targets
    keys += ENTER + ENTER + ENTER + STOP  # KPIs done, chats, hours per FTE
    result = run(tmp_path, bank, keys, existing=FULL_ANSWERS)
    assert result.code == 0
    assert "(No staffing estimate: division by zero)" in result.shown
    assert result.values == FULL_ANSWERS


def test_selling_follows_the_revenue_tasks() -> None:
    """Problem 7: selling defaulted to yes after the client picked no selling tasks."""
    bank = load_bank(None)
    suggested = {}
    for levers in ([], ["retention"], ["add_on", "retention"]):
        answers = Answers(values={"revenue_levers": levers}, language="en")
        session = Session(Ui(lang="en"), bank, answers, Plan(Path("x.yaml"), Path("x.md"), ""))
        suggested[tuple(levers)] = (
            session.suggestion(bank.questions["sales_in_scope"]),
            session.suggestion(bank.questions["retention_in_scope"]),
        )
    assert suggested == {
        (): (False, False),
        ("retention",): (False, True),
        ("add_on", "retention"): (True, True),
    }
    no_answer = Session(Ui(lang="en"), bank, Answers(), Plan(Path("x"), Path("y"), ""))
    assert no_answer.suggestion(bank.questions["sales_in_scope"]) is None  # nothing to follow
