"""vCard import/export: real-world files, quirks, refusals, round trips."""

from __future__ import annotations

from pathlib import Path

import pytest

from smartpick_desktop.core.errors import InputError
from smartpick_desktop.core.mentors.contacts import Contact, add_contact, list_contacts
from smartpick_desktop.core.mentors.exchange import export_file, import_file
from smartpick_desktop.core.mentors.vcard import parse_vcards, read_vcards

DATA = Path(__file__).parent / "data" / "vcards"

# file -> (name, email, phone, organisation) of the first card, as a person expects them.
EXPECTED = {
    "John_Doe_ANDROID.vcf": ("john.doe@company.com", "john.doe@company.com", "", ""),
    "John_Doe_BLACK_BERRY.vcf": ("John Doe", "", "+96123456789", "Acme Solutions"),
    "John_Doe_EVOLUTION.vcf": ("Mr. John Richter, James Doe Sr.", "john.doe@ibm.com",
                               "905-666-1234", "IBM"),
    "John_Doe_GMAIL.vcf": ("Mr. John Richter, James Doe Sr.", "john.doe@ibm.com",
                           "905-555-1234", "IBM"),
    "John_Doe_IPHONE.vcf": ("Mr. John Richter James Doe Sr.", "john.doe@ibm.com",
                            "905-555-1234", "IBM"),
    "John_Doe_LOTUS_NOTES.vcf": ("Mr. Doe John I Johny", "john.doe@ibm.com",
                                 "+1 (212) 204-34456", "IBM"),
    "John_Doe_MAC_ADDRESS_BOOK.vcf": ("Mr. John Richter,James Doe Sr.", "john.doe@ibm.com",
                                      "905-777-1234", "IBM"),
    "John_Doe_MS_OUTLOOK.vcf": ("Mr. John Richter James Doe Sr.", "john.doe@ibm.cm",
                                "(905) 555-1234", "IBM"),
    "fullcontact.vcf": ("Prefix FirstName MiddleName LastName Suffix", "home@example.com",
                        "555-555-1113", "Organization1"),
    "gmail-list.vcf": ("Arnold Smith", "asmithk@gmail.com", "", ""),
    "gmail-single.vcf": ("Greg Dartmouth", "gdartmouth@hotmail.com", "555 555 1111",
                         "TheCompany"),
    "gmail-single2.vcf": ("VCard Test", "email@example.com", "5555551115", "TheCompany"),
    "outlook-2003.vcf": ("John Doe III", "jdoe@hotmail.com", "MobilePhone", "Company, The"),
    "outlook-2007.vcf": ("Mr. Michael Angstadt Jr.", "mike.angstadt@gmail.com",
                         "(111) 555-4444", "TheCompany"),
    "rfc2426-example.vcf": ("Frank Dawson", "Frank_Dawson@Lotus.com", "+1-919-676-9515",
                            "Lotus Development Corporation"),
    "rfc6350-example.vcf": ("Simon Perreault", "simon.perreault@viagenie.ca",
                            "+1-418-656-9254 ext. 102", "Viagenie"),
    "thunderbird-MoreFunctionsForAddressBook-extension.vcf": (
        "John Doe", "doe.john@hotmail.com", "555-555-5555", "TheOrganization"),
}


def test_every_shipped_file_is_covered():
    assert {p.name for p in DATA.glob("*.vcf")} == set(EXPECTED)
    assert (DATA / "LICENSE-ez-vcard.txt").is_file()


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_real_world_vcard_imports_as_expected(name):
    contacts = read_vcards(DATA / name)
    first = contacts[0]
    assert (first.name, first.email, first.phone, first.institution) == EXPECTED[name]


def test_card_counts_and_utf8_quoted_printable_names():
    assert len(read_vcards(DATA / "gmail-list.vcf")) == 3
    assert len(read_vcards(DATA / "rfc2426-example.vcf")) == 2
    android = read_vcards(DATA / "John_Doe_ANDROID.vcf")
    assert [c.name for c in android][2:4] == ["Ñ Ñ Ñ Ñ Ñ", "Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ"]
    assert android[4].email == "bob@company.com"  # PREF first, QP junk second ignored


def test_notes_and_categories_decode():
    outlook = read_vcards(DATA / "outlook-2003.vcf")[0]
    assert outlook.notes.startswith("This is the note field!!\nSecond line")
    thunderbird = read_vcards(DATA / "thunderbird-MoreFunctionsForAddressBook-extension.vcf")[0]
    assert thunderbird.tags == ["category1", "category2", "category3"]


