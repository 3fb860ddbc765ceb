"""Interview season: what invites and rejections say about the shared applicant factor u.

Program statuses are the evidence: invited / interviewed / ranked = an invite, rejected = no
invite (withdrawn and pending programs say nothing). With a Normal(0, tau^2) prior on a grid of
u, the posterior is prior × Π p_i(u)^invite × (1 − p_i(u))^(no invite), normalised. P(match) is
then recomputed: invited programs count as interviews already won, rejected ones drop out,
pending ones keep their chance under the posterior. The match step also has the
interview-performance factor v (invitations say nothing about it: it keeps its prior), so even
many invitations leave P(match) below certainty.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from smartpick_desktop.core.model.chances import (
    FactorDistribution,
    compute_terms,
    interview_factor,
    logistic,
    prior_factor,
    program_arrays,
)
from smartpick_desktop.core.model.constants import ModelConstants, load_constants
from smartpick_desktop.core.model.p_match import percent_text

INVITE_STATUSES = ("invited", "interview_scheduled", "interviewed", "ranked")
REJECT_STATUSES = ("rejected",)
PENDING_STATUSES = ("applying", "applied")
GRID = 161


@dataclass
class Posterior:
    """The applicant factor after the season's evidence."""

    factor: FactorDistribution
    prior: FactorDistribution
    invites: int
    rejections: int
    expected_invites: float  # invites the prior expected at the programs with an answer
    details: list[str] = field(default_factory=list)

    @property
    def evidence(self) -> int:
        return self.invites + self.rejections

    def shift_percentile(self) -> float:
        """Where the posterior mean of u sits in the prior (0..100)."""
        sd = self.prior.sd or 1.0
        return 50.0 * (1.0 + math.erf(self.factor.mean / sd / math.sqrt(2.0)))

    def summary(self) -> str:
        if not self.evidence:
            return ("No invitations or rejections marked yet: the model uses its starting "
                    "estimate of your applicant factor.")
        direction = ("better than" if self.invites > self.expected_invites + 0.05 else
                     "worse than" if self.invites < self.expected_invites - 0.05 else "as")
        return (f"{self.invites} invitation{'s' if self.invites != 1 else ''} and "
                f"{self.rejections} rejection{'s' if self.rejections != 1 else ''} so far, where "
                f"the model expected {self.expected_invites:.1f} invitations: {direction} "
                f"expected. Your applicant factor moved from 0.00 to {self.factor.mean:+.2f} "
                f"(log-odds; now around the {self.shift_percentile():.0f}th percentile of "
                f"applicants like you), so every pending chance is "
                f"{'raised' if self.factor.mean > 0 else 'lowered'} accordingly.")


def grid_prior(consts: ModelConstants | None = None) -> FactorDistribution:
    c = consts or load_constants()
    tau = c["applicant_factor_sd"]
    nodes = np.linspace(-5 * tau, 5 * tau, GRID)
    w = np.exp(-0.5 * (nodes / tau) ** 2)
    return FactorDistribution(nodes, w / w.sum())


def posterior_from_outcomes(eta: np.ndarray, outcome: np.ndarray,
                            consts: ModelConstants | None = None) -> Posterior:
    """Grid posterior of u from interview log-odds ``eta`` (without u) and outcomes
    (1 invite, 0 no invite)."""
    prior = grid_prior(consts)
    p = logistic(eta[:, None] + prior.nodes[None, :])
    p = np.clip(p, 1e-12, 1 - 1e-12)
    loglik = (outcome[:, None] * np.log(p) + (1 - outcome[:, None]) * np.log1p(-p)).sum(axis=0)
    logw = np.log(prior.weights) + loglik
    w = np.exp(logw - logw.max())
    expected = float((p @ prior.weights).sum())
    return Posterior(FactorDistribution(prior.nodes, w / w.sum()), prior,
                     int(outcome.sum()), int(outcome.size - outcome.sum()), expected)


