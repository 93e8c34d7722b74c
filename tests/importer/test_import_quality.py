"""Data-quality findings: each doubt an export can hide becomes a stated line, and every
catalogue key the import can say exists in both languages."""

from __future__ import annotations

import re
from pathlib import Path

from cc_rfp import i18n
from cc_rfp.commands.import_ import read_all, say
from cc_rfp.importer.buckets import Options

HEADER = "Interval Start;Queue Name;Media Type;Offered;Answered;Abandoned;Avg Handle;ASA\n"


def _keys(derived) -> dict[str, dict]:
    return {f.key: f.values for f in derived.findings}


def test_interval_doubts_are_stated(tmp_path: Path) -> None:
    rows = []
    for day in range(1, 29):
        for hour in (9, 10, 11):
            offered = 10
            rows.append(f"2024-10-{day:02d}T{hour:02d}:00;Tel;voice;{offered};8;1;300;20")
    rows.append("2024-10-27T02:00;Tel;voice;1;1;0;100;5")
    rows.append("2024-10-27T02:00;Tel;voice;1;1;0;100;5")  # the repeated autumn hour
    rows.append("2024-10-03T09:00;Tel;voice;10;8;1;300;20")  # a copy outside the change
    rows = [r for r in rows if not r.startswith("2024-10-16T10")]  # a gap
    path = tmp_path / "g.csv"
    path.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    _, derived = read_all([path], Options())
    found = _keys(derived)
    assert found["import.q_mismatch"]["rows"] > 0  # 10 offered, 8 + 1 handled
    assert found["import.q_dst"] == {"repeats": 1, "missing": 0}
    assert found["import.q_repeats"] == {"count": 1}
    assert found["import.q_intervals"]["gap"] == 1
    assert "import.q_short_period" in found


def test_contact_doubts_are_stated(tmp_path: Path) -> None:
    lines = ["Datum;Tid;Kö;Samtals-ID;Utfall;Kötid;Samtalstid;Efterarbete"]
    n = 0
    for day in range(1, 31):
        calls = 200 if day == 15 else 10
        for i in range(calls):
            n += 1
            outcome = ("Besvarat", "Avbrutet", "Röstbrevlåda", "Konstigt")[i % 4]
            wait = "00:02" if outcome == "Avbrutet" else "01:00"
            lines.append(f"2024-04-{day:02d};10:{i % 60:02d};Tel;id{n};{outcome};{wait};02:00;30")
    lines.append(f"2024-04-02;11:00;Växel 2;id{n};Besvarat;00:10;01:00;10")  # transferred
    path = tmp_path / "p.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _, derived = read_all([path], Options())
    found = _keys(derived)
    assert found["import.q_transfers"] == {"count": 1}
    assert found["import.q_short_kept"]["count"] == sum(1 for ln in lines if ";Avbrutet;" in ln)
    assert "'Konstigt'" in found["import.q_unknown_outcome"]["values"]
    assert found["import.q_outliers"]["days"].startswith("2024-04-15")
    phone = derived.channels["phone"]
    assert phone.patience is not None and phone.patience > 0
    _, dropped = read_all([path], Options(drop_short_abandons=True))
    assert dropped.channels["phone"].abandoned == 0
    assert "import.q_short_dropped" in _keys(dropped)


def test_every_phrase_the_import_can_say_exists_in_both_languages(tmp_path: Path) -> None:
    sources = Path(__file__).resolve().parents[2] / "src" / "cc_rfp"
    code = "".join(
        p.read_text(encoding="utf-8")
        for p in [*sources.joinpath("importer").glob("*.py"), sources / "commands" / "import_.py"]
    )
    used = set(re.findall(r"[\"'](import\.[a-z_]+)[\"']", code))
    catalogue = {k for k in i18n.entries() if k.startswith("import.")}
    assert used and used <= catalogue, sorted(used - catalogue)
    for key in used:
        for lang in ("sv", "en"):
            assert i18n.entries()[key][lang].strip()


def test_findings_read_in_both_languages(tmp_path: Path) -> None:
    path = tmp_path / "g.csv"
    path.write_text(HEADER + "2024-10-01T09:00;Tel;voice;10;8;1;300;20\n", encoding="utf-8")
    _, derived = read_all([path], Options())
    for finding in derived.findings:
        assert say(finding, "sv") != say(finding, "en")
