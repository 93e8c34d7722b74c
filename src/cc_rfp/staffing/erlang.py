"""The queueing core: Erlang B, Erlang C, Erlang A (Palm's model) and agent sizing.

Pure functions of numbers (stdlib ``math`` only, no I/O) so the command, the answers-based
plan, the annex and the benchmark all share one implementation that the tests pin to
published values.

Units: traffic in erlangs (calls × AHT / interval length), times in seconds, every rate and
probability as a fraction (0.8884, not 88.84).

Numerics. Erlang B uses the stable recursion B(n) = A·B(n−1) / (n + A·B(n−1)), never
factorials or powers. To stay fast at a million erlangs the recursion starts from a *warm
start* far enough below min(n, A) that the start's error has been damped below e^-80 before it
matters (see ``_warm_start``), so results equal the recursion from B(0) = 1 to double
precision. Erlang A needs incomplete-gamma-type series; they are summed outwards from their
largest term on a log scale, so they neither overflow nor need more than O(√A) terms.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace

_DAMPING = 50.0
"""Required damping (as −log) of the warm-start error: the start is within a factor A of the
truth, so even at A = 10^6 what is left (10^6 · e^-50 ≈ 2e-16 of the start, ≈ 2e-19 of the
result) is below double precision."""

_EPS = 1e-17
"""A series is summed until its next term is this small relative to the sum."""

_NEGLIGIBLE = 1e-300
"""An Erlang B below this is 0: at A·b/(n + A·b) the smallest subnormal maps to itself, so a
walk far above the traffic (a 85 % occupancy cap at 10^9 erlangs) never underflowed to 0 and
took minutes; nothing reported rounds differently."""

_TOL = 1e-12
"""Slack when comparing a result with a target, so 0.8 meets 80 % despite rounding."""

MAX_TRAFFIC = 1e9
"""Largest traffic accepted (a thousand times the largest centre anyone sizes); the cost of
Erlang B grows with √A, so this bounds every computation."""

MAX_PATIENCE_RATIO = 1e6
"""Largest patience / AHT accepted by Erlang A (its series grow with √(A · patience / AHT));
callers that patient are Erlang C's callers."""

TERM_BUDGET = 20_000
"""Most terms one Erlang A evaluation sums exactly (about 10 ms). Its series need about
√(traffic × patience / AHT) terms, so 9·10^11 calls with a day's patience would take hours;
beyond the budget, and when the traffic is large enough for it to be accurate, the normal
approximation (``_erlang_a_normal``) is used instead, which costs the same at any size.
Results computed that way carry ``approximate=True``."""

NORMAL_MIN_TRAFFIC = 100.0
"""Smallest traffic the normal approximation is used for (its error shrinks like 1/√A).
Below it the exact sums stay affordable: at most about 16·√(100 × 10^6) terms."""

ASYMPTOTIC_MIN_TRAFFIC = 100.0
"""Smallest traffic Erlang B is taken from its uniform asymptotic expansion when a caller asks
for bounded work (``approximate=True``). Compared with the exact recursion its relative error
is below 1e-8 at 100 erlangs and below 1e-12 above 1,000, so the agents are in practice the
exact ones; they are still labelled approximate."""


class Infeasible(ValueError):
    """No whole number of agents meets the targets (e.g. 100 % of calls within 20 s)."""


@dataclass(frozen=True)
class Performance:
    """What a number of agents achieves on one interval's traffic.

    ``asa`` is the average wait of answered calls (the KPI catalogue's ASA); ``mean_wait`` is
    the average over all offered calls including those that hang up. They are equal under
    Erlang C. ``asa`` is ``math.inf`` when agents ≤ traffic under Erlang C (the queue never
    clears).
    """

    agents: int
    traffic: float
    probability_of_waiting: float
    service_level: float
    asa: float
    occupancy: float
    abandon_rate: float
    mean_wait: float
    model: str
    approximate: bool = False

    @property
    def answer_rate(self) -> float:
        return 1.0 - self.abandon_rate


@dataclass(frozen=True)
class Targets:
    """Targets one interval must meet at once; ``None`` means no target of that kind.

    ``service_level`` is the share of offered calls answered within ``answer_seconds``.
    """

    service_level: float | None = None
    answer_seconds: float = 0.0
    asa: float | None = None
    max_occupancy: float | None = None
    max_abandon: float | None = None

    def met_by(self, perf: Performance) -> bool:
        """Whether ``perf`` meets every target (with a hair of slack for rounding)."""
        if self.service_level is not None and perf.service_level < self.service_level - _TOL:
            return False
        if self.asa is not None and perf.asa > self.asa * (1 + _TOL):
            return False
        if self.max_occupancy is not None and perf.occupancy > self.max_occupancy + _TOL:
            return False
        return not (self.max_abandon is not None and perf.abandon_rate > self.max_abandon + _TOL)


