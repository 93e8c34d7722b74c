"""User templates that fail: one line naming the file and line, and the old output untouched."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import assert_one_line_error, run_cli

BAD_TEMPLATES = {
    "undefined": ("ok\n{{ no_such_name }}\n", 2, "no_such_name"),
    "raises": ("line one\n\n{{ 1 // 0 }}\n", 3, "division"),
    "python internals": ("{{ ''.__class__.__mro__[1].__subclasses__() }}\n", 1, "not allowed"),
    "globals": ("x\n{{ doc.show.__globals__ }}\n", 2, "not allowed"),
    "file system": ("{% include '/etc/passwd' %}\n", None, "passwd"),
    "syntax": ("{% if %}\n", 1, "syntax"),
    "unknown question": ("a\nb\n{{ doc.show('nope_not_here') }}\n", 3, "nope_not_here"),
}


@pytest.mark.parametrize("case", list(BAD_TEMPLATES), ids=list(BAD_TEMPLATES))
def test_bad_user_template(tmp_path, case):
    source, line, needle = BAD_TEMPLATES[case]
    templates = tmp_path / "tpl"
    (templates / "en").mkdir(parents=True)
    (templates / "en" / "spec.md.j2").write_text(source, encoding="utf-8")
    answers = tmp_path / "answers.yaml"
    answers.write_text("answers:\n  buyer_name: X\n", encoding="utf-8")
    out = tmp_path / "tender.md"
    out.write_text("previous document\n", encoding="utf-8")
    result = run_cli(
        "render", str(answers), "-o", str(out), "--lang", "en", "--templates", str(templates)
    )
    message = assert_one_line_error(result, 2)
    assert needle in message
    if line is not None:
        assert f"spec.md.j2:{line}:" in message
    assert out.read_text(encoding="utf-8") == "previous document\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["answers.yaml", "tender.md", "tpl"]


def test_user_template_overrides_one_file(tmp_path):
    templates = tmp_path / "tpl" / "en"
    templates.mkdir(parents=True)
    (templates / "spec.md.j2").write_text("# Mine: {{ doc.cell('buyer_name') }}\n", "utf-8")
    answers = tmp_path / "answers.yaml"
    answers.write_text("answers:\n  buyer_name: A|B\n", encoding="utf-8")
    result = run_cli(
        "render", "--draft", str(answers), "--lang", "en", "--templates", str(tmp_path / "tpl")
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "# Mine: A\\|B\n"


# ----- issue 8: a templates folder or bank from someone else runs no code -------------------
PICKLE = (
    "{{ doc.bank.file.parse_raw(\"cos\\nsystem\\n(S'id > pwned.txt'\\ntR.\", "
    "proto='pickle', allow_pickle=True) }}\n"
)


def _user_templates(tmp_path, source, part=None):
    """A templates folder whose en/spec.md.j2 is ``source`` (or includes ``part`` at line 2)."""
    templates = tmp_path / "tpl"
    (templates / "en" / "parts").mkdir(parents=True)
    if part is None:
        (templates / "en" / "spec.md.j2").write_text(source, encoding="utf-8")
    else:
        (templates / "en" / "spec.md.j2").write_text(
            "# Tender\n{% include 'en/parts/" + part + "' %}\n", encoding="utf-8"
        )
        (templates / "en" / "parts" / part).write_text(source, encoding="utf-8")
    answers = tmp_path / "answers.yaml"
    answers.write_text("answers:\n  buyer_name: X\n", encoding="utf-8")
    out = tmp_path / "tender.md"
    out.write_text("previous document\n", encoding="utf-8")
    return templates, answers, out


def test_pickle_through_a_bank_model_runs_nothing(tmp_path):
    """The reported exploit: a pydantic class method reached from ``doc`` ran ``id``."""
    templates, answers, _out = _user_templates(tmp_path, PICKLE)
    result = run_cli(
        "render", str(answers), "--templates", str(templates), "--lang", "en", cwd=tmp_path
    )
    message = assert_one_line_error(result, 2)
    assert "spec.md.j2:1:" in message
    assert not (tmp_path / "pwned.txt").exists()


def test_a_template_cannot_read_files_through_a_model(tmp_path):
    """``parse_file`` of a question model read any file; its content reached the tender."""
    secret = tmp_path / "secret.json"
    secret.write_text(
        '{"id": "top_secret_42", "type": "text", "text": {"sv": "x", "en": "x"}}',
        encoding="utf-8",
    )
    source = "{{ doc.bank.questions['buyer_name'].parse_file('" + str(secret) + "').id }}\n"
    templates, answers, _out = _user_templates(tmp_path, source)
    result = run_cli(
        "render", "--draft", str(answers), "--templates", str(templates), "--lang", "en"
    )
    assert_one_line_error(result, 2)
    assert "top_secret_42" not in result.stdout + result.stderr


ESCAPES = {
    "bank": "{{ doc.bank }}",
    "answers": "{{ doc.answers.values }}",
    "private view": "{{ doc._DocView__doc }}",
    "private by item": "{{ doc['_DocView__doc'] }}",
    "method owner": "{{ doc.show.__self__ }}",
    "method globals": "{{ doc.show.__func__ }}",
    "str.format": "{{ '{0.__class__}'.format(doc) }}",
    "format_map": "{{ '{x}'.format_map({'x': 1}) }}",
    "class of data": "{{ staffing.__class__ }}",
    "dict mutation": "{% set _ = s.update({'a': 1}) %}",
    "attr filter": "{{ doc|attr('_DocView__doc') }}",
    "loop internals": "{% for i in [1] %}{{ loop._iterator }}{% endfor %}",
    "macro internals": "{% macro m() %}{% endmacro %}{{ m._func }}",
    "dict view mapping": "{{ s.items().mapping }}",
    "range internals": "{{ range(3).start.__class__ }}",
    "class subscription": "{{ dict['x'] }}",
    "class item fallback": "{{ dict.x }}",
}


@pytest.mark.parametrize("case", list(ESCAPES), ids=list(ESCAPES))
def test_nothing_outside_the_allow_list_is_reachable(case):
    """No model, bank, answers object or unlisted method is reachable from a template."""
    from cc_rfp.errors import TemplateError

    message = _render_in_process(ESCAPES[case])
    assert isinstance(message, TemplateError), message
    assert "spec.md.j2:1:" in str(message)
    assert "not allowed" in str(message) or "has no attribute" in str(message)


def _render_in_process(source, tmp=None):
    """Render ``source`` as a user's en/spec.md.j2 over the example answers; the error or text."""
    import tempfile

    from cc_rfp.core.answers import load_answers
    from cc_rfp.core.bank import load_bank
    from cc_rfp.document.render import render_document
    from cc_rfp.errors import TemplateError
    from tests.conftest import EXAMPLE

    folder = Path(tmp or tempfile.mkdtemp())
    (folder / "en").mkdir(parents=True, exist_ok=True)
    (folder / "en" / "spec.md.j2").write_text(source + "\n", encoding="utf-8")
    try:
        return render_document(load_bank(), load_answers(EXAMPLE), lang="en", templates_dir=folder)
    except TemplateError as exc:
        return exc


