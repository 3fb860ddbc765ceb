"""No dead code in the package: vulture finds no unused function, method, property, class or
import, no unreachable code and no unused argument.

Use counts from the package, ``scripts/``, ``benchmarks/`` and ``packaging/``; false positives
are listed in ``tests/vulture_whitelist.py``. Unused variables and attributes are not checked:
dataclass fields read from JSON, ORM columns and Qt objects kept alive are all reported as such.
"""

from __future__ import annotations

from pathlib import Path

from vulture import Vulture

ROOT = Path(__file__).resolve().parents[1]
SCANNED = ["smartpick_desktop", "scripts", "benchmarks", "packaging", "tests/vulture_whitelist.py"]
CHECKED = {"function", "method", "property", "class", "import", "unreachable_code"}


def test_the_package_has_no_dead_code():
    vulture = Vulture()
    vulture.scavenge([str(ROOT / path) for path in SCANNED])
    package = ROOT / "smartpick_desktop"
    dead = [item.get_report(add_size=False)
            for item in vulture.get_unused_code(min_confidence=60)
            if Path(item.filename).is_relative_to(package)
            and (item.typ in CHECKED or item.confidence == 100)]
    assert dead == []
