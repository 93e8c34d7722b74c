"""Reading hand-edited YAML: what is accepted, and the one-line reasons for what is not."""

from __future__ import annotations

import pytest

from cc_rfp.errors import InputError
from cc_rfp.io.yamlio import dump_yaml, load_yaml_file, parse_yaml


def write(tmp_path, data: bytes):
    path = tmp_path / "f.yaml"
    path.write_bytes(data)
    return path


def test_bom_and_crlf_are_read(tmp_path):
    path = write(tmp_path, b"\xef\xbb\xbfa: 1\r\nb: \xc3\xa5\r\n")
    data, lines = load_yaml_file(path)
    assert data == {"a": 1, "b": "å"}
    assert lines[("b",)] == 2


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        ("a: 1\n".encode("utf-16"), "UTF-16"),
        (b"\x00\x01\x02binary", "binary"),
        (b"a: \xff\xfe\xfa\n", "not UTF-8"),
        (b"", "empty"),
        (b"a: 1\na: 2\n", "repeats the key 'a'"),
        (b"a: &x [1]\nb: *x\n", "alias"),
        (b"a: [1, 2\nb: 3\n", ":"),
    ],
)
def test_unusable_files_give_one_line(tmp_path, content, needle):
    path = write(tmp_path, content)
    with pytest.raises(InputError) as info:
        load_yaml_file(path)
    message = str(info.value)
    assert needle in message
    assert "\n" not in message
    assert str(path) in message


def test_syntax_error_names_line_and_column(tmp_path):
    path = write(tmp_path, b"a: 1\nb: [1, 2\nc: 3\n")
    with pytest.raises(InputError, match=r"f\.yaml:\d+:\d+: "):
        load_yaml_file(path)


def test_missing_and_directory(tmp_path):
    with pytest.raises(InputError, match="no such"):
        load_yaml_file(tmp_path / "nope.yaml")
    with pytest.raises(InputError, match="is a directory"):
        load_yaml_file(tmp_path)


def test_huge_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "big.yaml"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    with pytest.raises(InputError, match="too large"):
        load_yaml_file(path)


def test_billion_laughs_is_refused():
    bomb = 'a: &a ["x","x"]\nb: &b [*a,*a]\nc: &c [*b,*b]\n'
    with pytest.raises(InputError, match="alias"):
        parse_yaml(bomb, "bomb.yaml")


def test_dump_is_readable():
    text = dump_yaml({"namn": "Åsa Öberg", "text": "rad ett\nrad två\n", "z": 1, "a": 2})
    assert "Åsa Öberg" in text
    assert "text: |" in text
    assert text.index("z:") < text.index("a:")
    assert parse_yaml(text, "x")[0]["text"] == "rad ett\nrad två\n"