def test_the_view_offers_what_the_built_in_templates_use():
    """Plain data comes back, and the methods the shipped templates call still work."""
    text = _render_in_process(
        "{{ doc.show('buyer_name') }}|{{ doc.val('channels') | join(',') }}|"
        "{{ doc.channels | map(attribute='value') | join(',') }}|"
        "{{ staffing.get('available') }}|{{ s.keys() | list | length > 0 }}|"
        "{% set items = [] %}{% set _ = items.append(1) %}{{ items }}|{{ 'Ab'.lower() }}"
    )
    assert isinstance(text, str), text
    show, channels, chosen, available, has_strings, items, lower = text.strip().split("|")
    assert show and channels == chosen and available in {"True", "False"}
    assert (has_strings, items, lower) == ("True", "[1]", "ab")


def test_a_template_cannot_change_the_answers_it_is_shown():
    text = _render_in_process(
        "{% set v = doc.val('channels') %}{% set _ = v.append('fax') %}"
        "{{ 'fax' in doc.val('channels') }}"
    )
    assert text.strip() == "False"


# ----- links out of the templates folder ----------------------------------------------------
def test_a_link_out_of_the_templates_folder_is_refused(tmp_path):
    """``parts/08_pricing.md.j2 -> /etc/passwd`` put the password file into the tender."""
    target = Path("/etc/passwd")
    if not target.is_file():
        pytest.skip("needs /etc/passwd")
    templates, answers, out = _user_templates(tmp_path, "", part="08_pricing.md.j2")
    link = templates / "en" / "parts" / "08_pricing.md.j2"
    link.unlink()
    link.symlink_to(target)
    result = run_cli(
        "render", str(answers), "-o", str(out), "--templates", str(templates), "--lang", "en"
    )
    message = assert_one_line_error(result, 2)
    assert "08_pricing.md.j2" in message and "outside the templates folder" in message
    assert "root:" not in result.stdout + result.stderr
    assert out.read_text(encoding="utf-8") == "previous document\n"


