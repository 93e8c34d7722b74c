"""The client's week from answers: volumes per interval, sizing, findings, sensitivity."""

from __future__ import annotations

import copy
import json
import math

import pytest

from cc_rfp.core.answers import Unknown
from cc_rfp.staffing.erlang import Targets, scheduled_agents, size, traffic_erlangs
from cc_rfp.staffing.week import build_plan

MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
OFFICE = {d: "08:00-17:00" for d in WEEKDAYS[:5]} | {"sat": "closed", "sun": "closed"}
CURVE = [0] * 8 + [10, 14, 14, 12, 10, 12, 12, 10, 6] + [0] * 7  # 08–17, sums to 100


def answers(**changes):
    """A small, complete phone-only answers dict; keyword arguments replace answers."""
    base = {
        "channels": ["phone"],
        "volume_phone": {m: 8000 + 400 * i for i, m in enumerate(MONTHS)},
        "aht_phone": 300,
        "weekday_share": {
            "mon": 24,
            "tue": 20,
            "wed": 19,
            "thu": 19,
            "fri": 18,
            "sat": 0,
            "sun": 0,
        },
        "intraday_share": {f"h{h:02d}": v for h, v in enumerate(CURVE)},
        "opening_hours": {"phone": dict(OFFICE)},
        "kpi_targets": [
            {
                "kpi": "service_level",
                "channel": "phone",
                "percent": 80,
                "seconds": 20,
                "level": "mandatory",
            },
            {"kpi": "asa", "channel": "phone", "seconds": 60, "level": "desirable"},
        ],
        "shrinkage_percent": 30,
        "fte_hours_per_week": 40,
    }
    base.update(copy.deepcopy(changes))
    return base


def phone(plan_dict):
    return next(c for c in plan_dict["channels"] if c["channel"] == "phone")


def test_week_volume_and_intervals():
    plan = build_plan(None, answers(), lang="en")
    assert plan.available and plan.missing == []
    data = plan.to_dict()
    channel = phone(data)
    monthly = sum(8000 + 400 * i for i in range(12)) / 12
    weekly = monthly * 12 / 52
    assert channel["monthly_volume"] == pytest.approx(monthly)
    assert channel["weekly_volume"] == pytest.approx(weekly, abs=0.01)
    intervals = channel["intervals"]
    assert len(intervals) == 5 * 9 * 4  # five days, 08–17, quarter hours
    assert sum(i["calls"] for i in intervals) == pytest.approx(weekly, rel=1e-4)
    monday = [i for i in intervals if i["day"] == "mon"]
    assert sum(i["calls"] for i in monday) == pytest.approx(weekly * 0.24, rel=1e-4)
    nine = [i["calls"] for i in monday if i["start"].startswith("09")]
    assert len(set(nine)) == 1  # an hour's share is split evenly over its quarters
    assert nine[0] * 4 == pytest.approx(weekly * 0.24 * 0.14, rel=1e-3)


def test_each_interval_is_sized_independently():
    data = build_plan(None, answers(), lang="en").to_dict()
    for item in phone(data)["intervals"]:
        traffic = traffic_erlangs(item["calls"], 15 * 60, 300)
        expected = size(traffic, 300, Targets(service_level=0.8, answer_seconds=20, asa=60))
        assert item["agents"] == max(1, expected.agents)
        assert item["scheduled_agents"] == scheduled_agents(item["agents"], 0.3)
        assert item["service_level"] >= 0.8


def test_fte_and_agent_hours():
    data = build_plan(None, answers(), lang="en").to_dict()
    channel = phone(data)
    hours = sum(i["agents"] * i["open_minutes"] for i in channel["intervals"]) / 60
    assert channel["agent_hours"] == pytest.approx(hours, abs=0.01)
    assert channel["fte"] == pytest.approx(hours / (40 * 0.7), abs=0.01)
    assert data["totals"]["fte"] == pytest.approx(channel["fte"], abs=0.01)
    flags = build_plan(None, answers(), lang="en", shrinkage_percent=20, fte_hours=37.5)
    assert flags.to_dict()["totals"]["fte"] == pytest.approx(hours / (37.5 * 0.8), abs=0.01)


def test_interval_of_thirty_minutes():
    data = build_plan(None, answers(), lang="en", interval_minutes=30).to_dict()
    assert data["interval_minutes"] == 30
    assert len(phone(data)["intervals"]) == 5 * 9 * 2


