"""P(match): from interviews to a match, and the Monte Carlo over the applicant factors.

Two applicant-level factors, drawn once per applicant (per Monte Carlo draw) and shared by every
program: u (how programs judge the application: interviews, and matches after them) and v (how
the student does at interviews and how programs rank them: the match step only). Given (u, v),
each program's outcome is independent: an interview with probability p_i(u) = logistic(eta_i + u)
and then a match there with q_i(u, v) = logistic(mu_i + b·u + v), where b = match_strength_slope
(after the interview the application counts half as much, like the observed strength), so

    P(match | u, v) = 1 − Π_i (1 − p_i(u) q_i(u, v)).

v makes outcomes after interviews strongly dependent (calibrated to the Family Medicine
P(match | programs ranked) points, docs/model.md). P(match) averages this over N seeded draws
(Monte Carlo; computing the inner probability exactly instead of sampling invites removes most
of the noise). The same draws are reused for every list compared (common random numbers).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from smartpick_desktop.core.model.chances import FactorDistribution, logistic
from smartpick_desktop.core.model.constants import ModelConstants, load_constants
from smartpick_desktop.core.model.percent import percent_text

__all__ = ["Draws", "factor_draws", "p_match_given_k", "p_match_given_ranks", "p_match_list",
           "percent_text"]

DEFAULT_DRAWS = 20_000


@dataclass(frozen=True)
class Draws:
    """Seeded draws of the applicant factors: u (interviews) and w = b·u + v (the match step)."""

    u: np.ndarray
    w: np.ndarray

    @property
    def size(self) -> int:
        return int(self.u.size)


def match_factor(u: np.ndarray, v: np.ndarray, consts: ModelConstants | None = None) -> np.ndarray:
    """The match step's factor w = b·u + v (b = match_strength_slope)."""
    c = consts or load_constants()
    return c["match_strength_slope"] * u + v


def factor_draws(n: int = DEFAULT_DRAWS, seed: int = 0, dist: FactorDistribution | None = None,
                 consts: ModelConstants | None = None) -> Draws:
    """n seeded draws of (u, w): u from Normal(0, tau^2) or from ``dist`` (e.g. a posterior),
    v from Normal(0, sigma_v^2) (invitations say nothing about v), w = b·u + v."""
    c = consts or load_constants()
    rng = np.random.default_rng(seed)
    u = rng.standard_normal(n) * c["applicant_factor_sd"] if dist is None else dist.sample(n, rng)
    u = np.asarray(u, dtype=float)
    v = rng.standard_normal(n) * c["interview_factor_sd"]
    return Draws(u, match_factor(u, v, c))


def success_matrix(eta: np.ndarray, mu: np.ndarray, draws: Draws) -> np.ndarray:
    """a[i, d] = p_i(u_d) · q_i(w_d): program i leads to a match in draw d."""
    return logistic(eta[:, None] + draws.u[None, :]) * logistic(mu[:, None] + draws.w[None, :])


def p_match_list(eta: np.ndarray, mu: np.ndarray, draws: Draws) -> float:
    """P(match) of one list (arrays over its programs) by Monte Carlo over the draws."""
    if eta.size == 0:
        return 0.0
    miss = np.ones(draws.size)
    for start in range(0, eta.size, 128):
        a = success_matrix(eta[start:start + 128], mu[start:start + 128], draws)
        miss *= np.prod(1.0 - a, axis=0)
    return float(1.0 - miss.mean())


def match_step_factor(consts: ModelConstants | None = None, n: int = 48) -> FactorDistribution:
    """Gauss–Hermite nodes for w = b·u + v under the prior: Normal(0, (b·tau)^2 + sigma_v^2)."""
    c = consts or load_constants()
    x, w = np.polynomial.hermite_e.hermegauss(n)
    sd = float(np.hypot(c["match_strength_slope"] * c["applicant_factor_sd"],
                        c["interview_factor_sd"]))
    return FactorDistribution(x * sd, w / w.sum())


def p_match_given_k(mu: float, ks: list[int], consts: ModelConstants | None = None) -> list[float]:
    """E_{u,v}[1 − (1 − q(u, v))^k] for programs with match log-odds ``mu`` (prior factors)."""
    dist = match_step_factor(consts)
    q = logistic(mu + dist.nodes)
    return [float(np.dot(1 - (1 - q) ** k, dist.weights)) for k in ks]


@dataclass(frozen=True)
class RanksCurve:
    """P(match | k programs ranked after interviews) for one specialty and applicant type."""

    specialty: str
    applicant_type: str
    ranks: list[int]
    p_match: list[float]


def p_match_given_ranks(profile: Any, max_ranks: int = 15,
                        consts: ModelConstants | None = None) -> RanksCurve:
    """P(match) after interviewing at and ranking k average programs of the specialty:
    E_{u,v}[1 − (1 − q(u, v))^k] with q from the calibrated match intercept and the profile's
    strength (calibrated to Family Medicine, NRMP 2011: docs/model.md)."""
    from smartpick_desktop.core.model.chances import applicant_strength

    c = consts or load_constants()
    s = applicant_strength(profile, c)
    step2 = 0.0
    if s.step2 is not None:
        from smartpick_desktop.core.reference import load_reference

        spec = load_reference().find_specialty(getattr(profile, "specialty", "") or "")
        mean = float(spec.step2_mean.value) if spec and spec.step2_mean else c.step2_overall_mean
        step2 = c["strength_slope"] * (s.step2 - mean) / c.step2_sd
    mu = (c.match_logit + c.match_type_offset(s.applicant_type)
          + c.specialty_match_offset(getattr(profile, "specialty", "") or "", s.applicant_type)
          + c["match_strength_slope"] * (s.quality + step2))
    ks = list(range(1, max_ranks + 1))
    return RanksCurve(getattr(profile, "specialty", ""), s.applicant_type, ks,
                      p_match_given_k(mu, ks, c))


def p_match_by_length(eta: np.ndarray, mu: np.ndarray, draws: Draws) -> list[float]:
    """P(match) using the first k programs, for k = 1..n (a non-decreasing list)."""
    miss = np.ones(draws.size)
    w = draws.w
    out = []
    for i in range(eta.size):
        miss *= 1.0 - logistic(eta[i] + draws.u) * logistic(mu[i] + w)
        out.append(float(1.0 - miss.mean()))
    return np.maximum.accumulate(np.array(out)).tolist() if out else []
