"""``smartpick plan show|add|remove|lock|signal|status|interview|rol|compare`` as a user runs
them (the issue's Must-hold lines)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

PROFILE = {
    "version": 1, "name": "Alex Doe", "applicant_type": "us_md", "specialty": "Internal Medicine",
    "step2_ck": 232, "home_state": "OH", "home_city": "Columbus", "budget_usd": 700,
    "preferred_states": ["OH", "MI"], "preferred_settings": ["university"], "research_items": 2,
}


def run(data_dir, *args):
    return subprocess.run([sys.executable, "-m", "smartpick_desktop", "--data-dir", str(data_dir),
                           *args], capture_output=True, text=True, timeout=120)


def ok(data_dir, *args):
    result = run(data_dir, *args)
    assert result.returncode == 0, result.stderr
    return result


def show(data_dir, *extra):
    return json.loads(ok(data_dir, "plan", "show", "--json", *extra).stdout)


@pytest.fixture
def folder(tmp_path):
    data = tmp_path / "data"
    profile = tmp_path / "profile.json"
    profile.write_text(json.dumps(PROFILE), encoding="utf-8")
    ok(data, "profile", "import", str(profile))
    ok(data, "optimize", "--max-apps", "12")
    return data


def _ids(folder):
    listed = json.loads(ok(folder, "programs", "list", "--specialty", "Internal Medicine",
                           "--json").stdout)
    return [p["program_id"] for p in listed]


def test_lock_and_remove_survive_optimize(folder):
    plan = show(folder)
    in_list = [r["program_id"] for r in plan["programs"]]
    outside = [i for i in _ids(folder) if i not in in_list]
    a, b = outside[-1], in_list[0]
    assert "locked in" in ok(folder, "plan", "lock", str(a)).stdout
    assert "Removed" in ok(folder, "plan", "remove", str(b)).stdout
    ok(folder, "optimize", "--max-apps", "12")
    plan = show(folder)
    ids = [r["program_id"] for r in plan["programs"]]
    assert a in ids and b not in ids
    assert plan["locked"] == [a] and plan["locked_out"] == [b]
    row = next(r for r in plan["programs"] if r["program_id"] == a)
    assert row["locked"] is True and row["status"] == "applying"
    assert {"programs", "locked", "p_match", "stale", "fee_usd", "p_match_any"} <= set(plan)
    low, high = plan["p_match_range"]
    assert low <= plan["p_match"] <= high
    # undo takes the last change back: the optimized list before it
    assert "Undone" in ok(folder, "plan", "undo").stdout
    assert [r["program_id"] for r in show(folder)["programs"]] != ids


def test_signal_past_the_allowance_exits_3_and_changes_nothing(folder):
    plan = show(folder)
    golds = [r for r in plan["programs"] if r["signal_level"] == "gold"]
    allowed = plan["signals_allowed"]["Internal Medicine"]["gold"]
    assert len(golds) == allowed  # the optimizer used them all
    target = next(r for r in plan["programs"] if r["signal_level"] != "gold")
    result = run(folder, "plan", "signal", str(target["program_id"]), "gold")
    assert result.returncode == 3
    assert result.stderr.count("\n") == 1 and "already placed" in result.stderr
    assert show(folder) == plan
    # moving one: take a gold off, then place it elsewhere
    ok(folder, "plan", "signal", str(golds[0]["program_id"]), "none")
    moved = ok(folder, "plan", "signal", str(target["program_id"]), "gold").stdout
    assert "P(match)" in moved
    after = show(folder)
    levels = {r["program_id"]: r["signal_level"] for r in after["programs"]}
    assert levels[target["program_id"]] == "gold" and levels[golds[0]["program_id"]] is None


@pytest.mark.parametrize("args, words", [
    (("plan", "add", "999999"), "not in the catalog"),
    (("plan", "remove", "abc"), "not a number"),
    (("plan", "status", "1", "accepted"), "is not one of"),
    (("plan", "signal", "1", "platinum"), "is not one of"),
    (("plan", "interview", "1", "--date", "2026-13-01"), "YYYY-MM-DD"),
    (("plan", "compare", "1"), "2 to 4 programs"),
])
def test_bad_input_is_exit_3_with_one_line(folder, args, words):
    before = show(folder)
    result = run(folder, *args)
    assert result.returncode == 3, result.stdout + result.stderr
    assert result.stderr.count("\n") == 1 and words in result.stderr
    assert show(folder) == before


def test_a_stronger_profile_is_never_shown_with_the_old_number(folder, tmp_path):
    before = show(folder)
    stronger = dict(PROFILE, step2_ck=262, research_items=12)
    path = tmp_path / "stronger.json"
    path.write_text(json.dumps(stronger), encoding="utf-8")
    ok(folder, "profile", "import", str(path))
    flagged = show(folder, "--no-refresh")
    assert flagged["stale"] is True and flagged["p_match"] == before["p_match"]
    after = show(folder)
    assert after["stale"] is False and after["recomputed"] is True
    assert after["p_match"] > before["p_match"]
    assert [r["program_id"] for r in after["programs"]] == \
        [r["program_id"] for r in before["programs"]]


def test_interviewed_program_is_on_the_rank_order_list(folder):
    pid = show(folder)["programs"][0]["program_id"]
    ok(folder, "plan", "status", str(pid), "applied", "--date", "2026-09-25")
    ok(folder, "plan", "status", str(pid), "interviewed")
    rol = json.loads(ok(folder, "plan", "rol", "--json").stdout)
    assert [p["program_id"] for p in rol["programs"]] == [pid]
    assert rol["programs"][0]["rank"] == 1
    assert rol["p_match_by_length"][0]["length"] == 1
    assert 0 < rol["p_match_by_length"][0]["p_match"] < 1
    assert "Risky" in rol["warning"]


def test_two_interviews_on_one_day_conflict_and_go_to_the_calendar(folder, tmp_path):
    a, b = [r["program_id"] for r in show(folder)["programs"][:2]]
    first = ok(folder, "plan", "interview", str(a), "--date", "2026-12-10").stdout
    assert "Conflict" not in first
    second = ok(folder, "plan", "interview", str(b), "--date", "2026-12-10").stdout
    assert "Conflict:" in second and "both on 2026-12-10" in second
    pdf, ics = tmp_path / "plan.pdf", tmp_path / "plan.ics"
    ok(folder, "plan", "export", str(pdf), "--ics", str(ics))
    calendar = ics.read_text(encoding="utf-8")
    assert calendar.count("DTSTART;VALUE=DATE:20261210") == 2
    assert "Interview" in calendar
    plan = show(folder)
    statuses = {r["program_id"]: r["status"] for r in plan["programs"]}
    assert statuses[a] == statuses[b] == "interview_scheduled"


def test_compare_two_programs_side_by_side(folder):
    a, b = [r["program_id"] for r in show(folder)["programs"][:2]]
    ok(folder, "plan", "interview", str(a), "--notes", "Great residents", "--score",
       "Location=4", "People=5")
    out = json.loads(ok(folder, "plan", "compare", str(a), str(b), "--json").stdout)
    assert [p["program_id"] for p in out["programs"]] == [a, b]
    fields = out["programs"][0]["fields"]
    assert fields["Interview notes"]["value"] == "Great residents"
    assert fields["Interview score (weighted, 1–5)"]["value"] == "4.5"
    assert fields["Chance of an interview"]["source"] == "Estimated by the model"
    assert "Demo pack" in fields["PGY-1 positions"]["source"]


def test_tasks_and_whats_due_this_week(folder):
    import datetime as dt

    pid = show(folder)["programs"][0]["program_id"]
    soon = (dt.date.today() + dt.timedelta(days=3)).isoformat()
    later = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    assert "Added item" in ok(folder, "plan", "task", str(pid), "Secondary essay", "--due",
                              soon).stdout
    ok(folder, "plan", "task", str(pid), "Program deadline", "--deadline", "--due", later)
    due = json.loads(ok(folder, "plan", "due", "--json").stdout)
    assert [(d["text"], d["kind"], d["date"]) for d in due] == \
        [("Secondary essay", "supplemental", soon)]
    listed = ok(folder, "plan", "task", str(pid)).stdout
    task_id = listed.split("] ")[1].split(":")[0]
    ok(folder, "plan", "task", str(pid), "--done", task_id)
    assert json.loads(ok(folder, "plan", "due", "--json").stdout) == []
    bad = run(folder, "plan", "task", str(pid), "x", "--due", "tomorrow")
    assert bad.returncode == 3 and "YYYY-MM-DD" in bad.stderr
