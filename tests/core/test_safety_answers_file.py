"""Issue 8: the answers file keeps what the consultant wrote; one interview per file, really.

1. A hand edit saved while an interview is open survives the interview's next save.
2. A save keeps comments, extra keys, unknown header keys and the format; a newer format is
   refused by every command.
3. The one-interview lock holds through symbolic and hard links, and its lock file is never
   followed through a link or truncated when cc-rfp did not make it.
4. A save replaces the file by a rename: a hard-linked other name keeps the old version, and
   a read-only file is refused and left as it was.
"""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest
from interview_support import (
    ENTER,
    FULL_ANSWERS,
    FULL_WALK,
    driven,
    keys_until,
    write_bank,
)

from cc_rfp.core.answers import (
    Answers,
    ChangedOnDiskError,
    Unknown,
    load_answers,
    parse_answers,
    save_answers,
    to_yaml,
)
from cc_rfp.core.bank import Bank, load_bank
from cc_rfp.core.migrate import current_format
from cc_rfp.errors import InputError, OutputError
from cc_rfp.interview import session as session_module
from cc_rfp.interview.lock import AnswersLock, lock_path
from cc_rfp.interview.session import Plan, Session
from tests.conftest import EXAMPLE, assert_one_line_error, run_cli

HAND_WRITTEN = """\
# Nordlys tender, draft 3. Ask Åsa before changing the volumes!
cc_rfp:
  format: 1
  language: en
  reviewer: Åsa   # not a cc-rfp field: mine
answers:
  buyer_name: Acme AB  # legal name from the register
  # the deadline moved twice already
  bid_deadline: '2025-09-30'
  business_idea: |
    We sell shoes.
    Online only.
  agents_now: 12
notes:
  - call the union rep
"""


FULL_WALK_CHANNELS = dict(FULL_WALK)["channels"]


@pytest.fixture(scope="module")
def bank(tmp_path_factory: pytest.TempPathFactory) -> Bank:
    return load_bank(write_bank(tmp_path_factory.mktemp("bank")))


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# ---------------------------------------------------------------- 1. hand edits are merged


def test_a_hand_edit_between_two_saves_is_kept(tmp_path: Path) -> None:
    path = write(tmp_path / "e.yaml", HAND_WRITTEN)
    interview = load_answers(path)
    interview.values["agents_now"] = 14
    save_answers(path, interview)
    # The consultant edits the file in an editor while the interview is open ...
    text = path.read_text(encoding="utf-8")
    write(path, text.replace("Acme AB", "Acme Shoes AB") + "extra: kept\n")
    # ... and the interview saves its next answer.
    interview.values["survey_tool"] = "Qualtrics"
    save_answers(path, interview)
    values = load_answers(path).values
    assert values["buyer_name"] == "Acme Shoes AB"  # the hand edit
    assert values["survey_tool"] == "Qualtrics"  # the interview's answer
    assert values["agents_now"] == 14
    assert "extra: kept\n" in path.read_text(encoding="utf-8")
    # The session sees the hand edit too, and is told which ids it took over.
    assert interview.values["buyer_name"] == "Acme Shoes AB"
    assert interview.adopted == ["buyer_name"]


def test_the_same_id_edited_by_hand_and_in_the_interview(tmp_path: Path) -> None:
    """The interview's value wins for that id; the hand edits of other ids stay."""
    path = write(tmp_path / "e.yaml", HAND_WRITTEN)
    interview = load_answers(path)
    text = path.read_text(encoding="utf-8")
    text = text.replace("agents_now: 12", "agents_now: 99").replace("Acme AB", "Hand AB")
    write(path, text.replace("  bid_deadline: '2025-09-30'\n", ""))  # a hand deletion too
    interview.values["agents_now"] = 20
    save_answers(path, interview)
    values = load_answers(path).values
    assert values["agents_now"] == 20
    assert values["buyer_name"] == "Hand AB"
    assert "bid_deadline" not in values


