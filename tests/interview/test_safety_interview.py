"""Issue 8: the interview never drops or rewrites an answer the person did not change.

Sessions are driven through prompt_toolkit's pipe input on the compact test bank (as in
``test_interview_session``); what counts is the answers file on disk. The same findings in a
real terminal, with the example file and the reported commands, are in
``test_safety_interview_pty``.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from interview_support import (
    CTRL_C,
    DOWN,
    ENTER,
    FULL_ANSWERS,
    WEEK,
    Screen,
    driven,
    line,
    write_bank,
)
from test_interview_session import STOP, run

from cc_rfp.core.answers import Answers, load_answers, save_answers
from cc_rfp.core.bank import Bank, load_bank
from cc_rfp.errors import OutputError
from cc_rfp.interview.prompts import Asking, ask_question
from cc_rfp.interview.prompts.base import number_validator
from cc_rfp.interview.prompts.table import _cell_problem as table_cell_problem
from cc_rfp.interview.session import Plan, Session


@pytest.fixture(scope="module")
def bank(tmp_path_factory: pytest.TempPathFactory) -> Bank:
    return load_bank(write_bank(tmp_path_factory.mktemp("bank")))


def full(**changes: Any) -> dict[str, Any]:
    """The complete answers with some replaced (deep copies: tests compare with the original)."""
    values = copy.deepcopy(FULL_ANSWERS)
    values.update(copy.deepcopy(changes))
    return values


# ------------------------------------------------- 1. Ctrl-C inside a multi-part question


def test_ctrl_c_at_the_second_channel_keeps_every_channels_hours(
    tmp_path: Path, bank: Bank
) -> None:
    # The report: revisit the service section, Enter (keep phone), Ctrl-C at chat.
    result = run(tmp_path, bank, ENTER + CTRL_C, section="service", existing=full())
    assert result.code == 130
    assert result.values["opening_hours"] == FULL_ANSWERS["opening_hours"]
    assert result.values == FULL_ANSWERS


def test_ctrl_c_after_changing_the_first_channel_keeps_the_old_answer(
    tmp_path: Path, bank: Bank
) -> None:
    # Phone changed to "around the clock", then Ctrl-C: the half-new answer is not saved.
    keys = DOWN * 4 + ENTER + CTRL_C  # keep, weekdays 8-17, 8-20, every day, always
    result = run(tmp_path, bank, keys, section="service", existing=full())
    assert result.code == 130
    assert result.values["opening_hours"] == FULL_ANSWERS["opening_hours"]


def test_ctrl_c_inside_a_table_typed_key_by_key_keeps_the_old_table(
    tmp_path: Path, bank: Bank
) -> None:
    keys = DOWN + DOWN + ENTER  # Calls per month: one value per month
    keys += line("5") + line("6") + CTRL_C  # Jan and Feb changed, then stop
    result = run(tmp_path, bank, keys, section="volumes", existing=full())
    assert result.code == 130
    assert result.values["volume_phone"] == FULL_ANSWERS["volume_phone"]


def test_ctrl_c_at_the_table_confirmation_keeps_the_old_shares(tmp_path: Path, bank: Bank) -> None:
    keys = ENTER * 3  # volumes kept, handling time kept, answer rate kept
    keys += DOWN + ENTER + line("10 10 10 10 10 25 25") + CTRL_C  # "is this right?" -> stop
    result = run(tmp_path, bank, keys, section="volumes", existing=full())
    assert result.code == 130
    assert result.values["weekday_share"] == FULL_ANSWERS["weekday_share"]


def test_a_new_question_still_keeps_its_parts_and_asks_again_on_resume(
    tmp_path: Path, bank: Bank
) -> None:
    values = full()
    del values["opening_hours"]
    first = run(tmp_path, bank, ENTER + CTRL_C, section="service", existing=values)
    assert first.values["opening_hours"] == {"phone": WEEK}  # nothing to lose: parts are kept
    # Resuming goes back to the unfinished hours (phone's week is offered to keep).
    resumed = run(tmp_path, bank, ENTER + CTRL_C)
    assert "section 5: Opening hours" in resumed.shown


# ------------------------------------------ 2. Enter on a revisit keeps what it cannot show


def test_a_chat_week_with_one_typo_is_kept_by_enter(tmp_path: Path, bank: Bank) -> None:
    chat = dict(WEEK, sun="10-16x")  # one typo, by hand
    values = full(opening_hours={"phone": WEEK, "chat": chat})
    result = run(tmp_path, bank, ENTER + STOP, section="service", existing=values)
    assert result.code == 0
    assert result.values["opening_hours"]["chat"] == chat  # not "same as phone"
    assert result.values == values
    assert "cannot be shown here as it is" in result.shown
    assert "chat" in result.shown


def test_a_typo_can_still_be_re_entered_on_request(tmp_path: Path, bank: Bank) -> None:
    chat = dict(WEEK, sun="10-16x")
    values = full(opening_hours={"phone": WEEK, "chat": chat})
    keys = DOWN + ENTER  # enter a new answer
    keys += ENTER + ENTER  # phone kept, chat "same as phone"
    result = run(tmp_path, bank, keys + STOP, section="service", existing=values)
    assert result.values["opening_hours"] == {"phone": WEEK, "chat": WEEK}


def test_a_kpi_row_with_a_misspelt_id_and_extra_keys_is_kept_by_enter(
    tmp_path: Path, bank: Bank
) -> None:
    rows = [
        dict(FULL_ANSWERS["kpi_targets"][0], owner="Anna"),  # a key the tool does not read
        {"kpi": "servce_level", "percent": 80, "seconds": 30},  # misspelt id
    ]
    values = full(kpi_targets=rows)
    keys = ENTER + ENTER + ENTER + STOP  # KPIs kept, concurrency and FTE hours kept
    result = run(tmp_path, bank, keys, section="kpis", existing=values)
    assert result.code == 0
    assert result.values["kpi_targets"] == rows
    assert result.values == values


def test_a_misspelt_channel_does_not_drop_twelve_months_of_volumes(
    tmp_path: Path, bank: Bank
) -> None:
    # `Phone` for `phone`: the condition "'phone' in channels" is false on the file's own
    # invalid value. Revisiting the volumes with Enter must not delete the volumes.
    values = full(channels=["Phone", "chat"])
    keys = ENTER * 3 + STOP  # answer rate, weekday and hourly shares kept
    result = run(tmp_path, bank, keys, section="volumes", existing=values)
    assert result.code == 0
    assert result.values == values
    assert "Removed" not in result.shown


def test_a_misspelt_channel_is_kept_by_enter_in_its_own_section(tmp_path: Path, bank: Bank) -> None:
    values = full(channels=["Phone", "chat"])
    keys = ENTER * 2  # business idea kept; channels: keep as is
    keys += ENTER * 5  # case types, survey, tool, agents; then the notice-free rest
    result = run(tmp_path, bank, keys + STOP, section="company", existing=values)
    assert result.values["channels"] == ["Phone", "chat"]
    assert result.values["volume_phone"] == FULL_ANSWERS["volume_phone"]
    assert "Removed" not in result.shown


def test_a_stale_answer_still_goes_after_a_change_in_this_sitting(
    tmp_path: Path, bank: Bank
) -> None:
    # The other side of the rule: unticking chat here does drop what depended on it.
    keys = ENTER + DOWN + DOWN + " " + ENTER  # idea kept, chat unticked
    keys += ENTER * 4 + ENTER * 3  # rest of the section, then the re-asked later ones
    result = run(tmp_path, bank, keys + STOP, section="company", existing=full())
    assert result.values["channels"] == ["phone"]
    assert "chat_concurrency" not in result.values


@pytest.mark.parametrize(
    ("qid", "odd"),
    [
        ("sourcing_model", "Partner"),  # a choice spelt differently: Enter took the first
        ("has_survey", "ja"),  # yes/no as a word
        ("agents_now", "12 st"),  # a number with a word: Enter dropped it
        ("buyer_name", ["Acme", "AB"]),  # a list for a text
        ("purpose_ranking", ["satisfaction", "costs", "growth"]),  # one item misspelt
        ("weekday_share", {"mon": 50, "tue": "fifty"}),  # a cell that is not a number
        ("case_types", [{"name": "Orders", "share": 60, "team": "A"}]),  # an extra column
    ],
)
def test_enter_keeps_any_answer_its_prompt_cannot_show(bank: Bank, qid: str, odd: Any) -> None:
    question = bank.questions[qid]
    known = {"channels": ["phone", "chat"]}
    with driven(ENTER, "en") as (ui, screen):
        result = ask_question(Asking(ui, bank, question, current=odd, known=known))
    assert result == odd
    assert "cannot be shown here as it is" in screen.all


def test_answers_the_prompts_can_show_are_asked_as_before(bank: Bank) -> None:
    """No extra question for sound answers (so the gate is not simply always on)."""
    for qid in ("sourcing_model", "has_survey", "agents_now", "purpose_ranking", "kpi_targets"):
        question = bank.questions[qid]
        keys = ENTER * 3
        with driven(keys, "en") as (ui, screen):
            known = {"channels": ["phone", "chat"]}
            asking = Asking(ui, bank, question, current=FULL_ANSWERS[qid], known=known)
            assert ask_question(asking) == FULL_ANSWERS[qid]
        assert "cannot be shown" not in screen.all


def test_session_keeps_an_unshowable_answer_on_disk_byte_for_byte(
    tmp_path: Path, bank: Bank
) -> None:
    values = full(sourcing_model="Partner")
    path = tmp_path / "answers.yaml"
    result = run(tmp_path, bank, ENTER + STOP, section="processes", existing=values)
    assert result.values["sourcing_model"] == "Partner"
    assert load_answers(path).values == values


# ------------------------------------------------ 4. implausible figures in a share table


def test_1e308_typed_seven_times_into_a_share_table_is_refused_inline(bank: Bank) -> None:
    keys = DOWN + ENTER  # one value per weekday
    keys += line("1e308") * 7 + line("20") * 5 + line("0") * 2 + ENTER  # then: it is right
    with driven(keys, "en") as (ui, _screen):
        asking = Asking(ui, bank, bank.questions["weekday_share"])
        result = ask_question(asking)
    assert result == {"mon": 20, "tue": 20, "wed": 20, "thu": 20, "fri": 20, "sat": 0, "sun": 0}
    # The inline message (prompt_toolkit shows it under the prompt; the pipe does not render).
    problem = table_cell_problem(asking, "1e308")
    assert problem is not None and problem.startswith("1e308: is not a usable number (too large")


def test_1e308_in_a_number_question_says_too_large_not_not_a_number(bank: Bank) -> None:
    question = bank.questions["agents_now"]
    check = number_validator("integer", question, "en", empty_ok=True)
    assert str(check("1e308")).startswith("1e308: is not a usable number (too large")


# ------------------------------------------------ 5. a file that cannot be written


class FailingSave(Session):
    """A session whose first ``failures`` saves fail as a full or vanished folder would."""

    failures = 1

    def save(self) -> None:
        if self.failures:
            self.failures -= 1
            raise OutputError(
                f"{self.plan.path}: cannot write (Permission denied); nothing was changed"
            )
        super().save()


def _failing(tmp_path: Path, bank: Bank, keys: str, failures: int) -> tuple[Any, Screen, Path]:
    path = tmp_path / "answers.yaml"
    save_answers(path, Answers(values=full(), language="en"), order=bank.order)
    plan = Plan(
        path=path, out=tmp_path / "t.md", resume_command="x", section="processes", existed=True
    )
    with driven(keys, "en") as (ui, screen):
        session = FailingSave(ui, bank, load_answers(path), plan)
        session.failures = failures
        try:
            outcome: Any = session.run()
        except OutputError as exc:
            outcome = exc
    return outcome, screen, path


def test_a_failed_save_keeps_the_answer_and_offers_to_try_again(tmp_path: Path, bank: Bank) -> None:
    keys = DOWN + ENTER  # supplier instead of partner; the save fails
    keys += ENTER  # try again: it works
    keys += STOP
    outcome, screen, path = _failing(tmp_path, bank, keys, failures=1)
    assert outcome == 0
    assert "Could not save:" in screen.all
    assert load_answers(path).values["sourcing_model"] == "supplier"


def test_stopping_after_a_failed_save_shows_the_unsaved_answer(tmp_path: Path, bank: Bank) -> None:
    keys = DOWN + ENTER + DOWN + ENTER  # supplier; the save fails; stop
    outcome, screen, path = _failing(tmp_path, bank, keys, failures=5)
    assert isinstance(outcome, OutputError)  # the CLI prints its one line, exit 2
    assert outcome.exit_code == 2
    assert "sourcing_model: supplier" in screen.all
    assert load_answers(path).values["sourcing_model"] == "partner"  # the file as it was
