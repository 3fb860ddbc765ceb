"""Fixtures of the model's tests."""

from __future__ import annotations

import pytest

from smartpick_desktop.core.model.synthetic import synthetic_programs


@pytest.fixture
def programs():
    return synthetic_programs(60, seed=1)