def test_unaligned_opening_time_counts_open_minutes():
    hours = dict(OFFICE, mon="08:10-17:00")
    data = build_plan(None, answers(opening_hours={"phone": hours}), lang="en").to_dict()
    first = next(i for i in phone(data)["intervals"] if i["day"] == "mon")
    assert first["start"] == "08:00"
    assert first["open_minutes"] == 5
    # Hour 08 is open 50 of 60 minutes, so the day's shares sum to 100 − 10 · 10/60; this
    # interval gets 5 of the hour's 60 minutes of its 10 % share.
    day = phone(data)["weekly_volume"] * 0.24
    expected = day * (10 * 5 / 60) / (100 - 10 * 10 / 60)
    assert first["calls"] == pytest.approx(expected, rel=1e-3)


def test_sl_target_makes_the_asa_target_redundant():
    plan = build_plan(None, answers(), lang="en")
    text = " ".join(plan.finding_texts())
    assert "80% in 20 s is the target that decides the staffing" in text
    assert "80% in 20 s already gives an ASA of about" in text
    assert "so the 60 s ASA target has no effect" in text
    records = phone(plan.to_dict())["consistency"]
    assert [r["binding"] for r in records] == [True, False]
    assert records[1]["value_without"] < 60
    swedish = " ".join(build_plan(None, answers(), lang="sv").finding_texts())
    assert "målet för snittsvarstid på 60 s påverkar inte bemanningen" in swedish


def test_a_strict_asa_target_decides_instead():
    rows = [
        {"kpi": "service_level", "channel": "phone", "percent": 50, "seconds": 20},
        {"kpi": "asa", "channel": "phone", "seconds": 5},
    ]
    plan = build_plan(None, answers(kpi_targets=rows), lang="en")
    text = " ".join(plan.finding_texts())
    assert "an ASA of 5 s is the target that decides the staffing" in text
    assert "the 50% in 20 s service level target has no effect" in text


def test_impossible_and_unassessable_targets_are_explained():
    rows = [
        {"kpi": "service_level", "channel": "phone", "percent": 100, "seconds": 20},
        {"kpi": "service_level", "channel": "phone", "percent": 80, "seconds": 20},
        {"kpi": "abandon_rate", "channel": "phone", "percent": 5},
    ]
    plan = build_plan(None, answers(kpi_targets=rows), lang="en")
    text = " ".join(plan.finding_texts())
    assert "100% in 20 s service level target cannot be met by any number of agents" in text
    # An abandon target without today's answer rate and ASA is sized on a stated patience
    # (issue 12: a channel with one availability target is always sized), never dropped.
    data = plan.to_dict()
    assert [t["percent"] for t in phone(data)["targets"]] == [80.0, 5.0]
    assert phone(data)["model"] == "erlang_a"
    model = next(a for a in data["assumptions"] if a["code"] == "a_model_a")
    assert model["values"]["patience"] == 120.0 and "common patience" in model["text"]
    accepted = build_plan(None, answers(kpi_targets=rows, acceptable_wait_seconds=90), lang="en")
    assert phone(accepted.to_dict())["patience_seconds"] == 90.0


def test_erlang_a_from_todays_answer_rate_and_asa():
    plan = build_plan(None, answers(current_answer_rate=92, current_asa_seconds=46), lang="en")
    channel = phone(plan.to_dict())
    assert channel["model"] == "erlang_a"
    assert channel["patience_seconds"] == pytest.approx(46 / 0.08)
    assert "abandon_rate" in channel["kpis"] and "answer_rate" in channel["intervals"][0]
    assert plan.to_dict()["model"] == "erlang_a"
    erlang_c = phone(build_plan(None, answers(), lang="en").to_dict())
    assert erlang_c["model"] == "erlang_c"
    # Impatient callers who hang up shorten the queue: never more agents than Erlang C.
    assert channel["agent_hours"] <= erlang_c["agent_hours"]


def test_answered_volumes_become_offered_volumes():
    plan = build_plan(
        None,
        answers(phone_volume_basis="answered", current_answer_rate=80, current_asa_seconds=30),
        lang="en",
    )
    monthly = sum(8000 + 400 * i for i in range(12)) / 12
    assert phone(plan.to_dict())["monthly_volume"] == pytest.approx(monthly / 0.8)