def season_posterior(profile: Any, programs: Sequence[Any],
                     signals: dict[int, str] | None = None,
                     consts: ModelConstants | None = None) -> Posterior:
    """The posterior from the programs' statuses; ``signals``: the plan's signals (id -> level),
    which raised the chance the evidence is compared with."""
    c = consts or load_constants()
    answered = [p for p in programs if p.status in INVITE_STATUSES + REJECT_STATUSES]
    if not answered:
        prior = grid_prior(c)
        return Posterior(prior, prior, 0, 0, 0.0)
    arr = program_arrays(answered, c)
    terms = compute_terms(profile, arr, signals=signals or {}, consts=c)
    outcome = np.array([1.0 if p.status in INVITE_STATUSES else 0.0 for p in answered])
    return posterior_from_outcomes(terms.eta(), outcome, c)


@dataclass
class SeasonOutlook:
    """P(match) before and after the season's evidence, for the current list."""

    posterior: Posterior
    p_match_prior: float
    p_match_now: float
    invited: int
    pending: int
    rejected: int

    def explanation(self) -> str:
        move = self.p_match_now - self.p_match_prior
        return (f"P(match) {percent_text(self.p_match_prior)} at the start of the season, "
                f"{percent_text(self.p_match_now)} now ({move * 100:+.0f} points): "
                f"{self.invited} invited, {self.rejected} rejected, {self.pending} still "
                f"pending. {self.posterior.summary()}")


def season_outlook(profile: Any, programs: Sequence[Any], signals: dict[int, str] | None = None,
                   consts: ModelConstants | None = None) -> SeasonOutlook:
    """P(match) of the programs applied to, with known outcomes and the posterior (exact
    expectation over the grid of u)."""
    c = consts or load_constants()
    applied = [p for p in programs if p.status in INVITE_STATUSES + REJECT_STATUSES
               + PENDING_STATUSES]
    post = season_posterior(profile, programs, signals, c)
    if not applied:
        return SeasonOutlook(post, 0.0, 0.0, 0, 0, 0)
    arr = program_arrays(applied, c)
    terms = compute_terms(profile, arr, signals=signals or {}, consts=c)
    eta = np.where(terms.eligible, terms.eta(), -50.0)
    mu = terms.match_base
    status = [p.status for p in applied]
    invited = np.array([s in INVITE_STATUSES for s in status])
    rejected = np.array([s in REJECT_STATUSES for s in status])
    prior = post.prior
    v = interview_factor(c)
    b = c["match_strength_slope"]

    def p_match(dist: FactorDistribution, known: bool) -> float:
        u = dist.nodes[None, :]
        p = logistic(eta[:, None] + u)
        if known:
            p = np.where(invited[:, None], 1.0, np.where(rejected[:, None], 0.0, p))
        q = logistic(mu[:, None, None] + b * u[:, :, None] + v.nodes[None, None, :])
        miss = np.prod(1.0 - p[:, :, None] * q, axis=0)   # (u nodes, v nodes)
        return float(1.0 - dist.weights @ miss @ v.weights)

    return SeasonOutlook(post, p_match(prior, False), p_match(post.factor, True),
                         int(invited.sum()), int((~invited & ~rejected).sum()),
                         int(rejected.sum()))


def rol_curve(profile: Any, ranked: Sequence[Any], posterior: Posterior | None = None,
              consts: ModelConstants | None = None) -> list[float]:
    """P(match) by rank order list length: entry k-1 = ranking the first k programs (all
    interviewed), under the posterior of u and the prior of v. Never decreases: a longer list
    never hurts."""
    c = consts or load_constants()
    if not ranked:
        return []
    arr = program_arrays(ranked, c)
    terms = compute_terms(profile, arr, consts=c)
    dist = posterior.factor if posterior is not None else prior_factor(c, 24)
    v = interview_factor(c)
    q = logistic(terms.match_base[:, None, None] + c["match_strength_slope"]
                 * dist.nodes[None, :, None] + v.nodes[None, None, :])
    miss = np.cumprod(1.0 - q, axis=0)   # (k, u nodes, v nodes)
    curve = 1.0 - np.einsum("kij,i,j->k", miss, dist.weights, v.weights)
    return np.maximum.accumulate(curve).tolist()
