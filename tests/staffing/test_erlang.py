"""The queueing core against published values, independent computations and properties."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cc_rfp.staffing.erlang import (
    Infeasible,
    Targets,
    erlang_a,
    erlang_b,
    erlang_c,
    patience_from_history,
    performance,
    scheduled_agents,
    size,
    traffic_erlangs,
)

SL_80_20 = Targets(service_level=0.8, answer_seconds=20)


# --------------------------------------------------------------------------- published values


def test_callcentrehelper_worked_example():
    """Call Centre Helper, "Erlang C Formula – Made Simple With an Easy Worked Example"
    (callcentrehelper.com): 100 calls per 30 minutes, AHT 180 s, 80 % answered in 20 s,
    30 % shrinkage → 14 agents, service level 88.84 %, probability of waiting 17.41 %,
    occupancy 71.4 %, 20 agents to schedule."""
    traffic = traffic_erlangs(100, 30 * 60, 180)
    assert traffic == pytest.approx(10.0)
    perf = size(traffic, 180, SL_80_20)
    assert perf.agents == 14
    assert round(perf.service_level, 4) == 0.8884
    assert round(perf.probability_of_waiting, 4) == 0.1741
    assert round(perf.occupancy, 3) == 0.714
    assert scheduled_agents(perf.agents, 0.30) == 20
    # 13 agents must fall short, or 14 would not be the smallest.
    assert erlang_c(13, traffic, 180, 20).service_level < 0.8


def test_pyworkforce_readme_erlang_c():
    """pyworkforce README (pypi.org/project/pyworkforce 0.1.0; same example in the 0.5.2
    "Solving Queue Problems with ErlangC" tutorial): ErlangC(transactions=100, asa=20/60,
    aht=3, interval=30, shrinkage=0.3).required_positions(service_level=0.8,
    max_occupancy=0.85) → raw_positions 14, positions 20, service_level
    0.8883500191794669, occupancy 0.7142857142857143, waiting_probability
    0.1741319335950498."""
    targets = Targets(service_level=0.8, answer_seconds=20, max_occupancy=0.85)
    perf = size(10.0, 180, targets)
    assert perf.agents == 14
    assert scheduled_agents(perf.agents, 0.3) == 20
    assert perf.service_level == pytest.approx(0.8883500191794669, rel=1e-12)
    assert perf.occupancy == pytest.approx(0.7142857142857143, rel=1e-12)
    assert perf.probability_of_waiting == pytest.approx(0.1741319335950498, rel=1e-12)


def test_cran_erlangc_readme():
    """R package ErlangC 0.1.0 README (CRAN, stat.ethz.ch/CRAN/web/packages/ErlangC):
    erlang_c(100 calls, 30 min, 180 s, 20 s, 14 agents) → average_speed_of_answer
    7.83593701177724 s; its calculate_agents process table starts at 11 agents with
    wait_probability 0.6821182 and service_level 0.3896138."""
    assert erlang_c(14, 10.0, 180, 20).asa == pytest.approx(7.83593701177724, rel=1e-12)
    eleven = erlang_c(11, 10.0, 180, 20)
    assert round(eleven.probability_of_waiting, 7) == 0.6821182
    assert round(eleven.service_level, 7) == 0.3896138


def _max_traffic(channels: int, blocking: float) -> float:
    """The most traffic ``channels`` carry at ``blocking`` (Erlang B is increasing in A)."""
    low, high = 0.0, 2.0 * channels + 10
    for _ in range(200):
        mid = (low + high) / 2
        if erlang_b(channels, mid) <= blocking:
            low = mid
        else:
            high = mid
    return low


def test_westbay_erlang_b_trunk_group():
    """Westbay Engineers, Erlang calculator manual, "How much traffic can a trunk group
    handle?" (erlang.com/calculatormanual): 15 lines at 1 % blocking carry 8.108 erlangs."""
    assert round(_max_traffic(15, 0.01), 3) == 8.108
    assert erlang_b(15, 8.108) == pytest.approx(0.01, abs=2e-6)


