"""A compact question bank for the interview tests: every question type and section shape.

Kept in code (not the full bank) so the tests do not depend on the content engineers' wording;
it still uses the ids the document and staffing read (docs/bank-ids.md) so rendering works.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cc_rfp.interview.ask import Ui

HOURS = "\n".join(
    f'      - {{value: "h{h:02d}", label: {{sv: "{span}", en: "{span}"}}}}'
    for h, span in ((h, f"{h:02d}–{h + 1:02d}") for h in range(24))
)

BANK_YAML = """\
version: 1
guide_points:
  G1: {sv: "Om företaget", en: "About the company"}
keysets:
  - id: months
    keys:
      - {value: jan, label: {sv: jan, en: Jan}}
      - {value: feb, label: {sv: feb, en: Feb}}
      - {value: mar, label: {sv: mar, en: Mar}}
      - {value: apr, label: {sv: apr, en: Apr}}
      - {value: may, label: {sv: maj, en: May}}
      - {value: jun, label: {sv: jun, en: Jun}}
      - {value: jul, label: {sv: jul, en: Jul}}
      - {value: aug, label: {sv: aug, en: Aug}}
      - {value: sep, label: {sv: sep, en: Sep}}
      - {value: oct, label: {sv: okt, en: Oct}}
      - {value: nov, label: {sv: nov, en: Nov}}
      - {value: dec, label: {sv: dec, en: Dec}}
  - id: weekdays
    keys:
      - {value: mon, label: {sv: måndag, en: Monday}}
      - {value: tue, label: {sv: tisdag, en: Tuesday}}
      - {value: wed, label: {sv: onsdag, en: Wednesday}}
      - {value: thu, label: {sv: torsdag, en: Thursday}}
      - {value: fri, label: {sv: fredag, en: Friday}}
      - {value: sat, label: {sv: lördag, en: Saturday}}
      - {value: sun, label: {sv: söndag, en: Sunday}}
  - id: hours
    keys:
@HOURS@
  - id: requirement_levels
    keys:
      - {value: mandatory, label: {sv: Ska-krav, en: Mandatory}}
      - {value: desirable, label: {sv: Bör-krav, en: Desirable}}
  - id: measurement_intervals
    keys:
      - {value: half_hour, label: {sv: per halvtimme, en: per half hour}}
      - {value: month, label: {sv: per månad, en: per month}}
  - id: report_frequencies
    keys:
      - {value: weekly, label: {sv: veckovis, en: weekly}}
      - {value: monthly, label: {sv: månadsvis, en: monthly}}
kpi_catalogue:
  - id: service_level
    name: {sv: Servicegrad, en: Service level}
    definition: {sv: Andel besvarade inom y sekunder., en: Share answered within y seconds.}
    targets: [percent, seconds]
    channels: [phone, chat]
  - id: asa
    name: {sv: Snittsvarstid, en: Average speed of answer}
    definition: {sv: Genomsnittlig kötid., en: Average queue time.}
    targets: [seconds]
    direction: at_most