def traffic_erlangs(calls: float, interval_seconds: float, aht_seconds: float) -> float:
    """Offered traffic: the average number of calls in progress if none ever waited."""
    if interval_seconds <= 0:
        raise ValueError("interval_seconds must be positive")
    return calls * aht_seconds / interval_seconds


def scheduled_agents(agents: int, shrinkage: float) -> int:
    """Agents to schedule so ``agents`` are on the phones after shrinkage (a fraction < 1)."""
    if not 0 <= shrinkage < 1:
        raise ValueError("shrinkage must be in [0, 1)")
    # Round first: 14 / 0.7 must give 20, not 21 from a stray 20.000000000000004.
    return math.ceil(round(agents / (1.0 - shrinkage), 9))


def patience_from_history(abandon_rate: float, average_wait: float) -> float:
    """Mean patience (seconds) from today's abandon rate and average wait.

    Under Erlang A the share abandoning equals average wait / mean patience
    (Mandelbaum & Zeltyn, P{Ab} = θ·E[W]), so patience = average wait / abandon rate.
    No abandonment means infinite patience, i.e. Erlang C.
    """
    if not 0 <= abandon_rate <= 1 or average_wait < 0:
        raise ValueError("abandon_rate must be in [0, 1] and average_wait non-negative")
    if abandon_rate == 0:
        return math.inf
    return average_wait / abandon_rate


# --------------------------------------------------------------------------- Erlang B


def _warm_start(traffic: float, upto: int) -> tuple[int, float]:
    """A start (n0, 1/B(n0)) for the Erlang B recursion that is exact by the time it reaches
    ``upto``.

    In inverse form the recursion is 1/B(n) = 1 + (n/A)·1/B(n−1), so an error at n0 reaches
    n multiplied by Π_{k=n0+1..n} k/A. Below A every factor is under 1; we pick the largest
    n0 whose product up to min(upto, A) is below e^-50 and start from the recursion's fixed
    point A/(A−n0), which is within a factor A of the truth. Above A the error and the value
    grow by the same factor, so the relative error stays damped. n0 = 0 is the exact start.
    """
    m = min(upto, math.floor(traffic))
    if m <= 0:
        return 0, 1.0
    log_a = math.log(traffic)
    lg_m = math.lgamma(m + 1)

    def log_damping(n0: int) -> float:
        return lg_m - math.lgamma(n0 + 1) - (m - n0) * log_a

    if log_damping(0) > -_DAMPING:
        return 0, 1.0
    low, high = 0, m  # log_damping(low) <= -_DAMPING < log_damping(high) = 0
    while high - low > 1:
        mid = (low + high) // 2
        if log_damping(mid) <= -_DAMPING:
            low = mid
        else:
            high = mid
    return low, traffic / (traffic - low)


def erlang_b(agents: int, traffic: float) -> float:
    """Erlang B: the probability that all ``agents`` are busy (blocking in a loss system).

    Up to A the recursion runs in inverse form (bounded by A/(A−n), no division); above A as
    B(n) = A·B(n−1) / (n + A·B(n−1)), which only shrinks and so can neither overflow nor lose
    precision, stopping if it underflows to 0.
    """
    _check(agents, traffic)
    if traffic == 0:
        return 1.0 if agents == 0 else 0.0
    n0, inverse = _warm_start(traffic, agents)
    below = min(agents, math.floor(traffic))
    step = 1.0 / traffic
    for n in range(n0 + 1, below + 1):
        inverse = 1.0 + inverse * n * step
    b = 1.0 / inverse
    for n in range(max(n0, below) + 1, agents + 1):
        b = traffic * b / (n + traffic * b)
        if b < _NEGLIGIBLE:  # it only shrinks from here; a subnormal b would never reach 0
            return 0.0
    return b


def _check(agents: int, traffic: float) -> None:
    if agents < 0 or int(agents) != agents:
        raise ValueError("agents must be a whole number >= 0")
    if not (traffic >= 0 and math.isfinite(traffic)):
        raise ValueError("traffic must be a finite number >= 0")
    if traffic > MAX_TRAFFIC:
        raise ValueError(f"traffic above {MAX_TRAFFIC:,.0f} erlangs is out of range")