def test_n_without_fn_and_grouped_properties_and_folding():
    text = ("BEGIN:VCARD\r\nVERSION:3.0\r\nN:García;José;;Dr.;\r\nitem1.EMAIL;TYPE=INTERNET:jo"
            "\r\n se@example.org\r\nitem1.X-ABLabel:work\r\nORG:Hospital Clínic;Cardiology\r\n"
            "PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQ\r\n AAAA\r\nEND:VCARD\r\n")
    (contact,) = parse_vcards(text)
    assert contact.name == "Dr. José García"
    assert contact.email == "jose@example.org"
    assert contact.institution == "Hospital Clínic"


def test_vcard_4_0_and_2_1_quoted_printable():
    text = ("BEGIN:VCARD\nVERSION:2.1\nN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;J=\n"
            "=C3=BCrgen\nTEL;CELL:555\nEND:VCARD\nBEGIN:VCARD\nVERSION:4.0\nFN:Zoë 李\n"
            "EMAIL;PREF=1:zoe@example.org\nEND:VCARD\n")
    first, second = parse_vcards(text)
    assert first.name == "Jürgen Müller" and first.phone == "555"
    assert second.name == "Zoë 李" and second.email == "zoe@example.org"


@pytest.mark.parametrize(("content", "message"), [
    ("", "is empty"),
    ("   \n\n", "is empty"),
    ("name,email\nA,a@b.c\n", "not a vCard file"),
    ("BEGIN:VCARD\nVERSION:3.0\nFN:Cut Off\nEMAIL:cut@example.org\n", "truncated"),
    ("BEGIN:VCARD\nVERSION:3.0\nTEL:555\nEND:VCARD\n", "no name"),
])
def test_bad_files_are_refused_and_change_nothing(store, tmp_path, content, message):
    path = tmp_path / "bad.vcf"
    path.write_text(content, encoding="utf-8")
    with store.session() as s:
        add_contact(s, Contact(name="Existing Person"))
    with pytest.raises(InputError, match=message), store.session() as s:
        import_file(s, path)
    with store.session() as s:
        assert [c.name for c in list_contacts(s)] == ["Existing Person"]


def test_binary_file_is_refused(store, tmp_path):
    path = tmp_path / "photo.vcf"
    path.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(InputError, match="not a vCard file"), store.session() as s:
        import_file(s, path)


def test_all_files_import_and_reimport_deduplicates(store):
    with store.session() as s:
        for path in sorted(DATA.glob("*.vcf")):
            import_file(s, path)
    with store.session() as s:
        first = {(c.name, c.email) for c in list_contacts(s)}
        for path in sorted(DATA.glob("*.vcf")):
            result = import_file(s, path)
            assert result.added == 0, path.name
    with store.session() as s:
        assert {(c.name, c.email) for c in list_contacts(s)} == first
        emails = [c.email for c in list_contacts(s) if c.email]
        assert len(emails) == len(set(emails))


@pytest.mark.parametrize("suffix", [".vcf", ".csv"])
def test_export_then_import_reproduces_names_and_emails(store, tmp_path, data_dir, suffix):
    people = [
        Contact(name="Ana María Núñez-Łukasiewicz", email="ana@example.org", role="faculty",
                tags=["cardiology", "research"], notes="Line one\nLine two; with, commas"),
        Contact(name="陈静", email="chen.jing@example.cn", phone="+1 555 0100"),
        Contact(name="O'Brien, \"Pat\" =SUM(A1)", email="pat+tag@example.com",
                institution="@Hospital; Dept, A"),
        Contact(name="No Email Person"),
    ]
    with store.session() as s:
        for p in people:
            add_contact(s, p)
        export_file(s, tmp_path / f"out{suffix}")
    from smartpick_desktop.core.datafolder import open_store

    other = open_store(tmp_path / "other")
    try:
        with other.session() as s:
            import_file(s, tmp_path / f"out{suffix}")
        with other.session() as s:
            back = {(c.name, c.email): c for c in list_contacts(s)}
    finally:
        other.close()
    assert set(back) == {(p.name, p.email) for p in people}
    ana = back[("Ana María Núñez-Łukasiewicz", "ana@example.org")]
    assert ana.tags == ["cardiology", "research"]
    assert ana.notes == "Line one\nLine two; with, commas"
    assert ana.role == "faculty"
    assert back[("O'Brien, \"Pat\" =SUM(A1)", "pat+tag@example.com")].institution == \
        "@Hospital; Dept, A"