def test_missing_figures_are_named():
    values = answers(opening_hours=Unknown("not decided"), aht_phone=None)
    plan = build_plan(None, values, lang="en")
    assert not plan.available
    joined = "; ".join(plan.missing)
    assert "opening_hours" in joined and "aht_phone" in joined
    data = plan.to_dict()
    assert data["available"] is False and data["missing"] == plan.missing
    assert build_plan(None, {}, lang="sv").missing == ["kanalerna (channels)"]


def test_a_channel_with_its_figures_is_sized_when_another_lacks_them():
    values = answers(
        channels=["phone", "email"],
        volume_email={m: 2600 for m in MONTHS},
        aht_email=420,
        opening_hours={},
    )
    plan = build_plan(None, values, lang="en")
    assert [c["channel"] for c in plan.to_dict()["channels"]] == ["email"]
    assert any("opening hours for Phone" in m for m in plan.missing)
    email = plan.to_dict()["channels"][0]
    workload = 2600 * 12 / 52 * 420 / 3600
    assert email["workload_hours"] == pytest.approx(workload, abs=0.01)
    assert email["fte"] == pytest.approx(workload / (40 * 0.7), abs=0.01)


def test_aht_from_case_types():
    cases = [
        {"name": "Orders", "share": 60, "aht_seconds": 200, "channel": "phone"},
        {"name": "Claims", "share": 20, "aht_seconds": 500, "channel": "phone"},
        {"name": "Returns", "share": 20, "aht_seconds": 900, "channel": "email"},
    ]
    data = build_plan(None, answers(aht_phone=None, case_types=cases), lang="en").to_dict()
    assert phone(data)["aht_seconds"] == pytest.approx((60 * 200 + 20 * 500) / 80)
    assert phone(data)["aht_source"] == "case_types"


def test_chat_places_and_concurrency():
    values = answers(
        channels=["chat"],
        volume_chat={m: 3000 for m in MONTHS},
        aht_chat=600,
        chat_concurrency=2.5,
        opening_hours={"chat": dict(OFFICE)},
        kpi_targets=[{"kpi": "service_level", "channel": "chat", "percent": 80, "seconds": 60}],
    )
    data = build_plan(None, values, lang="en").to_dict()
    chat = data["channels"][0]
    for item in chat["intervals"]:
        traffic = traffic_erlangs(item["calls"], 15 * 60, 600)
        places = size(traffic, 600, Targets(service_level=0.8, answer_seconds=60)).agents
        assert item["agents"] == max(1, math.ceil(places / 2.5))
        assert item["chat_places"] == math.floor(item["agents"] * 2.5)


def test_channelless_target_applies_to_each_realtime_channel():
    values = answers(
        channels=["phone", "chat"],
        volume_chat={m: 1000 for m in MONTHS},
        aht_chat=500,
        opening_hours={"phone": dict(OFFICE), "chat": dict(OFFICE)},
        kpi_targets=[
            {"kpi": "service_level", "percent": 80, "seconds": 30},
            {"kpi": "service_level", "channel": "chat", "percent": 70, "seconds": 90},
        ],
    )
    data = build_plan(None, values, lang="en").to_dict()
    texts = {c["channel"]: [t["text"] for t in c["targets"]] for c in data["channels"]}
    assert texts == {"phone": ["80% in 30 s"], "chat": ["70% in 90 s"]}


def test_sensitivity_rows_move_the_right_way():
    rows = {r["key"]: r for r in build_plan(None, answers(), lang="en").sensitivity}
    assert list(rows) == [
        "service_level_looser",
        "base",
        "service_level_stricter",
        "hours_shorter",
        "hours_longer",
        "volume_10",
        "volume_20",
    ]
    assert rows["service_level_looser"]["label"] == "Service level 70% in 20 s"
    assert rows["service_level_stricter"]["label"] == "Service level 90% in 20 s"
    fte = {k: r["fte"] for k, r in rows.items()}
    assert fte["service_level_looser"] <= fte["base"] <= fte["service_level_stricter"]
    assert fte["hours_shorter"] <= fte["base"] <= fte["hours_longer"]
    assert fte["base"] < fte["volume_10"] < fte["volume_20"]
    assert rows["base"]["delta_fte"] == 0
    assert rows["volume_20"]["delta_percent"] == pytest.approx(
        (fte["volume_20"] - fte["base"]) / fte["base"] * 100, abs=0.1
    )