def _log1p_series(mu: float) -> float:
    """(s² − 1)/μ where s² = 2(μ − ln(1+μ))/μ², i.e. Σ_{k≥1} 2(−1)^k μ^(k−1)/(k+2).

    Summed as a series near 0, where the closed form would lose every digit to cancellation.
    """
    if abs(mu) < 0.25:
        total, power = 0.0, 1.0
        for k in range(1, 40):  # 0.25^39 is far below double precision
            total += (2.0 if k % 2 == 0 else -2.0) * power / (k + 2)
            power *= mu
            if abs(power) < 1e-18:
                break
        return total
    s2 = 2.0 * (mu - math.log1p(mu)) / (mu * mu)
    return (s2 - 1.0) / mu


def _entropy(u: float) -> float:
    """(1+u)·ln(1+u) − u, as a series near 0 (no cancellation)."""
    if abs(u) < 0.25:
        total, power = 0.0, u * u
        for k in range(2, 45):
            total += (power if k % 2 == 0 else -power) / (k * (k - 1))
            power *= u
            if abs(power) < 1e-18 * abs(total):
                break
        return total
    return (1.0 + u) * math.log1p(u) - u


def _erlang_b_asymptotic(agents: int, traffic: float) -> float:
    """Erlang B above the traffic in a fixed number of operations, for very large traffic.

    B(n, A) = P(X = n) / P(X ≤ n) for X Poisson(A). P(X ≤ n) is the regularised incomplete
    gamma Q(n+1, A), taken from Temme's uniform asymptotic expansion (DLMF 8.12.3–8.12.10)
    with three coefficients; c0 and c1 are rewritten so nothing cancels near λ = 1, where
    every useful staffing lies. P(X = n) comes from Stirling's series on a log scale. Only
    used for n > A ≥ ``ASYMPTOTIC_MIN_TRAFFIC``, where it is well conditioned.
    """
    a = agents + 1.0
    mu = (traffic - a) / a  # λ − 1 with λ = A / a
    g = _log1p_series(mu)
    s = math.sqrt(1.0 + mu * g)  # η = μ·s
    c0 = g / ((s + 1.0) * s)
    if abs(mu) < 1e-4:
        c1 = -1.0 / 540.0 - mu / 288.0
    else:
        c1 = (-g * (1.0 + s + s * s) / ((s + 1.0) * s**3) - 1.0 - mu / 12.0) / (mu * mu)
    c2 = 25.0 / 6048.0
    x = mu * s * math.sqrt(a / 2.0)
    tail = math.exp(-x * x) / math.sqrt(2.0 * math.pi * a) * (c0 + c1 / a + c2 / (a * a))
    below = 0.5 * math.erfc(x) + tail  # P(X ≤ n)
    n = float(agents)
    log_pmf = (
        -traffic * _entropy((n - traffic) / traffic)
        - 0.5 * math.log(2.0 * math.pi * n)
        - 1.0 / (12.0 * n)
        + 1.0 / (360.0 * n**3)
    )
    return math.exp(log_pmf) / below


def _bounded_b(agents: int, traffic: float) -> float:
    """Erlang B at a fixed cost where it is needed (n > A, large A), else the exact one."""
    if traffic >= ASYMPTOTIC_MIN_TRAFFIC and agents > traffic:
        return _erlang_b_asymptotic(agents, traffic)
    return erlang_b(agents, traffic)


# --------------------------------------------------------------------------- Erlang C


def _wait_probability(agents: int, traffic: float, b: float) -> float:
    """Erlang C from Erlang B: C = n·B / (n − A·(1 − B)); 1 when the queue never clears."""
    if agents <= traffic:
        return 1.0
    return agents * b / (agents - traffic * (1.0 - b))


def _erlang_c_performance(
    agents: int, traffic: float, aht: float, answer_seconds: float, b: float
) -> Performance:
    if traffic == 0:
        return Performance(agents, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, "erlang_c")
    if agents <= traffic:
        return Performance(agents, traffic, 1.0, 0.0, math.inf, 1.0, 0.0, math.inf, "erlang_c")
    c = _wait_probability(agents, traffic, b)
    service_level = 1.0 - c * math.exp(-(agents - traffic) * answer_seconds / aht)
    asa = c * aht / (agents - traffic)
    return Performance(
        agents=agents,
        traffic=traffic,
        probability_of_waiting=c,
        service_level=min(1.0, max(0.0, service_level)),
        asa=asa,
        occupancy=traffic / agents,
        abandon_rate=0.0,
        mean_wait=asa,
        model="erlang_c",
    )