sections:
  - id: tender
    title: {sv: Om upphandlingen, en: About the tender}
    intro: {sv: "Grunduppgifter.", en: "The basics."}
    questions:
      - id: buyer_name
        type: text
        required: true
        text: {sv: "Vad heter företaget?", en: "What is the company called?"}
        help: {sv: "Det juridiska namnet.", en: "The legal name."}
      - id: bid_deadline
        type: date
        text: {sv: "Sista dag för anbud?", en: "Bid deadline?"}
  - id: company
    title: {sv: Företaget, en: The company}
    questions:
      - id: business_idea
        type: longtext
        guide: [G1]
        text: {sv: "Beskriv affärsidén.", en: "Describe the business idea."}
      - id: channels
        type: multichoice
        required: true
        text: {sv: "Vilka kanaler?", en: "Which channels?"}
        choices:
          - {value: phone, label: {sv: Telefon, en: Phone}}
          - {value: email, label: {sv: E-post, en: Email}}
          - {value: chat, label: {sv: Chatt, en: Chat}}
      - id: case_types
        type: records
        text: {sv: "Ärendetyper", en: "Case types"}
        sum_field: share
        sum: 100
        fields:
          - {id: name, type: text, label: {sv: Namn, en: Name}, required: true}
          - {id: share, type: percent, label: {sv: Andel, en: Share}}
          - id: aht_seconds
            type: integer
            label: {sv: Tid, en: Time}
            unit: {sv: s, en: s}
            min: 1
          - {id: channel, type: choice, label: {sv: Kanal, en: Channel}, choices_from: channels}
      - id: has_survey
        type: yesno
        text: {sv: "Finns kundundersökning?", en: "Is there a customer survey?"}
      - id: survey_tool
        type: text
        when: "has_survey"
        text: {sv: "Vilket verktyg?", en: "Which survey tool?"}
      - id: agents_now
        type: integer
        min: 0
        unit: {sv: personer, en: people}
        text: {sv: "Antal agenter idag?", en: "Agents today?"}
  - id: volumes
    title: {sv: Volymer, en: Volumes}
    questions:
      - id: volume_phone
        type: table
        keys: months
        when: "'phone' in channels"
        text: {sv: "Samtal per månad", en: "Calls per month"}
      - id: aht_phone
        type: integer
        when: "'phone' in channels"
        min: 1
        max: 7200
        unit: {sv: sekunder, en: seconds}
        text: {sv: "Hanteringstid per samtal?", en: "Handling time per call?"}
      - id: current_answer_rate
        type: percent
        text: {sv: "Svarsfrekvens idag?", en: "Answer rate today?"}
      - id: weekday_share
        type: table
        keys: weekdays
        sum: 100
        text: {sv: "Andel per veckodag", en: "Share per weekday"}
      - id: intraday_share
        type: table
        keys: hours
        sum: 100
        unit: {sv: "% av dygnet", en: "% of the day"}
        text: {sv: "Andel per timme", en: "Share per hour"}
  - id: purpose
    title: {sv: Syfte, en: Purpose}
    questions:
      - id: purpose_ranking
        type: ranking
        text: {sv: "Rangordna syftena", en: "Rank the purposes"}
        choices:
          - {value: satisfaction, label: {sv: Nöjdare kunder, en: Happier customers}}
          - {value: cost, label: {sv: Lägre kostnad, en: Lower cost}}
          - {value: growth, label: {sv: Tillväxt, en: Growth}}
  - id: service
    title: {sv: Tjänsten, en: The service}
    questions:
      - id: opening_hours
        type: hours
        channels_from: channels
        text: {sv: "Öppettider", en: "Opening hours"}
  - id: kpis
    title: {sv: Mål och bemanning, en: Targets and staffing}
    questions:
      - id: kpi_targets
        type: kpis
        channels_from: channels
        text: {sv: "KPI-mål", en: "KPI targets"}
      - id: chat_concurrency
        type: decimal
        when: "'chat' in channels"
        text: {sv: "Samtidiga chattar per agent?", en: "Concurrent chats per agent?"}
        min: 1
        max: 6
        default: 2
      - id: fte_hours_per_week
        type: decimal
        default_expr: "37 if agents_now and agents_now > 10 else 40"
        text: {sv: "Timmar per heltid och vecka?", en: "Hours per FTE and week?"}
  - id: processes
    title: {sv: Arbetssätt, en: Ways of working}
    questions:
      - id: sourcing_model
        type: choice
        text: {sv: "Partner eller leverantör?", en: "Partner or supplier?"}
        choices:
          - {value: partner, label: {sv: Partner, en: Partner}}
          - {value: supplier, label: {sv: Leverantör, en: Supplier}}
""".replace("@HOURS@", HOURS)


def write_bank(folder: Path) -> Path:
    path = folder / "bank.yaml"
    path.write_text(BANK_YAML, encoding="utf-8")
    return path


def renderable_bank_yaml() -> str:
    """The compact bank plus every other built-in question, switched off (``when: "false"``).

    The document templates read many ids by name; with them present but never applicable
    the interview stays short and the tender still renders.
    """

    import yaml_data

    from cc_rfp.io.resources import bank_path

    full = yaml_data.load(bank_path().read_text(encoding="utf-8"))
    small = yaml_data.load(BANK_YAML)
    small_sections = {s["id"]: s for s in small["sections"]}
    small_ids = {q["id"] for s in small["sections"] for q in s["questions"]}
    assert set(small_sections) <= {s["id"] for s in full["sections"]}
    sections = []
    for section in full["sections"]:
        questions = list(small_sections.get(section["id"], {}).get("questions", []))
        for question in section["questions"]:
            if question["id"] not in small_ids:
                off = {k: v for k, v in question.items() if k != "default_expr"}
                questions.append({**off, "when": "false"})
        mine = small_sections.get(section["id"], section)
        sections.append({**section, "title": mine["title"], "questions": questions})
    merged = {
        "version": small["version"],
        "guide_points": {**full["guide_points"], **small["guide_points"]},
        "keysets": full["keysets"],
        "kpi_catalogue": full["kpi_catalogue"],
        "sections": sections,
    }
    return yaml_data.dump(merged, allow_unicode=True, sort_keys=False)


def write_renderable_bank(folder: Path) -> Path:
    path = folder / "bank.yaml"
    path.write_text(renderable_bank_yaml(), encoding="utf-8")
    return path


# --------------------------------------------------------------------------- driving prompts

ENTER = "\r"
DOWN = "\x1b[B"
UP = "\x1b[A"
SPACE = " "
CTRL_C = "\x03"
CTRL_D = "\x04"
CLEAR = "\x15"  # Ctrl-U: clear the line (a default is pre-filled)


def line(text: str) -> str:
    """Replace whatever the prompt shows with ``text`` and press Enter."""
    return CLEAR + text + ENTER


class Screen:
    """What the person saw: the rich console text and the prompts' own rendering."""

    def __init__(self) -> None:
        import io

        self.console_file = io.StringIO()
        self.prompt_file = io.StringIO()

    @property
    def console(self) -> str:
        return self.console_file.getvalue()

    @property
    def prompts(self) -> str:
        """The prompt_toolkit output without escape sequences (validation messages land here)."""
        import re

        raw = self.prompt_file.getvalue()
        return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Z0-9]|\x1b[=>]", "", raw)

    @property
    def all(self) -> str:
        return self.console + self.prompts


