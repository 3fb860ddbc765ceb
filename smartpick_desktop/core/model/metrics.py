"""Plain statistics for checking predictions against outcomes (NumPy only, no SciPy)."""

from __future__ import annotations

import numpy as np


def ranks(x: np.ndarray) -> np.ndarray:
    """Ranks 1..n with ties given their average rank."""
    x = np.asarray(x, dtype=float)
    order = np.argsort(x, kind="mergesort")
    r = np.empty(x.size)
    r[order] = np.arange(1, x.size + 1)
    _, inverse, counts = np.unique(x, return_inverse=True, return_counts=True)
    sums = np.bincount(inverse, weights=r)
    return sums[inverse] / counts[inverse]


def pearson(x: np.ndarray, y: np.ndarray) -> float | None:
    """Pearson r, or None when either side has no spread or fewer than 3 pairs."""
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if x.size < 3 or np.std(x) == 0 or np.std(y) == 0:
        return None
    return float(np.corrcoef(x, y)[0, 1])


def spearman(x: np.ndarray, y: np.ndarray) -> float | None:
    """Spearman rho (Pearson r of the ranks)."""
    return pearson(ranks(x), ranks(y)) if np.size(x) >= 3 else None


def auc(p: np.ndarray, y: np.ndarray) -> float | None:
    """Area under the ROC curve (Mann–Whitney), None without both outcomes."""
    p, y = np.asarray(p, dtype=float), np.asarray(y, dtype=bool)
    pos, neg = int(y.sum()), int((~y).sum())
    if not pos or not neg:
        return None
    r = ranks(p)
    return float((r[y].sum() - pos * (pos + 1) / 2) / (pos * neg))


def brier(p: np.ndarray, y: np.ndarray) -> float:
    return float(np.mean((np.asarray(p, dtype=float) - np.asarray(y, dtype=float)) ** 2))


def logit(p: np.ndarray, eps: float = 1e-4) -> np.ndarray:
    p = np.clip(np.asarray(p, dtype=float), eps, 1 - eps)
    return np.log(p / (1 - p))


def fit_logistic(x: np.ndarray, successes: np.ndarray, trials: np.ndarray,
                 ridge: float = 1e-3, iters: int = 50) -> np.ndarray:
    """Binomial logistic regression by Newton's method (a tiny ridge keeps it finite)."""
    x = np.asarray(x, dtype=float)
    beta = np.zeros(x.shape[1])
    for _ in range(iters):
        eta = np.clip(x @ beta, -30, 30)
        p = 1 / (1 + np.exp(-eta))
        grad = x.T @ (successes - trials * p) - ridge * beta
        w = trials * p * (1 - p)
        hess = (x * w[:, None]).T @ x + ridge * np.eye(x.shape[1])
        step = np.linalg.solve(hess, grad)
        beta += step
        if np.max(np.abs(step)) < 1e-8:
            break
    return beta


def folds(n: int, k: int, seed: int) -> list[np.ndarray]:
    """k seeded folds of indices 0..n-1 (as equal as possible)."""
    idx = np.random.default_rng(seed).permutation(n)
    return [idx[i::k] for i in range(min(k, n))]
