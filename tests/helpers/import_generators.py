"""A known synthetic year of contacts, and writers for each export format the import reads.

``synthetic_year`` makes every contact of 2024 (phone queues and, optionally, chat and e-mail)
from a seeded random source; ``truth`` computes the figures the import must find straight
from that list, by plain counting written independently of the importer. Each ``write_*``
writes the same contacts the way one system exports them: per-contact logs row by row,
interval files aggregated per queue and interval (averages with enough decimals that totals
come back within rounding).
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

STOCKHOLM = ZoneInfo("Europe/Stockholm")
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True)
class Contact:
    id: str
    start: dt.datetime  # local time, naive
    queue: str
    channel: str
    outcome: str  # answered, abandoned, voicemail
    wait: int
    talk: int
    hold: int
    acw: int

    @property
    def handle(self) -> int:
        return self.talk + self.hold + self.acw


def synthetic_year(
    seed: int = 7, *, year: int = 2024, per_day: int = 24, channels: tuple[str, ...] = ("phone",)
) -> list[Contact]:
    """Contacts over a whole year: weekdays 08–18 busier in the morning, Saturday 10–14."""
    rng = random.Random(seed)
    queues = {
        "phone": ("Kundtjänst Tel", "Support Tel"),
        "chat": ("Webbchatt",),
        "email": ("E-post",),
    }
    out: list[Contact] = []
    day = dt.date(year, 1, 1)
    number = 0
    while day.year == year:
        weekday = day.weekday()
        season = 1.3 if day.month in (11, 12) else 1.0
        for channel in channels:
            if weekday == 6:
                count = 1  # one contact keeps every day in the file's period
                hours = (11, 12)
            elif weekday == 5:
                count = max(int(per_day * 0.3 * season), 1)
                hours = (10, 14)
            else:
                count = int(per_day * season * (1.2 if weekday == 0 else 1.0))
                hours = (8, 18)
            for _ in range(count):
                hour = min(int(rng.triangular(hours[0], hours[1], hours[0] + 2)), hours[1] - 1)
                start = dt.datetime(
                    day.year, day.month, day.day, hour, rng.randrange(60), rng.randrange(60)
                )
                roll = rng.random()
                outcome = (
                    "answered" if roll < 0.86 else ("abandoned" if roll < 0.97 else "voicemail")
                )
                wait = rng.randrange(0, 240) if channel != "email" else 0
                answered = outcome == "answered"
                number += 1
                out.append(
                    Contact(
                        id=f"c{number}",
                        start=start,
                        queue=rng.choice(queues[channel]),
                        channel=channel,
                        outcome=outcome if channel != "email" else "answered",
                        wait=wait,
                        talk=rng.randrange(60, 600) if answered or channel == "email" else 0,
                        hold=rng.randrange(0, 40) if answered else 0,
                        acw=rng.randrange(10, 90) if answered or channel == "email" else 0,
                    )
                )
        day += dt.timedelta(days=1)
    out.sort(key=lambda c: c.start)
    return out


def truth(contacts: list[Contact], sl_seconds: float = 20) -> dict[str, dict]:
    """The figures per channel, by plain counting (all of 2024 is the window)."""
    result: dict[str, dict] = {}
    for channel in sorted({c.channel for c in contacts}):
        mine = [c for c in contacts if c.channel == channel]
        answered = [c for c in mine if c.outcome == "answered"]
        abandoned = [c for c in mine if c.outcome == "abandoned"]
        monthly = [sum(1 for c in mine if c.start.month == m) for m in range(1, 13)]
        days = defaultdict(int)
        for c in mine:
            days[c.start.date()] += 1
        per_weekday = [0.0] * 7
        count_of = [0] * 7
        d = dt.date(2024, 1, 1)
        while d.year == 2024:
            per_weekday[d.weekday()] += days[d]
            count_of[d.weekday()] += 1
            d += dt.timedelta(days=1)
        means = [per_weekday[i] / count_of[i] for i in range(7)]
        hours = [0] * 24
        for c in mine:
            if c.start.weekday() < 5:
                hours[c.start.hour] += 1
        result[channel] = {
            "offered": len(mine),
            "answered": len(answered),
            "abandoned": len(abandoned),
            "monthly": dict(zip(MONTHS, monthly, strict=True)),
            "weekday_means": means,
            "hours": hours,
            "aht": sum(c.handle for c in answered) / len(answered),
            "asa": sum(c.wait for c in answered) / len(answered) if channel != "email" else None,
            "answer_rate": len(answered) / len(mine) * 100,
            "service_level": sum(1 for c in answered if c.wait <= sl_seconds) / len(mine) * 100,
        }
    return result


# ------------------------------------------------------------------ per-contact logs


def _csv(
    path: Path, header: list[str], rows, delimiter: str = ",", encoding: str = "utf-8"
) -> Path:
    with path.open("w", newline="", encoding=encoding) as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def _utc(local: dt.datetime) -> dt.datetime:
    return local.replace(tzinfo=STOCKHOLM).astimezone(dt.timezone.utc)


def _mmss(seconds: float) -> str:
    return f"{int(seconds) // 60:02d}:{int(seconds) % 60:02d}"


def _hhmmss(seconds: float) -> str:
    s = int(seconds)
    return f"{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}"


ZENDESK_STATUS = {
    "answered": "completed",
    "abandoned": "abandoned_in_queue",
    "voicemail": "voicemail",
}


def write_zendesk(path: Path, contacts: list[Contact]) -> Path:
    header = ["id", "created_at", "direction", "completion_status", "wait_time", "talk_time",
              "hold_time", "wrap_up_time", "line"]  # fmt: skip
    rows = [
        [c.id, _utc(c.start).strftime("%Y-%m-%dT%H:%M:%SZ"), "inbound", ZENDESK_STATUS[c.outcome],
         c.wait, c.talk, c.hold, c.acw, c.queue]
        for c in contacts
    ]  # fmt: skip
    rows.insert(5, ["x1", "2024-03-01T09:00:00Z", "outbound", "completed", 0, 100, 0, 0, "Out"])
    return _csv(path, header, rows)


FRESHCALLER_STATUS = {"answered": "Answered", "abandoned": "Abandoned", "voicemail": "Voicemail"}


def write_freshcaller(path: Path, contacts: list[Contact]) -> Path:
    header = ["Call Id", "Created At", "Direction", "Call Status", "Queue", "Wait Time",
              "Talk Time", "Hold Time", "Wrap Up Time"]  # fmt: skip
    rows = [
        [c.id, c.start.strftime("%Y-%m-%d %H:%M:%S"), "Incoming", FRESHCALLER_STATUS[c.outcome],
         c.queue, _hhmmss(c.wait), _hhmmss(c.talk), _hhmmss(c.hold), _hhmmss(c.acw)]
        for c in contacts
    ]  # fmt: skip
    return _csv(path, header, rows)


TEAMS_RESULT = {
    "answered": "agent_joined_conference",
    "abandoned": "disconnected",
    "voicemail": "timed_out",
}


def write_teams(path: Path, contacts: list[Contact]) -> Path:
    """Teams has no after-call work or hold: the call duration is talk + hold + acw here, so
    the handling time still matches the truth (the import notes the missing wrap-up column)."""
    header = ["Call Queue Identity", "Call Start Time (UTC)", "Call Queue Call Result",
              "Waiting Time (Seconds)", "Call Duration (Seconds)"]  # fmt: skip
    rows = [
        [c.queue, _utc(c.start).strftime("%Y-%m-%d %H:%M:%S"), TEAMS_RESULT[c.outcome], c.wait,
         c.handle]
        for c in contacts
    ]  # fmt: skip
    return _csv(path, header, rows)


PBX_OUTCOME = {"answered": "Besvarat", "abandoned": "Avbrutet", "voicemail": "Röstbrevlåda"}


def pbx_rows(contacts: list[Contact]) -> list[list]:
    return [
        [c.start.strftime("%Y-%m-%d"), c.start.strftime("%H:%M:%S"), c.queue, c.id,
         PBX_OUTCOME[c.outcome], _mmss(c.wait), _hhmmss(c.talk), _mmss(c.acw + c.hold)]
        for c in contacts
    ]  # fmt: skip


PBX_HEADER = ["Datum", "Tid", "Kö", "Samtals-ID", "Utfall", "Kötid", "Samtalstid", "Efterarbete"]


def write_pbx(path: Path, contacts: list[Contact]) -> Path:
    """Semicolon-separated, Windows-1252, as older Swedish PBX exports are."""
    return _csv(path, PBX_HEADER, pbx_rows(contacts), delimiter=";", encoding="cp1252")


def write_pbx_xlsx(path: Path, contacts: list[Contact]) -> Path:
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Samtal")
    sheet.append(["Samtalslogg Nordlys växel"])  # a title row above the header, as PBX reports have
    sheet.append(PBX_HEADER)
    for c in contacts:
        sheet.append(
            [c.start.date(), c.start.time(), c.queue, c.id, PBX_OUTCOME[c.outcome],
             dt.time(0, c.wait // 60, c.wait % 60), c.talk, c.acw + c.hold]
        )  # fmt: skip
    book.save(path)
    return path


FRESHDESK_SOURCE = {"email": "Email", "chat": "Chat", "phone": "Phone"}


def write_freshdesk(path: Path, contacts: list[Contact]) -> Path:
    header = ["Ticket ID", "Subject", "Created time", "Source", "Group", "Time tracked"]
    rows = [
        [c.id, "Fråga", c.start.strftime("%Y-%m-%d %H:%M:%S"), FRESHDESK_SOURCE[c.channel],
         c.queue, _hhmmss(c.handle)]
        for c in contacts
        if c.outcome == "answered"
    ]  # fmt: skip
    return _csv(path, header, rows)


# ------------------------------------------------------------------ interval files


def intervals(contacts: list[Contact], minutes: int, sl_seconds: float = 20) -> list[dict]:
    """Per queue and interval: counts and totals, every interval of the year (zero rows too)."""
    buckets: dict[tuple[str, dt.datetime], dict] = {}
    for c in contacts:
        start = c.start.replace(minute=c.start.minute - c.start.minute % minutes, second=0)
        b = buckets.setdefault((c.queue, start), defaultdict(float))
        b["channel"] = c.channel
        b["offered"] += 1
        b[c.outcome] += 1
        if c.outcome == "answered":
            b["handle"] += c.handle
            b["talk"] += c.talk
            b["hold"] += c.hold
            b["acw"] += c.acw
            b["wait"] += c.wait
            b["in_sl"] += c.wait <= sl_seconds
    rows = []
    for (queue, start), b in sorted(buckets.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        row = defaultdict(float, b)
        row.update(queue=queue, start=start)
        rows.append(row)
    return rows


def _avg(total: float, count: float) -> str:
    return f"{total / count:.4f}" if count else "0"


MEDIA = {"phone": "voice", "chat": "chat", "email": "email"}


def write_genesys(path: Path, contacts: list[Contact]) -> Path:
    header = ["Interval Start", "Interval End", "Queue Name", "Media Type", "Offered", "Answered",
              "Abandoned", "Avg Talk", "Avg Hold", "Avg ACW", "Avg Handle", "ASA",
              "Service Level %"]  # fmt: skip
    rows = []
    for r in intervals(contacts, 30):
        a = r.get("answered", 0)
        rows.append([
            r["start"].strftime("%Y-%m-%dT%H:%M:%S"),
            (r["start"] + dt.timedelta(minutes=30)).strftime("%Y-%m-%dT%H:%M:%S"),
            r["queue"], MEDIA[r["channel"]], int(r["offered"]), int(a), int(r.get("abandoned", 0)),
            _avg(r["talk"], a), _avg(r["hold"], a), _avg(r["acw"], a), _avg(r["handle"], a),
            _avg(r["wait"], a), f"{r['in_sl'] / r['offered'] * 100:.6f}",
        ])  # fmt: skip
    return _csv(path, header, rows)


def write_iex(path: Path, contacts: list[Contact]) -> Path:
    header = ["Date", "Period Start", "Time Zone", "Queue", "Calls Offered", "Calls Handled",
              "Calls Abandoned", "AHT", "ASA", "SL %"]  # fmt: skip
    rows = []
    for r in intervals(contacts, 15):
        a = r.get("answered", 0)
        rows.append([
            r["start"].strftime("%d.%m.%Y"), r["start"].strftime("%H:%M"),
            "Europe/Stockholm", r["queue"], int(r["offered"]), int(a), int(r.get("abandoned", 0)),
            _avg(r["handle"], a), _avg(r["wait"], a), f"{r['in_sl'] / r['offered'] * 100:.6f}",
        ])  # fmt: skip
    return _csv(path, header, rows, delimiter="|")


def write_calabrio(path: Path, contacts: list[Contact]) -> Path:
    """Header-less, semicolon, totals in seconds with decimal comma."""
    rows = []
    for r in intervals(contacts, 15):
        rows.append([
            "15", r["start"].strftime("%Y%m%d"), r["start"].strftime("%H:%M"), r["queue"],
            int(r["offered"]), int(r.get("answered", 0)), int(r["in_sl"]),
            int(r.get("abandoned", 0)), 0, f"{r['talk'] + r['hold']:.1f}".replace(".", ","),
            f"{r['acw']:.1f}".replace(".", ","), f"{r['wait']:.1f}".replace(".", ","),
        ])  # fmt: skip
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, delimiter=";").writerows(rows)
    return path


PUZZEL_HEADER = ["Kö", "Intervall", "Erbjudna", "Besvarade", "Ej besvarade", "Besvarade inom SL",
                 "Snitt kötid besvarade", "Snitt samtalstid", "Snitt efterarbete"]  # fmt: skip


def write_puzzel_xlsx(path: Path, contacts: list[Contact]) -> Path:
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Statistik")
    sheet.append(PUZZEL_HEADER)
    for r in intervals(contacts, 15):
        a = r.get("answered", 0)
        sheet.append([
            r["queue"], r["start"], int(r["offered"]), int(a), int(r.get("abandoned", 0)),
            int(r["in_sl"]), float(_avg(r["wait"], a)), float(_avg(r["talk"] + r["hold"], a)),
            float(_avg(r["acw"], a)),
        ])  # fmt: skip
    sheet.append(["Totalt", None, len(contacts), None, None, None, None, None, None])
    book.save(path)
    return path


def write_puzzel_csv(path: Path, contacts: list[Contact]) -> Path:
    rows = []
    for r in intervals(contacts, 15):
        a = r.get("answered", 0)
        rows.append([
            r["queue"], r["start"].strftime("%Y-%m-%d %H:%M"), int(r["offered"]), int(a),
            int(r.get("abandoned", 0)), int(r["in_sl"]),
            _avg(r["wait"], a).replace(".", ","), _avg(r["talk"] + r["hold"], a).replace(".", ","),
            _avg(r["acw"], a).replace(".", ","),
        ])  # fmt: skip
    return _csv(path, PUZZEL_HEADER, rows, delimiter=";")


def write_mapped(path: Path, contacts: list[Contact]) -> Path:
    """A system no profile knows, Swedish headers, tab-separated: read with --map."""
    header = ["Tidpunkt", "Kön", "Inkommande", "Besvarade", "Tappade", "Total hanteringstid"]
    rows = []
    for r in intervals(contacts, 60):
        rows.append([
            r["start"].strftime("%Y-%m-%d %H:%M"), r["queue"], int(r["offered"]),
            int(r.get("answered", 0)), int(r.get("abandoned", 0)), _hhmmss(r["handle"]),
        ])  # fmt: skip
    return _csv(path, header, rows, delimiter="\t")


MAPPED = (
    "start=Tidpunkt,queue=Kön,offered=Inkommande,answered=Besvarade,abandoned=Tappade,"
    "handle_total=Total hanteringstid"
)
