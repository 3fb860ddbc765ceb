"""Contacts, letters and CSV: validation, filtering, formula neutralising."""

from __future__ import annotations

import datetime as dt

import pytest

from smartpick_desktop.core.errors import InputError
from smartpick_desktop.core.mentors.contacts import (
    Contact,
    add_contact,
    filter_contacts,
    get_contact,
    list_contacts,
    update_contact,
)
from smartpick_desktop.core.mentors.csvio import csv_text
from smartpick_desktop.core.mentors.exchange import import_file
from smartpick_desktop.core.mentors.interactions import list_interactions, log_interaction
from smartpick_desktop.core.mentors.letters import (
    Letter,
    add_letter,
    letters_expected,
    list_letters,
    set_letter_status,
)


def test_add_update_and_stage_moves_with_interactions(store):
    with store.session() as s:
        c = add_contact(s, Contact(name="  Jamie Park ", tags="research, Research, cards"))
        assert c.name == "Jamie Park" and c.tags == ["research", "cards"]
        log_interaction(s, c.id, "email_sent", dt.date(2026, 1, 2), notes="Intro")
        assert get_contact(s, c.id).stage == "reached_out"
        log_interaction(s, c.id, "office_hours", dt.date(2026, 1, 9))
        assert get_contact(s, c.id).stage == "connected"
        c = get_contact(s, c.id)
        c.stage = "mentor"
        update_contact(s, c)
        assert [i.kind for i in list_interactions(s, c.id)] == ["office_hours", "email_sent"]


@pytest.mark.parametrize(("field", "value", "message"), [
    ("name", "", "name"), ("email", "not-an-email", "email"), ("role", "boss", "role"),
    ("stage", "friend", "stage")])
def test_invalid_contacts_are_refused(store, field, value, message):
    contact = Contact(name="Valid Name")
    setattr(contact, field, value)
    with pytest.raises(InputError, match=message), store.session() as s:
        add_contact(s, contact)


def test_filter_by_text_role_stage_tag_and_ids():
    people = [Contact(id=1, name="Ana Ruiz", role="faculty", stage="mentor", tags=["IM"],
                      institution="Ohio State"),
              Contact(id=2, name="Ben Ode", role="peer", tags=["research"]),
              Contact(id=3, name="Cy Ruiz", role="resident", notes="met at ACP")]
    assert [c.id for c in filter_contacts(people, text="ruiz")] == [1, 3]
    assert [c.id for c in filter_contacts(people, text="ohio ANA")] == [1]
    assert [c.id for c in filter_contacts(people, role="peer")] == [2]
    assert [c.id for c in filter_contacts(people, stage="mentor")] == [1]
    assert [c.id for c in filter_contacts(people, tag="im")] == [1]
    assert [c.id for c in filter_contacts(people, only_ids={2, 3}, text="acp")] == [3]


def test_letters_board_order_and_statuses(store):
    with store.session() as s:
        a = add_letter(s, "Dr. A", due=dt.date(2026, 9, 1), specialty="Internal Medicine")
        b = add_letter(s, "Dr. B", due=dt.date(2026, 8, 1), standardized=True)
        set_letter_status(s, a.id, "submitted")
        letters = list_letters(s)
        with pytest.raises(InputError, match="status"):
            set_letter_status(s, b.id, "lost")
        with pytest.raises(InputError, match="writer"):
            add_letter(s, "  ")
    assert [(x.writer, x.status) for x in letters] == [("Dr. B", "asked"), ("Dr. A", "submitted")]
    assert isinstance(letters[0], Letter) and letters[0].standardized is True
    assert letters_expected("Internal Medicine") == 3


def test_csv_export_neutralises_formulas():
    text = csv_text([Contact(name="=HYPERLINK(\"x\")", phone="+1 555", notes="-2",
                             institution="@SUM", email="a@b.org")])
    row = text.splitlines()[1]
    assert row.startswith("\"'=HYPERLINK(\"\"x\"\")\"")
    assert "'+1 555" in row and "'-2" in row and "'@SUM" in row and ",a@b.org," in row


def test_csv_import_reports_row_and_changes_nothing(store, tmp_path):
    path = tmp_path / "people.csv"
    path.write_text("Name,E-mail,Institution\nAna,ana@x.org,OSU\nBen,not-email,UM\n",
                    encoding="utf-8")
    with pytest.raises(InputError, match=r"row 3: the e-mail"), store.session() as s:
        import_file(s, path)
    with store.session() as s:
        assert list_contacts(s) == []
    path.write_text("Name,E-mail,Institution\nAna,ana@x.org,OSU\n", encoding="utf-8")
    with store.session() as s:
        assert import_file(s, path).added == 1
        assert list_contacts(s)[0].institution == "OSU"
    bad = tmp_path / "nothing.csv"
    bad.write_text("foo,bar\n1,2\n", encoding="utf-8")
    with pytest.raises(InputError, match="row 1"), store.session() as s:
        import_file(s, bad)
    with pytest.raises(InputError, match="unknown contact file type"), store.session() as s:
        import_file(s, tmp_path / "people.txt")