CARRIER_GRADE_VOIP_COLUMNS = (
    0.0001, 0.0005, 0.001, 0.002, 0.003, 0.004, 0.005, 0.006,
    0.007, 0.008, 0.009, 0.01, 0.02, 0.03, 0.04, 0.05,
)  # fmt: skip
CARRIER_GRADE_VOIP_TABLE = {
    1: "0.0 0.0 0.0 0.0 0.0 0.0 0.0 0.0 0.0 0.0 0.0 0.0 0.0 0.0 0.0 0.1",
    2: "0.0 0.0 0.0 0.1 0.1 0.1 0.1 0.1 0.1 0.1 0.1 0.2 0.2 0.3 0.3 0.4",
    3: "0.1 0.2 0.2 0.2 0.3 0.3 0.3 0.4 0.4 0.4 0.4 0.5 0.6 0.7 0.8 0.9",
    4: "0.2 0.4 0.4 0.5 0.6 0.7 0.7 0.7 0.8 0.8 0.8 0.9 1.1 1.3 1.4 1.5",
    5: "0.5 0.6 0.8 0.9 1.0 1.1 1.1 1.2 1.2 1.3 1.3 1.4 1.7 1.9 2.1 2.2",
    6: "0.7 1.0 1.1 1.3 1.4 1.5 1.6 1.7 1.8 1.8 1.9 1.9 2.3 2.5 2.8 3.0",
    7: "1.1 1.4 1.6 1.8 1.9 2.1 2.2 2.2 2.3 2.4 2.4 2.5 2.9 3.2 3.5 3.7",
    8: "1.4 1.8 2.1 2.3 2.5 2.6 2.7 2.8 2.9 3.0 3.1 3.1 3.6 4.0 4.3 4.5",
    9: "1.8 2.3 2.6 2.9 3.1 3.2 3.3 3.4 3.5 3.6 3.7 3.8 4.3 4.7 5.1 5.4",
}


@pytest.mark.parametrize("channels", sorted(CARRIER_GRADE_VOIP_TABLE))
def test_erlang_b_table_carrier_grade_voip(channels):
    """Erlang B table, "Carrier Grade Voice Over IP", 2nd ed., Appendix A "Table of Erlang
    B" (globalspec.com/reference/55139/203279): traffic in erlangs per number of channels
    and blocking probability, to one decimal."""
    row = [float(x) for x in CARRIER_GRADE_VOIP_TABLE[channels].split()]
    for blocking, published in zip(CARRIER_GRADE_VOIP_COLUMNS, row, strict=True):
        assert round(_max_traffic(channels, blocking), 1) == published, (channels, blocking)


def test_pyworkforce_erlang_a_guide():
    """pyworkforce documentation, "Erlang A (abandonment)" guide
    (pyworkforce.rodrigo-arenas.com/stable/guide/erlanga): ErlangA(transactions=100, aht=3,
    asa=20/60, interval=30, patience=5, shrinkage=0.3).required_positions(service_level=0.8,
    max_occupancy=0.85, max_abandonment=0.05) → raw_positions 13, positions 19,
    service_level 0.858..., occupancy 0.750..., abandonment_probability 0.025...,
    waiting_probability 0.226..., average_speed_of_answer 0.125... minutes (the mean wait
    of all calls, abandoned ones included)."""
    targets = Targets(service_level=0.8, answer_seconds=20, max_occupancy=0.85, max_abandon=0.05)
    perf = size(10.0, 180, targets, patience=300)
    assert perf.model == "erlang_a"
    assert perf.agents == 13
    assert scheduled_agents(perf.agents, 0.3) == 19

    def truncated(value: float) -> float:
        return math.floor(value * 1000) / 1000

    assert truncated(perf.service_level) == 0.858
    assert truncated(perf.occupancy) == 0.750
    assert truncated(perf.abandon_rate) == 0.024  # 0.02496…: pyworkforce printed 0.025…
    assert round(perf.abandon_rate, 3) == 0.025
    assert truncated(perf.probability_of_waiting) == 0.225  # 0.22579…, printed 0.226…
    assert round(perf.probability_of_waiting, 3) == 0.226
    assert round(perf.mean_wait / 60, 3) == 0.125
    assert not targets.met_by(erlang_a(12, 10.0, 180, 300, 20))


