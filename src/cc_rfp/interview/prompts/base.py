"""What every question prompt shares: the question's context, help, numbers and record fields.

A prompt gets one ``Asking``: the question, the answer it already has (the default, so
revisiting is Enter, Enter), a suggested default for a new answer, the known answers (choices
and channels follow earlier answers) and a ``progress`` callback that saves a structured
answer as it grows, so Ctrl-C halfway through a new table loses nothing, while Ctrl-C halfway
through a revisit leaves the old answer as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from rich.panel import Panel
from rich.text import Text

from cc_rfp.core import types
from cc_rfp.core.answers import Unknown, is_unknown
from cc_rfp.core.bank import Bank, text
from cc_rfp.core.bank_model import Choice, Field_, Question
from cc_rfp.core.values import (
    NUMBER_DIGITS,
    check_scalar,
    format_number,
    is_number,
    parse_quantity,
    unit_kind,
)
from cc_rfp.i18n.messages import msg, shown
from cc_rfp.interview.ask import (
    KEYS,
    NO_DEFAULT,
    Special,
    Ui,
    Validator,
    ask_select,
    ask_text,
)
from cc_rfp.interview.text import t


def _ignore(_value: Any) -> None:
    return None


@dataclass
class Asking:
    """One question being asked, with everything its prompt needs."""

    ui: Ui
    bank: Bank
    question: Question
    current: Any = None
    suggested: Any = None
    known: dict[str, Any] = field(default_factory=dict)
    reshaped: bool = False
    """The answer its choices or channels come from was changed in this sitting, so parts
    of the old answer that no longer fit are expected to go."""
    progress: Callable[[Any], None] = _ignore
    """Saves a part or an unconfirmed value (kept only while the question has no answer)."""
    replace: Callable[[Any], None] | None = None
    """Saves a whole answer the person just changed on purpose (a row added, edited or
    removed); it replaces the old answer. Without it, ``progress`` is used."""
    offer_import: Callable[[], Any] | None = None
    """For a channel's volume table: read the client's export instead of typing (the
    value for this question, other imported answers already saved; None: back to the
    menu). Set by the session; a prompt only offers it."""

    def save_whole(self, value: Any) -> None:
        (self.replace or self.progress)(value)

    @property
    def lang(self) -> str:
        return self.ui.lang

    @property
    def start(self) -> Any:
        """The value to start from: the current answer, else the suggested default.

        A "don't know yet" starts from nothing: the field is empty and Enter keeps the
        unknown. Prefilling the bank's default there made Enter save the default, a
        revisit changing data nobody touched (the suggestion is named in the hint instead).
        """
        if is_unknown(self.current):
            return None
        if self.current is not None:
            return self.current
        return self.suggested

    @property
    def title(self) -> str:
        return text(self.question.text, self.lang)

    def help(self) -> None:
        show_help(self)

    def helped(self, prompt: Callable[[], Any]) -> Any:
        """Run ``prompt`` until it answers something other than "help": each ``?`` shows
        this question's help, then the same prompt again."""
        while True:
            result = prompt()
            if result is not Special.HELP:
                return result
            self.help()

    def unit(self) -> str:
        return text(self.question.unit, self.lang)


def show_help(a: Asking) -> None:
    """Print the question's help, its guide points and how to type an answer."""
    ui, q = a.ui, a.question
    lines: list[str] = []
    lines.append(text(q.help, a.lang) or ui.t("no_help"))
    for point in q.guide:
        title = a.bank.file.guide_points.get(point)
        lines.append(ui.t("guide_point", id=point, title=text(title, a.lang)))
    for choice in a.bank.choices(q) if types.get(q.type).has_choices else []:
        if choice.help:
            lines.append(f"{text(choice.label, a.lang)}: {text(choice.help, a.lang)}")
    if q.type == "kpis":
        for kpi in a.bank.kpis.values():
            lines.append(f"{text(kpi.name, a.lang)}: {text(kpi.definition, a.lang)}")
    lines.append("")
    lines.append(ui.t(f"hint_{q.type}"))
    unit = a.unit()
    if unit:
        lines.append(ui.t("unit_is", unit=unit))
    limits = range_text(q.min, q.max, a.lang)
    if limits and types.get(q.type).numeric:
        lines.append(ui.t("range_is", range=limits))
    if q.sum is not None:
        lines.append(ui.t("sum_is", total=format_number(q.sum, a.lang)))
    if a.suggested is not None and a.current is None:
        lines.append(ui.t("suggested_is", value=shown_value(a.bank, q, a.suggested, a.lang)))
    if is_unknown(a.current):
        note = a.current.note
        lines.append(ui.t("now_unknown") + (f" ({note})" if note else ""))
    lines.append("")
    lines.append(ui.t("legend"))
    body = Text("\n".join(lines))
    ui.console.print(Panel(body, title=a.title, title_align="left", expand=False))


