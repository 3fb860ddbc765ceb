"""Spreadsheet import: aliases, encodings, values, validation, dedupe, export neutralising."""

import csv

import pytest

from smartpick_desktop.core.catalog.queries import count_programs, load_programs
from smartpick_desktop.core.catalog.spreadsheet import (
    guess_mapping,
    import_file,
    neutralise,
    read_table,
    write_csv,
)
from smartpick_desktop.core.errors import InputError


def _mine(store):
    with store.session() as s:
        return {p.name: p for p in load_programs(s) if not p.is_demo}


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig"])
def test_freida_csv_imports_with_values_intact(store, tmp_path, freida_text, encoding):
    path = tmp_path / "freida.csv"
    path.write_text(freida_text, encoding=encoding)
    with store.session() as s:
        result = import_file(s, path)
    assert result.added == 3
    progs = _mine(store)
    im = progs["Riverside General IM"]
    assert im.acgme_id == "1403621100" and im.specialty == "Internal Medicine"
    assert (im.city, im.state, im.positions) == ("Columbus", "OH", 45)
    assert (im.share_do, im.share_img, im.share_md) == (0.12, 0.45, 0.43)
    assert im.setting == "community_university" and im.visa_j1 and im.visa_h1b
    assert im.latitude == pytest.approx(39.96, abs=0.05)
    an = progs["Northfield Anesthesiology"]
    assert an.acgme_id == "0401221001" and an.state == "MO" and an.setting == "university"
    assert (an.share_do, an.share_img, an.share_md) == (0.2, 0.1, 0.7)
    assert an.visa_j1 is False and an.visa_h1b is False
    fm = progs["Hometown FM"]
    assert fm.positions is None and fm.acgme_id is None and fm.visa_j1 is None
    assert "File freida.csv" in im.provenance["positions"]
    assert "not found" in fm.provenance["latitude"]  # Smallville: state centroid, flagged


def test_reimport_changes_nothing(store, tmp_path, freida_text):
    path = tmp_path / "freida.csv"
    path.write_text(freida_text, encoding="utf-8")
    with store.session() as s:
        import_file(s, path)
    before = {n: p.pack_values() for n, p in _mine(store).items()}
    with store.session() as s:
        result = import_file(s, path)
    assert (result.added, result.updated, result.unchanged) == (0, 0, 3)
    assert {n: p.pack_values() for n, p in _mine(store).items()} == before


def test_cp1252_keeps_accents(store, tmp_path):
    path = tmp_path / "win.csv"
    path.write_bytes("Program Name,Specialty,City,State\nCafé Montréal IM,IM,Albuquerque,NM\n"
                     .encode("cp1252"))
    with store.session() as s:
        import_file(s, path)
    assert "Café Montréal IM" in _mine(store)


def test_invalid_rows_refuse_all_or_skip(store, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("Program Name,Specialty,State,First Year Positions\nGood,IM,OH,8\n"
                    "Bad,IM,OH,twelve\nWorse,IM,ZZ,3\n", encoding="utf-8")
    with store.session() as s:
        total = count_programs(s)
    with pytest.raises(InputError) as err, store.session() as s:
        import_file(s, path)
    assert "row 3" in str(err.value) and "First Year Positions" in str(err.value)
    assert any("row 4" in p and "ZZ" in p for p in err.value.problems)
    with store.session() as s:
        assert count_programs(s) == total
    with store.session() as s:
        result = import_file(s, path, skip_invalid=True)
    assert result.added == 1 and result.skipped == 2
    assert set(_mine(store)) == {"Good"}


@pytest.mark.parametrize("content,reason", [
    (b"\x00\x01\x02\x03binary\x00", "binary"), (b"", "empty"), (b"  \n", "empty"),
    (b"Program Name,Specialty\n", "no programs"), (b"PK\x03\x04junk", "XLSX"),
])
def test_bad_files_are_refused_clearly(tmp_path, content, reason):
    path = tmp_path / "x.csv"
    path.write_bytes(content)
    with pytest.raises(InputError, match=reason):
        read_table(path)


def test_header_aliases_and_map(tmp_path, store):
    table_path = tmp_path / "t.csv"
    table_path.write_text("PROGRAM-NAME,specialty name,ST,Pgy1 Positions,Weird\nA,Peds,TX,4,x\n",
                          encoding="utf-8")
    table = read_table(table_path)
    assert set(guess_mapping(table.header).values()) == {"name", "specialty", "state",
                                                          "positions"}
    with store.session() as s:
        import_file(s, table_path, overrides=["Weird=institution"])
    assert _mine(store)["A"].institution == "x"
    with pytest.raises(InputError, match="unknown field"), store.session() as s:
        import_file(s, table_path, overrides=["Weird=nonsense"])


def test_xlsx_import(store, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["ACGME ID", "Program Name", "Specialty", "City", "State", "% IMG"])
    sheet.append([401221001, "Sheet Program", "Anesthesiology", "Denver", "CO", 0.25])
    path = tmp_path / "p.xlsx"
    book.save(path)
    with store.session() as s:
        import_file(s, path)
    program = _mine(store)["Sheet Program"]
    assert program.acgme_id == "0401221001" and program.share_img == 0.25


def test_export_neutralises_formulas(store, tmp_path):
    path = tmp_path / "evil.csv"
    path.write_text("Program Name,Specialty,City,Institution\n=HYPERLINK(1),IM,+1,@SUM(A1)\n"
                    "-2 Program,IM,Tulsa,OK\n", encoding="utf-8")
    with store.session() as s:
        import_file(s, path)
        programs = load_programs(s)
    out = tmp_path / "out.csv"
    write_csv(out, programs)
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert len(rows) == len(programs) + 1
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@")), cell
    assert neutralise("=1") == "'=1" and neutralise(-3) == "'-3"
