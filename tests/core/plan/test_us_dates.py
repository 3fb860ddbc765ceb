"""Issue 15 (US English throughout, the PDF too): dates are written month first."""

from __future__ import annotations

import datetime as dt

from smartpick_desktop.core.plan.pdf import long_date, short_date
from smartpick_desktop.core.plan.tracker import DueItem


def test_pdf_dates_are_month_first():
    assert long_date(dt.date(2027, 3, 3)) == "March 3, 2027"
    assert short_date(dt.date(2026, 11, 28)) == "Nov 28, 2026"
    assert short_date(None) == "—"


def test_tracker_dates_are_month_first():
    item = DueItem(date=dt.date(2026, 12, 5), kind="deadline", program_id=1, program="Lakeside",
                   text="Essay")
    assert item.describe(dt.date(2026, 11, 28)) == "Essay — Lakeside, Sat, Dec 5 (in 7 days)"