def erlang_c(
    agents: int,
    traffic: float,
    aht: float,
    answer_seconds: float = 0.0,
    *,
    approximate: bool = False,
) -> Performance:
    """Erlang C (M/M/n, callers never hang up): waiting, service level, ASA, occupancy.

    Service level is P(wait ≤ ``answer_seconds``) = 1 − C·e^(−(n−A)·t/AHT); ASA = C·AHT/(n−A)
    over all calls. Agents ≤ traffic is valid: every call waits, service level 0, ASA ∞.
    ``approximate=True`` asks for bounded work: at large traffic Erlang B then comes from its
    asymptotic expansion and the result says ``approximate``.
    """
    _check_times(aht, answer_seconds)
    if approximate and traffic >= ASYMPTOTIC_MIN_TRAFFIC and agents > traffic:
        _check(agents, traffic)
        b = _erlang_b_asymptotic(agents, traffic)
        perf = _erlang_c_performance(agents, traffic, aht, answer_seconds, b)
        return replace(perf, approximate=True)
    return _erlang_c_performance(agents, traffic, aht, answer_seconds, erlang_b(agents, traffic))


def _check_times(aht: float, answer_seconds: float) -> None:
    if not (aht > 0 and math.isfinite(aht)):
        raise ValueError("aht must be a positive number of seconds")
    if not answer_seconds >= 0:
        raise ValueError("answer_seconds must be >= 0")


# --------------------------------------------------------------------------- Erlang A


def _harmonic(s: float, m: int) -> float:
    """Σ_{k=0..m} 1/(s+k+1) = ψ(s+m+2) − ψ(s+1): the mean served wait in units of patience."""
    if m < 4096:
        return math.fsum(1.0 / (s + k + 1) for k in range(m + 1))
    return _digamma_difference(s + 1.0, s + m + 2.0)


def _digamma_difference(x: float, y: float) -> float:
    """ψ(y) − ψ(x) for 0 < x < y, by recurrence up to ≥ 16 and the asymptotic series."""
    total = 0.0
    while x < 16:  # ψ(x) = ψ(x+1) − 1/x
        total += 1.0 / x
        x += 1.0
    while y < 16:
        total -= 1.0 / y
        y += 1.0

    def tail(z: float) -> float:  # ψ(z) − ln z, asymptotic (Bernoulli numbers)
        z2 = 1.0 / (z * z)
        return -0.5 / z - z2 * (1 / 12 - z2 * (1 / 120 - z2 * (1 / 252 - z2 / 240)))

    return total + math.log(y / x) + tail(y) - tail(x)


@dataclass(frozen=True)
class _Series:
    """Σ_k y^k / Π_{j=1..k}(s+j) and two weighted variants, as (log of peak term, sums/peak)."""

    log_peak: float
    plain: float  # Σ term_k
    by_k: float  # Σ k·term_k
    by_wait: float  # Σ term_k · H_k / (s+k+1), H_k = Σ_{i=0..k} 1/(s+i+1)

    def log(self, which: float) -> float:
        return self.log_peak + math.log(which) if which > 0 else -math.inf


def _series(s: float, y: float, moments: bool = False) -> _Series:
    """Sum the Erlang A series outwards from its largest term (O(√y) terms, no overflow).

    term_k = y^k / ((s+1)(s+2)…(s+k)) rises while k ≤ y − s and falls after, so summing up and
    down from the peak until terms are negligible needs only a few √y terms even when y is
    a million, and scaling by the peak term keeps every partial sum near 1.
    """
    peak = max(0, math.ceil(y - s - 1))
    log_peak = 0.0
    if peak:
        log_peak = peak * math.log(y) - (math.lgamma(s + peak + 1) - math.lgamma(s + 1))
    h_peak = _harmonic(s, peak) if moments else 0.0
    plain, by_k, by_wait = 1.0, float(peak), h_peak / (s + peak + 1)
    term, h, k = 1.0, h_peak, peak
    while True:  # upwards: ratios y/(s+k) ≤ 1
        k += 1
        term *= y / (s + k)
        plain += term
        by_k += k * term
        if moments:
            h += 1.0 / (s + k + 1)
            by_wait += term * h / (s + k + 1)
        if term <= _EPS * plain and k * term <= _EPS * by_k:
            break
    term, h, k = 1.0, h_peak, peak
    while k > 0:  # downwards: ratios (s+k)/y ≤ 1
        term *= (s + k) / y
        if moments:
            h -= 1.0 / (s + k + 1)
        k -= 1
        plain += term
        by_k += k * term
        if moments:
            by_wait += term * h / (s + k + 1)
        if term <= _EPS * plain:
            break
    return _Series(log_peak, plain, by_k, by_wait)


