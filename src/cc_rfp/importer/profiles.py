"""Which system wrote a file, told from its headers, and what each column means.

A profile names, for each field the import understands, the headers that system uses for it
(compared loosely: case, punctuation and spacing do not matter), how its outcome and media
values map to answered / abandoned / other and to channels, and whether its timestamps are
UTC. The headers are those of the exports as documented by each vendor at the time of
writing; a column a client's version names otherwise is mapped with ``--map field=Header``.

Fields of an interval file (one row per queue and interval): ``start`` (or ``date`` and
``time``), ``queue``, ``media``, ``offered``, ``answered``, ``abandoned``,
``abandoned_short``, ``answered_in_sl``, ``sl_percent``, handle time as ``handle_total`` or
``handle_avg`` (or its parts ``talk_total``/``talk_avg``, ``hold_avg``, ``acw_total``/
``acw_avg``), waits as ``wait_total`` (of answered contacts) or ``asa``.
Fields of a per-contact log (one row per call, chat or ticket): ``start`` (or ``date`` and
``time``), ``queue``, ``media``, ``id``, ``direction``, ``outcome``, ``wait``, ``talk``,
``hold``, ``acw``, ``handle``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cc_rfp.errors import InputError
from cc_rfp.importer.parse import normalise_header

INTERVAL, CONTACT = "interval", "contact"

INTERVAL_FIELDS = (
    "start", "date", "time", "queue", "media", "offered", "answered", "abandoned",
    "abandoned_short", "answered_in_sl", "sl_percent", "handle_total", "handle_avg",
    "talk_total", "talk_avg", "hold_avg", "acw_total", "acw_avg", "wait_total", "asa",
)  # fmt: skip
CONTACT_FIELDS = (
    "start", "date", "time", "queue", "media", "id", "direction", "outcome", "wait",
    "talk", "hold", "acw", "handle",
)  # fmt: skip
COUNT_FIELDS = ("offered", "answered", "abandoned")

ANSWERED, ABANDONED, OTHER, SKIP = "answered", "abandoned", "other", "skip"
"""Outcomes: ``other`` is offered to the queue but neither answered nor abandoned (voicemail,
callback, overflow, time-out); ``skip`` never reached a queue (left in the IVR)."""

OUTCOMES: dict[str, str] = {
    **dict.fromkeys(
        ("answered", "completed", "handled", "connected", "agent joined conference",
         "transferred agent", "besvarat", "besvarad", "besvarade", "kopplat"),
        ANSWERED,
    ),
    **dict.fromkeys(
        ("abandoned", "abandoned in queue", "abandoned_in_queue", "disconnected", "hung up",
         "avbrutet", "avbruten", "avbrutna", "lade på", "ej besvarat", "obesvarat"),
        ABANDONED,
    ),
    **dict.fromkeys(
        ("voicemail", "abandoned in voicemail", "abandoned_in_voicemail", "callback",
         "missed", "timed out", "overflown", "overflow", "failed", "transferred",
         "röstbrevlåda", "röstbrevlada", "återuppringning", "missat", "vidarekopplat",
         "tidsgräns"),
        OTHER,
    ),
    **dict.fromkeys(("abandoned in ivr", "abandoned_in_ivr", "ivr", "avbrutet i ivr"), SKIP),
}  # fmt: skip
"""Outcome values across systems; "missed" and "ej besvarat" are the ambiguous ones (the
summary says which way they were read)."""

MEDIA: dict[str, str] = {
    "voice": "phone", "call": "phone", "phone": "phone", "telefon": "phone", "callback": "phone",
    "samtal": "phone", "chat": "chat", "chatt": "chat", "webchat": "chat", "email": "email",
    "e mail": "email", "e post": "email", "epost": "email", "mail": "email", "portal": "email",
    "web": "email", "webbformulär": "email", "feedback widget": "email", "sms": "sms",
    "message": "sms", "whatsapp": "sms", "social": "social", "facebook": "social",
    "twitter": "social", "instagram": "social", "sociala medier": "social",
}  # fmt: skip
"""Media types and ticket sources as channels (web forms count as e-mail, as the bank asks)."""

INBOUND = frozenset({"inbound", "incoming", "in", "inkommande", "ingående"})


@dataclass(frozen=True)
class Profile:
    """One system's export: its shape, headers per field, and how its values read."""

    key: str
    name: str
    shape: str
    headers: dict[str, tuple[str, ...]]
    channel: str | None = None
    """Every row is this channel (a phone system's call log)."""
    utc: bool = False
    """Timestamps without an offset are UTC (the header says so)."""
    positions: tuple[str, ...] = ()
    """A header-less format: the field of each column, in order."""
    notes: tuple[str, ...] = ()
    """Catalogue keys of what this export's definitions mean for the figures."""
    markers: tuple[str, ...] = field(default=())
    """Headers only this system writes; they decide between profiles that both fit."""

    def columns(self, header: list[str]) -> dict[str, int]:
        """Field -> column index for the headers of a file (first match wins)."""
        index = {normalise_header(h): i for i, h in reversed(list(enumerate(header)))}
        found: dict[str, int] = {}
        for name, aliases in self.headers.items():
            for alias in aliases:
                if normalise_header(alias) in index:
                    found[name] = index[normalise_header(alias)]
                    break
        return found

    def missing(self, columns: dict[str, int]) -> list[str]:
        """The fields this file lacks that the import needs, named as this system names them."""
        gaps: list[str] = []
        if "start" not in columns and not {"date", "time"} <= set(columns):
            gaps.append(self._say("start") if "start" in self.headers else "date + time")
        if self.shape == INTERVAL and not any(f in columns for f in COUNT_FIELDS):
            gaps.append(" / ".join(self._say(f) for f in COUNT_FIELDS if f in self.headers))
        return gaps

    def _say(self, name: str) -> str:
        aliases = self.headers.get(name)
        return f"'{aliases[0]}'" if aliases else name

    def score(self, columns: dict[str, int]) -> float:
        """How well a file's headers fit: matched share of this profile's fields, markers
        counting double."""
        total = len(self.headers) + len(self.markers)
        hit = len(columns) + sum(1 for m in self.markers if m in columns)
        return hit / total if total else 0.0


