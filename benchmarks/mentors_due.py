"""Mentors speed: 5,000 contacts with 50,000 interactions.

Prints the time to compute the due list (target < 100 ms) and to filter the contact list, in
the core and through the Mentors tab's Qt filter proxy (target: instant, < 50 ms a keystroke).
"""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import insert  # noqa: E402

from smartpick_desktop.core.datafolder import open_store  # noqa: E402
from smartpick_desktop.core.mentors.contacts import ROLES, STAGES, filter_contacts, list_contacts  # noqa: E402
from smartpick_desktop.core.mentors.followups import due_items  # noqa: E402
from smartpick_desktop.core.mentors.interactions import KINDS  # noqa: E402
from smartpick_desktop.core.mentors.tables import ContactRow, InteractionRow  # noqa: E402

CONTACTS, INTERACTIONS = 5_000, 50_000
TODAY = dt.date(2026, 10, 1)


def _best(fn, repeat: int = 7) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - start) * 1000)
    return min(times), result, statistics.median(times)


def main() -> None:
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder))
        start = time.perf_counter()
        roles, stages, kinds = list(ROLES), list(STAGES), list(KINDS)
        with store.session() as s:
            s.execute(insert(ContactRow), [
                {"id": i, "name": f"Contact {i:05d} {rng.choice(['Ana', 'Ben', 'Chen', 'Dee'])}",
                 "role": rng.choice(roles), "specialty": "Internal Medicine",
                 "institution": f"Hospital {i % 300}", "title": "", "email": f"c{i}@example.org",
                 "phone": "", "how_met": "", "where_met": "", "notes": "",
                 "tags": '["research"]' if i % 7 == 0 else "[]", "stage": rng.choice(stages),
                 "follow_up_note": "", "created": TODAY - dt.timedelta(days=400),
                 "follow_up_on": TODAY - dt.timedelta(days=i % 30) if i % 50 == 0 else None}
                for i in range(1, CONTACTS + 1)])
            s.execute(insert(InteractionRow), [
                {"contact_id": rng.randint(1, CONTACTS), "kind": rng.choice(kinds),
                 "date": TODAY - dt.timedelta(days=rng.randint(0, 365)), "notes": "",
                 "template": ""} for _ in range(INTERACTIONS)])
        print(f"setup: {CONTACTS} contacts, {INTERACTIONS} interactions in "
              f"{time.perf_counter() - start:.1f} s")

        def due():
            with store.session() as s:
                return due_items(s, TODAY)

        best, items, median = _best(due)
        verdict = "OK" if best < 100 else "TOO SLOW"
        print(f"due list: {len(items)} items, best {best:.1f} ms, median {median:.1f} ms "
              f"(target < 100 ms) {verdict}")
        with store.session() as s:
            contacts = list_contacts(s)
        best, found, _ = _best(lambda: filter_contacts(contacts, text="chen 12", role="faculty"))
        print(f"core filter (text + role) over {len(contacts)} contacts: {len(found)} found, "
              f"{best:.1f} ms")

        from PySide6.QtWidgets import QApplication

        from smartpick_desktop.ui.mentors.models import ContactFilterProxy, ContactTableModel

        app = QApplication.instance() or QApplication([])
        model = ContactTableModel()
        model.set_contacts(contacts, items)
        proxy = ContactFilterProxy()
        proxy.setSourceModel(model)
        timings = []
        for text in ("c", "ch", "che", "chen", "chen 1", "chen 12"):
            start = time.perf_counter()
            proxy.set_filters(text=text, tag="research" if text == "chen 12" else None)
            timings.append((time.perf_counter() - start) * 1000)
        print(f"Qt proxy filter per keystroke: max {max(timings):.1f} ms, "
              f"{proxy.rowCount()} rows left (target: instant, < 50 ms)")
        start = time.perf_counter()
        proxy.set_filters(due_only=True)
        print(f"Qt proxy 'due only': {proxy.rowCount()} rows in "
              f"{(time.perf_counter() - start) * 1000:.1f} ms")
        del app
        store.close()


if __name__ == "__main__":
    main()
