"""Erlang A against a seeded discrete-event simulation of the queue it models (issue 12).

The model (M/M/n+M, Palm's queue): Poisson arrivals, exponential handling times, n agents,
one first-come-first-served queue, and every caller hangs up after an exponential patience
if not answered by then. ``simulate`` runs exactly that queue; the tests check that the
service level (answered within t / offered) and the abandon rate of ``erlang.erlang_a`` agree
with it within one percentage point over a grid of traffic, patience and agents.

The simulator is the classic exact recursion for a FCFS multi-server queue with reneging:
customers are taken in arrival order and each is offered the agent that frees up first
(a heap of the agents' free times). Earlier customers never depend on later ones under FCFS,
so a customer's wait is max(0, earliest free time − arrival); one whose patience runs out
first leaves without taking an agent. That is O(N log n) and needs no event list.

A small grid runs in the fast loop; the full grid is marked ``slow``, one test a point.
Largest difference found over the full grid (seed 12, 1,000,000 callers a point): see the
README; ``python tests/staffing/test_simulation.py`` prints it.
"""

from __future__ import annotations

import heapq
import random
from dataclasses import dataclass
from math import log

import pytest

from cc_rfp.staffing.erlang import erlang_a

TOLERANCE = 0.01
"""One percentage point, on both the service level and the abandon rate."""

CALLERS = 600_000
"""Callers a point: over seeds 12–16 the fast grid's differences stayed within 0.4 points
(at 150,000 the sampling noise alone reached 1.5 points: the test would pass by luck)."""


@dataclass(frozen=True)
class Simulated:
    service_level: float
    abandon_rate: float
    offered: int


def simulate(
    agents: int,
    traffic: float,
    aht: float,
    patience: float,
    answer_seconds: float,
    *,
    callers: int,
    seed: int,
    warm_up: float = 0.05,
) -> Simulated:
    """Service level and abandon rate of ``callers`` simulated callers (the first
    ``warm_up`` share, while the empty start fades, is not counted).

    Each caller draws, in this order, the gap since the last arrival, a patience and a
    handling time, each ``rng.expovariate(rate)``. For speed (a million callers a grid point,
    pure Python) that call is written out as CPython's own body, ``-log(1.0 - random()) /
    rate``, with the same rates, so every number is the one ``expovariate`` gives; and a
    draw whose value cannot matter (the patience of a caller an agent takes at once: a wait
    of 0.0 never exceeds a patience drawn at a positive rate; the handling time of one who
    hangs up) is still drawn, in order, but not turned into a time. ``max(clock, free[0])``
    is the comparison it makes; the warm-up is its own loop. The numbers are those of the
    plain version (three ``expovariate`` calls, ``max``, one loop) to the last bit: checked
    over every point of both grids when this was written.
    """
    draw = random.Random(seed).random
    replace = heapq.heapreplace
    arrival_rate = traffic / aht
    patience_rate = 1.0 / patience
    service_rate = 1.0 / aht
    free = [0.0] * agents  # when each agent is next free; a heap
    clock = 0.0
    skip = int(callers * warm_up)
    for _ in range(skip):
        clock += -log(1.0 - draw()) / arrival_rate
        first = free[0]
        if first > clock:  # everyone is busy: the caller waits, or hangs up first
            patience_draw = draw()
            service_draw = draw()
            if not first - clock > -log(1.0 - patience_draw) / patience_rate:
                replace(free, first + -log(1.0 - service_draw) / service_rate)
        else:  # an agent is free: no wait, whatever the patience
            draw()
            replace(free, clock + -log(1.0 - draw()) / service_rate)
    # A caller answered at once waited 0.0 seconds: within the target when 0.0 is.
    at_once = 1 if answer_seconds >= 0.0 else 0
    within = abandoned = 0
    for _ in range(callers - skip):
        clock += -log(1.0 - draw()) / arrival_rate
        first = free[0]
        if first > clock:
            patience_draw = draw()
            service_draw = draw()
            wait = first - clock
            if wait > -log(1.0 - patience_draw) / patience_rate:
                abandoned += 1
                continue
            replace(free, first + -log(1.0 - service_draw) / service_rate)
            if wait <= answer_seconds:
                within += 1
        else:
            draw()
            replace(free, clock + -log(1.0 - draw()) / service_rate)
            within += at_once
    offered = callers - skip
    return Simulated(within / offered, abandoned / offered, offered)


