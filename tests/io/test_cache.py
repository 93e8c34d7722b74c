"""The on-disk cache (``cc_rfp.io.cache``): only ever costs or saves speed, never serves stale or
foreign results, and keeps a user's templates out of the built-in entries."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from jinja2 import Environment, FileSystemLoader
from jinja2.exceptions import SecurityError

from cc_rfp.core.bank import parse_bank
from cc_rfp.core.sandbox import TEMPLATE_LIMITS, SafeEnvironment
from cc_rfp.document.render import _environment
from cc_rfp.io import cache, resources


@pytest.fixture(autouse=True)
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("CC_RFP_CACHE_DIR", str(folder))
    monkeypatch.delenv("CC_RFP_NO_CACHE", raising=False)
    parse_bank.cache_clear()  # the in-process caches would hide the disk
    _environment.cache_clear()
    yield folder
    parse_bank.cache_clear()
    _environment.cache_clear()


def entries(folder: Path, kind: str = "") -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.name.startswith(kind) and p.is_file())


BANK = resources.bank_path().read_text(encoding="utf-8")
SMALL = (Path(__file__).parents[1] / "data" / "mini-bank.yaml").read_text(encoding="utf-8")
"""For the tests of the cache's mechanics, which are the same for any bank: a cold parse of
the built-in bank (YAML, validation, checks) costs about 0.1 s, this one a few ms."""


def test_bank_round_trip_is_the_same_model(cache_dir: Path) -> None:
    first = parse_bank(BANK)
    assert len(entries(cache_dir, "bank-")) == 1
    parse_bank.cache_clear()
    loaded = cache.load_bank_model(BANK)
    assert loaded is not None
    assert loaded == first.file
    assert repr(loaded) == repr(first.file)  # the same values with the same types (1.0, not 1)
    second = parse_bank(BANK)
    assert second.file == first.file and list(second.questions) == list(first.questions)


def test_changed_bank_text_is_never_served_from_an_older_entry(cache_dir: Path) -> None:
    first = parse_bank(SMALL)
    old = first.file.sections[0].title["en"]
    changed = SMALL.replace(f"en: {old}", "en: Renamed section", 1)
    assert changed != SMALL
    parse_bank.cache_clear()
    second = parse_bank(changed)
    assert second.file.sections[0].title["en"] == "Renamed section"
    assert len(entries(cache_dir, "bank-")) == 2
    parse_bank.cache_clear()
    assert parse_bank(SMALL).file.sections[0].title["en"] == old


def test_a_bank_that_fails_its_checks_is_not_stored(cache_dir: Path) -> None:
    from cc_rfp.errors import BankError

    broken = SMALL.replace("version:", "version: 0\nx_version:", 1)
    with pytest.raises(BankError):
        parse_bank(broken)
    assert entries(cache_dir, "bank-") == []


@pytest.mark.parametrize(
    "damage",
    [
        lambda blob: b"",
        lambda blob: blob[: len(blob) // 2],  # a half-written file
        lambda blob: blob[:-5] + b"XXXXX",  # a changed byte: checksum fails
        lambda blob: b"garbage" * 100,
        lambda blob: blob[:47] + b'{"version": "not json',  # wrong checksum and bad data
    ],
)
def test_a_damaged_entry_is_ignored(cache_dir: Path, damage: Any) -> None:
    expected = parse_bank(SMALL)
    (entry,) = entries(cache_dir, "bank-")
    entry.write_bytes(damage(entry.read_bytes()))
    assert cache.load_bank_model(SMALL) is None
    parse_bank.cache_clear()
    assert parse_bank(SMALL).file == expected.file


def test_a_forged_entry_with_a_valid_checksum_but_foreign_data_is_ignored(cache_dir: Path) -> None:
    parse_bank(SMALL)
    (entry,) = entries(cache_dir, "bank-")
    cache.write(entry.name, b'{"no_such_field": 1}')
    assert cache.load_bank_model(SMALL) is None


def test_an_unusable_cache_folder_only_costs_speed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("CC_RFP_CACHE_DIR", str(blocker / "cache"))
    assert cache.directory() is None
    assert cache.write("x", b"data") is False
    assert cache.read("x") is None
    assert parse_bank(SMALL).file.sections
    env = _environment(None)
    assert env.bytecode_cache is None
    assert env.get_template("spec.md.j2")


@pytest.mark.skipif(os.name != "posix", reason="permissions are POSIX")
def test_a_folder_or_entry_others_may_write_is_not_trusted(cache_dir: Path) -> None:
    parse_bank(SMALL)
    (entry,) = entries(cache_dir, "bank-")
    assert cache_dir.stat().st_mode & 0o777 == 0o700
    entry.chmod(0o666)
    assert cache.load_bank_model(SMALL) is None
    entry.chmod(0o600)
    assert cache.load_bank_model(SMALL) is not None
    cache_dir.chmod(0o777)
    try:
        assert cache.directory() is None
        assert cache.load_bank_model(SMALL) is None
    finally:
        cache_dir.chmod(0o700)


@pytest.mark.skipif(os.name != "posix", reason="symbolic links")
def test_a_link_in_place_of_an_entry_is_not_followed(cache_dir: Path, tmp_path: Path) -> None:
    parse_bank(SMALL)
    (entry,) = entries(cache_dir, "bank-")
    target = tmp_path / "elsewhere"
    target.write_bytes(entry.read_bytes())
    entry.unlink()
    entry.symlink_to(target)
    assert cache.load_bank_model(SMALL) is None


def test_no_cache_switch(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CC_RFP_NO_CACHE", "1")
    parse_bank(SMALL)
    _environment(None).get_template("spec.md.j2")
    assert not cache_dir.exists()
    assert cache.template_cache(resources.templates_dir()) is None


def test_key_changes_with_version_and_content(monkeypatch: pytest.MonkeyPatch) -> None:
    import cc_rfp

    base = cache.key("bank", "text")
    assert cache.key("bank", "text") == base
    assert cache.key("bank", "text2") != base
    assert cache.key("bank", "te", "xt") != base
    monkeypatch.setattr(cc_rfp, "__version__", "99.0")
    assert cache.key("bank", "text") != base


def test_default_dir_follows_the_platform_variables(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CC_RFP_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "local"))
    found = cache.default_dir()
    assert found.parts[-1] in ("cc-rfp", "Cache")
    assert "cc-rfp" in found.parts


# ----- templates ---------------------------------------------------------------------------
def test_built_in_templates_are_cached_and_render_the_same(cache_dir: Path) -> None:
    env = _environment(None)
    first = env.get_template("spec.md.j2")
    stored = entries(cache_dir, "template-")
    assert stored, "compiling the built-in tree stores its bytecode"
    _environment.cache_clear()
    again = _environment(None)
    template = again.get_template("spec.md.j2")
    assert entries(cache_dir, "template-") == stored
    assert template.name == first.name


def _folder_env(folder: Path, environment: type = SafeEnvironment, **extra: Any) -> Any:
    options: dict[str, Any] = {"limits": TEMPLATE_LIMITS} if environment is SafeEnvironment else {}
    env = environment(
        loader=FileSystemLoader(str(folder)),
        bytecode_cache=cache.template_cache(folder),
        **options,
        **extra,
    )
    if isinstance(env, SafeEnvironment):
        env.guard_functions()
    return env


def test_changed_template_source_is_never_served_from_an_older_entry(tmp_path: Path) -> None:
    folder = tmp_path / "tree"
    folder.mkdir()
    page = folder / "page.j2"
    page.write_text("one {{ x }}")
    assert _folder_env(folder).get_template("page.j2").render(x=1) == "one 1"
    stat = page.stat()
    page.write_text("two {{ x }}")
    os.utime(page, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same time stamp, new text
    assert _folder_env(folder).get_template("page.j2").render(x=1) == "two 1"


def test_a_damaged_template_entry_is_ignored(tmp_path: Path, cache_dir: Path) -> None:
    folder = tmp_path / "tree"
    folder.mkdir()
    (folder / "page.j2").write_text("ok {{ x }}")
    _folder_env(folder).get_template("page.j2")
    (entry,) = entries(cache_dir, "template-")
    cache.write(entry.name, b"\x00not marshal data")
    assert _folder_env(folder).get_template("page.j2").render(x=2) == "ok 2"
    cache.write(entry.name, __import__("marshal").dumps("a string, not code"))
    assert _folder_env(folder).get_template("page.j2").render(x=3) == "ok 3"


def test_bytecode_from_an_unguarded_compile_never_loads(tmp_path: Path, cache_dir: Path) -> None:
    folder = tmp_path / "tree"
    folder.mkdir()
    (folder / "page.j2").write_text("{{ x.__class__.__name__ }}")
    plain = _folder_env(folder, Environment)
    assert plain.get_template("page.j2").render(x=1) == "int"
    assert len(entries(cache_dir, "template-")) == 1
    safe = _folder_env(folder)
    with pytest.raises(SecurityError):
        safe.get_template("page.j2").render(x=1)
    assert len(entries(cache_dir, "template-")) == 2  # its own entry, not the plain one
    # Other compile settings get their own entries too.
    _folder_env(folder, trim_blocks=True).get_template("page.j2")
    assert len(entries(cache_dir, "template-")) == 3


def test_user_templates_never_enter_the_cache(tmp_path: Path, cache_dir: Path) -> None:
    builtin_env = _environment(None)
    builtin_env.get_template("spec.md.j2")
    before = entries(cache_dir, "template-")
    assert before
    user = tmp_path / "mine"
    user.mkdir()
    # The same name and the same text as the built-in entry template, in the user's folder.
    (user / "spec.md.j2").write_text(
        (resources.templates_dir() / "spec.md.j2").read_text(encoding="utf-8")
    )
    (user / "extra.md.j2").write_text("mine {{ 1 }}")
    env = _environment(user, "en")
    assert env.get_template("spec.md.j2").filename == str(user / "spec.md.j2")
    assert env.get_template("extra.md.j2").render() == "mine 1"
    assert entries(cache_dir, "template-") == before
    (user / "spec.md.j2").write_text("replaced")
    _environment.cache_clear()
    assert _environment(user, "en").get_template("spec.md.j2").render() == "replaced"
    assert _environment(None).get_template("spec.md.j2").filename != str(user / "spec.md.j2")


def test_the_text_catalogue_is_cached_and_never_stale(cache_dir: Path, tmp_path: Path) -> None:
    """The built-in catalogue is read through the cache; an edited text is read anew."""
    from cc_rfp.document import catalog

    folder = tmp_path / "text"
    folder.mkdir()
    (folder / "a.yaml").write_text('k:\n  sv: "ett"\n  en: "one"\n', encoding="utf-8")
    assert catalog.read_folder(folder) == {"k": {"sv": "ett", "en": "one"}}
    assert any(p.name.startswith("text-") for p in cache_dir.iterdir())
    assert catalog.read_folder(folder) == {"k": {"sv": "ett", "en": "one"}}  # from the cache
    (folder / "a.yaml").write_text('k:\n  sv: "två"\n  en: "two"\n', encoding="utf-8")
    assert catalog.read_folder(folder) == {"k": {"sv": "två", "en": "two"}}


@pytest.fixture(scope="module")
def bank() -> Any:
    """The built-in bank for the sized-week tests, loaded once through the run's own cache
    (module fixtures come before ``cache_dir``): they test the staffing entries, not the bank's."""
    from cc_rfp.core.bank import load_bank

    return load_bank(None)