def test_palm_erlang_a_is_mm_infinity_when_patience_equals_aht():
    """Mandelbaum & Zeltyn, "The Palm/Erlang-A Queue, with Applications to Call Centers"
    (2005), birth-and-death representation: with θ = μ every customer in the system leaves
    at rate μ, so the number in system is Poisson(A) (the M/M/∞ queue). Then
    P(wait) = P(N ≥ n) and P(abandon) = E[(N − n)+] / A."""
    for traffic, agents in ((5.0, 4), (10.0, 12), (37.5, 40), (120.0, 110)):
        pmf = [math.exp(j * math.log(traffic) - traffic - math.lgamma(j + 1)) for j in range(600)]
        wait = math.fsum(pmf[agents:])
        abandon = math.fsum((j - agents) * p for j, p in enumerate(pmf) if j > agents) / traffic
        perf = erlang_a(agents, traffic, 200.0, 200.0, 15)
        assert perf.probability_of_waiting == pytest.approx(wait, rel=1e-10)
        assert perf.abandon_rate == pytest.approx(abandon, rel=1e-10)
        assert perf.mean_wait == pytest.approx(abandon * 200.0, rel=1e-10)


# --------------------------------------------------------------------------- independent checks


def _birth_death(agents: int, traffic: float, aht: float, patience: float) -> list[float]:
    """The M/M/n+M stationary distribution straight from the birth-death balance equations."""
    lam, mu, theta = traffic / aht, 1 / aht, 1 / patience
    probs = [1.0]
    j = 0
    while True:
        j += 1
        rate = min(j, agents) * mu + max(j - agents, 0) * theta
        probs.append(probs[-1] * lam / rate)
        if j > agents and probs[-1] < 1e-18 * sum(probs):
            break
    total = math.fsum(probs)
    return [p / total for p in probs]


@pytest.mark.parametrize(
    ("agents", "traffic", "ratio", "seconds"),
    [(3, 2.5, 1, 20), (8, 7.0, 2, 30), (12, 14.0, 3, 10), (20, 15.0, 1, 60), (5, 9.0, 2, 5)],
)
def test_erlang_a_against_birth_death_and_order_statistics(agents, traffic, ratio, seconds):
    """Every Erlang A measure recomputed another way: the stationary distribution by
    brute force, and the answered-within-t share from the order-statistics form of the wait
    (with b = n·patience/AHT whole, a tagged caller with m ahead is answered within t with
    probability b/(b+m+1) · P(Binomial(b+m+1, e^(−t/patience)) ≤ b))."""
    aht = 240.0
    patience = aht * ratio
    probs = _birth_death(agents, traffic, aht, patience)
    b = agents * ratio
    x = math.exp(-seconds / patience)
    wait = math.fsum(probs[agents:])
    abandon = math.fsum((j - agents) * probs[j] for j in range(agents, len(probs))) / (
        traffic * ratio
    )
    in_time = math.fsum(probs[:agents])
    served_wait = 0.0
    for m, p in enumerate(probs[agents:]):
        trials = b + m + 1
        within = math.fsum(
            math.comb(trials, k) * x**k * (1 - x) ** (trials - k) for k in range(b + 1)
        )
        served = b / (b + m + 1)
        in_time += p * served * within
        served_wait += p * served * sum(1 / (b + k + 1) for k in range(m + 1)) * patience
    perf = erlang_a(agents, traffic, aht, patience, seconds)
    assert perf.probability_of_waiting == pytest.approx(wait, rel=1e-9)
    assert perf.abandon_rate == pytest.approx(abandon, rel=1e-9)
    assert perf.service_level == pytest.approx(in_time, rel=1e-9)
    assert perf.asa == pytest.approx(served_wait / (1 - abandon), rel=1e-9)
    busy = math.fsum(min(j, agents) * p for j, p in enumerate(probs)) / agents
    assert perf.occupancy == pytest.approx(busy, rel=1e-9)


@pytest.mark.parametrize(("agents", "traffic"), [(14, 10.0), (55, 48.0), (1010, 1000.0)])
def test_erlang_a_tends_to_erlang_c(agents, traffic):
    """Infinitely patient callers are Erlang C (Mandelbaum & Zeltyn: Erlang A → Erlang C):
    the gap shrinks as patience grows, and is tiny at a million handling times."""
    c = erlang_c(agents, traffic, 180, 20)
    gaps = []
    for ratio in (1e4, 1e5, 1e6):
        a = erlang_a(agents, traffic, 180, 180 * ratio, 20)
        gaps.append(abs(a.service_level - c.service_level))
        assert a.abandon_rate < 10 / ratio
    assert gaps[0] > gaps[1] > gaps[2]
    a = erlang_a(agents, traffic, 180, 180 * 1e6, 20)
    assert a.probability_of_waiting == pytest.approx(c.probability_of_waiting, rel=1e-4)
    assert a.service_level == pytest.approx(c.service_level, rel=1e-4)
    assert a.asa == pytest.approx(c.asa, rel=1e-3)
    assert erlang_a(agents, traffic, 180, math.inf, 20) == c


