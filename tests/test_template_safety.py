"""User templates that fail: one line naming the file and line, and the old output untouched."""

from __future__ import annotations

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
    result = run_cli("render", str(answers), "--lang", "en", "--templates", str(tmp_path / "tpl"))
    assert result.returncode == 0, result.stderr
    assert result.stdout == "# Mine: A\\|B\n"
