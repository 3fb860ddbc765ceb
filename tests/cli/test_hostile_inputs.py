"""Hostile files the importers must refuse with exit 3 and one sentence, store unchanged
(issue 16, points 5, 6, 7, 8 and 10). The CLI runs as a subprocess, where the defects were seen.
"""

from __future__ import annotations

import gzip
import io
import json
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

PROFILE = {"version": 1, "name": "Noor Haddad", "applicant_type": "us_img",
           "specialty": "Internal Medicine", "home_state": "MI", "step2_ck": 245}
CSV_HEADER = "name,institution,specialty,city,state,positions,acgme_id\n"


def run(data_dir, *args, timeout=120):
    return subprocess.run([sys.executable, "-m", "smartpick_desktop", "--data-dir",
                           str(data_dir), *map(str, args)],
                          capture_output=True, text=True, timeout=timeout)


def refused(done) -> str:
    assert done.returncode == 3, (done.returncode, done.stderr)
    assert done.stderr.count("\n") == 1, done.stderr
    assert "Traceback" not in done.stderr and "unexpected error" not in done.stderr
    return done.stderr


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    """A data folder with a profile and one program of the user's own."""
    tmp = tmp_path_factory.mktemp("hostile")
    folder = tmp / "data"
    (tmp / "p.json").write_text(json.dumps(PROFILE))
    assert run(folder, "profile", "import", tmp / "p.json").returncode == 0
    (tmp / "mine.csv").write_text(CSV_HEADER + "Café Clinic IM,Test U,Internal Medicine,"
                                  "Columbus,OH,12,1403800001\n", encoding="utf-8")
    assert run(folder, "programs", "import", tmp / "mine.csv").returncode == 0
    return folder


def _listing(folder) -> tuple[dict, list]:
    """The profile and the programs as ``profile show`` / ``programs list --json`` give them
    (read in-process: cheaper than two more subprocesses per case)."""
    from smartpick_desktop.cli.programs_cmd import program_json
    from smartpick_desktop.core.catalog.queries import load_programs
    from smartpick_desktop.core.datafolder import open_store
    from smartpick_desktop.core.profile import load_profile

    store = open_store(folder)
    try:
        with store.session() as s:
            return load_profile(s).to_dict(), [program_json(p) for p in load_programs(s)]
    finally:
        store.close()