def _series_terms(s: float, y: float) -> float:
    """About how many terms ``_series(s, y)`` sums: from its peak y − s, about nine standard
    deviations (√(80·y)) up and as many down (or down to 0); with no peak, until the
    ratio y/s has shrunk the terms below the series' precision."""
    spread = math.sqrt(80.0 * (y + 1.0))
    peak = y - s
    if peak > 0:
        return min(peak, spread) + spread
    if y <= 0:
        return 1.0
    return min(spread, 40.0 / max(math.log(s / y), 1e-300))


def erlang_a(
    agents: int,
    traffic: float,
    aht: float,
    patience: float,
    answer_seconds: float = 0.0,
    *,
    approximate: bool = False,
    only: Targets | None = None,
) -> Performance:
    """Erlang A (Palm's M/M/n+M: callers hang up after an exponential patience).

    With a = λ/θ and b = nμ/θ (θ = 1/patience) the queue beyond n agents has weights
    q_m = a^m / ((b+1)…(b+m)), whose sum is Mandelbaum & Zeltyn's A(b, a) = b·e^a·a^−b·γ(b, a).
    From it and Erlang B, E: the chance the n-th agent state is hit, π_n = E / (1 + (A−1)E);
    P(wait) = π_n·A; P(abandon) = π_n·Σ m·q_m / a (= θ·E[queue]/λ); ASA of answered calls
    from the per-position wait Σ 1/((b+k+1)θ); and P(answered, wait > t) in closed form with
    the lower incomplete gamma γ(b+1, a·e^(−θt)). Service level is the share of *offered*
    calls answered within t. Infinite patience is Erlang C. ``approximate=True`` asks for
    bounded work: the normal approximation is used at any traffic (plans ask for it only where
    the exact sums would be long, where it agrees closely, see ``sizing.bounded``). ``only``
    (for searches) lets the normal approximation skip the integrals for measures those
    targets do not test: the service level or ASA it skips is NaN.
    """
    _check(agents, traffic)
    _check_times(aht, answer_seconds)
    if not patience > 0:
        raise ValueError("patience must be a positive number of seconds")
    if math.isinf(patience):
        return erlang_c(agents, traffic, aht, answer_seconds, approximate=approximate)
    if patience > MAX_PATIENCE_RATIO * aht:
        raise ValueError("patience above a million handling times: use Erlang C (no patience)")
    if traffic == 0:
        return Performance(agents, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, "erlang_a")
    if agents == 0:  # nobody answers: everyone waits until they give up
        return Performance(0, traffic, 1.0, 0.0, math.inf, 1.0, 1.0, patience, "erlang_a")
    ratio = patience / aht
    if approximate or (
        traffic >= NORMAL_MIN_TRAFFIC
        and _series_terms(agents * ratio, traffic * ratio) > TERM_BUDGET
    ):
        return _erlang_a_normal(
            agents,
            traffic,
            aht,
            patience,
            answer_seconds,
            service=only is None or only.service_level is not None,
            speed=only is None or only.asa is not None,
        )
    e = erlang_b(agents, traffic)
    if e == 0.0:  # so many agents that no one ever waits
        return Performance(agents, traffic, 0.0, 1.0, 0.0, traffic / agents, 0.0, 0.0, "erlang_a")
    a, b = traffic * ratio, agents * ratio
    queue = _series(b, a, moments=True)
    log_m = queue.log(queue.plain)  # log A(b, a) >= 0
    # π_n = 1 / (1/E − 1 + A(b, a)), on a log scale because A(b, a) can be astronomically large.
    log_pn = -(log_m + math.log1p((1.0 / e - 1.0) * math.exp(-log_m)))
    wait = math.exp(log_pn + log_m)
    abandon = math.exp(log_pn + queue.log(queue.by_k) - math.log(a))
    answered = 1.0 - abandon
    served_wait = math.exp(log_pn + queue.log(queue.by_wait)) * b * patience
    asa = served_wait / answered if answered > 0 else math.inf
    if answer_seconds == 0:
        service_level = 1.0 - wait
    else:
        x_log = -answer_seconds / patience  # log of e^(−θt)
        tail = _series(b + 1.0, a * math.exp(x_log))
        log_late = (
            log_pn
            + math.log(b / (b + 1.0))
            + (b + 1.0) * x_log
            - a * math.expm1(x_log)
            + tail.log(tail.plain)
        )
        service_level = answered - math.exp(log_late)  # answered, minus answered after t
    return Performance(
        agents=agents,
        traffic=traffic,
        probability_of_waiting=min(1.0, wait),
        service_level=min(1.0, max(0.0, service_level)),
        asa=asa,
        occupancy=min(1.0, traffic * answered / agents),
        abandon_rate=min(1.0, max(0.0, abandon)),
        mean_wait=abandon * patience,
        model="erlang_a",
    )


