"""Every sentence the staffing report says, in Swedish and English.

Kept in one table so the two languages stay in step and a reviewer can read them side by
side; the modules only pick a key and fill in numbers already formatted for the language.
"""

from __future__ import annotations

from cc_rfp.messages import pick
from cc_rfp.values import format_number

TEXTS: dict[str, dict[str, str]] = {
    # ----- channels and days (fallbacks when the bank has no label)
    "ch_phone": {"en": "Phone", "sv": "Telefon"},
    "ch_email": {"en": "Email", "sv": "E-post"},
    "ch_chat": {"en": "Chat", "sv": "Chatt"},
    "ch_social": {"en": "Social media", "sv": "Sociala medier"},
    "ch_sms": {"en": "SMS", "sv": "Sms"},
    "day_mon": {"en": "Mon", "sv": "Mån"},
    "day_tue": {"en": "Tue", "sv": "Tis"},
    "day_wed": {"en": "Wed", "sv": "Ons"},
    "day_thu": {"en": "Thu", "sv": "Tor"},
    "day_fri": {"en": "Fri", "sv": "Fre"},
    "day_sat": {"en": "Sat", "sv": "Lör"},
    "day_sun": {"en": "Sun", "sv": "Sön"},
    # ----- models
    "model_erlang_c": {"en": "Erlang C", "sv": "Erlang C"},
    "model_erlang_a": {"en": "Erlang A", "sv": "Erlang A"},
    "model_workload": {"en": "Workload", "sv": "Arbetsmängd"},
    # ----- targets: short form, subject, object, and the achieved measure
    "t_service_level": {"en": "{p}% in {s} s", "sv": "{p} % inom {s} s"},
    "t_asa": {"en": "ASA at most {s} s", "sv": "snittsvarstid högst {s} s"},
    "t_max_abandon": {"en": "abandon rate at most {p}%", "sv": "avbrottsfrekvens högst {p} %"},
    "t_answer_rate": {"en": "answer rate at least {p}%", "sv": "svarsfrekvens minst {p} %"},
    "t_max_occupancy": {"en": "occupancy at most {p}%", "sv": "beläggning högst {p} %"},
    "subj_service_level": {"en": "{p}% in {s} s", "sv": "{p} % inom {s} s"},
    "subj_asa": {"en": "an ASA of {s} s", "sv": "en snittsvarstid på {s} s"},
    "subj_max_abandon": {
        "en": "an abandon rate of at most {p}%",
        "sv": "en avbrottsfrekvens på högst {p} %",
    },
    "subj_answer_rate": {"en": "an answer rate of {p}%", "sv": "en svarsfrekvens på {p} %"},
    "subj_max_occupancy": {
        "en": "an occupancy ceiling of {p}%",
        "sv": "ett tak för beläggningen på {p} %",
    },
    "obj_service_level": {
        "en": "the {p}% in {s} s service level target",
        "sv": "servicegradsmålet {p} % inom {s} s",
    },
    "obj_asa": {"en": "the {s} s ASA target", "sv": "målet för snittsvarstid på {s} s"},
    "obj_max_abandon": {
        "en": "the {p}% abandon rate target",
        "sv": "målet för avbrottsfrekvens på {p} %",
    },
    "obj_answer_rate": {
        "en": "the {p}% answer rate target",
        "sv": "målet för svarsfrekvens på {p} %",
    },
    "obj_max_occupancy": {
        "en": "the {p}% occupancy ceiling",
        "sv": "taket för beläggning på {p} %",
    },
    "gives_service_level": {
        "en": "a service level of about {p}% in {s} s",
        "sv": "en servicegrad på omkring {p} % inom {s} s",
    },
    "gives_asa": {"en": "an ASA of about {s} s", "sv": "en snittsvarstid på omkring {s} s"},
    "gives_max_abandon": {
        "en": "an abandon rate of about {p}%",
        "sv": "en avbrottsfrekvens på omkring {p} %",
    },
    "gives_answer_rate": {
        "en": "an answer rate of about {p}%",
        "sv": "en svarsfrekvens på omkring {p} %",
    },
    "gives_max_occupancy": {
        "en": "an occupancy of about {p}%",
        "sv": "en beläggning på omkring {p} %",
    },
    "then_service_level": {
        "en": "the service level is about {p}% in {s} s",
        "sv": "blir servicegraden omkring {p} % inom {s} s",
    },
    "then_asa": {"en": "the ASA is about {s} s", "sv": "blir snittsvarstiden omkring {s} s"},
    "then_wait": {
        "en": "about {p}% of contacts wait",
        "sv": "får omkring {p} % av kontakterna vänta",
    },
    "then_occupancy": {
        "en": "agents are busy about {p}% of the time",
        "sv": "är medarbetarna upptagna omkring {p} % av tiden",
    },
    "then_abandon": {
        "en": "about {p}% of callers hang up",
        "sv": "lägger omkring {p} % av kunderna på",
    },
    "and": {"en": "and", "sv": "och"},
    # ----- consistency findings
    "f_binds": {
        "en": "{channel}: {subject} is the target that decides the staffing. "
        "At that staffing {then}.",
        "sv": "{channel}: {subject} är det mål som styr bemanningen. Med den bemanningen {then}.",
    },
    "f_binds_split": {
        "en": "{channel}: the staffing is decided by {parts}.",
        "sv": "{channel}: bemanningen styrs av {parts}.",
    },
    "f_binds_part": {
        "en": "{object} in {k} of {n} open intervals",
        "sv": "{object} i {k} av {n} öppna intervall",
    },
    "f_no_effect": {
        "en": "{channel}: {subject} already gives {gives}, so {object} has no effect.",
        "sv": "{channel}: {subject} ger redan {gives}, så {object} påverkar inte bemanningen.",
    },
    "f_the_others": {"en": "the other targets", "sv": "de övriga målen"},
    "f_infeasible": {
        "en": "{channel}: {object} cannot be met by any number of agents ({why}); "
        "it is left out of the sizing.",
        "sv": "{channel}: {object} kan inte nås med något antal medarbetare ({why}); "
        "det lämnas utanför beräkningen.",
    },
    "why_sl_100": {
        "en": "some calls always arrive when every agent is busy",
        "sv": "några samtal kommer alltid när alla medarbetare är upptagna",
    },
    "why_asa_0": {
        "en": "some calls always have to wait",
        "sv": "några kontakter måste alltid vänta",
    },
    "why_abandon_0": {
        "en": "with impatient callers somebody always hangs up",
        "sv": "med otåliga kunder lägger alltid någon på",
    },
    "why_occupancy_0": {
        "en": "agents must spend some time on calls",
        "sv": "medarbetarna måste ägna någon tid åt kontakterna",
    },
    "f_no_patience": {
        "en": "{channel}: {object} cannot be checked without today's answer rate and ASA "
        "(Erlang C assumes that nobody hangs up); it is left out of the sizing.",
        "sv": "{channel}: {object} kan inte bedömas utan dagens svarsfrekvens och "
        "snittsvarstid (Erlang C förutsätter att ingen lägger på); det lämnas utanför "
        "beräkningen.",
    },
    "f_no_sizing_target": {
        "en": "{channel}: no service level, ASA, answer rate or abandon rate target; sized "
        "to {default} to show a cost level.",
        "sv": "{channel}: inget mål för servicegrad, snittsvarstid, svarsfrekvens eller "
        "avbrott; beräknat med {default} för att visa en kostnadsnivå.",
    },
    "f_low_occupancy": {
        "en": "{channel}: at this staffing agents are busy only about {p}% of the time; "
        "the targets are expensive at these volumes.",
        "sv": "{channel}: med den här bemanningen är medarbetarna upptagna bara omkring {p} % "
        "av tiden; målen blir dyra vid de här volymerna.",
    },
    "f_email_closed": {
        "en": "{channel}: {target} cannot be met for messages that arrive while the channel "
        "is closed: the longest closed period is {gap} h. Count the time within opening "
        "hours only, or allow more time.",
        "sv": "{channel}: {target} kan inte nås för meddelanden som kommer när kanalen är "
        "stängd: den längsta stängda perioden är {gap} h. Räkna tiden bara under "
        "öppettid, eller ge mer tid.",
    },
    "t_response": {"en": "{p}% within {h} h", "sv": "{p} % inom {h} h"},
    "f_patience": {
        "en": "{channel}: today's answer rate of {rate}% and ASA of {asa} s mean callers "
        "wait on average about {patience} s before hanging up; Erlang A uses that patience.",
        "sv": "{channel}: dagens svarsfrekvens på {rate} % och snittsvarstid på {asa} s "
        "betyder att kunderna i snitt väntar omkring {patience} s innan de lägger på; "
        "Erlang A räknar med det tålamodet.",
    },
    # ----- assumptions
    "a_indicative": {
        "en": "Indicative only: a model of the stated figures, not a bid or a schedule.",
        "sv": "Endast vägledande: en modell av de angivna siffrorna, inte ett anbud eller "
        "ett schema.",
    },
    "a_model_c": {
        "en": "Model: Erlang C for {channels} (callers wait until answered).",
        "sv": "Modell: Erlang C för {channels} (kunderna väntar tills de får svar).",
    },
    "a_model_a": {
        "en": "Model: Erlang A for {channel} (callers hang up after an exponentially "
        "distributed patience with a mean of {patience} s, from {source}).",
        "sv": "Modell: Erlang A för {channel} (kunderna lägger på efter ett "
        "exponentialfördelat tålamod på i snitt {patience} s, från {source}).",
    },
    "src_patience_flag": {"en": "--patience", "sv": "--patience"},
    "src_patience_answers": {
        "en": "today's answer rate and ASA: patience = average wait / abandon rate",
        "sv": "dagens svarsfrekvens och snittsvarstid: tålamod = snittväntetid / avbrottsfrekvens",
    },
    "a_interval": {
        "en": "Each {minutes}-minute interval is sized on its own to meet every target at "
        "once, with at least one agent whenever the channel is open.",
        "sv": "Varje intervall på {minutes} minuter beräknas för sig så att alla mål nås "
        "samtidigt, med minst en medarbetare när kanalen är öppen.",
    },
    "a_week": {
        "en": "A weekday's volume = monthly volume × 12 / 52 × the weekday's share. A day's "
        "volume is spread over the open hours by the intraday shares, renormalised to the "
        "open hours: volume in closed hours and on closed days is assumed to move into "
        "open hours. Each interval gets its hour's share in proportion to its open minutes.",
        "sv": "En veckodags volym = månadsvolym × 12 / 52 × veckodagens andel. Dagens volym "
        "fördelas över öppettiden efter dygnskurvan, omräknad till de öppna timmarna: "
        "volym under stängda timmar och stängda dagar antas flytta till öppettiden. Varje "
        "intervall får sin timmes andel i proportion till sina öppna minuter.",
    },
    "a_month_average": {
        "en": "Volumes: the average month of the twelve stated.",
        "sv": "Volymer: genomsnittsmånaden av de tolv angivna.",
    },
    "a_month_peak": {
        "en": "Volumes: each channel's peak month.",
        "sv": "Volymer: varje kanals toppmånad.",
    },
    "a_volume": {
        "en": "{channel}: {volume} a month ({month}), {week} a week.",
        "sv": "{channel}: {volume} per månad ({month}), {week} per vecka.",
    },
    "month_average": {"en": "average month", "sv": "genomsnittsmånad"},
    "month_peak": {"en": "peak month ({name})", "sv": "toppmånad ({name})"},
    "a_answered": {
        "en": "{channel}: the volumes are answered contacts; divided by today's answer rate "
        "of {rate}% to give offered contacts.",
        "sv": "{channel}: volymerna är besvarade kontakter; delade med dagens svarsfrekvens "
        "på {rate} % för att ge inkommande kontakter.",
    },
    "a_aht_answer": {
        "en": "{channel}: handling time {aht} s ({qid}).",
        "sv": "{channel}: hanteringstid {aht} s ({qid}).",
    },
    "a_aht_cases": {
        "en": "{channel}: handling time {aht} s, the volume-weighted average of the case types.",
        "sv": "{channel}: hanteringstid {aht} s, volymviktat snitt av ärendetyperna.",
    },
    "a_chat": {
        "en": "{channel}: each agent handles {c} chats at once; chat places are sized with "
        "{model} and agents = places / {c}, rounded up.",
        "sv": "{channel}: varje medarbetare hanterar {c} chattar samtidigt; chattplatser "
        "beräknas med {model} och medarbetare = platser / {c}, avrundat uppåt.",
    },
    "a_deferred": {
        "en": "{channel}: workload-based FTE = volume × handling time / productive hours; "
        "the response-time target is noted, not modelled.",
        "sv": "{channel}: årsarbetskrafter efter arbetsmängd = volym × hanteringstid / "
        "produktiva timmar; svarstidsmålet noteras men modelleras inte.",
    },
    "a_shrinkage": {
        "en": "Shrinkage {s}% ({source}); FTE = agent-hours / ({h} h a week × (1 − "
        "shrinkage)) with {h} h a week per FTE ({hsource}).",
        "sv": "Frånvaro och annan tid utan kontakter (shrinkage) {s} % ({source}); "
        "årsarbetskrafter = bemannade timmar / ({h} h per vecka × (1 − shrinkage)) med "
        "{h} h per vecka och heltid ({hsource}).",
    },
    "src_answers": {"en": "from the answers", "sv": "från svaren"},
    "src_flag": {"en": "from the command line", "sv": "från kommandoraden"},
    "src_default": {
        "en": "not answered; the question bank's default",
        "sv": "inte besvarat; frågebankens förval",
    },
    "a_sl_rule": {
        "en": "Service level = calls answered within the target time / offered calls (the "
        "strictest counting rule); ASA = average wait of answered calls.",
        "sv": "Servicegrad = kontakter besvarade inom måltiden / inkommande kontakter (den "
        "strängaste räkneregeln); snittsvarstid = genomsnittlig väntetid för besvarade.",
    },
    "a_channelless": {
        "en": "A target without a channel applies to every real-time channel that has no "
        "target of that kind of its own.",
        "sv": "Ett mål utan kanal gäller varje realtidskanal som saknar ett eget mål av "
        "det slaget.",
    },
    "a_growth": {
        "en": "Volumes are as stated; the expected growth of {g}% a year is not added (see "
        "the volume rows of the sensitivity table).",
        "sv": "Volymerna är de angivna; den väntade tillväxten på {g} % per år är inte "
        "tillagd (se volymraderna i känslighetstabellen).",
    },
    "a_max_occupancy_flag": {
        "en": "Maximum occupancy {p}% (from the command line).",
        "sv": "Högsta beläggning {p} % (från kommandoraden).",
    },
    # ----- missing figures
    "m_channels": {"en": "the channels", "sv": "kanalerna"},
    "m_volume": {"en": "monthly volumes for {channel}", "sv": "månadsvolymer för {channel}"},
    "m_aht": {
        "en": "handling time for {channel}, or case types with handling times",
        "sv": "hanteringstid för {channel}, eller ärendetyper med hanteringstider",
    },
    "m_weekday": {"en": "the weekday shares", "sv": "fördelningen över veckodagarna"},
    "m_intraday": {"en": "the intraday shares", "sv": "fördelningen över dygnets timmar"},
    "m_hours": {"en": "opening hours for {channel}", "sv": "öppettider för {channel}"},
    "m_targets": {
        "en": "a service level, ASA, answer rate or abandon rate target for {channel}",
        "sv": "ett mål för servicegrad, snittsvarstid, svarsfrekvens eller avbrott för {channel}",
    },
    "m_open": {
        "en": "at least one open hour a week for {channel}",
        "sv": "minst en öppen timme per vecka för {channel}",
    },
    # ----- figures that are given but cannot be used
    "u_traffic": {
        "en": "{channel} could not be sized: its volumes and handling time give up to {traffic} "
        "erlangs in one interval, more than the model's {limit}; check the figures and their "
        "units ({qids})",
        "sv": "{channel} kunde inte beräknas: volymerna och hanteringstiden ger upp till "
        "{traffic} erlang i ett intervall, mer än modellens {limit}; kontrollera siffrorna och "
        "deras enheter ({qids})",
    },
    "u_sizing": {
        "en": "{channel} could not be sized from these figures ({why}); check them",
        "sv": "{channel} kunde inte beräknas med de här siffrorna ({why}); kontrollera dem",
    },
    "u_current_asa": {
        "en": "{channel}: today's ASA of {asa} s (current_asa_seconds) cannot be used, since a "
        "waiting time cannot be negative; callers are assumed not to hang up (Erlang C)",
        "sv": "{channel}: dagens snittsvarstid på {asa} s (current_asa_seconds) kan inte "
        "användas eftersom en väntetid inte kan vara negativ; kunderna antas inte lägga på "
        "(Erlang C)",
    },
    "u_answer_rate": {
        "en": "{channel}: today's answer rate of {rate}% (current_answer_rate) cannot be used, "
        "since a rate lies between 0 and 100%; callers are assumed not to hang up (Erlang C)",
        "sv": "{channel}: dagens svarsfrekvens på {rate} % (current_answer_rate) kan inte "
        "användas eftersom en andel ligger mellan 0 och 100 %; kunderna antas inte lägga på "
        "(Erlang C)",
    },
    "a_approximate": {
        "en": "{channel}: the queue is so large that Erlang A is computed with its normal "
        "approximation (Garnett, Mandelbaum and Reiman); the agents are approximate.",
        "sv": "{channel}: kön är så stor att Erlang A beräknas med sin normalapproximation "
        "(Garnett, Mandelbaum och Reiman); antalet medarbetare är ungefärligt.",
    },
    "a_budget": {
        "en": "{channel}: the figures give so much traffic that sizing every interval exactly "
        "would take too long; its large intervals are sized with close approximations (Erlang "
        "B by its uniform asymptotic expansion, Erlang A by its normal approximation) and those "
        "agents are approximate.",
        "sv": "{channel}: siffrorna ger så mycket trafik att en exakt beräkning av varje "
        "intervall skulle ta för lång tid; de stora intervallen beräknas med nära "
        "approximationer (Erlang B med sin likformiga asymptotiska utveckling, Erlang A med "
        "sin normalapproximation) och antalet medarbetare där är ungefärligt.",
    },
    "r_approximate": {
        "en": "Approximate: the queue is too large to compute exactly (normal approximation).",
        "sv": "Ungefärligt: kön är för stor för en exakt beräkning (normalapproximation).",
    },
    # ----- sensitivity rows
    "s_base": {"en": "Your targets and figures", "sv": "Era mål och siffror"},
    "s_sl": {"en": "Service level {targets}", "sv": "Servicegrad {targets}"},
    "s_asa": {"en": "ASA {targets}", "sv": "Snittsvarstid {targets}"},
    "s_hours_shorter": {
        "en": "Opening hours 1 h shorter a day",
        "sv": "Öppettider 1 h kortare per dag",
    },
    "s_hours_longer": {
        "en": "Opening hours 1 h longer a day",
        "sv": "Öppettider 1 h längre per dag",
    },
    "s_volume": {"en": "Volume +{p}%", "sv": "Volym +{p} %"},
    # ----- report labels (terminal)
    "r_title": {"en": "Indicative staffing", "sv": "Indikativ bemanning"},
    "r_direct_title": {
        "en": "Staffing for one interval ({model})",
        "sv": "Bemanning för ett intervall ({model})",
    },
    "r_measure": {"en": "Measure", "sv": "Mått"},
    "r_value": {"en": "Value", "sv": "Värde"},
    "r_traffic": {"en": "Traffic (erlangs)", "sv": "Trafik (erlang)"},
    "r_agents": {"en": "Agents", "sv": "Medarbetare"},
    "r_scheduled": {
        "en": "Scheduled agents ({s}% shrinkage)",
        "sv": "Schemalagda medarbetare ({s} % shrinkage)",
    },
    "r_service_level": {"en": "Service level ({s} s)", "sv": "Servicegrad ({s} s)"},
    "r_asa": {"en": "ASA", "sv": "Snittsvarstid"},
    "r_sl": {"en": "Service level", "sv": "Servicegrad"},
    "r_occupancy": {"en": "Occupancy", "sv": "Beläggning"},
    "r_waiting": {"en": "Probability of waiting", "sv": "Sannolikhet att vänta"},
    "r_abandon": {"en": "Abandon rate", "sv": "Avbrottsfrekvens"},
    "r_answer": {"en": "Answer rate", "sv": "Svarsfrekvens"},
    "r_channel": {"en": "Channel", "sv": "Kanal"},
    "r_model": {"en": "Model", "sv": "Modell"},
    "r_week_volume": {"en": "Vol/wk", "sv": "Vol/v"},
    "r_aht": {"en": "AHT s", "sv": "AHT s"},
    "r_targets": {"en": "Targets", "sv": "Mål"},
    "r_agent_hours": {"en": "Agent h/wk", "sv": "Bem. h/v"},
    "r_fte": {"en": "FTE", "sv": "FTE"},
    "r_peak_fte": {"en": "FTE peak", "sv": "FTE topp"},
    "r_peak_agents": {"en": "Max agents", "sv": "Max samt."},
    "r_staffing": {
        "en": "Staffing per channel (FTE peak: each channel's busiest month)",
        "sv": "Bemanning per kanal (FTE topp: kanalens största månad)",
    },
    "r_total": {"en": "Total", "sv": "Totalt"},
    "r_kpis": {
        "en": "{channel} ({model}): targets and what the staffing achieves over the week",
        "sv": "{channel} ({model}): mål och vad bemanningen ger över veckan",
    },
    "r_target": {"en": "Target", "sv": "Mål"},
    "r_achieved": {"en": "Achieved", "sv": "Uppnått"},
    "r_response": {
        "en": "{channel} ({model}): response-time target {targets} (noted, not modelled)",
        "sv": "{channel} ({model}): svarstidsmål {targets} (noteras, modelleras inte)",
    },
    "r_heatmap": {
        "en": "{channel}: agents per weekday and hour (most in any interval of the hour)",
        "sv": "{channel}: medarbetare per veckodag och timme (flest i något intervall av timmen)",
    },
    "r_findings": {"en": "Target consistency", "sv": "Målens samstämmighet"},
    "r_sensitivity": {"en": "Cost sensitivity", "sv": "Kostnadskänslighet"},
    "r_scenario": {"en": "Choice", "sv": "Val"},
    "r_change": {"en": "Change", "sv": "Förändring"},
    "r_assumptions": {"en": "Model and assumptions", "sv": "Modell och antaganden"},
    "r_missing": {
        "en": "Missing figures (add them to size these channels)",
        "sv": "Saknade uppgifter (lägg till dem för att beräkna dessa kanaler)",
    },
    "r_nothing": {
        "en": "No channel can be sized yet; missing: {items}",
        "sv": "Ingen kanal kan beräknas än; saknas: {items}",
    },
}


def say(key: str, lang: str, **params: object) -> str:
    """The sentence ``key`` in ``lang`` with its placeholders filled."""
    return pick(TEXTS, key, lang, **params)


def num(value: float, lang: str, decimals: int | None = None) -> str:
    """A number for a sentence: the language's marks, sensible rounding."""
    if decimals is None:
        decimals = 0 if abs(value) >= 10 or float(value).is_integer() else 1
    return format_number(round(value, decimals), lang, decimals)


def pct(fraction: float, lang: str, decimals: int | None = None) -> str:
    """A fraction as a percentage number (0.8 → "80"), without the % sign."""
    value = fraction * 100
    if decimals is None:
        decimals = 0 if float(round(value, 6)).is_integer() or abs(value) >= 10 else 1
    return num(value, lang, decimals)


def percent(fraction: float, lang: str, decimals: int | None = None) -> str:
    """A fraction as a percentage with the language's sign: "88.3%" or "88,3 %"."""
    return pct(fraction, lang, decimals) + ("%" if lang == "en" else " %")


def join(items: list[str], lang: str) -> str:
    """ "a, b and c" in the language."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {say('and', lang)} " + items[-1]