def test_the_sized_week_is_kept_between_processes_and_follows_the_answers(
    cache_dir: Path, bank: Any
) -> None:
    """A second process reads the sized week instead of redoing the Erlang sums; other answers
    or options never get it."""
    from cc_rfp.core.answers import load_answers
    from cc_rfp.staffing import week

    answers = load_answers(Path("examples/answers-example.yaml"))
    week._sized_cache.clear()
    first = week.size_week(bank, answers)
    assert len(entries(cache_dir, "sized")) == 1
    week._sized_cache.clear()  # as a new process
    again = week.size_week(bank, answers)
    assert again is not first and again == first
    assert len(entries(cache_dir, "sized")) == 1
    week._sized_cache.clear()
    week.size_week(bank, answers, interval_minutes=30)
    assert len(entries(cache_dir, "sized")) == 2


def test_a_damaged_sized_entry_is_sized_again(cache_dir: Path, bank: Any) -> None:
    from cc_rfp.core.answers import load_answers
    from cc_rfp.staffing import week

    answers = load_answers(Path("examples/answers-example.yaml"))
    week._sized_cache.clear()
    first = week.size_week(bank, answers)
    (entry,) = entries(cache_dir, "sized")
    entry.write_bytes(entry.read_bytes()[:-10] + b"0123456789")
    week._sized_cache.clear()
    assert week.size_week(bank, answers) == first