def brief(value: Any, lang: str) -> str:
    """A short plain rendering of a value for notices and help."""
    if is_number(value):
        return format_number(float(value), lang)
    if isinstance(value, bool):
        return shown(value, lang)
    if isinstance(value, list):
        return ", ".join(brief(v, lang) for v in value)
    return str(value)


def shown_value(bank: Bank, question: Question, value: Any, lang: str) -> str:
    """A value as the person saw it: choice labels rather than stored ids."""
    if types.get(question.type).has_choices:
        labels = {c.value: text(c.label, lang) for c in bank.choices(question)}
        items = value if isinstance(value, list) else [value]
        return ", ".join(labels.get(v, str(v)) for v in items)
    return brief(value, lang)


def range_text(low: float | None, high: float | None, lang: str) -> str:
    if low is None and high is None:
        return ""
    if high is None:
        return f"≥ {format_number(float(low or 0), lang)}"
    if low is None:
        return f"≤ {format_number(float(high), lang)}"
    return f"{format_number(float(low), lang)}–{format_number(float(high), lang)}"


def ask_note(ui: Ui, current: Any) -> Unknown:
    """The optional note that goes with "don't know yet" (why, or when it will be known)."""
    before = current.note if isinstance(current, Unknown) else ""
    note = ask_text(ui, ui.t("note_prompt"), default=before, specials=())
    return Unknown(str(note).strip())


def choices_for(bank: Bank, spec: Question | Field_, known: dict[str, Any]) -> list[Choice]:
    """The choices to offer: for ``choices_from`` a multichoice, only those picked there."""
    options = bank.choices(spec)
    source = spec.choices_from
    picked = known.get(source) if source else None
    if isinstance(picked, list):
        chosen = [c for c in options if c.value in picked]
        return chosen or options
    return options


def number_text(value: Any, lang: str) -> str:
    """A number as a person would type it back (no thousands marks, the language's decimal)."""
    if not is_number(value):
        return ""
    number = float(value)
    plain = str(int(number)) if number.is_integer() else repr(round(number, 6))
    return plain.replace(".", ",") if lang == "sv" else plain


def measure(kind: str, spec: Question | Field_ | None) -> str | None:
    """What the figure of ``spec`` measures (``values.unit_kind``): seconds, money, …"""
    return unit_kind(spec.unit if spec is not None else None, kind)


def to_number(kind: str, typed: str, spec: Question | Field_ | None = None) -> int | float:
    """The figure typed, in the question's unit ("5:30" for seconds is 330)."""
    number = parse_quantity(typed, measure(kind, spec))
    if number.is_integer() or (kind == "integer" and round(number, 6).is_integer()):
        return round(number)
    return number


def unreadable_number(
    typed: str, kind: str, lang: str, spec: Question | Field_ | None = None
) -> str | None:
    """Why ``typed`` is not a number the file can hold (None when it is one).

    ``1e308`` is refused as too large right where it is typed: a share table that summed
    seven of them reached infinity and crashed the interview. A unit of another kind than
    the question's ("5 kr" for a handling time) is named rather than ignored.
    """
    try:
        number = parse_quantity(typed, measure(kind, spec))
    except ValueError as exc:
        if str(exc) == "too large":
            return f"{short_typed(typed)}: {msg('unusable_number', lang, digits=NUMBER_DIGITS)}"
        if str(exc) == "unit":
            expected = text(spec.unit, lang) if spec is not None and spec.unit else ""
            key = "wrong_unit" if expected else "no_unit"
            return f"{short_typed(typed)}: {msg(key, lang, unit=expected)}"
        key = "not_integer" if kind == "integer" else "not_number"
        return f"{short_typed(typed)}: {msg(key, lang)}"
    if kind == "integer" and not round(number, 6).is_integer():
        return f"{short_typed(typed)}: {msg('not_integer', lang)}"
    return None


