"""``smartpick articles list | search | import`` as a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys


def run(data_dir, *args):
    return subprocess.run([sys.executable, "-m", "smartpick_desktop", "--data-dir", str(data_dir),
                           "articles", *args], capture_output=True, text=True, timeout=60)


def test_list_json_has_the_documented_keys(tmp_path):
    result = run(tmp_path, "list", "--json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert len(rows) >= 12
    assert {"id", "title", "tags", "source"} <= set(rows[0])
    assert {r["source"] for r in rows} == {"bundled"}


def test_search_json_adds_snippets_and_ranks(tmp_path):
    result = run(tmp_path, "search", "letter of recommendation", "--json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert rows[0]["title"] == "Asking for letters of recommendation"
    assert "**" in rows[0]["snippet"]
    result = run(tmp_path, "search", 'thank-you "')
    assert result.returncode == 0 and "thank-you" in result.stdout.lower()


def test_import_then_list_and_search(tmp_path):
    page = tmp_path / "page.html"
    page.write_text("<title>Night float</title><script>alert(1)</script><p>Pagers "
                    "hummingbirdish at night.</p>", encoding="utf-8")
    result = run(tmp_path / "d", "import", str(page))
    assert result.returncode == 0, result.stderr
    assert "Night float" in result.stdout
    rows = json.loads(run(tmp_path / "d", "search", "hummingbirdish", "--json").stdout)
    assert [(r["title"], r["source"]) for r in rows] == [("Night float", "imported")]
    assert "alert" not in rows[0]["snippet"]


def test_binary_import_exits_3_with_one_sentence(tmp_path):
    blob = tmp_path / "blob.md"
    blob.write_bytes(b"\x00\x01\x02binary\xff\xfe" * 50)
    result = run(tmp_path / "d", "import", str(blob))
    assert result.returncode == 3
    assert result.stderr.strip().count("\n") == 0 and "blob.md" in result.stderr
    assert "Traceback" not in result.stderr
    missing = run(tmp_path / "d", "import", str(tmp_path / "nope.md"))
    assert missing.returncode == 3 and "nope.md" in missing.stderr