def test_a_hand_edit_that_breaks_the_file_is_not_overwritten(tmp_path: Path) -> None:
    path = write(tmp_path / "e.yaml", HAND_WRITTEN)
    interview = load_answers(path)
    broken = HAND_WRITTEN.replace("agents_now: 12", "agents_now: [12")
    write(path, broken)
    interview.values["survey_tool"] = "Qualtrics"
    with pytest.raises(ChangedOnDiskError) as refused:
        save_answers(path, interview)
    message = str(refused.value)
    assert "\n" not in message
    assert message.startswith(f"{path}:")
    assert "changed outside the interview" in message and "fix the file" in message
    assert path.read_text(encoding="utf-8") == broken  # the person's bytes, untouched
    assert interview.values["survey_tool"] == "Qualtrics"  # the answer is kept in memory
    # Once the file is fixed, the next save brings both together.
    write(path, broken.replace("[12", "13"))
    save_answers(path, interview)
    values = load_answers(path).values
    assert values["survey_tool"] == "Qualtrics" and values["agents_now"] == 13


def test_a_hand_edit_during_a_session_survives_its_later_saves(
    tmp_path: Path, bank: Bank, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A whole sitting: the file is edited by hand after the third answer is saved."""
    path = tmp_path / "answers.yaml"
    real_save = session_module.save_answers
    saves = {"count": 0}

    def save_then_edit(target: Path, answers: Answers, order: list[str] | None = None) -> None:
        real_save(target, answers, order=order)
        saves["count"] += 1
        if saves["count"] == 4:  # the start, buyer_name, bid_deadline, business_idea
            text = target.read_text(encoding="utf-8")
            text = text.replace("answers:\n", "answers:\n  # checked with legal\n")
            text = text.replace("Acme AB", "Acme Shoes AB")
            write(target, text + "notes: call the union rep\n")

    monkeypatch.setattr(session_module, "save_answers", save_then_edit)
    keys = keys_until("agents_now") + "\x03"
    plan = Plan(path=path, out=tmp_path / "t.md", resume_command="cc-rfp interview", existed=False)
    with driven(keys, "en") as (ui, screen):
        code = Session(ui, bank, Answers(), plan).run()
    assert code == 130
    shown = " ".join(screen.all.split())
    assert "was edited outside the interview; kept those changes: buyer_name" in shown
    assert saves["count"] > 4  # the interview went on saving after the edit
    text = path.read_text(encoding="utf-8")
    assert "  # checked with legal\n" in text
    assert "notes: call the union rep\n" in text
    values = load_answers(path).values
    assert values["buyer_name"] == "Acme Shoes AB"
    assert values["survey_tool"] == FULL_ANSWERS["survey_tool"]  # answered after the edit


# ---------------------------------------------------------------- 2. what the tool does not own


def test_a_save_changes_only_what_it_must(tmp_path: Path) -> None:
    path = write(tmp_path / "e.yaml", HAND_WRITTEN)
    answers = load_answers(path)
    answers.values["agents_now"] = 15
    answers.values["survey_tool"] = "Qualtrics"
    save_answers(path, answers, order=["buyer_name", "survey_tool", "agents_now"])
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Nordlys tender, draft 3. Ask Åsa before changing the volumes!\n")
    assert "  reviewer: Åsa   # not a cc-rfp field: mine\n" in text
    assert f"  format: {current_format()}\n" in text  # a save writes today's form
    assert "  buyer_name: Acme AB  # legal name from the register\n" in text
    assert "  # the deadline moved twice already\n" in text
    assert "  business_idea: |\n    We sell shoes.\n    Online only.\n" in text
    assert "notes:\n  - call the union rep\n" in text
    assert "  agents_now: 15\n" in text
    # A new answer lands after its neighbour in bank order.
    assert text.index("buyer_name:") < text.index("survey_tool:") < text.index("notes:")
    before = HAND_WRITTEN.splitlines()
    after = text.splitlines()
    changed = [line for line in after if line not in before]
    assert sorted(changed) == sorted(
        ["  agents_now: 15", "  survey_tool: Qualtrics"]
        + [line for line in after if line.startswith(("  updated:", "  version:", "  bank_"))]
        + [line for line in after if line.startswith("  format:")]
        + [line for line in after if line.startswith("  created:")]
    )


def test_a_file_in_flow_style_keeps_its_keys(tmp_path: Path) -> None:
    """Where a line edit cannot work, the data is written whole: every key is still kept."""
    path = write(
        tmp_path / "e.yaml",
        "cc_rfp: {format: 1, reviewer: Åsa}\nanswers: {buyer_name: Acme}\nnotes: [a, b]\n",
    )
    answers = load_answers(path)
    answers.values["agents_now"] = 3
    save_answers(path, answers)
    saved = load_answers(path)
    assert saved.values == {"buyer_name": "Acme", "agents_now": 3}
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["notes"] == ["a", "b"]
    assert data["cc_rfp"]["reviewer"] == "Åsa"


def test_a_new_file_keeps_todays_layout(tmp_path: Path) -> None:
    path = tmp_path / "new.yaml"
    answers = Answers(values={"buyer_name": "Acme", "agents_now": Unknown("soon")})
    save_answers(path, answers, order=["agents_now", "buyer_name"])
    assert path.read_text(encoding="utf-8") == to_yaml(answers, ["agents_now", "buyer_name"])


@pytest.mark.parametrize("command", ["validate", "render", "staffing"])
def test_a_file_from_a_newer_cc_rfp_is_refused(tmp_path: Path, command: str) -> None:
    path = write(tmp_path / "e.yaml", "cc_rfp:\n  format: 99\nanswers:\n  buyer_name: Acme\n")
    before = path.read_bytes()
    line = assert_one_line_error(run_cli(command, str(path), cwd=tmp_path))
    assert line.endswith(
        f"{path}: was written by a newer cc-rfp (file format 99, this one reads "
        f"{current_format()}); "
        "upgrade cc-rfp to use it"
    )
    assert path.read_bytes() == before


def test_a_newer_format_is_refused_when_loading(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="newer cc-rfp"):
        newer = f"cc_rfp:\n  format: {current_format() + 1}\nanswers: {{}}\n"
        load_answers(write(tmp_path / "e.yaml", newer))
    with pytest.raises(InputError, match="whole number"):
        parse_answers("cc_rfp:\n  format: two\nanswers: {}\n")


def test_format_one_and_files_without_a_header_still_load(tmp_path: Path) -> None:
    assert parse_answers("cc_rfp:\n  format: 1\nanswers:\n  a: 1\n").values == {"a": 1}
    path = write(tmp_path / "e.yaml", "answers:\n  a: 1  # mine\n")
    answers = load_answers(path)
    assert answers.values == {"a": 1}
    answers.values["b"] = 2
    save_answers(path, answers, order=["a", "b"])
    text = path.read_text(encoding="utf-8")
    assert "  a: 1  # mine\n  b: 2\n" in text
    assert load_answers(path).values == {"a": 1, "b": 2}


def test_the_example_file_survives_an_interview_save_byte_for_byte(tmp_path: Path) -> None:
    """Saving the example with one changed answer changes that line and the header only."""
    path = tmp_path / "e.yaml"
    shutil.copy(EXAMPLE, path)
    answers = load_answers(path)
    answers.values["vision"] = "A new vision."
    save_answers(path, answers, order=load_bank(None).order)
    before = EXAMPLE.read_text(encoding="utf-8").splitlines()
    after = path.read_text(encoding="utf-8").splitlines()
    assert len(before) == len(after)
    differ = [b for b, a in zip(before, after, strict=True) if a != b]
    assert [d.split(":")[0] for d in differ] == ["  updated", "  vision"]


# ---------------------------------------------------------------- 3. the lock


def test_a_symlink_to_the_answers_file_shares_its_lock(tmp_path: Path) -> None:
    real = write(tmp_path / "e.yaml", HAND_WRITTEN)
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    with AnswersLock(real), pytest.raises(InputError, match="another interview"):
        AnswersLock(link).acquire()
    with AnswersLock(link), pytest.raises(InputError, match="another interview"):
        AnswersLock(real).acquire()


def test_a_symlink_in_another_folder_shares_the_lock(tmp_path: Path) -> None:
    (tmp_path / "synced").mkdir()
    real = write(tmp_path / "synced" / "e.yaml", HAND_WRITTEN)
    link = tmp_path / "e.yaml"
    link.symlink_to(real)
    with AnswersLock(link) as lock:
        assert lock.path == lock_path(real) == real.with_name("e.yaml.lock")
        with pytest.raises(InputError) as refused:
            AnswersLock(real).acquire()
    assert "\n" not in str(refused.value)


def test_a_hard_link_to_the_answers_file_shares_its_lock(tmp_path: Path) -> None:
    real = write(tmp_path / "e.yaml", HAND_WRITTEN)
    (tmp_path / "other").mkdir()
    link = tmp_path / "other" / "link.yaml"
    os.link(real, link)
    with AnswersLock(real):
        with pytest.raises(InputError, match="another interview") as refused:
            AnswersLock(link).acquire()
        assert "\n" not in str(refused.value)
        assert not lock_path(link).exists()  # the refused one left nothing behind
    with AnswersLock(link):  # free again once the first one ends
        pass


@pytest.mark.parametrize("kind", ["symlink", "hardlink"])
def test_a_planted_lock_file_never_truncates_its_target(tmp_path: Path, kind: str) -> None:
    victim = write(tmp_path / "victim.txt", "precious\n")
    planted = tmp_path / "e.yaml.lock"
    if kind == "symlink":
        planted.symlink_to(victim)
    else:
        os.link(victim, planted)
    with pytest.raises(InputError) as refused:
        AnswersLock(tmp_path / "e.yaml").acquire()
    message = str(refused.value)
    assert "\n" not in message and "delete it and try again" in message
    assert victim.read_text(encoding="utf-8") == "precious\n"


def test_the_interview_refuses_a_planted_lock_in_one_line(tmp_path: Path) -> None:
    """The command a person runs: `ln -s victim e.yaml.lock; cc-rfp interview e.yaml`."""
    pytest.importorskip("pexpect")
    from terminal import Terminal

    write(tmp_path / "e.yaml", HAND_WRITTEN)
    victim = write(tmp_path / "victim.txt", "precious\n")
    (tmp_path / "e.yaml.lock").symlink_to(victim)
    t = Terminal(tmp_path, "interview", "e.yaml", "--lang", "en")
    t.wait("is a symbolic link, not a lock file; delete it and try again")
    assert t.finish() == 2
    assert "Traceback" not in t.seen
    assert victim.read_text(encoding="utf-8") == "precious\n"


def test_a_second_interview_through_a_symlink_is_refused_in_a_terminal(tmp_path: Path) -> None:
    pytest.importorskip("pexpect")
    from terminal import Terminal

    write(tmp_path / "e.yaml", HAND_WRITTEN)
    (tmp_path / "link.yaml").symlink_to(tmp_path / "e.yaml")
    first = Terminal(tmp_path, "interview", "e.yaml", "--lang", "en")
    first.wait("Answers file:")
    other = Terminal(tmp_path, "interview", "link.yaml", "--lang", "en")
    other.wait("another interview is using this file")
    assert other.finish() == 2
    first.child.sendcontrol("c")
    first.finish()


# ---------------------------------------------------------------- 4. a save is a rename


@pytest.mark.skipif(os.name != "posix", reason="POSIX files, links and devices")
def test_hard_linked_file_is_replaced_and_the_other_name_keeps_its_version(
    tmp_path: Path,
) -> None:
    """The chosen behaviour: a rename (never half a file); other names are snapshots.

    Writing in place would keep hard links in step but make a crash leave a half-written
    file, and would rewrite backups made of hard links (``cp -al``, rsnapshot).
    """
    path = tmp_path / "answers.yaml"
    save_answers(path, Answers(values={"buyer_name": "Old AB"}))
    snapshot = tmp_path / "snapshot.yaml"
    os.link(path, snapshot)
    save_answers(path, Answers(values={"buyer_name": "New AB"}))
    assert load_answers(path).values["buyer_name"] == "New AB"
    assert load_answers(snapshot).values["buyer_name"] == "Old AB"


def test_read_only_answers_file_is_not_replaced_by_a_save(tmp_path: Path) -> None:
    """A ``chmod 444`` answers file was replaced at every save (also as root)."""
    path = tmp_path / "answers.yaml"
    save_answers(path, Answers(values={"buyer_name": "Old AB"}))
    os.chmod(path, 0o444)
    before = path.read_bytes()
    with pytest.raises(OutputError, match="is read-only; make it writable or choose another"):
        save_answers(path, Answers(values={"buyer_name": "New AB"}))
    assert path.read_bytes() == before
    assert stat.S_IMODE(path.stat().st_mode) == 0o444
    assert sorted(p.name for p in tmp_path.iterdir()) == ["answers.yaml"]


# ---------------------------------------------------------------- the hand edit, in a terminal


def test_a_hand_edit_during_a_terminal_interview_is_kept(tmp_path: Path) -> None:
    """`cc-rfp interview e.yaml`; the file is edited and saved by hand; the next answer."""
    pytest.importorskip("pexpect")
    from terminal import CTRL_C, Terminal

    write_bank(tmp_path)
    path = tmp_path / "e.yaml"
    t = Terminal(tmp_path, "interview", "e.yaml", "--questions", "bank.yaml", "--lang", "en")
    t.answer("What is the company called?", "Acme AB" + ENTER)
    t.wait("Bid deadline?")
    # In an editor, while the interview waits: a comment, an answer, a note of one's own.
    text = path.read_text(encoding="utf-8")
    text = text.replace("answers:\n", "answers:\n  # agreed with Åsa\n  agents_now: 7\n")
    write(path, text + "notes: ring the union rep\n")
    t.child.send("2025-09-30" + ENTER)
    t.answer("Describe the business idea.", CTRL_C)
    assert t.finish() == 130
    text = path.read_text(encoding="utf-8")
    assert "  # agreed with Åsa\n" in text
    assert "notes: ring the union rep\n" in text
    values = load_answers(path).values
    assert values["agents_now"] == 7
    assert values["buyer_name"] == "Acme AB"
    assert values["bid_deadline"] == "2025-09-30"


def test_a_file_broken_by_hand_mid_interview_keeps_the_answer_until_it_is_fixed(
    tmp_path: Path, bank: Bank, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The save after a breaking hand edit fails in one line; "try again" once it is fixed."""
    path = tmp_path / "answers.yaml"
    real_save = session_module.save_answers
    calls = {"count": 0, "refused": ""}

    def save(target: Path, answers: Answers, order: list[str] | None = None) -> None:
        calls["count"] += 1
        try:
            real_save(target, answers, order=order)
        except ChangedOnDiskError as exc:
            calls["refused"] = str(exc)
            assert target.read_text(encoding="utf-8").endswith("broken: [\n")  # untouched
            # While the interview asks what now, the person repairs the file.
            text = target.read_text(encoding="utf-8").replace("broken: [\n", "")
            write(target, text.replace("Acme AB", "Acme Shoes AB"))
            raise
        if calls["count"] == 4:  # the start, buyer_name, bid_deadline, business_idea
            write(target, target.read_text(encoding="utf-8") + "broken: [\n")

    monkeypatch.setattr(session_module, "save_answers", save)
    keys = keys_until("channels") + FULL_WALK_CHANNELS + ENTER  # the answer, then "try again"
    keys += "\x03"
    plan = Plan(path=path, out=tmp_path / "t.md", resume_command="cc-rfp interview", existed=False)
    with driven(keys, "en") as (ui, screen):
        code = Session(ui, bank, Answers(), plan).run()
    assert code == 130
    assert "\n" not in calls["refused"] and "changed outside the interview" in calls["refused"]
    assert "Could not save" in " ".join(screen.all.split())
    values = load_answers(path).values
    assert values["channels"] == FULL_ANSWERS["channels"]  # the answer given while it was broken
    assert values["buyer_name"] == "Acme Shoes AB"  # and the repair made by hand