def echoed_number(kind: str, spec: Question | Field_ | None, lang: str) -> Callable[[str], str]:
    """The answer line of a figure: what was typed, and what it was read as when that differs.

    "5:30" in a handling-time question is echoed "5:30 → 330 seconds", so a misread unit
    is seen at once; a plain "330" is echoed as typed.
    """

    def shown(typed: str) -> str:
        plain = typed.strip()
        if not plain:
            return plain
        try:
            number = to_number(kind, plain, spec)
        except ValueError:
            return plain
        unit = text(spec.unit, lang) if spec is not None and spec.unit else ""
        if kind == "percent" and not unit:
            unit = "%"
        value = format_number(float(number), lang)
        read = f"{value} {unit}".strip()
        if plain in (value, read, number_text(number, lang), str(number)):
            return plain
        return f"{plain} → {read}"

    return shown


def required_hint(lang: str, unknown_ok: bool = True) -> str:
    """ "needs an answer", pointing at "don't know yet" where that key works."""
    plain = msg("required", lang)
    return f"{plain} ({t('key_unknown', lang)})" if unknown_ok else plain


def number_validator(
    kind: str, spec: Question | Field_, lang: str, *, empty_ok: bool, unknown_ok: bool = True
) -> Validator:
    """Accept exactly what the answers file accepts; messages in the interview's language."""

    def check(typed: str) -> bool | str:
        if not typed.strip():
            return True if empty_ok else required_hint(lang, unknown_ok)
        unreadable = unreadable_number(typed, kind, lang, spec)
        if unreadable:
            return unreadable
        number = to_number(kind, typed, spec)
        problems = check_scalar(kind, spec, number, [], lang)
        return f"{typed.strip()}: {problems[0][1]}" if problems else True

    return check


def short_typed(typed: str, limit: int = 24) -> str:
    flat = " ".join(typed.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def text_validator(
    spec: Question | Field_, lang: str, *, empty_ok: bool, unknown_ok: bool = True
) -> Validator:
    def check(typed: str) -> bool | str:
        if not typed.strip():
            return True if empty_ok else required_hint(lang, unknown_ok)
        problems = check_scalar("text", spec, typed.strip(), [], lang)
        return f"{short_typed(typed)}: {problems[0][1]}" if problems else True

    return check


def yes_no(ui: Ui) -> list[tuple[str, Any]]:
    return [(ui.t("yes"), True), (ui.t("no"), False)]


def ask_field(
    ui: Ui,
    bank: Bank,
    spec: Field_,
    current: Any,
    known: dict[str, Any],
    *,
    new: bool = False,
) -> Any:
    """One cell of a record row; None when an optional cell is left empty.

    In a new row a choice starts on the first option; in an edited row on the cell's value,
    "not given" included.

    ``?`` shows the field's help; the whole-question keys (don't know, back) belong to the
    row menu, not to a single cell.
    """
    label = text(spec.label, ui.lang)
    unit = text(spec.unit, ui.lang)
    optional = not spec.required
    hint_parts = [p for p in (unit, range_text(spec.min, spec.max, ui.lang)) if p]
    if optional:
        hint_parts.append(ui.t("enter_skips"))
    instruction = f"({', '.join(hint_parts)})" if hint_parts else None
    while True:
        if spec.type in ("choice", "yesno"):
            options: list[tuple[str, Any]]
            if spec.type == "choice":
                options = [
                    (text(c.label, ui.lang), c.value) for c in choices_for(bank, spec, known)
                ]
            else:
                options = yes_no(ui)
            if optional:
                options.append((ui.t("not_given"), None))
            default = NO_DEFAULT if new else current
            result = ask_select(ui, label, options, default=default, specials=(Special.HELP,))
        elif types.get(spec.type).numeric:
            result = ask_text(
                ui,
                label,
                default=number_text(current, ui.lang),
                validate=number_validator(
                    spec.type, spec, ui.lang, empty_ok=optional, unknown_ok=False
                ),
                instruction=instruction,
                specials=(Special.HELP,),
                shown=echoed_number(spec.type, spec, ui.lang),
            )
            if isinstance(result, str):
                result = to_number(spec.type, result, spec) if result.strip() else None
        else:
            result = ask_text(
                ui,
                label,
                default=str(current) if isinstance(current, (str, int, float)) else "",
                validate=text_validator(spec, ui.lang, empty_ok=optional, unknown_ok=False),
                instruction=instruction,
                specials=(Special.HELP,),
            )
            if isinstance(result, str):
                result = result.strip() or None
        if result is Special.HELP:
            ui.say(text(spec.help, ui.lang) or ui.t(f"hint_{spec.type}"), style="italic")
            continue
        return result


__all__ = ["KEYS", "Asking", "Special", "ask_field", "ask_note", "choices_for", "show_help"]
