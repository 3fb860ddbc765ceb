"""``smartpick plan export FILE.pdf [--ics FILE.ics]`` as a subprocess."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "core" / "plan"))
from conftest import save_sample_plan  # noqa: E402


def _run(data_dir: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "smartpick_desktop", "--data-dir",
                           str(data_dir), *args], capture_output=True, text=True, timeout=120)


def test_no_profile_is_exit_3_with_one_line(data_dir, tmp_path):
    result = _run(data_dir, "plan", "export", str(tmp_path / "plan.pdf"))
    assert result.returncode == 3
    assert result.stderr.count("\n") == 1 and "no profile yet" in result.stderr
    assert not (tmp_path / "plan.pdf").exists()


def test_bad_target_is_rejected_before_anything_happens(data_dir, tmp_path):
    result = _run(data_dir, "plan", "export", str(tmp_path / "plan.txt"))
    assert result.returncode == 3 and "must end in .pdf" in result.stderr
    result = _run(data_dir, "plan", "export", str(tmp_path / "nowhere" / "plan.pdf"))
    assert result.returncode == 3 and "does not exist" in result.stderr


@pytest.mark.tool("pdftotext")
def test_export_the_current_plan_with_a_calendar(store, data_dir, sample_profile, tmp_path):
    with store.session() as session:
        save_sample_plan(session, sample_profile)
    store.close()
    pdf, ics = tmp_path / "plan.pdf", tmp_path / "plan.ics"
    result = _run(data_dir, "plan", "export", str(pdf), "--ics", str(ics))
    assert result.returncode == 0, result.stderr
    assert "Wrote the plan (10 programs" in result.stdout and "calendar events" in result.stdout
    assert pdf.read_bytes().startswith(b"%PDF")
    assert ics.read_bytes().startswith(b"BEGIN:VCALENDAR")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "Alex Doe" in text and "Page 1 of" in text


def test_without_a_plan_one_is_computed_from_the_budget_first(store, data_dir, sample_profile,
                                                              tmp_path):
    from smartpick_desktop.core.catalog.queries import ensure_demo_pack
    from smartpick_desktop.core.profile import save_profile

    with store.session() as session:
        save_profile(session, sample_profile)
        ensure_demo_pack(session)
    store.close()
    result = _run(data_dir, "plan", "export", str(tmp_path / "plan.pdf"))
    assert result.returncode == 0, result.stderr
    assert "computed one from your profile" in result.stdout
    assert (tmp_path / "plan.pdf").read_bytes().startswith(b"%PDF")
    again = _run(data_dir, "plan", "export", str(tmp_path / "again.pdf"))
    assert again.returncode == 0 and "computed" not in again.stdout


@pytest.mark.tool("pdftotext")
def test_a_10000_character_letter_note_and_names_beyond_latin_print(store, data_dir,
                                                                   sample_profile, tmp_path):
    """Issue 16, points 11 and 14: a long note once failed with a LayoutError (exit 1);
    Arabic and Hebrew came out reversed and unshaped, emoji as boxes."""
    import dataclasses

    from smartpick_desktop.core.mentors.letters import add_letter
    from smartpick_desktop.core.profile import save_profile

    note = ("The writer asked for my CV and a draft; " * 250)[:10_000]
    with store.session() as session:
        save_sample_plan(session, sample_profile)
        save_profile(session, dataclasses.replace(sample_profile, name="שרה כהן"))
        add_letter(session, "Dr. محمد علي 🚀", notes=note, status="agreed")
        add_letter(session, "Dr. Short", notes="x" * 10_000)
    store.close()
    pdf = tmp_path / "plan.pdf"
    result = _run(data_dir, "plan", "export", str(pdf))
    assert result.returncode == 0, result.stderr
    text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    flat = " ".join(re.sub("[\u202a-\u202e]", "", text).split())
    assert flat.count("The writer asked for my CV") >= 240  # the whole note, over pages
    assert "[emoji: ROCKET]" in flat  # named, never a box
    # Drawn right to left: pdftotext -raw gives the words in the order they stand on the page.
    assert "כהן שרה" in flat and "שרה כהן" not in flat
    assert any("\ufe70" <= ch <= "\ufeff" for ch in text)  # Arabic in its joined forms


def _need_cjk_support(pdf: Path) -> None:
    """Reading CJK back needs poppler-data and a CJK font (``make test`` installs both)."""
    probe = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True)
    if "Missing language pack" in probe.stderr:
        pytest.skip("poppler-data is not installed (`make test` installs it)")
    fonts = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True)
    if not fonts.stdout.strip():
        pytest.skip("no CJK font is installed (`make test` installs fonts-wqy-microhei)")


def _ink(pdf: Path, page: int, box: tuple[float, float, float, float]) -> float:
    """Share of dark pixels in ``box`` (points: x0, y0, x1, y1) of a page rendered at 144 dpi."""
    x0, y0, x1, y1 = (round(v * 2) for v in box)
    pgm = subprocess.run(["pdftoppm", "-gray", "-r", "144", "-f", str(page), "-l", str(page),
                          "-x", str(x0), "-y", str(y0), "-W", str(x1 - x0), "-H", str(y1 - y0),
                          str(pdf)], capture_output=True, check=True).stdout
    _magic, width, height, _max, pixels = pgm.split(maxsplit=4)
    assert int(width) * int(height) == len(pixels)
    return sum(1 for value in pixels if value < 128) / len(pixels)


@pytest.mark.tool("pdftotext", "pdftoppm", "pdffonts", "fc-list")
def test_chinese_japanese_and_korean_names_print_as_glyphs(store, data_dir, sample_profile,
                                                         tmp_path):
    """Issue 16, point 14: CJK names printed as named substitutions, not as glyphs."""
    import dataclasses

    from smartpick_desktop.core.mentors.letters import add_letter
    from smartpick_desktop.core.profile import save_profile

    with store.session() as session:
        save_sample_plan(session, sample_profile)
        save_profile(session, dataclasses.replace(sample_profile, name="张伟 Zhang Wei"))
        add_letter(session, "Dr. 山田たろう", status="agreed")
        add_letter(session, "Dr. 김민준 🚀", notes="「推薦状」 " * 2000, status="asked")
        add_letter(session, "Dr. שרה כהן", status="asked")
    store.close()
    pdf = tmp_path / "plan.pdf"
    result = _run(data_dir, "plan", "export", str(pdf))
    assert result.returncode == 0, result.stderr
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True,
                           check=True).stdout
    assert all(name in fonts for name in ("STSong-Light", "HeiseiKakuGo-W5", "HYGothic-Medium"))
    _need_cjk_support(pdf)
    text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    flat = " ".join(re.sub("[\u202a-\u202e]", "", text).split())
    for name in ("张伟 Zhang Wei", "Dr. 山田たろう", "Dr. 김민준 [emoji: ROCKET]", "כהן שרה"):
        assert name in flat
    assert "CJK UNIFIED" not in flat and "HANGUL" not in flat and "HIRAGANA" not in flat
    assert flat.count("推薦状") == 2000  # the long note whole, over continuation rows
    # The glyphs are drawn: the CJK words carry ink, as much as Latin words of their size.
    bbox = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout
    words = {m.group(5): tuple(float(m.group(i)) for i in range(1, 5)) for m in re.finditer(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]+)</word>',
        bbox)}
    assert _ink(pdf, 1, words["张伟"]) > 0.5 * _ink(pdf, 1, words["Zhang"]) > 0.02
