"""Demo pack, packs, user fields, provenance, sources, geography."""

import datetime as dt
import json

import pytest

from smartpick_desktop.core.catalog.demo import demo_pack_path, ensure_demo_pack
from smartpick_desktop.core.catalog.geography import locate
from smartpick_desktop.core.catalog.packs import import_pack, pack_bytes, parse_pack
from smartpick_desktop.core.catalog.program import Program
from smartpick_desktop.core.catalog.queries import (
    get_program,
    list_sources,
    load_programs,
    remove_source,
    save_program,
    set_status,
    update_user_fields,
)
from smartpick_desktop.core.errors import InputError
from smartpick_desktop.core.reference import load_reference


def test_fresh_store_has_demo_catalog(store):
    with store.session() as s:
        programs = load_programs(s)
    assert len(programs) >= 3000
    assert len({p.specialty for p in programs}) >= 15
    assert all(p.is_demo and p.source == "demo" and p.display_name.startswith("Demo")
               for p in programs)
    assert {p.specialty for p in programs} == {s.name for s in
                                              load_reference().nrmp_specialties()}
    assert all(p.latitude is not None for p in programs)


def test_demo_pack_passes_full_checks_and_is_idempotent(store):
    pack = parse_pack(demo_pack_path().read_bytes(), "demo")  # every record validated
    assert pack.is_demo and len(pack.records) > 3000
    with store.session() as s:
        ensure_demo_pack(s)
        assert len(load_programs(s)) == len(pack.records)


def test_removed_demo_pack_stays_removed(store):
    with store.session() as s:
        demo = list_sources(s)[0]
        remove_source(s, demo.id)
        ensure_demo_pack(s)
        assert load_programs(s) == []


def _pack(version, programs):
    manifest = {"name": "School pack", "version": version, "season": "2026-2027",
                "created": "2026-10-01", "source": "Our school", "licence": "internal"}
    return parse_pack(pack_bytes(manifest, programs), "school.sppack")


def test_pack_update_keeps_user_fields_and_replaces_version(store):
    one = [{"name": "Alpha IM", "specialty": "IM", "city": "Dayton", "state": "OH",
            "positions": 10}, {"name": "Beta IM", "specialty": "IM", "city": "Akron",
                               "state": "OH"}]
    with store.session() as s:
        import_pack(s, _pack("1", one))
        alpha = next(p for p in load_programs(s, state="OH") if p.name == "Alpha IM")
        update_user_fields(s, alpha.program_id, stars=4, notes="liked", tags="a, b",
                           status="applying", today=dt.date(2026, 9, 1))
    two = [dict(one[0], positions=12)]
    with store.session() as s:
        result = import_pack(s, _pack("2", two))
        assert (result.updated, result.removed) == (1, 1)
        fresh = get_program(s, alpha.program_id)
    assert fresh.positions == 12 and fresh.stars == 4 and fresh.notes == "liked"
    assert fresh.tags == ["a", "b"] and fresh.status == "applying"
    assert fresh.status_dates == {"applying": "2026-09-01"}
    assert fresh.provenance["positions"] == "Pack School pack 2 (2026-10-01)"


def test_bad_pack_refused():
    with pytest.raises(InputError, match="program 1, field 'state'"):
        _pack("1", [{"name": "X", "specialty": "IM", "state": "ZZ"}])
    with pytest.raises(InputError, match="not a SmartPick pack"):
        parse_pack(json.dumps({"format": "other"}).encode(), "x.json")


def test_user_fields_validation_and_status(store):
    with store.session() as s:
        pid = load_programs(s)[0].program_id
        with pytest.raises(InputError):
            update_user_fields(s, pid, stars=9)
        with pytest.raises(InputError):
            set_status(s, [pid], "dreaming")
        set_status(s, [pid], "invited", today=dt.date(2026, 11, 1))
        assert get_program(s, pid).status_dates == {"invited": "2026-11-01"}


