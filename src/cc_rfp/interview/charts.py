"""Small bar charts for the terminal, so a pasted curve can be checked at a glance.

Plain characters only (no colour needed), so they read the same with NO_COLOR and in a
transcript; at most ``width`` columns wide so an 80-column terminal never wraps them.
"""

from __future__ import annotations

from cc_rfp.core.values import format_number

EIGHTHS = " ▏▎▍▌▋▊▉█"
LEVELS = " ▁▂▃▄▅▆▇█"
ASCII_EIGHTHS = "        #"
"""For a terminal that cannot show block characters: whole cells only, as ``#``."""
ASCII_LEVELS = " ....::##"


def _value(value: float, lang: str, unit: str) -> str:
    decimals = 0 if float(value).is_integer() else 1
    return format_number(value, lang, decimals) + (f" {unit}" if unit else "")


def bar_chart(
    labels: list[str],
    values: list[float],
    *,
    lang: str,
    unit: str = "",
    width: int = 80,
    plain: bool = False,
) -> list[str]:
    """One horizontal bar per key: ``label  ████▌  12,5 %``."""
    if not values:
        return []
    label_width = max(len(label) for label in labels)
    texts = [_value(v, lang, unit) for v in values]
    value_width = max(len(x) for x in texts)
    bar_width = max(8, min(50, width - label_width - value_width - 4))
    top = max(max(values), 0)
    lines = []
    for label, value, shown in zip(labels, values, texts, strict=True):
        eighths = round(max(value, 0) / top * bar_width * 8) if top > 0 else 0
        steps = ASCII_EIGHTHS if plain else EIGHTHS
        bar = steps[8] * (eighths // 8) + (steps[eighths % 8] if eighths % 8 else "")
        bar = bar.rstrip()
        lines.append(f"{label:<{label_width}}  {bar:<{bar_width}}  {shown:>{value_width}}")
    return lines


def column_chart(
    labels: list[str],
    values: list[float],
    *,
    lang: str,
    unit: str = "",
    height: int = 6,
    plain: bool = False,
) -> list[str]:
    """Vertical columns for many keys (24 hours): three characters per key, ``height`` rows."""
    if not values:
        return []
    top = max(max(values), 0)
    cells = [round(max(v, 0) / top * height * 8) if top > 0 else 0 for v in values]
    lines = []
    scale = _value(top, lang, unit)
    for row in range(height, 0, -1):
        floor = (row - 1) * 8
        line = ""
        for cell in cells:
            part = min(max(cell - floor, 0), 8)
            line += " " + (ASCII_LEVELS if plain else LEVELS)[part] * 2
        prefix = scale if row == height else ""
        lines.append(f"{line}  {prefix}".rstrip())
    lines.append("".join(f" {label[:2]:>2}" for label in labels))
    return lines


def chart(
    labels: list[str],
    values: list[float],
    *,
    lang: str,
    unit: str = "",
    width: int = 80,
    plain: bool = False,
) -> list[str]:
    """A bar chart that fits: horizontal bars up to 12 keys, columns beyond."""
    scale = _value(max(values, default=0), lang, unit)
    if len(values) <= 12 or len(values) * 3 + 2 + len(scale) > width:
        return bar_chart(labels, values, lang=lang, unit=unit, width=width, plain=plain)
    return column_chart(labels, values, lang=lang, unit=unit, plain=plain)