# --------------------------------------------------------------------------- Erlang A at scale


def _mills(x: float) -> tuple[float, float]:
    """log R(x) and T(x) = 1/R(x) − x for the normal Mills ratio R(x) = Φ̄(x)/φ(x).

    Above 5 both come from the continued fraction R = 1/(x + 1/(x + 2/(x + …))), whose tail
    after the first level is T itself, so neither loses digits for large x; below 5 from
    ``erfc`` on a log scale (R is astronomically large far below 0 but its log is not).
    """
    if x >= 5.0:
        tail = 0.0
        for k in range(60, 1, -1):
            tail = k / (x + tail)
        t = 1.0 / (x + tail)
        return -math.log(x + t), t
    log_r = math.log(0.5 * math.erfc(x / math.sqrt(2.0))) + 0.5 * x * x
    log_r += 0.5 * math.log(2.0 * math.pi)
    return log_r, math.exp(-log_r) - x


NORMAL_STEPS = 64
"""Simpson panels per integral of the normal approximation: the integrands are smooth bells
about 18 standard deviations wide, so this is far below the approximation's own error."""


def _simpson(f: Callable[[float], float], low: float, high: float) -> float:
    """∫ f over [low, high] by Simpson's rule on ``NORMAL_STEPS`` panels (a fixed cost)."""
    steps = NORMAL_STEPS
    width = (high - low) / steps
    total = f(low) + f(high)
    for i in range(1, steps):
        total += (4.0 if i % 2 else 2.0) * f(low + i * width)
    return total * width / 3.0


def _erlang_a_normal(
    agents: int,
    traffic: float,
    aht: float,
    patience: float,
    answer_seconds: float,
    *,
    service: bool = True,
    speed: bool = True,
) -> Performance:
    """Erlang A by its diffusion (normal) approximation, for queues too large to sum.

    With β = (n − A)/√A and r = AHT/patience the number in system, centred on A and scaled by
    √A, is normal below β and beyond it has the density e^(−βz − rz²/2) of the queue z·√A
    (Garnett, Mandelbaum & Reiman 2002). With β̂ = β/√r and the Mills ratio R: P(wait) =
    1 / (1 + √r·R(−β)/R(β̂)) and P(abandon) = √(r/A)·P(wait)·(1/R(β̂) − β̂), in closed form.
    A caller who finds q waiting is answered after V = patience·ln(1 + q/(n·patience/AHT))
    (those ahead are served or hang up) and is still there with chance e^(−V/patience); the
    service level and the ASA of answered calls integrate that over the queue (fixed work).
    Compared with the exact sums at 10^4–10^5 erlangs the agents agree within about 1 %.
    """
    root_a, root_r = math.sqrt(traffic), math.sqrt(aht / patience)
    r = root_r * root_r
    beta = (agents - traffic) / root_a
    log_r_below, _ = _mills(-beta)
    log_r_above, t_above = _mills(beta / root_r)
    log_u = log_r_above - math.log(root_r)  # J0 = ∫₀^∞ e^(−βz − rz²/2) dz
    wait = 1.0 / (1.0 + math.exp(min(700.0, log_r_below - log_u)))
    abandon = min(1.0, root_r / root_a * wait * t_above)
    answered = 1.0 - abandon
    c = r * root_a / agents  # q/(n·patience/AHT) per unit of z

    # The queue's density, relative to J0, over where it is not negligible (e^-40).
    peak = max(0.0, -beta / r)
    if peak > 0:
        low, high = max(0.0, peak - 9.0 / root_r), peak + 9.0 / root_r
    else:
        low, high = 0.0, 80.0 / (beta + math.sqrt(beta * beta + 80.0 * r))
    z_t = agents * math.expm1(answer_seconds / patience) / (r * root_a)

    def density(z: float) -> float:
        return math.exp(-beta * (z - peak) - 0.5 * r * (z * z - peak * peak))

    scale = math.exp(-beta * peak - 0.5 * r * peak * peak - log_u) if log_u > -700 else 0.0
    asa = service_level = math.nan  # unless asked for (``service``, ``speed``)
    if speed:
        served_wait = _simpson(lambda z: density(z) / (1.0 + c * z) * math.log1p(c * z), low, high)
        served_wait *= patience * wait * scale
        asa = served_wait / answered if answered > 0 else math.inf
    if service:
        late = 0.0
        if z_t < high:  # the share answered after t, integrated from t on (no step inside)
            late = _simpson(lambda z: density(z) / (1.0 + c * z), max(low, z_t), high)
        service_level = answered - late * wait * scale
    return Performance(
        agents=agents,
        traffic=traffic,
        probability_of_waiting=min(1.0, max(0.0, wait)),
        service_level=min(1.0, max(0.0, service_level)) if service else math.nan,
        asa=asa,
        occupancy=min(1.0, traffic * answered / agents),
        abandon_rate=min(1.0, max(0.0, abandon)),
        mean_wait=abandon * patience,
        model="erlang_a",
        approximate=True,
    )


