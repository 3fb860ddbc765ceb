"""P(match): from interviews to a match, and the Monte Carlo over the shared applicant factor.

Given u, each program's outcome is independent: an interview with probability
p_i(u) = logistic(eta_i + u) and then a match there with q_i(u) = logistic(mu_i + u), so

    P(match | u) = 1 − Π_i (1 − p_i(u) q_i(u)).

P(match) averages this over N seeded draws of u (Monte Carlo; computing the inner probability
exactly instead of sampling invites removes most of the noise). The same draws are reused for
every list compared (common random numbers).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from smartpick_desktop.core.model.chances import FactorDistribution, logistic, prior_factor
from smartpick_desktop.core.model.constants import ModelConstants, load_constants

DEFAULT_DRAWS = 20_000


def factor_draws(n: int = DEFAULT_DRAWS, seed: int = 0, dist: FactorDistribution | None = None,
                 consts: ModelConstants | None = None) -> np.ndarray:
    """n seeded draws of u: from Normal(0, tau^2), or from ``dist`` (e.g. a posterior)."""
    rng = np.random.default_rng(seed)
    if dist is None:
        c = consts or load_constants()
        return rng.standard_normal(n) * c["applicant_factor_sd"]
    return dist.sample(n, rng)


def success_matrix(eta: np.ndarray, mu: np.ndarray, u: np.ndarray) -> np.ndarray:
    """a[i, d] = p_i(u_d) · q_i(u_d): program i leads to a match in draw d."""
    return logistic(eta[:, None] + u[None, :]) * logistic(mu[:, None] + u[None, :])


def p_match_list(eta: np.ndarray, mu: np.ndarray, u: np.ndarray) -> float:
    """P(match) of one list (arrays over its programs) by Monte Carlo over the draws u."""
    if eta.size == 0:
        return 0.0
    miss = np.ones_like(u)
    for start in range(0, eta.size, 128):
        a = success_matrix(eta[start:start + 128], mu[start:start + 128], u)
        miss *= np.prod(1.0 - a, axis=0)
    return float(1.0 - miss.mean())


def p_match_by_length(eta: np.ndarray, mu: np.ndarray, u: np.ndarray) -> list[float]:
    """P(match) using the first k programs, for k = 1..n (a non-decreasing list)."""
    miss = np.ones_like(u)
    out = []
    for i in range(eta.size):
        miss *= 1.0 - logistic(eta[i] + u) * logistic(mu[i] + u)
        out.append(float(1.0 - miss.mean()))
    return np.maximum.accumulate(np.array(out)).tolist() if out else []


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
    E_u[1 − (1 − q(u))^k] with q from the per-interview match rate and the profile's strength
    (Family Medicine, NRMP 2011: one rank 80% matched; the model follows from it)."""
    from smartpick_desktop.core.model.chances import applicant_strength

    c = consts or load_constants()
    s = applicant_strength(profile, c)
    step2 = 0.0
    if s.step2 is not None:
        from smartpick_desktop.core.reference import load_reference

        spec = load_reference().find_specialty(getattr(profile, "specialty", "") or "")
        mean = float(spec.step2_mean.value) if spec and spec.step2_mean else c.step2_overall_mean
        step2 = c["strength_slope"] * (s.step2 - mean) / c.step2_sd
    mu = c.match_logit + c["match_strength_slope"] * (s.quality + step2)
    dist = prior_factor(c, 24)
    q = logistic(mu + dist.nodes)
    ks = list(range(1, max_ranks + 1))
    vals = [float(np.dot(1 - (1 - q) ** k, dist.weights)) for k in ks]
    return RanksCurve(getattr(profile, "specialty", ""), s.applicant_type, ks, vals)
