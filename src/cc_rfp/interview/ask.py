"""Questionary prompts with the interview's conventions built in.

Every prompt here passes ``input``/``output`` through to prompt_toolkit (so tests drive it with
a pipe and DummyOutput), uses ``unsafe_ask`` so Ctrl-C reaches the session (which saves and
exits 130), makes Ctrl-D mean "stop" everywhere (not only on an empty line), and understands
the keys offered on every question: ``?`` help, ``!`` don't know yet, ``<`` back.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import questionary
from prompt_toolkit.filters import Condition
from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent, merge_key_bindings
from prompt_toolkit.keys import Keys
from rich.console import Console

from cc_rfp.interview import interrupts
from cc_rfp.interview.prompt_bindings import shared_default_bindings
from cc_rfp.interview.text import t


class Special(enum.Enum):
    """What a prompt returns instead of a value when the person asks for something else."""

    HELP = "?"
    UNKNOWN = "!"
    BACK = "<"
    SKIP = ""  # leave the question unanswered (optional questions only)


KEYS = (Special.HELP, Special.UNKNOWN, Special.BACK)
"""The specials a person can type or press; SKIP comes from an empty answer."""

Validator = Callable[[str], "bool | str"]

NO_DEFAULT: Any = object()
"""``ask_select`` without a default (None is a real value there: "not given")."""


def terminal_console() -> Console:
    """A console on stdout that degrades instead of crashing on a non-UTF-8 terminal.

    With ``PYTHONIOENCODING=ascii`` (or an old locale) every "å" in a question, every line
    of a table and every bar of a chart raised UnicodeEncodeError and ended the interview.
    Characters the terminal cannot show become "?" (rich draws ASCII boxes by itself).
    """
    import sys

    stream = sys.stdout
    encoding = (getattr(stream, "encoding", None) or "utf-8").lower()
    reconfigure = getattr(stream, "reconfigure", None)
    if not encoding.startswith("utf") and reconfigure is not None:
        reconfigure(errors="replace")
    return Console(highlight=False)


@dataclass
class Ui:
    """Where the interview talks: its language, a rich console, and prompt_toolkit I/O."""

    lang: str
    console: Console = field(default_factory=terminal_console)
    input: Any = None
    output: Any = None
    paste_guard: bool | None = None
    """Keep a paste with line breaks in the prompt it was pasted into (see ``pasted_rest``);
    on by default in a real terminal, off for the pipe input the tests type through."""

    @property
    def guards_paste(self) -> bool:
        return self.input is None if self.paste_guard is None else self.paste_guard

    def io(self) -> dict[str, Any]:
        """The ``input``/``output`` keyword arguments for questionary (none in a real run)."""
        found = {"input": self.input, "output": self.output}
        return {k: v for k, v in found.items() if v is not None}

    def t(self, key: str, **params: object) -> str:
        return t(key, self.lang, **params)

    @property
    def plain_chart(self) -> bool:
        """Whether bars must be ASCII: the console's encoding cannot show block characters."""
        try:
            "█▏".encode(self.console.encoding or "utf-8")
        except (UnicodeEncodeError, LookupError):
            return True
        return False

    def say(self, text: str = "", style: str | None = None) -> None:
        """Print plain text (no rich markup, so answers with brackets print as typed)."""
        self.console.print(text, style=style, markup=False, highlight=False)


def _printable(press: Any) -> bool:
    key = press.key
    return isinstance(key, str) and len(key) == 1 and key.isprintable()


def pasted_rest(event: KeyPressEvent) -> str | None:
    """The rest of a paste, when this Enter came in one read together with more text.

    A terminal without bracketed paste delivers pasted text as keystrokes, newlines as Enter,
    so the first line would answer this question and the rest spill into the next ones and
    be saved there. A person's Enter arrives on its own (or followed by more Enters when
    keeping defaults quickly); an Enter followed in the same read by printable characters is
    a paste. The queued keys are taken here, as text, so the paste lands in this prompt the
    way a bracketed paste would: newlines included, submitted by the person's next Enter.
    """
    from prompt_toolkit.keys import Keys

    queue = event.app.key_processor.input_queue
    if not any(_printable(press) for press in queue):
        return None
    parts: list[str] = []
    while queue:
        press = queue.popleft()
        if press.key in (Keys.ControlM, Keys.ControlJ):
            parts.append("\n")
        elif press.key == Keys.ControlI:
            parts.append("\t")
        elif _printable(press):
            parts.append(press.data or press.key)
        # Other keys (arrows, Ctrl keys) in the middle of a paste are dropped.
    return "".join(parts)


def _stop_on_ctrl_d(bindings: KeyBindings) -> None:
    @bindings.add("c-d", eager=True)
    def _(event: KeyPressEvent) -> None:
        event.app.exit(exception=EOFError, style="class:aborting")