def _p(**headers: tuple[str, ...] | str) -> dict[str, tuple[str, ...]]:
    return {k: (v,) if isinstance(v, str) else v for k, v in headers.items()}


PROFILES: tuple[Profile, ...] = (
    Profile(
        "genesys", "Genesys Cloud (queue performance, intervals)", INTERVAL,
        _p(start="Interval Start", queue=("Queue Name", "Queue"), media="Media Type",
           offered=("Offered", "Offer"), answered=("Answered", "Answer"),
           abandoned=("Abandoned", "Abandon"), handle_avg="Avg Handle", talk_avg="Avg Talk",
           hold_avg="Avg Hold", acw_avg="Avg ACW", asa="ASA", sl_percent="Service Level %"),
        notes=("import.note_genesys",), markers=("media",),
    ),
    Profile(
        "nice_iex", "NICE IEX (pipe-delimited interval file)", INTERVAL,
        _p(date="Date", time="Period Start", queue="Queue", offered="Calls Offered",
           answered="Calls Handled", abandoned="Calls Abandoned", handle_avg="AHT",
           asa="ASA", sl_percent="SL %"),
        notes=("import.note_iex",),
    ),
    Profile(
        "calabrio", "Calabrio queue import (header-less, semicolon)", INTERVAL, {},
        positions=("interval", "date", "time", "queue", "offered", "answered",
                   "answered_in_sl", "abandoned", "abandoned_short", "talk_total",
                   "acw_total", "wait_total"),
        notes=("import.note_calabrio",),
    ),
    Profile(
        "puzzel", "Puzzel (interval statistics)", INTERVAL,
        _p(start=("Period", "Intervall", "Interval"), queue=("Queue", "Kö"),
           offered=("Offered", "Erbjudna", "Inkommande"), answered=("Answered", "Besvarade"),
           abandoned=("Abandoned", "Ej besvarade", "Avbrutna"),
           answered_in_sl=("Answered within SL", "Besvarade inom SL"),
           asa=("Avg wait time answered", "Snitt kötid besvarade"),
           talk_avg=("Avg talk time", "Snitt samtalstid"),
           acw_avg=("Avg wrap-up time", "Snitt efterarbete")),
        notes=("import.note_puzzel",),
    ),
    Profile(
        "zendesk_talk", "Zendesk Talk (call export)", CONTACT,
        _p(start="created_at", id="id", direction="direction", outcome="completion_status",
           wait="wait_time", talk="talk_time", hold="hold_time", acw="wrap_up_time",
           queue="line"),
        channel="phone", notes=("import.note_zendesk",), markers=("outcome",),
    ),
    Profile(
        "freshcaller", "Freshcaller (call log)", CONTACT,
        _p(id="Call Id", start="Created At", direction="Direction", outcome="Call Status",
           queue="Queue", wait="Wait Time", talk="Talk Time", hold="Hold Time",
           acw="Wrap Up Time"),
        channel="phone", markers=("outcome",),
    ),
    Profile(
        "freshdesk", "Freshdesk (ticket export)", CONTACT,
        _p(id="Ticket ID", start="Created time", media="Source", queue="Group",
           handle="Time tracked"),
        notes=("import.note_tickets",), markers=("media", "handle"),
    ),
    Profile(
        "teams", "Microsoft Teams (call queue historical report)", CONTACT,
        _p(queue="Call Queue Identity", start="Call Start Time (UTC)",
           outcome="Call Queue Call Result", wait="Waiting Time (Seconds)",
           talk="Call Duration (Seconds)"),
        channel="phone", utc=True, notes=("import.note_teams",), markers=("queue",),
    ),
    Profile(
        "nordic_pbx", "Nordic PBX call log (Swedish or English headers)", CONTACT,
        _p(date=("Datum", "Date"), time=("Tid", "Time"), queue=("Kö", "Queue"),
           id=("Samtals-ID", "Call ID"), outcome=("Utfall", "Status", "Result"),
           wait=("Kötid", "Wait time"), talk=("Samtalstid", "Talk time"),
           acw=("Efterarbete", "Wrap-up")),
        channel="phone", notes=("import.note_pbx",),
    ),
)  # fmt: skip


