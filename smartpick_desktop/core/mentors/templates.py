"""E-mail templates (original texts) and filling their placeholders from a contact and profile.

Keys are stable: articles link to them as ``smartpick:template/KEY``. Placeholders are written
``{name}``; a value that is unknown stays visible as ``[what to write]`` so the student fills it
in before sending.
"""

from __future__ import annotations

from dataclasses import dataclass
from string import Formatter
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from smartpick_desktop.core.mentors.contacts import Contact
    from smartpick_desktop.core.profile import Profile


@dataclass(frozen=True)
class Template:
    """One template: ``kind`` is the interaction logged when it is sent."""

    key: str
    title: str
    subject: str
    body: str
    kind: str = "email_sent"


TEMPLATES: dict[str, Template] = {t.key: t for t in (
    Template(
        "peer_mentor", "Reach out to a peer mentor",
        "A few questions from an applicant in {my_specialty}",
        "Hi {first_name},\n\n"
        "I'm {my_name}, {who_i_am} applying in {my_specialty} this cycle. I'd love to "
        "hear how you approached your own application — what you wish you had known, and "
        "what made the biggest difference.\n\n"
        "Would you have 15–20 minutes for a call or coffee in the next couple of weeks? I'm "
        "happy to work around your schedule.\n\n"
        "Thank you,\n{my_name}"),
    Template(
        "research_inquiry", "Ask about research opportunities",
        "Research opportunities in {their_specialty}",
        "Dear {salutation},\n\n"
        "My name is {my_name}, and I'm {who_i_am} interested in {my_specialty}. I read "
        "about your group's work at {institution} and would be glad to contribute — chart "
        "review, data collection or a small project of my own under your guidance.\n\n"
        "I can commit [hours per week] over [months]. I've attached my CV; would you have a "
        "few minutes to talk about whether there is a fit?\n\n"
        "With thanks,\n{my_name}"),
    Template(
        "thank_you", "Say thank you",
        "Thank you",
        "Dear {salutation},\n\n"
        "Thank you for taking the time to meet with me. Your advice about [what they said] "
        "was exactly what I needed, and I'm already acting on it.\n\n"
        "I really appreciate your generosity.\n\n"
        "Warm regards,\n{my_name}",
        kind="thank_you"),
    Template(
        "advice_follow_up", "Report back on advice",
        "Following up on your advice",
        "Dear {salutation},\n\n"
        "When we spoke, you suggested [their suggestion]. I wanted to let you know what I did "
        "with it: [what you did], and so far [the result].\n\n"
        "Thank you again for pointing me in the right direction. If you have a moment, I'd "
        "value your thoughts on a next step: [your question].\n\n"
        "Best wishes,\n{my_name}"),
    Template(
        "letter_request", "Ask for a letter of recommendation",
        "Letter of recommendation for my {my_specialty} application",
        "Dear {salutation},\n\n"
        "I'm applying to {my_specialty} residency programs this cycle, and I would be honored "
        "if you would write a strong letter of recommendation for me. Working with you "
        "[where and when] shaped my interest in the specialty.\n\n"
        "To make it easier, I've attached:\n"
        "- my CV\n"
        "- my personal statement (draft)\n"
        "- a short list of the cases or projects we worked on together\n"
        "- the ERAS Letter Request Form with the letter ID\n\n"
        "Letters are due by [date]. I'm glad to meet if that would help, and I completely "
        "understand if the timing doesn't work.\n\n"
        "With gratitude,\n{my_name}"),
    Template(
        "post_match_update", "Share your Match news",
        "My Match news — thank you",
        "Dear {salutation},\n\n"
        "I'm delighted to share that I matched in {my_specialty} at [program]! Your guidance "
        "and support were a real part of getting here, and I wanted you to hear it from me.\n\n"
        "Thank you for everything. I hope to pass on the help you gave me.\n\n"
        "Warmly,\n{my_name}",
        kind="thank_you"),
)}

_FORMAL_ROLES = {"faculty", "attending", "program_director"}


def placeholders(contact: Contact | None, profile: Profile | None) -> dict[str, str]:
    """Values for every placeholder; unknown ones read ``[like this]``."""
    values = {
        "name": "[their name]", "first_name": "[their first name]", "salutation": "[their name]",
        "institution": "[their institution]", "their_specialty": "[their specialty]",
        "my_name": "[your name]", "my_specialty": "[your specialty]",
        "who_i_am": "a medical student",
    }
    if contact is not None:
        values["name"] = contact.name
        values["first_name"] = contact.first_name()
        values["salutation"] = (f"Dr. {contact.last_name()}" if contact.role in _FORMAL_ROLES
                                else contact.first_name())
        if contact.institution:
            values["institution"] = contact.institution
        if contact.specialty:
            values["their_specialty"] = contact.specialty
    if profile is not None:
        if profile.has_graduated():
            values["who_i_am"] = f"a {profile.graduation_year} medical graduate"
        if profile.name:
            values["my_name"] = profile.name
        if profile.specialty:
            values["my_specialty"] = profile.specialty
            if contact is None or not contact.specialty:
                values["their_specialty"] = profile.specialty
    return values


def fill(key: str, contact: Contact | None = None, profile: Profile | None = None
         ) -> tuple[str, str]:
    """Return ``(subject, body)`` of template ``key`` with placeholders filled.

    Raises:
        KeyError: unknown template key.
    """
    template = TEMPLATES[key]
    values = placeholders(contact, profile)
    return _format(template.subject, values), _format(template.body, values)


def _format(text: str, values: dict[str, str]) -> str:
    # Substitute only known {names}; values are inserted verbatim (never re-parsed).
    out = []
    for literal, name, _spec, _conv in Formatter().parse(text):
        out.append(literal)
        if name is not None:
            out.append(values.get(name, "{" + name + "}"))
    return "".join(out)