def test_the_folder_is_pruned_to_the_entries_used_last(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "MAX_ENTRIES", 5)
    monkeypatch.setattr(cache, "KEEP_ENTRIES", 3)
    for i in range(5):
        assert cache.write(f"x-{i}", b"payload")
        os.utime(cache_dir / f"x-{i}", (1000 + i, 1000 + i))
    assert cache.read("x-0") == b"payload"  # used now: the newest
    assert cache.write("x-5", b"payload")  # six entries: prune to three
    assert [p.name for p in entries(cache_dir)] == ["x-0", "x-4", "x-5"]


def test_editing_prose_keeps_the_sized_week_and_a_figure_does_not(
    cache_dir: Path, bank: Any
) -> None:
    """The key is what the sizing reads: another buyer name finds the sized week, another
    month's volume sizes again."""
    from cc_rfp.core.answers import load_answers
    from cc_rfp.staffing import week

    answers = load_answers(Path("examples/answers-example.yaml"))
    week._sized_cache.clear()
    first = week.size_week(bank, answers)
    answers.values["buyer_name"] = "Another Name AB"
    week._sized_cache.clear()  # as a new process: only the disk can answer
    assert week.size_week(bank, answers) == first
    assert len(entries(cache_dir, "sized")) == 1
    answers.values["volume_phone"] = {k: v * 2 for k, v in answers.values["volume_phone"].items()}
    week._sized_cache.clear()
    assert week.size_week(bank, answers) != first
    assert len(entries(cache_dir, "sized")) == 2