def test_peak_month():
    average = build_plan(None, answers(), lang="en").to_dict()
    peak = build_plan(None, answers(), lang="en", month="peak").to_dict()
    assert phone(peak)["monthly_volume"] == 8000 + 400 * 11
    assert peak["totals"]["fte"] == pytest.approx(average["totals"]["peak_fte"], abs=0.01)
    assert peak["totals"]["fte"] > average["totals"]["fte"]


def test_response_target_shorter_than_the_night_is_flagged():
    values = answers(
        channels=["email"],
        volume_email={m: 2000 for m in MONTHS},
        aht_email=400,
        opening_hours={"email": dict(OFFICE)},
        kpi_targets=[{"kpi": "email_response", "channel": "email", "percent": 90, "hours": 8}],
    )
    plan = build_plan(None, values, lang="en")
    assert any("90% within 8 h cannot be met" in f and "63 h" in f for f in plan.finding_texts())
    relaxed = build_plan(None, {**values, "email_response_clock": "opening_hours"}, lang="en")
    assert not any("cannot be met" in f for f in relaxed.finding_texts())


def test_hour_keys_with_or_without_h():
    plain = answers(intraday_share={f"{h:02d}": v for h, v in enumerate(CURVE)})
    with_h = answers()
    a = build_plan(None, plain, lang="en").to_dict()["totals"]
    b = build_plan(None, with_h, lang="en").to_dict()["totals"]
    assert a == b


def test_json_ready_and_summary_in_both_languages():
    for lang in ("en", "sv"):
        data = build_plan(None, answers(current_answer_rate=90, current_asa_seconds=40), lang=lang)
        text = json.dumps(data.to_dict(), allow_nan=False, ensure_ascii=False)
        assert json.loads(text)["lang"] == lang
        assert data.to_dict()["summary_lines"]
    sv = build_plan(None, answers(), lang="sv").to_dict()
    assert any("Endast vägledande" in a["text"] for a in sv["assumptions"])
    assert sv["days"][0] == "Mån"


def test_bad_interval_and_month_are_refused():
    with pytest.raises(ValueError):
        build_plan(None, answers(), lang="en", interval_minutes=7)
    with pytest.raises(ValueError):
        build_plan(None, answers(), lang="en", month="july")


# --------------------------------------------------------------------------- the annex