@contextmanager
def driven(keys: str, lang: str = "en") -> Iterator[tuple[Ui, Screen]]:
    """A Ui whose prompts read ``keys`` from a pipe, as questionary's own tests do.

    The pipe is closed after the keys, so a test that runs out of keys fails fast with
    EOFError (the interview's "stop") instead of hanging.
    """
    from prompt_toolkit.data_structures import Size
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output.vt100 import Vt100_Output
    from rich.console import Console

    from cc_rfp.interview.ask import Ui

    screen = Screen()
    with create_pipe_input() as pipe:
        pipe.send_text(keys)
        pipe.close()
        output = Vt100_Output(
            screen.prompt_file, lambda: Size(rows=40, columns=80), term="xterm", enable_cpr=False
        )
        console = Console(file=screen.console_file, width=80, color_system=None, highlight=False)
        yield Ui(lang=lang, console=console, input=pipe, output=output), screen


# --------------------------------------------------------------------------- a whole interview

WEEK = {d: "08:00-17:00" for d in ("mon", "tue", "wed", "thu", "fri")} | {
    "sat": "closed",
    "sun": "closed",
}
INTRADAY = [0] * 8 + [10] * 9 + [5] * 2 + [0] * 5

FULL_ANSWERS: dict[str, object] = {
    "buyer_name": "Acme AB",
    "bid_deadline": "2025-09-30",
    "business_idea": "We sell shoes.",
    "channels": ["phone", "chat"],
    "case_types": [
        {"name": "Orders", "share": 60, "aht_seconds": 180, "channel": "phone"},
        {"name": "Returns", "share": 40, "channel": "chat"},
    ],
    "has_survey": True,
    "survey_tool": "Qualtrics",
    "agents_now": 12,
    "volume_phone": dict.fromkeys(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 100
    ),
    "aht_phone": 240,
    "current_answer_rate": 85,
    "weekday_share": {"mon": 20, "tue": 20, "wed": 20, "thu": 20, "fri": 10, "sat": 5, "sun": 5},
    "intraday_share": {f"h{h:02d}": v for h, v in enumerate(INTRADAY)},
    "purpose_ranking": ["satisfaction", "cost", "growth"],
    "opening_hours": {"phone": WEEK, "chat": WEEK},
    "kpi_targets": [
        {
            "kpi": "service_level",
            "channel": "phone",
            "percent": 80,
            "seconds": 20,
            "level": "mandatory",
            "interval": "half_hour",
            "reporting": "weekly",
        }
    ],
    "chat_concurrency": 2,
    "fte_hours_per_week": 37,
    "sourcing_model": "partner",
}
"""What FULL_WALK types, as the answers file holds it."""

FULL_WALK: list[tuple[str, str]] = [
    ("buyer_name", "Acme AB" + ENTER),
    ("bid_deadline", "2025-09-30" + ENTER),
    ("business_idea", "We sell shoes." + ENTER + ENTER),
    ("channels", SPACE + DOWN + DOWN + SPACE + ENTER),
    (
        "case_types",
        ENTER
        + "Orders"
        + ENTER
        + "60"
        + ENTER
        + "180"
        + ENTER
        + ENTER
        + UP
        + UP
        + UP
        + ENTER
        + "Returns"
        + ENTER
        + "40"
        + ENTER
        + ENTER
        + DOWN
        + ENTER
        + ENTER,
    ),
    ("has_survey", ENTER),
    ("survey_tool", "Qualtrics" + ENTER),
    ("agents_now", "12" + ENTER),
    ("volume_phone", ENTER + " ".join(["100"] * 12) + ENTER + ENTER),
    ("aht_phone", "240" + ENTER),
    ("current_answer_rate", "85" + ENTER),
    ("weekday_share", ENTER + "20 20 20 20 10 5 5" + ENTER + ENTER),
    ("intraday_share", ENTER + " ".join(map(str, INTRADAY)) + ENTER + ENTER),
    ("purpose_ranking", ENTER + ENTER),
    ("opening_hours", ENTER + ENTER),
    (
        "kpi_targets",
        ENTER
        + ENTER
        + DOWN
        + ENTER
        + "80"
        + ENTER
        + "20"
        + ENTER
        + ENTER
        + ENTER
        + ENTER
        + ENTER
        + ENTER,
    ),
    ("chat_concurrency", ENTER),
    ("fte_hours_per_week", ENTER),
    ("sourcing_model", ENTER),
]
"""Keys that answer the compact bank from an empty file, question by question."""


def keys_until(qid: str) -> str:
    """The FULL_WALK keys for every question before ``qid``."""
    ids = [q for q, _ in FULL_WALK]
    return "".join(keys for _, keys in FULL_WALK[: ids.index(qid)])


def all_keys() -> str:
    return "".join(keys for _, keys in FULL_WALK)