def _xlsx(sheet_xml: str | None = None, cell: str = "<v>12</v>") -> bytes:
    """A tiny workbook; ``sheet_xml`` replaces the sheet, ``cell`` the positions value."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["name", "specialty", "positions"])
    sheet.append(["XLSX Program", "Internal Medicine", 12])
    buffer = io.BytesIO()
    book.save(buffer)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in src.namelist():
            payload = src.read(name)
            if name == "xl/worksheets/sheet1.xml":
                text = sheet_xml if sheet_xml is not None else payload.decode()
                payload = text.replace("<v>12</v>", cell).encode()
            dst.writestr(name, payload)
    return out.getvalue()


def _pack(**program) -> bytes:
    record = {"name": "Pack Program", "specialty": "Internal Medicine", "state": "OH", **program}
    return json.dumps({"format": "smartpick-pack", "format_version": 1,
                       "manifest": {"name": "P", "version": "1", "season": "2026-27",
                                    "created": "2026-11-20", "source": "test",
                                    "licence": "test"},
                       "programs": [record]}).encode()


DEEP = "[" * 100_000 + "]" * 100_000
HUGE_INT = "9" * 5000
CASES: dict[str, tuple[tuple[str, ...], str, bytes | str]] = {
    # name: (command, file name, content)
    "profile NaN under an unknown key": (("profile", "import"), "p.json",
                                         json.dumps(PROFILE)[:-1] + ', "mood": NaN}'),
    "profile Infinity in a nested unknown key": (
        ("profile", "import"), "p.json", json.dumps(PROFILE)[:-1] + ', "x": {"y": [Infinity]}}'),
    "profile 100,000 deep": (("profile", "import"), "p.json", DEEP),
    "profile integer over 4,300 digits": (("profile", "import"), "p.json",
                                          json.dumps(PROFILE)[:-1] + f', "n": {HUGE_INT}}}'),
    "profile lone surrogate": (("profile", "import"), "p.json",
                               json.dumps({**PROFILE, "name": "x"}).replace('"x"', '"\\ud800"')),
    "xlsx 1E999 cell": (("programs", "import"), "p.xlsx", _xlsx(cell="<v>1E999</v>")),
    "xlsx 1E999 acgme": (("programs", "import"), "p.xlsx",
                         _xlsx(cell="<v>1E999</v>").replace(b"positions", b"acgme_id")),
    "xlsx DTD entities": (("programs", "import"), "p.xlsx", _xlsx(
        sheet_xml='<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">'
                  '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
                  '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                  '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>name&b;</t></is></c>'
                  '</row></sheetData></worksheet>')),
    "pack setting is a list": (("programs", "import"), "p.json", _pack(setting=["community"])),
    "pack name is an object": (("programs", "import"), "p.json", _pack(name={"a": 1})),
    "pack huge positions": (("programs", "import"), "p.json",
                            _pack(positions=10**400)),
    "pack deep": (("programs", "import"), "p.json",
                  b'{"format": "smartpick-pack", "x": ' + DEEP.encode() + b"}"),
    "pack NaN": (("programs", "import"), "p.json",
                 _pack(reputation=1).replace(b'"reputation": 1', b'"reputation": NaN')),
    "UTF-7 quoted-printable vCard": (
        ("mentors", "import"), "c.vcf",
        "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=UTF-7;ENCODING=QUOTED-PRINTABLE:+2D3cAA-\r\n"
        "FN;CHARSET=UTF-7;ENCODING=QUOTED-PRINTABLE:+2D3cAA-\r\nEND:VCARD\r\n"),
    "CSV mixing UTF-8 and cp1252": (
        ("programs", "import"), "mixed.csv",
        (CSV_HEADER + "Café Clinic IM,Test U,Internal Medicine,Columbus,OH,12,1403800001\n")
        .encode("utf-8") + "Señor Program,Other U,Pediatrics,Dayton,OH,8,\n".encode("cp1252")),
    "contacts CSV mixing encodings": (
        ("mentors", "import"), "c.csv",
        "name,email\nRenée,renee@example.org\n".encode() + "José,jose@example.org\n"
        .encode("cp1252")),
    "article nested 200,000 deep": (("articles", "import"), "deep.html",
                                    "<html><title>t</title><body>" + "<div>" * 200_000 + "x"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_file_exits_3_and_changes_nothing(data, tmp_path, case):
    command, name, content = CASES[case]
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8", errors="surrogatepass")
    else:
        path.write_bytes(content)
    before = _listing(data)
    refused(run(data, *command, path, timeout=60))
    assert _listing(data) == before


@pytest.mark.parametrize("command", [("profile", "import"), ("programs", "import"),
                                     ("mentors", "import"), ("articles", "import"),
                                     ("restore",)])
def test_dev_zero_is_refused_at_once(data, command):
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero here")
    target = "/dev/zero" if command[0] != "mentors" else "/dev/zero.vcf"
    done = run(data, *command, target, timeout=30)
    if command[0] == "mentors":  # a .vcf name that is not a file
        refused(done)
        return
    assert "not a regular file" in refused(done) or "not a SmartPick backup" in done.stderr


def test_search_with_a_huge_limit_works(data):
    done = run(data, "articles", "search", "x", "--limit", "99999999999999999999")
    assert done.returncode == 0, done.stderr


def test_a_clean_cp1252_csv_still_imports(tmp_path):
    folder = tmp_path / "d"
    path = tmp_path / "legacy.csv"
    path.write_bytes((CSV_HEADER + "Señor Clínica IM,Test U,Internal Medicine,Columbus,OH,"
                      "12,1403800002\n").encode("cp1252"))
    done = run(folder, "programs", "import", path)
    assert done.returncode == 0, done.stderr
    assert "Señor Clínica IM" in run(folder, "programs", "list", "--json").stdout


def test_a_busy_store_says_so_in_one_sentence(data, tmp_path):
    """Two imports at once: the second waits, then says the store is busy (no SQL, no URL)."""
    path = tmp_path / "p.json"
    path.write_text(json.dumps({**PROFILE, "name": "Second Writer"}))
    holder = sqlite3.connect(data / "smartpick.db", timeout=1)
    try:
        holder.execute("BEGIN IMMEDIATE")
        done = run(data, "profile", "import", path, timeout=60)
    finally:
        holder.rollback()
        holder.close()
    message = refused(done)
    assert "busy" in message and "try again" in message
    assert "SQL" not in message and "sqlalche.me" not in message
    assert json.loads(run(data, "profile", "show").stdout)["name"] == "Noor Haddad"


def test_contacts_export_neutralises_tab_and_cr(store, tmp_path):
    from smartpick_desktop.core.mentors.contacts import Contact, add_contact
    from smartpick_desktop.core.mentors.csvio import csv_text, read_csv
    from smartpick_desktop.core.mentors.exchange import export_file

    with store.session() as s:  # notes keep leading TAB/CR (only newlines are trimmed)
        add_contact(s, Contact(name="Tab Person", notes="\t=1+2", how_met="-3+4"))
        add_contact(s, Contact(name="CR Person", notes="\r=HYPERLINK(1)"))
    out = tmp_path / "c.csv"
    with store.session() as s:
        export_file(s, out)
    text = out.read_bytes().decode("utf-8-sig")
    assert "'\t=1+2" in text and "'\r=HYPERLINK(1)" in text and "'-3+4" in text
    assert "'\t" in csv_text([Contact(name="x", title="\t=1")])
    back = {c.name: c.notes for c in read_csv(out)}  # the import takes the mark off again
    assert back["Tab Person"] == "\t=1+2"


def test_a_gzip_bomb_pack_is_stopped_at_the_cap():
    from smartpick_desktop.core.catalog import packs
    from smartpick_desktop.core.errors import InputError

    bomb = gzip.compress(b" " * (packs.MAX_PACK_UNPACKED + 2**20), 9)
    assert len(bomb) < 1024 * 1024
    with pytest.raises(InputError, match="unpacks to more than"):
        packs.parse_pack(bomb, "bomb.json.gz")
    # A good pack split over two gzip members still reads.
    good = _pack()
    two = gzip.compress(good[:50]) + gzip.compress(good[50:])
    assert packs.parse_pack(two, "two.json.gz").records[0]["name"] == "Pack Program"


def test_an_xlsx_past_the_row_limit_is_refused_while_streaming(tmp_path, monkeypatch):
    from smartpick_desktop.core.catalog import spreadsheet
    from smartpick_desktop.core.errors import InputError

    monkeypatch.setattr(spreadsheet, "MAX_ROWS", 1000)
    monkeypatch.setattr(spreadsheet, "MAX_SHEET_ROWS", 1100)
    rows = "".join(f'<row r="{n}"><c r="A{n}"><v>{n}</v></c></row>' for n in range(2, 50_000))
    sheet = ('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>name</t></is></c></row>'
             f"{rows}</sheetData></worksheet>")
    path = tmp_path / "long.xlsx"
    path.write_bytes(_xlsx(sheet_xml=sheet))
    with pytest.raises(InputError, match="more than 1,000 rows"):
        spreadsheet.read_table(path)


def test_the_mixed_file_would_have_been_mojibake(tmp_path):
    """Why mixed files are refused: read as cp1252, the UTF-8 part turns into garbage."""
    from smartpick_desktop.core.errors import InputError
    from smartpick_desktop.core.textio import decode_text

    mixed = "Café".encode() + " Señor".encode("cp1252")
    assert "CafÃ©" in mixed.decode("cp1252")
    with pytest.raises(InputError, match="mixes UTF-8"):
        decode_text(mixed, "File x.csv")
    assert decode_text("Señor".encode("cp1252"), "f") == ("Señor", "cp1252")
    assert decode_text("\ufeffCafé".encode(), "f") == ("Café", "utf-8-sig")