def _special_keys(specials: Iterable[Special]) -> KeyBindings:
    bindings = KeyBindings()
    _stop_on_ctrl_d(bindings)
    for special in (s for s in specials if s in KEYS):

        def _bind(value: Special) -> None:
            @bindings.add(value.value, eager=True)
            def _(event: KeyPressEvent) -> None:
                event.app.exit(result=value)

        _bind(special)
    return bindings


def hint(ui: Ui, key: str, specials: Sequence[Special]) -> str:
    """How to move in a menu, naming only the keys that work in this one."""
    parts = [ui.t(key)] + [ui.t(f"key_{s.name.lower()}") for s in specials if s in KEYS]
    return f"({' · '.join(parts)})"


def ask_text(
    ui: Ui,
    message: str,
    *,
    default: str = "",
    validate: Validator | None = None,
    instruction: str | None = None,
    multiline: bool = False,
    specials: Sequence[Special] = KEYS,
    shown: Callable[[str], str] | None = None,
) -> str | Special:
    """A line (or lines) of text; a lone ``?``, ``!`` or ``<`` returns the matching Special.

    Multi-line answers end with Enter on an empty line (or Esc, Enter): people do not know
    prompt_toolkit's Esc-Enter, but everyone understands "an empty line finishes".

    A one-line prompt that starts on an old answer behaves like a selected field: the first
    character typed replaces the old answer instead of being appended to it ("240" then
    typing "300" gives 300, not 240300); an arrow key or Backspace first edits it instead.
    ``shown`` turns the accepted answer into the text echoed on the answer line (a figure
    typed as "5:30" is echoed with what it was read as, "330 s").
    """
    tokens = {s.value: s for s in specials if s in KEYS}

    def special(text: str) -> Special | None:
        """The key typed alone, or right after the untouched default (no need to clear it)."""
        stripped = text.strip()
        if stripped in tokens:
            return tokens[stripped]
        typed_after_default = default.strip() and stripped[:-1].rstrip() == default.strip()
        if typed_after_default and stripped[-1:] in tokens:
            return tokens[stripped[-1]]
        return None

    def check(text: str) -> bool | str:
        if special(text) is not None:
            return True
        return validate(text) if validate else True

    bindings = KeyBindings()
    _stop_on_ctrl_d(bindings)

    @bindings.add("tab", eager=True)
    def _(event: KeyPressEvent) -> None:
        # No completion here; a row pasted from a spreadsheet keeps its tabs even in a
        # terminal without bracketed paste.
        event.current_buffer.insert_text("\t")

    guard = ui.guards_paste

    def kept_paste(event: KeyPressEvent) -> bool:
        rest = pasted_rest(event) if guard else None
        if rest is None:
            return False
        event.current_buffer.insert_text("\n" + rest)
        return True

    if not multiline:

        @bindings.add("enter", eager=True)
        def _(event: KeyPressEvent) -> None:
            if not kept_paste(event):
                event.current_buffer.validate_and_handle()

    if multiline:

        @bindings.add("enter", eager=True)
        def _(event: KeyPressEvent) -> None:
            if kept_paste(event):
                return
            buffer = event.current_buffer
            document = buffer.document
            stripped = document.text.strip()
            at_blank_end = document.is_cursor_at_the_end and document.current_line == ""
            unchanged = bool(default) and document.text == default  # revisiting: Enter keeps
            if not stripped or stripped in tokens or at_blank_end or unchanged:
                buffer.text = document.text.rstrip("\n")
                buffer.validate_and_handle()
            else:
                buffer.insert_text("\n")

    pristine = [bool(default) and not multiline]

    def untouched() -> bool:
        return pristine[0]

    @bindings.add(Keys.Any, filter=Condition(untouched))
    def _(event: KeyPressEvent) -> None:
        _replace(event, event.data)

    @bindings.add(Keys.BracketedPaste, filter=Condition(untouched))
    def _(event: KeyPressEvent) -> None:
        _replace(event, event.data.replace("\r\n", "\n").replace("\r", "\n"))

    def _replace(event: KeyPressEvent, typed: str) -> None:
        pristine[0] = False
        if typed.isprintable() or "\n" in typed or "\t" in typed:
            event.current_buffer.text = ""
        event.current_buffer.insert_text(typed)

    if instruction and not multiline:
        instruction = fitted(ui, message, instruction)
    if multiline:
        # Start the text on its own line, so continuation lines use the whole width.
        instruction = f"{instruction or ''}\n"
    with shared_default_bindings():  # built once, not per prompt
        question = questionary.text(
            message,
            default=default,
            validate=check,
            instruction=instruction,
            multiline=multiline,
            key_bindings=bindings,
            erase_when_done=shown is not None,
            **ui.io(),
        )
    buffer = question.application.layout.current_buffer
    if buffer is not None:

        def edited(_: Any) -> None:
            pristine[0] = False

        buffer.on_cursor_position_changed += edited
        buffer.on_text_changed += edited
    interrupts.check()  # a Ctrl-C Python swallowed since the last prompt
    answer = str(question.unsafe_ask())
    picked = special(answer)
    if shown is not None:
        said = ui.t(f"echo_{picked.name.lower()}") if picked else shown(answer)
        echo(ui, message, said)
    return picked or answer