def performance(
    agents: int,
    traffic: float,
    aht: float,
    answer_seconds: float = 0.0,
    patience: float | None = None,
    *,
    approximate: bool = False,
) -> Performance:
    """Erlang A when a finite patience is given, else Erlang C (bounded work if asked)."""
    if patience is None or math.isinf(patience):
        return erlang_c(agents, traffic, aht, answer_seconds, approximate=approximate)
    return erlang_a(agents, traffic, aht, patience, answer_seconds, approximate=approximate)


# --------------------------------------------------------------------------- sizing


def _check_feasible(targets: Targets, abandonment: bool) -> None:
    if targets.service_level is not None and targets.service_level >= 1:
        raise Infeasible("a service level of 100 % cannot be guaranteed by any number of agents")
    if targets.asa is not None and targets.asa <= 0:
        raise Infeasible("an average speed of answer of 0 s cannot be reached")
    if targets.max_occupancy is not None and targets.max_occupancy <= 0:
        raise Infeasible("a maximum occupancy of 0 % leaves no time for calls")
    if abandonment and targets.max_abandon is not None and targets.max_abandon <= 0:
        raise Infeasible("no abandoned calls at all cannot be promised when callers hang up")


def size(
    traffic: float,
    aht: float,
    targets: Targets,
    patience: float | None = None,
    *,
    approximate: bool = False,
) -> Performance:
    """The smallest whole number of agents meeting every target at once, and its performance.

    Erlang C (no patience) walks n = ⌊A⌋+1, ⌊A⌋+2, … carrying the Erlang B recursion forward
    one step per candidate, so a whole search costs about as much as one evaluation.
    Erlang A probes at the traffic, gallops then bisects (every measure improves with more
    agents), because each candidate needs its own series anyway; its cost grows with
    √(A · patience / AHT). Raises ``Infeasible`` for targets no staffing meets.

    ``approximate=True`` bounds the work whatever the traffic (a plan asks for it when sizing
    every interval exactly would take too long, see ``sizing_cost``): from 100 erlangs on,
    Erlang C gallops and bisects on the asymptotic Erlang B (a few dozen fixed-cost steps)
    and Erlang A uses its normal approximation; the result says ``approximate``.
    """
    _check(0, traffic)
    _check_times(aht, targets.answer_seconds)
    erlang_a_model = patience is not None and not math.isinf(patience)
    _check_feasible(targets, erlang_a_model)
    if traffic == 0:
        return performance(0, 0.0, aht, targets.answer_seconds, patience)
    if erlang_a_model:
        return _size_erlang_a(traffic, aht, targets, float(patience or 0), approximate)
    if approximate and traffic >= ASYMPTOTIC_MIN_TRAFFIC:
        return _size_erlang_c_bounded(traffic, aht, targets)
    return _size_erlang_c(traffic, aht, targets)


def _size_erlang_c(traffic: float, aht: float, targets: Targets) -> Performance:
    n = math.floor(traffic) + 1  # the queue only clears with more agents than traffic
    if targets.max_occupancy is not None:  # A/n ≤ max needs n ≥ A/max; start just below
        n = max(n, math.floor(traffic / targets.max_occupancy) - 1)
    b = erlang_b(n, traffic)
    t = targets.answer_seconds
    # The same tests as Targets.met_by on bare floats: this loop is the whole cost of sizing.
    sl = None if targets.service_level is None else targets.service_level - _TOL
    asa = None if targets.asa is None else targets.asa * (1 + _TOL)
    occupancy = None if targets.max_occupancy is None else targets.max_occupancy + _TOL
    decay = t / aht
    while True:
        spare = n - traffic
        c = n * b / (spare + traffic * b)
        if (
            (sl is None or 1.0 - c * math.exp(-spare * decay) >= sl)
            and (asa is None or c * aht / spare <= asa)
            and (occupancy is None or traffic / n <= occupancy)
        ):
            perf = _erlang_c_performance(n, traffic, aht, t, b)
            if targets.met_by(perf):
                return perf
        n += 1
        b = traffic * b / (n + traffic * b)