# ----- compiled conditions -----------------------------------------------------------------
@pytest.fixture
def fresh_conditions(monkeypatch: pytest.MonkeyPatch) -> Any:
    """``conditions`` with empty in-process caches, its store bound to the test's folder."""
    from cc_rfp.core import conditions

    conditions._compiled.cache_clear()
    conditions._codes.cache_clear()
    yield conditions
    conditions._compiled.cache_clear()
    conditions._codes.cache_clear()


def test_compiled_conditions_are_kept_and_reused(
    cache_dir: Path, fresh_conditions: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    conditions = fresh_conditions
    expr = "channels and 'chat' in channels"
    assert conditions.evaluate(expr, {"channels": ["chat"]}) is True
    store = conditions._codes()
    assert expr in store.added
    store.save()
    assert len(entries(cache_dir, "expressions")) == 1

    # A later process: nothing compiled, the stored code answers the same.
    conditions._compiled.cache_clear()
    conditions._codes.cache_clear()

    def no_compile(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("compiled again")

    monkeypatch.setattr(type(conditions._env()), "compile", no_compile)
    assert conditions.evaluate(expr, {"channels": ["chat"]}) is True
    assert conditions.evaluate(expr, {"channels": ["phone"]}) is False
    assert not conditions._codes().added


def test_a_damaged_conditions_entry_is_compiled_again(
    cache_dir: Path, fresh_conditions: Any
) -> None:
    conditions = fresh_conditions
    expr = "volume_phone > 1000"
    assert conditions.evaluate(expr, {"volume_phone": 2000}) is True
    conditions._codes().save()
    (entry,) = entries(cache_dir, "expressions")
    entry.write_bytes(entry.read_bytes()[:-10] + b"0123456789")
    conditions._compiled.cache_clear()
    conditions._codes.cache_clear()
    assert conditions._codes().get(expr) is None
    assert conditions.evaluate(expr, {"volume_phone": 2000}) is True


def test_the_conditions_entry_stays_bounded(
    cache_dir: Path, fresh_conditions: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    conditions = fresh_conditions
    monkeypatch.setattr(cache, "MAX_EXPRESSIONS", 5)
    for n in range(8):
        assert conditions.evaluate(f"x == {n}", {"x": n}) is True
    conditions._codes().save()
    conditions._codes.cache_clear()
    kept = conditions._codes().codes
    assert list(kept) == [f"x == {n}" for n in range(3, 8)]  # the five added last
