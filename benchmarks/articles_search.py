"""Article search speed: 1,000 generated articles in a fresh store, FTS5 query time per query.

Target: under 20 ms per query (PRODUCT issue "article reader"). Prints the figures.
"""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from pathlib import Path

from smartpick_desktop.core.articles import library, search
from smartpick_desktop.core.datafolder import open_store

ARTICLES = 1000
WORDS = 900
QUERIES = ["thank-you", "signal", "letter of recommendation", "study group", "interview",
           "rank order list", "mentor", "program", "resea", '"office hours"', "zzzznothing",
           "how many programs should I apply to"]
TARGET_MS = 20.0


def vocabulary(rng: random.Random) -> list[str]:
    base = ["mentor", "letter", "recommendation", "signal", "program", "interview", "rank",
            "order", "list", "study", "group", "research", "faculty", "office", "hours", "thank",
            "you", "residency", "match", "applicant", "clinical", "team", "conference", "email",
            "follow", "up", "shadowing"]
    syllables = ["ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "ze", "pa", "qu", "dr"]
    made = {"".join(rng.choice(syllables) for _ in range(rng.randint(2, 4)))
            for _ in range(6000)}
    return base * 30 + sorted(made)


def main() -> None:
    rng = random.Random(7)
    words = vocabulary(rng)
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder))
        start = time.perf_counter()
        with store.session() as session:
            for number in range(ARTICLES):
                body = " ".join(rng.choice(words) for _ in range(WORDS))
                title = " ".join(rng.choice(words) for _ in range(5)).capitalize()
                prepared = library.PreparedArticle(
                    title=title, summary=body[:150], tags=[rng.choice(words)], reading_time=4,
                    date=None, fmt="text", body=body, plain=body, file_name=None,
                    slug_hint=f"bench-{number}", content_hash=str(number))
                library.save_import(session, prepared)
        print(f"indexed {ARTICLES} articles of {WORDS} words in "
              f"{time.perf_counter() - start:.2f} s")
        worst = 0.0
        for query in QUERIES:
            times, count = [], 0
            for _ in range(5):
                with store.session() as session:
                    began = time.perf_counter()
                    count = len(search.search(session, query))
                    times.append((time.perf_counter() - began) * 1000)
            median = statistics.median(times)
            worst = max(worst, median)
            print(f"  {query!r:40} {count:3d} hits  median {median:6.2f} ms")
        verdict = "OK" if worst < TARGET_MS else "TOO SLOW"
        print(f"slowest median query: {worst:.2f} ms (target < {TARGET_MS:.0f} ms) {verdict}")
        store.close()


if __name__ == "__main__":
    main()