def _size_erlang_c_bounded(traffic: float, aht: float, targets: Targets) -> Performance:
    """Erlang C sizing in O(log √A) fixed-cost evaluations: gallop up from just above the
    traffic (steps 1, 2, 4, …) until the targets are met, then bisect."""
    t = targets.answer_seconds

    def evaluate(n: int) -> Performance:
        return erlang_c(n, traffic, aht, t, approximate=True)

    low = math.floor(traffic)  # fails: the queue never clears
    if targets.max_occupancy is not None:
        low = max(low, math.ceil(traffic / targets.max_occupancy) - 2)
    return _gallop_and_bisect(evaluate, targets, low, 1)


def _gallop_and_bisect(
    evaluate: Callable[[int], Performance], targets: Targets, low: int, step: int
) -> Performance:
    """The fewest agents that meet ``targets``, given that ``low`` agents fail: gallop up
    (steps ``step``, 2·step, 4·step, …) until they are met, then bisect."""
    high = low + step
    best = evaluate(high)
    while not targets.met_by(best):
        low, step = high, step * 2
        high = low + step
        best = evaluate(high)
    return _bisect(evaluate, targets, low, high, best)


def _bisect(
    evaluate: Callable[[int], Performance], targets: Targets, low: int, high: int, best: Performance
) -> Performance:
    """Bisect between ``low`` (fails) and ``high`` (meets the targets with ``best``)."""
    while high - low > 1:
        mid = (low + high) // 2
        perf = evaluate(mid)
        if targets.met_by(perf):
            high, best = mid, perf
        else:
            low = mid
    return best


def _size_erlang_a(
    traffic: float, aht: float, targets: Targets, patience: float, approximate: bool = False
) -> Performance:
    t = targets.answer_seconds

    def evaluate(n: int) -> Performance:
        return erlang_a(n, traffic, aht, patience, t, approximate=approximate, only=targets)

    # Fluid bound: at most n/A of the calls can be answered, so fewer agents than
    # A·(service level) or A·(1 − max abandonment) always fail; so does 0 agents.
    share = max(
        targets.service_level or 0.0,
        1.0 - targets.max_abandon if targets.max_abandon is not None else 0.0,
    )
    failing = max(0, math.ceil(traffic * share) - 1)
    # Probe at the traffic first and gallop from there: far below it the queue is long and
    # each evaluation costs more, so stay near where the answer usually is.
    step = max(1, math.isqrt(math.ceil(traffic)))
    probe = max(failing + 1, round(traffic))
    best = evaluate(probe)
    if targets.met_by(best):
        high = probe
        while high - 1 > failing:
            low = max(failing, high - step)
            perf = evaluate(low) if low > failing else None
            if perf is None or not targets.met_by(perf):
                break
            high, best, step = low, perf, step * 2
        low = max(failing, high - step)
        best = _bisect(evaluate, targets, low, high, best)  # fails (or known to) at low
    else:
        best = _gallop_and_bisect(evaluate, targets, probe, step)
    if best.approximate:  # evaluated lean during the search: every measure at the answer
        return erlang_a(best.agents, traffic, aht, patience, t, approximate=approximate)
    return best


# --------------------------------------------------------------------------- cost


def sizing_cost(
    traffic: float, aht: float, patience: float | None = None, occupancy: float | None = None
) -> float:
    """About how many inner-loop steps (≈ 0.1 µs each here) one exact ``size`` call costs.

    Erlang B's warm start walks about 10·√A steps and the Erlang C pass about 3·√A more;
    Erlang A repeats Erlang B and its series (each term about four steps, three series) for
    every candidate of its gallop and bisection; an ``occupancy`` cap makes Erlang C start at
    A/cap. A plan adds these up before it sizes a
    channel, to decide whether exact sizing fits its work budget; it is an estimate for that
    decision only, deliberately on the high side.
    """
    root = math.sqrt(max(traffic, 0.0))
    if patience is None or math.isinf(patience) or traffic <= 0:
        if occupancy:  # Erlang B walks up to A/occupancy, or until it is negligible
            return 13.0 * root + min(traffic / occupancy - traffic, 40.0 * root) + 20.0
        return 13.0 * root + 20.0
    ratio = patience / aht
    candidates = 2.0 * math.log2(root + 2.0) + 4.0
    terms = _series_terms(0.5 * traffic * ratio, traffic * ratio)  # candidates below A cost more
    if traffic >= NORMAL_MIN_TRAFFIC and terms > TERM_BUDGET:
        return candidates * 2_000.0  # the normal approximation: a fixed integration
    return candidates * (10.0 * root + 12.0 * terms + 50.0)