def test_patience_from_history():
    """Mean patience = average wait / abandon rate (P{Ab} = θ·E[W]); none abandon: ∞."""
    assert patience_from_history(0.08, 45) == pytest.approx(562.5)
    assert patience_from_history(0.0, 45) == math.inf
    perf = erlang_a(9, 10.0, 180, 240, 20)
    assert patience_from_history(perf.abandon_rate, perf.mean_wait) == pytest.approx(240)


def _naive_erlang_b(agents: int, traffic: float) -> float:
    b = 1.0
    for n in range(1, agents + 1):
        b = traffic * b / (n + traffic * b)
    return b


@pytest.mark.parametrize("traffic", [0.3, 7.0, 99.5, 150.0, 1234.5, 20000.25])
def test_warm_start_equals_the_recursion_from_zero(traffic):
    """The fast start gives the same Erlang B as iterating from B(0) = 1."""
    for agents in {0, 1, int(traffic / 2), int(traffic) - 1, int(traffic), int(traffic) + 1,
                   int(traffic + 3 * math.sqrt(traffic)) + 2, int(2 * traffic) + 5}:  # fmt: skip
        if agents < 0:
            continue
        assert erlang_b(agents, traffic) == pytest.approx(
            _naive_erlang_b(agents, traffic), rel=1e-12, abs=1e-300
        )


def test_million_erlangs_exact_and_minimal():
    """1,000,000 erlangs: the answer meets the target, one agent fewer does not, and
    Erlang B agrees with an independent log-space sum 1/B = Σ_k n!/((n−k)!·A^k)."""
    traffic = 1_000_000.0
    perf = size(traffic, 300, SL_80_20)
    assert perf.agents > traffic
    assert perf.service_level >= 0.8
    assert erlang_c(perf.agents - 1, traffic, 300, 20).service_level < 0.8
    n = perf.agents
    terms, term, k = [1.0], 1.0, 0
    while term > 1e-18:
        term *= (n - k) / traffic
        terms.append(term)
        k += 1
    assert erlang_b(n, traffic) == pytest.approx(1 / math.fsum(terms), rel=1e-11)
    assert 0 < erlang_b(n, traffic) < 1


def test_million_erlangs_erlang_a():
    """Erlang A at a million erlangs sizes and stays a valid probability model."""
    perf = size(1_000_000.0, 300, Targets(service_level=0.8, answer_seconds=20), patience=600)
    assert perf.service_level >= 0.8
    assert 0 <= perf.abandon_rate <= 1 and 0 <= perf.occupancy <= 1
    fewer = erlang_a(perf.agents - 1, 1_000_000.0, 300, 600, 20)
    assert fewer.service_level < 0.8


# --------------------------------------------------------------------------- edge cases


def test_agents_at_or_below_traffic_is_valid():
    for agents in (0, 1, 9, 10):
        perf = erlang_c(agents, 10.0, 180, 20)
        assert perf.service_level == 0.0
        assert perf.asa == math.inf
        assert perf.probability_of_waiting == 1.0
        assert perf.occupancy == 1.0
    nobody = erlang_a(0, 10.0, 180, 60, 20)
    assert nobody.abandon_rate == 1.0 and nobody.service_level == 0.0


def test_no_traffic_needs_no_agents():
    assert size(0.0, 180, SL_80_20).agents == 0
    assert erlang_c(3, 0.0, 180, 20).service_level == 1.0


@pytest.mark.parametrize(
    ("targets", "patience"),
    [
        (Targets(service_level=1.0, answer_seconds=20), None),
        (Targets(asa=0.0), None),
        (Targets(max_abandon=0.0), 120.0),
        (Targets(max_occupancy=0.0), None),
    ],
)
def test_impossible_targets_are_refused(targets, patience):
    with pytest.raises(Infeasible):
        size(10.0, 180, targets, patience)