def render_annex(staffing: dict, lang: str) -> str:
    """Render templates/annex_staffing.md.j2 alone, with the document's filters and texts."""
    from jinja2 import FileSystemLoader, StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    from cc_rfp.core.values import format_number
    from cc_rfp.document import catalog, mdtext
    from cc_rfp.io import resources

    def num(value, decimals=None):
        return format_number(float(value), lang, decimals)

    env = SandboxedEnvironment(
        loader=FileSystemLoader(str(resources.templates_dir())),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    suffix = "%" if lang == "en" else " %"
    env.filters.update(
        md=mdtext.inline,
        cell=mdtext.cell,
        num=num,
        pct=lambda value, decimals=None: num(value, decimals) + suffix,
    )
    builtin = resources.templates_dir()
    text = catalog.Text(catalog.load(builtin), catalog.load_outline(builtin), lang)
    return env.get_template("annex_staffing.md.j2").render(
        staffing=staffing, lang=lang, **text.globals()
    )


def gfm_tables(text: str) -> int:
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    return sum(1 for token in tokens if token.type == "table_open")


@pytest.mark.parametrize(
    ("lang", "title", "indicative"),
    [
        ("en", "## Annex: Indicative staffing and KPI consistency", "Indicative only"),
        ("sv", "## Bilaga: Indikativ bemanning och KPI-samstämmighet", "Endast vägledande"),
    ],
)
def test_annex_in_both_languages(lang, title, indicative):
    values = answers(
        channels=["phone", "email"],
        volume_email={m: 2000 for m in MONTHS},
        aht_email=400,
        current_answer_rate=92,
        current_asa_seconds=40,
    )
    staffing = build_plan(None, values, lang=lang).to_dict()
    text = render_annex(staffing, lang)
    assert text.startswith(title)
    assert indicative in text and "Erlang A" in text
    # staffing table, phone targets, heat map, sensitivity: all valid GFM tables
    header_rows = [line for line in text.splitlines() if line.startswith("| --- ")]
    assert gfm_tables(text) == len(header_rows) == 5  # with FTE per month
    for assumption in staffing["assumptions"]:
        assert mdtext_inline(assumption["text"]) in text
    assert staffing["findings"][1]["text"].split(":")[0] in text
    for block in text.split("\n\n"):  # every row of a table has its header's cell count
        rows = [line for line in block.splitlines() if line.startswith("|")]
        if rows:
            assert len({row.count("|") for row in rows}) == 1, block


def mdtext_inline(text: str) -> str:
    from cc_rfp.document import mdtext

    return mdtext.inline(text)


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_annex_says_which_figures_are_missing(lang):
    staffing = build_plan(None, {"channels": ["phone"]}, lang=lang).to_dict()
    text = render_annex(staffing, lang)
    assert "volume\\_phone" in text and "opening\\_hours" in text
    assert gfm_tables(text) == 0
    fallback = render_annex({"missing": [], "available": False}, lang)
    assert fallback.count("\n- ") == 1


def test_annex_in_the_rendered_document():
    from cc_rfp.core.answers import Answers
    from cc_rfp.core.bank import load_bank
    from cc_rfp.document.render import render_document

    text = render_document(load_bank(), Answers(values=answers(), language="en"), lang="en")
    assert "## Annex: Indicative staffing and KPI consistency" in text
    assert "so the 60 s ASA target has no effect" in text


# --------------------------------------------------------------------------- robustness

STAFFING_IDS = (
    "channels", "volume_phone", "volume_chat", "volume_email", "aht_phone", "aht_chat",
    "aht_email", "case_types", "weekday_share", "intraday_share", "opening_hours",
    "kpi_targets", "chat_concurrency", "shrinkage_percent", "fte_hours_per_week",
    "current_answer_rate", "current_asa_seconds", "phone_volume_basis", "volume_growth_percent",
    "email_response_clock",
)  # fmt: skip


def _odd_values():
    from hypothesis import strategies as st

    scalars = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(10**6), max_value=10**6),
        st.floats(allow_nan=True, allow_infinity=True),
        st.text(max_size=12),
        st.sampled_from(["phone", "chat", "email", "closed", "08:00-17:00", "24:00-08:00"]),
    )
    keys = st.one_of(
        st.sampled_from([*MONTHS, *WEEKDAYS, "h08", "08", "kpi", "percent", "seconds", "phone"]),
        st.text(max_size=6),
    )
    return st.recursive(
        scalars,
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=6),
        max_leaves=15,
    )


def test_odd_answers_never_break_the_plan():
    """Whatever an answers file holds, build_plan names what is missing instead of raising."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    @settings(max_examples=200, deadline=None)
    @given(
        st.dictionaries(st.sampled_from(STAFFING_IDS), _odd_values(), max_size=12),
        st.sampled_from(["en", "sv"]),
        st.booleans(),
    )
    def check(overrides, lang, start_complete):
        values = {**answers(), **overrides} if start_complete else overrides
        plan = build_plan(None, values, lang=lang)
        json.dumps(plan.to_dict(), allow_nan=False)
        assert plan.available or plan.missing or not values.get("channels")

    check()


def test_targets_that_tie_everywhere_decide_together():
    rows = [
        {"kpi": "service_level", "channel": "phone", "percent": 80, "seconds": 20},
        {"kpi": "service_level", "channel": "phone", "percent": 80, "seconds": 20},
    ]
    plan = build_plan(None, answers(kpi_targets=rows), lang="en")
    assert any("the staffing is decided by" in f for f in plan.finding_texts())
    assert [r["binding"] for r in phone(plan.to_dict())["consistency"]] == [False, False]


@pytest.mark.timeout(60)
def test_absurd_figures_are_not_used():
    """Figures far outside any contact centre are treated as not given, never computed."""
    huge = answers(
        volume_phone={m: 1e300 for m in MONTHS},
        current_answer_rate=50,
        current_asa_seconds=1e300,
    )
    plan = build_plan(None, huge, lang="en")
    assert any("volume_phone" in m for m in plan.missing)
    patient = build_plan(
        None, answers(current_answer_rate=50, current_asa_seconds=1e300), lang="en"
    )
    assert phone(patient.to_dict())["model"] == "erlang_c"
    slow = build_plan(None, answers(aht_phone=1e9, fte_hours_per_week=1e-9), lang="en")
    assert any("aht_phone" in m for m in slow.missing)
    with pytest.raises(ValueError):
        build_plan(None, answers(), lang="en", patience=1e9)