def fitted(ui: Ui, message: str, instruction: str) -> str:
    """The hint after a question, broken between words when the line would not fit.

    prompt_toolkit wraps a long prompt line at the terminal's edge, in the middle of a word;
    a hint that does not fit after the question goes on lines of its own instead.
    """
    import textwrap

    width = max(40, min(ui.console.width or 80, 100)) - 2
    if len(message) + len(instruction) + 12 <= width:
        return instruction
    return "\n" + "\n".join(textwrap.wrap(instruction, width, break_long_words=False)) + "\n"


def ask_select(
    ui: Ui,
    message: str,
    choices: Sequence[tuple[str, Any]],
    *,
    default: Any = NO_DEFAULT,
    specials: Sequence[Special] = KEYS,
) -> Any:
    """One of ``choices`` (title, value) or a Special; help and "don't know yet" are listed too.

    Values may be anything (even None, e.g. "not given"): questionary gets the positions and
    we map them back. The pointer starts on ``default``, else on the first choice.
    """
    items: list[Any] = []
    start = None
    for index, (title, value) in enumerate(choices):
        items.append(questionary.Choice(title, value=index))
        if start is None and default is not NO_DEFAULT and value == default:
            start = index
    listed = [s for s in specials if s in (Special.HELP, Special.UNKNOWN)]
    if listed:
        items.append(questionary.Separator(" "))
        for special in listed:
            items.append(questionary.Choice(ui.t(f"choice_{special.name.lower()}"), value=special))
    if default in listed:
        start = default
    with shared_default_bindings():  # built once, not per prompt
        question = questionary.select(
            message,
            choices=items,
            default=start,
            # Help and "don't know yet" are listed as choices (with their keys), so the hint
            # only needs what is not visible.
            instruction=hint(ui, "select_hint", [s for s in specials if s is Special.BACK]),
            erase_when_done=True,
            **ui.io(),
        )
    picked = _ask_with_keys(ui, message, question, specials)
    if isinstance(picked, Special):
        return picked
    echo(ui, message, choices[picked][0])
    return choices[picked][1]


def _ask_with_keys(ui: Ui, message: str, question: Any, specials: Sequence[Special]) -> Any:
    """Ask a list prompt with the ``?``/``!``/``<`` keys bound; a Special is echoed here."""
    app = question.application
    app.key_bindings = merge_key_bindings([app.key_bindings, _special_keys(specials)])
    interrupts.check()  # a Ctrl-C Python swallowed since the last prompt
    picked = question.unsafe_ask()
    if isinstance(picked, Special):
        echo(ui, message, ui.t(f"echo_{picked.name.lower()}"))
    return picked


def echo(ui: Ui, message: str, answer: str) -> None:
    """The answered prompt as one line, the way questionary leaves a text prompt."""
    ui.console.print(f"[bold]?[/bold] {_escape(message)} [cyan]{_escape(answer)}[/cyan]")


def ask_checkbox(
    ui: Ui,
    message: str,
    choices: Sequence[tuple[str, Any]],
    *,
    checked: Iterable[Any] = (),
    validate: Callable[[list[Any]], bool | str] | None = None,
    specials: Sequence[Special] = KEYS,
) -> list[Any] | Special:
    """Several of ``choices``; ``?``/``!``/``<`` return a Special.

    The prompt is erased when done and the picks are printed in the interview's language
    (questionary would print "done (3 selections)" in English).
    """
    ticked = list(checked)
    items = [
        questionary.Choice(title, value=index, checked=value in ticked)
        for index, (title, value) in enumerate(choices)
    ]

    def check(picked: list[int]) -> bool | str:
        return validate([choices[i][1] for i in picked]) if validate else True

    with shared_default_bindings():  # built once, not per prompt
        question = questionary.checkbox(
            message,
            choices=items,
            validate=check,
            instruction=hint(ui, "checkbox_hint", specials),
            erase_when_done=True,
            **ui.io(),
        )
    picked = _ask_with_keys(ui, message, question, specials)
    if isinstance(picked, Special):
        return picked
    values = [choices[i][1] for i in sorted(picked)]
    echo(ui, message, ", ".join(choices[i][0] for i in sorted(picked)) or ui.t("none_chosen"))
    return values


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)