def test_bad_arguments():
    with pytest.raises(ValueError):
        erlang_b(-1, 3.0)
    with pytest.raises(ValueError):
        erlang_b(3, -1.0)
    with pytest.raises(ValueError):
        erlang_c(3, 1.0, 0.0)
    with pytest.raises(ValueError):
        scheduled_agents(10, 1.0)
    with pytest.raises(ValueError):
        size(2e9, 180, SL_80_20)  # beyond the model's range, refused rather than ground through
    with pytest.raises(ValueError):
        erlang_a(10, 8.0, 1.0, 1e7, 20)  # patience of ten million handling times


# --------------------------------------------------------------------------- properties

traffics = st.floats(min_value=0.0, max_value=3000.0, allow_nan=False)
ahts = st.floats(min_value=10.0, max_value=1800.0)
seconds = st.floats(min_value=0.0, max_value=300.0)
patiences = st.one_of(st.none(), st.floats(min_value=5.0, max_value=3600.0))


@settings(max_examples=150, deadline=None)
@given(traffic=traffics, aht=ahts, t=seconds, patience=patiences, data=st.data())
def test_probabilities_stay_in_range(traffic, aht, t, patience, data):
    agents = data.draw(st.integers(min_value=0, max_value=int(2 * traffic) + 20))
    perf = performance(agents, traffic, aht, t, patience)
    for value in (
        perf.probability_of_waiting,
        perf.service_level,
        perf.occupancy,
        perf.abandon_rate,
    ):
        assert 0.0 <= value <= 1.0
    assert perf.asa >= 0 and perf.mean_wait >= 0


@settings(max_examples=120, deadline=None)
@given(traffic=st.floats(min_value=0.05, max_value=800.0), aht=ahts, t=seconds, patience=patiences)
def test_more_agents_never_hurt(traffic, aht, t, patience):
    start = max(0, int(traffic) - 3)
    previous = performance(start, traffic, aht, t, patience)
    for agents in range(start + 1, start + 12):
        perf = performance(agents, traffic, aht, t, patience)
        slack = 1e-9  # the measures are accurate to about 1e-12 absolute
        assert perf.service_level >= previous.service_level - slack
        assert perf.probability_of_waiting <= previous.probability_of_waiting + slack
        assert perf.abandon_rate <= previous.abandon_rate + slack
        assert perf.occupancy <= previous.occupancy + slack
        if math.isfinite(previous.asa):
            assert perf.asa <= previous.asa * (1 + 1e-9) + 1e-12
        previous = perf


@settings(max_examples=120, deadline=None)
@given(
    traffic=st.floats(min_value=0.01, max_value=2000.0),
    aht=ahts,
    sl=st.floats(min_value=0.05, max_value=0.98),
    t=seconds,
    asa=st.one_of(st.none(), st.floats(min_value=1.0, max_value=600.0)),
    occupancy=st.one_of(st.none(), st.floats(min_value=0.3, max_value=1.0)),
    abandon=st.one_of(st.none(), st.floats(min_value=0.005, max_value=0.5)),
    patience=patiences,
)
def test_sizing_is_the_smallest_meeting_all(traffic, aht, sl, t, asa, occupancy, abandon, patience):
    targets = Targets(sl, t, asa, occupancy, abandon if patience else None)
    perf = size(traffic, aht, targets, patience)
    assert targets.met_by(perf)
    fewer = performance(perf.agents - 1, traffic, aht, t, patience)
    stable = patience is not None or perf.agents - 1 > traffic
    assert not (stable and targets.met_by(fewer))
    singles = [
        Targets(service_level=sl, answer_seconds=t),
        Targets(asa=asa),
        Targets(max_occupancy=occupancy),
        Targets(max_abandon=abandon if patience else None),
    ]
    assert perf.agents == max(size(traffic, aht, s, patience).agents for s in singles)


@settings(max_examples=60, deadline=None)
@given(traffic=st.floats(min_value=1.0, max_value=5000.0), t=seconds)
def test_erlang_c_carried_recursion_matches_direct_evaluation(traffic, t):
    perf = size(traffic, 240, Targets(service_level=0.9, answer_seconds=t))
    direct = erlang_c(perf.agents, traffic, 240, t)
    assert perf.service_level == pytest.approx(direct.service_level, rel=1e-12)
    assert perf.probability_of_waiting == pytest.approx(direct.probability_of_waiting, rel=1e-12)
