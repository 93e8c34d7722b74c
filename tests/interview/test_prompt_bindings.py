"""prompt_toolkit's default key bindings are built once and shared by the interview's prompts."""

from __future__ import annotations

import pytest
from prompt_toolkit.application import Application
from prompt_toolkit.application import application as app_module
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from cc_rfp.interview import prompt_bindings
from cc_rfp.interview.ask import Ui, ask_select, ask_text


def test_prompts_built_in_the_block_share_one_set_and_the_loaders_come_back() -> None:
    originals = [getattr(app_module, name) for name in prompt_bindings.LOADERS]
    with prompt_bindings.shared_default_bindings():
        first, second = Application(), Application()
    assert first._default_bindings is second._default_bindings
    assert first._page_navigation_bindings is second._page_navigation_bindings
    assert [getattr(app_module, name) for name in prompt_bindings.LOADERS] == originals
    outside = Application()
    assert outside._default_bindings is not first._default_bindings


def test_a_prompt_toolkit_without_the_loaders_keeps_its_own(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delattr(app_module, "load_page_navigation_bindings")
    with prompt_bindings.shared_default_bindings():
        assert not hasattr(app_module, "load_page_navigation_bindings")
        loader = app_module.load_key_bindings
    assert loader is app_module.load_key_bindings


def test_shared_bindings_still_edit_each_prompt_on_its_own() -> None:
    """Emacs editing keys (from the shared set) act on the running prompt, not an earlier one."""
    with create_pipe_input() as pipe:
        ui = Ui("en", input=pipe, output=DummyOutput())
        # Ctrl-A (start of line), Ctrl-F (forward), Ctrl-K (kill to end): all default bindings.
        pipe.send_text("abc\x01X\r")
        assert ask_text(ui, "First?") == "Xabc"
        pipe.send_text("12345\x01\x06\x06\x0b\r")
        assert ask_text(ui, "Second?") == "12"
        pipe.send_text("\x1b[B\r")  # a list prompt built after them works as before
        assert ask_select(ui, "Pick", [("a", 1), ("b", 2)]) == 2