def test_a_link_out_through_dot_dot_and_a_linked_folder_is_refused(tmp_path):
    outside = tmp_path / "elsewhere"
    (outside / "parts").mkdir(parents=True)
    (outside / "parts" / "01_tender.md.j2").write_text("SECRET-OUTSIDE\n", encoding="utf-8")
    templates, answers, _out = _user_templates(tmp_path, "", part="01_tender.md.j2")
    parts = templates / "en" / "parts"
    for child in parts.iterdir():
        child.unlink()
    parts.rmdir()
    parts.symlink_to(Path("..") / ".." / "elsewhere" / "parts")
    result = run_cli(
        "render", "--draft", str(answers), "--templates", str(templates), "--lang", "en"
    )
    message = assert_one_line_error(result, 2)
    assert "outside the templates folder" in message
    assert "SECRET-OUTSIDE" not in result.stdout


def test_a_strings_file_linked_from_outside_is_refused(tmp_path):
    secret = tmp_path / "secret.yaml"
    secret.write_text("en:\n  not_specified: SECRET-STRINGS\n", encoding="utf-8")
    templates, answers, _out = _user_templates(tmp_path, "{{ s.not_specified }}\n")
    (templates / "strings.yaml").symlink_to(secret)
    result = run_cli(
        "render", "--draft", str(answers), "--templates", str(templates), "--lang", "en"
    )
    message = assert_one_line_error(result, 2)
    assert "strings.yaml" in message and "outside the templates folder" in message
    assert "SECRET-STRINGS" not in result.stdout