def test_program_by_hand_marks_provenance(store):
    program = Program(program_id=None, acgme_id=None, name="My IM", institution="Mine",
                      specialty="Internal Medicine", city="Boston", state="MA", positions=5)
    with store.session() as s:
        pid = save_program(s, program, today=dt.date(2026, 11, 2))
        saved = get_program(s, pid)
    assert saved.source == "user" and not saved.is_demo
    assert saved.provenance["positions"] == "Entered by you (2026-11-02)"
    assert saved.latitude == pytest.approx(42.36, abs=0.05)
    with store.session() as s:
        demo = load_programs(s)[0]
        demo.positions = 77
        save_program(s, demo, today=dt.date(2026, 11, 3))
        edited = get_program(s, demo.program_id)
    assert edited.positions == 77
    assert edited.provenance["positions"] == "Entered by you (2026-11-03)"
    assert edited.provenance["name"].startswith("Demo pack")


def test_geography():
    assert locate("Saint Louis", "MO").exact and locate("St. Louis", "MO").exact
    far = locate("Nowhereville", "TX")
    assert far is not None and not far.exact
    assert locate("Austin", None) is None


def test_removing_a_pack_keeps_user_fields_for_a_reimport(store):
    one = [{"name": "Alpha IM", "specialty": "IM", "city": "Dayton", "state": "OH"},
           {"name": "Gamma IM", "specialty": "IM", "city": "Kent", "state": "OH",
            "acgme_id": "1403800001"}]
    with store.session() as s:
        import_pack(s, _pack("1", one))
        mine = {p.name: p.program_id for p in load_programs(s, state="OH")
                if p.name in ("Alpha IM", "Gamma IM")}
        update_user_fields(s, mine["Alpha IM"], stars=5, notes="top", tags="dream",
                           status="applied", today=dt.date(2026, 9, 2))
        update_user_fields(s, mine["Gamma IM"], stars=2)
        pack = next(x for x in list_sources(s) if x.name == "School pack")
        assert remove_source(s, pack.id) == 2
        assert not any(p.name == "Alpha IM" for p in load_programs(s))
    renamed = [one[0], dict(one[1], name="Gamma Internal Medicine")]  # same ACGME ID
    with store.session() as s:
        import_pack(s, _pack("2", renamed))
        back = {p.name: p for p in load_programs(s, state="OH")}
    alpha = back["Alpha IM"]
    assert (alpha.stars, alpha.notes, alpha.tags, alpha.status) == (5, "top", ["dream"],
                                                                    "applied")
    assert alpha.status_dates == {"applied": "2026-09-02"}
    assert back["Gamma Internal Medicine"].stars == 2


def test_editing_identity_keeps_user_fields_and_deleting_drops_them(store):
    from smartpick_desktop.core.catalog.queries import delete_programs

    program = Program(program_id=None, acgme_id=None, name="My IM", institution="Mine",
                      specialty="Internal Medicine", city="Boston", state="MA")
    with store.session() as s:
        pid = save_program(s, program)
        update_user_fields(s, pid, stars=3, notes="keep me")
        moved = get_program(s, pid)
        moved.city = "Worcester"
        save_program(s, moved)
        assert (get_program(s, pid).stars, get_program(s, pid).notes) == (3, "keep me")
        delete_programs(s, [pid])
        again = save_program(s, program)
        moved_back = get_program(s, again)
        moved_back.city = "Worcester"
        save_program(s, moved_back)
        assert get_program(s, again).stars == 0  # deleting by hand forgets the fields


def test_loading_in_chunks_pauses_between_them_and_can_stop(store):
    from smartpick_desktop.core.catalog import queries
    from smartpick_desktop.core.progress import Cancelled, checkpoint

    with store.session() as s:
        whole = load_programs(s)
        pauses = []
        chunked = load_programs(s, between=lambda: pauses.append(1))
        assert [p.program_id for p in chunked] == [p.program_id for p in whole]
        assert len(pauses) == -(-len(whole) // queries.CHUNK_ROWS)
        with pytest.raises(Cancelled):
            load_programs(s, between=lambda: checkpoint(lambda: True))