def by_key(key: str) -> Profile:
    for profile in PROFILES:
        if profile.key == key:
            return profile
    names = ", ".join(p.key for p in PROFILES)
    raise InputError(f"--profile {key}: no such profile; use one of: {names}")


def custom(mapping: str) -> Profile:
    """A profile from ``--map offered=Inkommande,answered=Besvarade,...``."""
    headers: dict[str, tuple[str, ...]] = {}
    for part in mapping.split(","):
        if not part.strip():
            continue
        name, sep, header = part.partition("=")
        name = name.strip().lower()
        if not sep or not header.strip():
            raise InputError(f"--map '{part.strip()}': write field=Header, e.g. offered=Inkommande")
        if name not in INTERVAL_FIELDS and name not in CONTACT_FIELDS:
            known = ", ".join(dict.fromkeys(INTERVAL_FIELDS + CONTACT_FIELDS))
            raise InputError(f"--map {name}: not a field the import reads; use one of: {known}")
        headers[name] = (header.strip(),)
    shape = INTERVAL if any(f in headers for f in COUNT_FIELDS) else CONTACT
    wrong = [
        f for f in headers if f not in (INTERVAL_FIELDS if shape == INTERVAL else CONTACT_FIELDS)
    ]
    if wrong:
        raise InputError(
            f"--map mixes an interval file's counts with per-contact fields ({', '.join(wrong)}); "
            "map one shape"
        )
    return Profile("map", "--map", shape, headers)


def detect(header: list[str], name: str) -> tuple[Profile, dict[str, int]]:
    """The profile that fits these headers best; one line naming what is missing if none."""
    fits: list[tuple[float, Profile, dict[str, int]]] = []
    near: list[tuple[float, Profile, list[str]]] = []
    for profile in PROFILES:
        if profile.positions:
            continue
        columns = profile.columns(header)
        gaps = profile.missing(columns)
        if gaps:
            near.append((profile.score(columns), profile, gaps))
        else:
            fits.append((profile.score(columns), profile, columns))
    if fits:
        fits.sort(key=lambda fit: -fit[0])
        return fits[0][1], fits[0][2]
    near.sort(key=lambda n: -n[0])
    _, closest, gaps = near[0]
    raise InputError(
        f"{name}: no column for {' and '.join(gaps)} (closest profile: {closest.name}); "
        "name the columns with --map start=…,offered=…,answered=…,abandoned=…"
    )