def test_a_link_inside_the_folder_still_works(tmp_path):
    templates, answers, _out = _user_templates(tmp_path, "inside {{ doc.cell('buyer_name') }}\n")
    (templates / "en" / "parts" / "real.md.j2").write_text("linked part\n", encoding="utf-8")
    (templates / "en" / "parts" / "alias.md.j2").symlink_to("real.md.j2")
    (templates / "en" / "spec.md.j2").write_text(
        "{{ doc.cell('buyer_name') }}\n{% include 'en/parts/alias.md.j2' %}\n", encoding="utf-8"
    )
    result = run_cli(
        "render", "--draft", str(answers), "--templates", str(templates), "--lang", "en"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "X\nlinked part\n"


# ----- bounded work -----------------------------------------------------------------------
DEADLINE_BOMBS = {
    "nested loops": (
        "{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}\n",
        1,
    ),
    "silent nested loops": (
        "{% set l = range(100000) | list %}\n"
        "{% for i in l %}{% for j in l %}{% endfor %}{% endfor %}\n",
        2,
    ),
}
"""Bombs only the clock stops (``TEMPLATE_LIMITS.seconds``): 5 s each as a process."""

BOMBS = {
    "huge power": ("{{ 10**(10**10) }}\n", 1),
    # The real 5-second limit, through the installed command: the one process-level deadline
    # case (both deadline bombs also run in-process on a short clock below).
    "silent nested loops": DEADLINE_BOMBS["silent nested loops"],
    "huge string": ('a\n{{ "x" * 10**9 }}\n', 2),
    "huge literal count": ('{{ "x" * 1000000000 }}\n', 1),
    "center": ('{{ "a" | center(10**9) }}\n', 1),
    "indent": ('{{ "a\nb" | indent(10**9) }}\n', 2),
    "format width": ('{{ "%999999999d" | format(1) }}\n', 1),
    "percent width": ('{{ "%999999999d" % 1 }}\n', 1),
    "doubling": (
        '{% set ns = namespace(x="ab") %}\n{% for i in range(60) %}'
        "{% set ns.x = ns.x ~ ns.x %}{% endfor %}\n",
        2,
    ),
    "many references joined": (
        '{% set x = "a" * 5000000 %}{% set l = [] %}{% for i in range(5000) %}'
        "{% set _ = l.append(x) %}{% endfor %}\n{{ l | join | length }}\n",
        2,
    ),
    "runaway macro": ("{% macro f() %}{{ f() }}{% endmacro %}\n{{ f() }}\n", 1),
    "exploding macro": (
        "{% macro f(n) %}{{ f(n + 1) }}{{ f(n + 1) }}{% endmacro %}\n{{ f(0) }}\n",
        1,
    ),
    "deep nesting": ("{{ " + "(" * 400 + "1" + ")" * 400 + " }}\n", 1),
}


@pytest.mark.parametrize("case", list(BOMBS), ids=list(BOMBS))
def test_template_work_is_bounded(tmp_path, case):
    """Each used to hang, eat gigabytes or crash; now a few seconds and one line naming the
    user's file (not a built-in one), exit 2, and the old output untouched."""
    source, line = BOMBS[case]
    templates, answers, out = _user_templates(tmp_path, source, part="bomb.md.j2")
    result = run_cli(
        "render",
        str(answers),
        "-o",
        str(out),
        "--templates",
        str(templates),
        "--lang",
        "en",
        timeout=30,
    )
    message = assert_one_line_error(result, 2)
    assert "bomb.md.j2" in message, message
    if case != "deep nesting":
        assert f"bomb.md.j2:{line}:" in message, message
    if case in DEADLINE_BOMBS:  # the real clock of a real process stopped it
        from cc_rfp.core.sandbox import TEMPLATE_LIMITS

        assert f"stopped after {TEMPLATE_LIMITS.seconds:g} seconds" in message, message
    assert len(message) < 400
    assert out.read_text(encoding="utf-8") == "previous document\n"


SHORT_SECONDS = 0.5
"""The template clock for the in-process deadline test (5 s in real use)."""


@pytest.mark.parametrize("case", list(DEADLINE_BOMBS), ids=list(DEADLINE_BOMBS))
def test_template_deadline_stops_the_render(tmp_path, monkeypatch, capsys, case):
    """The checks of ``test_template_work_is_bounded`` for the loops only the clock stops,
    through ``render_file`` (what ``cc-rfp render`` runs) with the deadline cut to 0.5 s:
    the same guard trips ten times sooner. The message must say it was the clock."""
    import dataclasses

    from cc_rfp.commands.render import render_file
    from cc_rfp.core import sandbox
    from cc_rfp.errors import CcRfpError

    quick = dataclasses.replace(sandbox.TEMPLATE_LIMITS, seconds=SHORT_SECONDS)
    monkeypatch.setattr(sandbox, "TEMPLATE_LIMITS", quick)
    source, line = DEADLINE_BOMBS[case]
    templates, answers, out = _user_templates(tmp_path, source, part="bomb.md.j2")
    with pytest.raises(CcRfpError) as caught:
        render_file(answers, out=out, lang="en", templates=templates, bank_path=None)
    assert caught.value.exit_code == 2
    message = f"cc-rfp: {caught.value}"  # the line main() prints, and all it prints
    assert "\n" not in message
    assert capsys.readouterr().err == ""
    assert f"bomb.md.j2:{line}:" in message, message
    assert f"stopped after {SHORT_SECONDS:g} seconds" in message, message
    assert len(message) < 400
    assert out.read_text(encoding="utf-8") == "previous document\n"


# ----- the same for a --questions bank ------------------------------------------------------
def _bank_with(tmp_path, expression):
    """The built-in bank with survey_method's ``when:`` replaced by ``expression``."""
    from cc_rfp.io import resources

    text = resources.bank_path().read_text(encoding="utf-8")
    marker = 'when: "has_survey"'
    assert marker in text
    bank = tmp_path / "bank.yaml"
    quoted = "'" + expression.replace("'", "''") + "'"
    bank.write_text(text.replace(marker, f"when: {quoted}", 1), encoding="utf-8")
    return bank


BANK_BOMBS = {
    "huge power": "10**(10**10)",
    "a gigabyte": "('a'*10**9)|length > 0",
    "nested brackets": "(" * 200 + "has_survey" + ")" * 200,
    "nested not": "not " * 200 + "has_survey",
    "too long": " or ".join(["has_survey"] * 200),
}


@pytest.mark.parametrize("case", list(BANK_BOMBS), ids=list(BANK_BOMBS))
@pytest.mark.parametrize("command", ["questions", "validate"])
def test_bank_expressions_are_bounded(tmp_path, case, command):
    """``when: "10**(10**10)"`` hung every command; 200 levels gave exit 70."""
    bank = _bank_with(tmp_path, BANK_BOMBS[case])
    args = ["questions", "--questions", str(bank)]
    if command == "validate":
        answers = tmp_path / "answers.yaml"
        answers.write_text("answers:\n  buyer_name: X\n", encoding="utf-8")
        args = ["validate", str(answers), "--questions", str(bank)]
    message = assert_one_line_error(run_cli(*args, timeout=30), 2)
    assert "survey_method" in message and "when" in message, message


def test_a_bank_expression_that_grows_with_an_answer_stays_bounded():
    """The loader cannot see this one coming; evaluation refuses it quickly (false)."""
    import time

    from cc_rfp.core import conditions

    started = time.monotonic()
    assert conditions.syntax_error("(buyer_name * 10**9) | length > 0") is None
    assert conditions.evaluate("(buyer_name * 10**9) | length > 0", {"buyer_name": "a"}) is None
    assert conditions.evaluate("buyer_name ** (10**10)", {"buyer_name": 10}) is None
    assert conditions.holds("(buyer_name * 3) | length > 2", {"buyer_name": "a"})
    assert time.monotonic() - started < 20