def difference(agents: int, traffic: float, patience: float, *, callers: int, seed: int = 12):
    """(service-level difference, abandon-rate difference) of Erlang A against the simulation."""
    aht, seconds = 180.0, 20.0
    model = erlang_a(agents, traffic, aht, patience, seconds)
    sim = simulate(agents, traffic, aht, patience, seconds, callers=callers, seed=seed)
    return model.service_level - sim.service_level, model.abandon_rate - sim.abandon_rate


def test_the_simulator_is_erlang_c_without_hang_ups():
    """A sanity check of the simulator itself: callers who never hang up (patience far beyond
    any wait) wait as Erlang C says (the probability of waiting, a closed form)."""
    from cc_rfp.staffing.erlang import erlang_c

    sim = simulate(10, 7.0, 180.0, 1e12, 0.0, callers=CALLERS, seed=3)
    assert sim.abandon_rate == 0.0
    assert abs(sim.service_level - (1 - erlang_c(10, 7.0, 180.0).probability_of_waiting)) < 0.01


FAST_GRID = [
    # agents, traffic (erlangs), patience (s) with AHT 180 s
    (9, 8.0, 90.0),  # more agents than traffic, impatient callers
    (10, 12.0, 360.0),  # fewer agents than traffic: abandonment carries the queue
]


@pytest.mark.parametrize(("agents", "traffic", "patience"), FAST_GRID)
def test_erlang_a_agrees_with_the_simulation(agents, traffic, patience):
    sl, ab = difference(agents, traffic, patience, callers=CALLERS)
    assert abs(sl) < TOLERANCE and abs(ab) < TOLERANCE, (sl, ab)


def _agents(traffic: float) -> list[int]:
    """Fewer agents than traffic (abandonment carries the queue), just above, well above."""
    return sorted({max(1, round(traffic * 0.8)), round(traffic) + 1, round(traffic * 1.25) + 1})


FULL_GRID = [
    (agents, traffic, patience)
    for traffic in (2.0, 8.0, 25.0, 60.0)
    for patience in (45.0, 180.0, 900.0)
    for agents in _agents(traffic)
]


GRID_CALLERS = 1_000_000


@pytest.mark.slow
@pytest.mark.parametrize(("agents", "traffic", "patience"), FULL_GRID)
def test_erlang_a_agrees_with_the_simulation_over_the_grid(agents, traffic, patience):
    """Every point within one percentage point; one test a point, so the workers share the
    grid, and a failing point names itself. The largest differences over the grid (the
    README's figures) come from ``python tests/staffing/test_simulation.py``."""
    sl, ab = difference(agents, traffic, patience, callers=GRID_CALLERS)
    assert abs(sl) < TOLERANCE and abs(ab) < TOLERANCE, (sl, ab)


def largest_differences() -> str:
    """The largest service-level and abandon-rate differences over the full grid, and where
    (the first such point in grid order), as the README quotes them."""
    worst_sl: tuple[float, tuple[int, float, float] | None] = (0.0, None)
    worst_ab: tuple[float, tuple[int, float, float] | None] = (0.0, None)
    for agents, traffic, patience in FULL_GRID:
        sl, ab = difference(agents, traffic, patience, callers=GRID_CALLERS)
        point = (agents, traffic, patience)
        if abs(sl) > abs(worst_sl[0]):
            worst_sl = (sl, point)
        if abs(ab) > abs(worst_ab[0]):
            worst_ab = (ab, point)
    return f"largest service-level difference {worst_sl}, abandon-rate difference {worst_ab}"


if __name__ == "__main__":
    print(largest_differences())
