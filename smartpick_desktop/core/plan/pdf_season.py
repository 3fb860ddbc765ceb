"""The PDF's "Applications, interviews and rank order list" section (from
``PlanDocument.season_section``), built with the helpers of :mod:`.pdf`."""

from __future__ import annotations

from reportlab.platypus import Spacer

from smartpick_desktop.core.plan.document import PlanDocument
from smartpick_desktop.core.plan.styles import esc

SECTION_NUMBER = 8


def season_story(doc: PlanDocument, width: float) -> list:
    from smartpick_desktop.core.plan.pdf import _head, _heading, _m, _p, _table, percent, short_date

    section = doc.season_section
    out = _heading(SECTION_NUMBER, "Applications, interviews and rank order list")
    if section is None:
        out.append(_p("Nothing tracked yet.", "body"))
        return out
    if section.p_match_primary is not None:
        out.append(_p(f"P(match) for any position: {percent(doc.p_match)}; "
                      f"{doc.profile.specialty} alone: {percent(section.p_match_primary)}.",
                      "body"))
    if section.p_match_now is not None:
        out.append(_p(f"Interview season: P(match) now {percent(section.p_match_now)} "
                      f"({section.season_text}); the list's estimate at the start of the "
                      f"season was {percent(doc.p_match)}.", "body"))
    out.append(_m("Applications", "h2"))
    if not section.tracker:
        out.append(_p("No applications tracked yet.", "body"))
    else:
        rows = [_head("Program", "Status", "Steps", "Open items")]
        for line in section.tracker:
            rows.append([_p(line.name, "cell"), _p(line.status, "cell"),
                         _p(line.steps, "cell_small"),
                         _p("; ".join(line.open_items) or "—", "cell_small")])
        out.append(_table(rows, [width * f for f in (0.32, 0.16, 0.28, 0.24)]))
    out.append(Spacer(1, 6))
    out.append(_m("Interviews", "h2"))
    if not section.interviews:
        out.append(_p("No invitations recorded yet.", "body"))
    else:
        rows = [_head("Program", "Date", "^Your score\n(1–5)", "Notes")]
        for line in section.interviews:
            note = esc(line.notes)
            if line.conflict:
                note += f'<br/><font color="#B4540A">Conflict: {esc(line.conflict)}</font>'
            rows.append([_p(line.name, "cell"), _p(short_date(line.date), "cell"),
                         _p("—" if line.score is None else f"{line.score:.1f}", "cell_center"),
                         _m(note or "—", "cell_small")])
        out.append(_table(rows, [width * f for f in (0.32, 0.14, 0.12, 0.42)]))
    out.append(Spacer(1, 6))
    out.append(_m("Rank order list", "h2"))
    if not section.rol:
        out.append(_p("No programs ranked yet: programs marked Interviewed appear here.",
                      "body"))
    else:
        rows = [_head("Rank", "Program", ">P(match) if the list\nends here")]
        for line in section.rol:
            rows.append([_p(line.rank, "cell"), _p(line.name, "cell"),
                         _p(percent(line.p_match), "cell_right")])
        out.append(_table(rows, [width * 0.1, width * 0.65, width * 0.25]))
    if section.rol_warning:
        out.append(Spacer(1, 4))
        out.append(_m(f'<font color="#B4540A"><b>{esc(section.rol_warning)}</b></font>',
                      "body"))
    if section.rol_note:
        out.append(Spacer(1, 4))
        cites = (" Sources: " + "; ".join(section.rol_sources) + ".") if section.rol_sources \
            else ""
        out.append(_p(section.rol_note + cites, "small"))
    return out
