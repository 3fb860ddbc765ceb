"""mailto: URLs round-trip hostile text; templates fill placeholders."""

from __future__ import annotations

from urllib.parse import urlsplit

from hypothesis import given
from hypothesis import strategies as st

from smartpick_desktop.core.mentors.contacts import Contact
from smartpick_desktop.core.mentors.mailto import mailto_url, parse_mailto
from smartpick_desktop.core.mentors.templates import TEMPLATES, fill
from smartpick_desktop.core.profile import Profile

HOSTILE_SUBJECT = "Q&A? #1 — 100% sure + more=yes; café 😀 %0A &body=injected"
HOSTILE_BODY = ("Dear Dr. Ñúñez,\n\nA&B?C#D%E+F=G;H/I\\J\n"
                "&subject=evil&cc=attacker@example.com\n%20 literally\n\tTab, ünïcode 日本語 🎉\n")


def test_hostile_text_round_trips_exactly():
    url = mailto_url("dr.nunez@example.org", HOSTILE_SUBJECT, HOSTILE_BODY)
    assert parse_mailto(url) == ("dr.nunez@example.org", HOSTILE_SUBJECT, HOSTILE_BODY)
    query = urlsplit(url).query
    assert query.count("&") == 1 and "#" not in url and "\n" not in url and " " not in url
    assert "%0D%0A" in url and "%0A%0A" not in url
    assert url.isascii()


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n")),
       st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r")))
def test_any_subject_and_body_round_trip(subject, body):
    url = mailto_url("a@b.org", subject, body)
    assert url.isascii()
    assert parse_mailto(url) == ("a@b.org", subject, body)


def test_template_keys_are_stable():
    assert list(TEMPLATES) == ["peer_mentor", "research_inquiry", "thank_you",
                               "advice_follow_up", "letter_request", "post_match_update"]
    assert TEMPLATES["thank_you"].kind == "thank_you"


def test_fill_uses_contact_and_profile():
    contact = Contact(name="Dr. Maria Lopez", role="faculty", institution="Ohio State",
                      specialty="Cardiology")
    profile = Profile(name="Alex Doe", specialty="Internal Medicine")
    subject, body = fill("research_inquiry", contact, profile)
    assert subject == "Research opportunities in Cardiology"
    assert body.startswith("Dear Dr. Lopez,")
    assert "Ohio State" in body and "Alex Doe" in body and "{" not in body
    _, peer = fill("peer_mentor", Contact(name="Sam Lee", role="peer"), profile)
    assert peer.startswith("Hi Sam,")
    _, letter = fill("letter_request", contact, profile)
    assert "CV" in letter and "personal statement" in letter


def test_fill_without_contact_leaves_visible_prompts_and_no_reformatting():
    subject, body = fill("thank_you")
    assert "[their name]" in body and "[your name]" in body
    evil = Contact(name="{my_name} {0} {}")
    _, body = fill("peer_mentor", evil, Profile(name="Alex"))
    assert "Hi {my_name}," in body
