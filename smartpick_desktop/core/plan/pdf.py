"""Render a :class:`PlanDocument` as a PDF with reportlab platypus.

Sections follow PRODUCT.md section 6. Every user or data string goes through
:func:`~smartpick_desktop.core.plan.styles.esc` before it reaches a Paragraph, so markup in a
name or a note prints literally and nothing is ever fetched.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path
from typing import BinaryIO

from reportlab.lib import colors
from reportlab.lib.pagesizes import letter
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Frame,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from smartpick_desktop.core.plan.canvas import (
    BANNER_HEIGHT,
    FOOTER_Y,
    MARGIN_X,
    Chrome,
    chrome_canvas,
)
from smartpick_desktop.core.plan.charts import curve_chart, tier_chart
from smartpick_desktop.core.plan.document import (
    SIGNAL_LABELS,
    TIERS,
    PlanDocument,
    reach_marks,
)
from smartpick_desktop.core.plan.flowables import Chip, tier_chip
from smartpick_desktop.core.plan.styles import (
    ACCENT,
    ACCENT_LIGHT,
    DEMO,
    DEMO_LIGHT,
    FONT,
    INK,
    MUTED,
    RULE,
    STRIPE,
    TIER_LABELS,
    esc,
    styles,
)
from smartpick_desktop.core.progress import Progress, ShouldCancel, checkpoint, report
from smartpick_desktop.core.words import plural

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
STATUS_LABELS = {"thank_you_sent": "Thank-you sent", "submitted": "Submitted",
                 "agreed": "Agreed", "asked": "Asked"}
KIND_LABELS = {"eras": ("ERAS", ACCENT), "nrmp": ("NRMP", colors.HexColor("#4B5D8C")),
               "residencycas": ("ResCAS", colors.HexColor("#2F7A5C")),
               "letter": ("Letter", colors.HexColor("#7A5C99")),
               "follow_up": ("Follow-up", colors.HexColor("#8C6D2F")),
               "deadline": ("Deadline", colors.HexColor("#9C3D2E")),
               "interview": ("Interview", colors.HexColor("#2E7D4F"))}
STATE_MARKS = {"done": '<font color="#2F7A5C" size="7">DONE</font>',
               "missed": '<font color="#B42318" size="7">MISSED</font>',
               "passed": '<font color="#5E6B73" size="7">PAST</font>',
               "overdue": '<font color="#B42318" size="7">OVERDUE</font>',
               "today": '<font color="#B4540A" size="7">TODAY</font>'}
SIGNAL_COLORS = {"gold": "#A87B00", "silver": "#6B7780", "signal": "#0E5A6B"}


CANCELLED = "The export was canceled; no file was written."


def long_date(day: dt.date) -> str:
    """E.g. "March 3, 2027" (US order, locale-independent)."""
    return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"


def short_date(day: dt.date | None) -> str:
    """E.g. "Mar 3, 2027"."""
    return "—" if day is None else f"{MONTHS[day.month - 1][:3]} {day.day}, {day.year}"


def percent(value: float) -> str:
    return f"{value * 100:.0f}%"


def money(value: float) -> str:
    return f"${value:,.0f}"


def render_pdf(doc: PlanDocument, target: str | Path | BinaryIO, *, pagesize=letter,
               progress: Progress | None = None,
               should_cancel: ShouldCancel | None = None) -> int:
    """Write the plan to ``target`` (a path or a binary file); return the number of pages.

    ``progress(fraction, 1)`` and ``should_cancel()`` as in ``core/progress.py``: on cancel a
    path target is left untouched (the PDF is built in memory and written at the end).
    """
    if isinstance(target, (str, Path)):
        from smartpick_desktop.core.files import check_target

        check_target(target, "PDF file")  # refuse the data store before any work
    buffer = io.BytesIO()
    chrome = Chrome(name=doc.profile.name or "Applicant", specialty=doc.profile.specialty,
                    season=doc.season, date_text=long_date(doc.generated), demo=doc.is_demo)
    width, height = pagesize
    top_margin = 58 + (BANNER_HEIGHT if doc.is_demo else 0)
    def make_template(out: BinaryIO) -> _PlanTemplate:
        made = _PlanTemplate(
            out, pagesize=pagesize, leftMargin=MARGIN_X, rightMargin=MARGIN_X,
            topMargin=top_margin, bottomMargin=FOOTER_Y + 24,
            title=f"Application plan — {chrome.name}", author=chrome.name,
            subject=f"{doc.profile.specialty}, {doc.season}", creator="SmartPick Desktop",
            producer="SmartPick Desktop (reportlab)",
        )
        frame = Frame(made.leftMargin, made.bottomMargin, made.width, made.height,
                      id="body", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        made.addPageTemplates([PageTemplate(id="page", frames=[frame])])
        made.setProgressCallBack(on_progress)
        return made

    def on_progress(kind: str, value: int) -> None:
        checkpoint(should_cancel, CANCELLED)
        if kind == "SIZE_EST":
            state["total"] = max(int(value), 1)
        elif kind == "PROGRESS" and progress is not None:
            # Split flowables go back on the queue, so the raw count can step back: never
            # report less than before.
            fraction = min(0.95, state["offset"] + 0.475 * value / state["total"])
            if fraction > state["last"]:
                state["last"] = fraction
                progress(fraction, 1.0)

    # Two passes: the first finds the page of each section for the contents on the cover.
    state = {"total": 1, "last": -1.0, "offset": 0.0}
    first = make_template(io.BytesIO())
    first.build(build_story(doc, first.width), canvasmaker=chrome_canvas(chrome))
    state.update(total=1, offset=0.475)
    template = make_template(buffer)
    template.build(build_story(doc, template.width, dict(first.section_pages)),
                   canvasmaker=chrome_canvas(chrome))
    checkpoint(should_cancel, CANCELLED)
    data = buffer.getvalue()
    if isinstance(target, (str, Path)):
        from smartpick_desktop.core.files import write_atomic

        write_atomic(target, data, "PDF file")
    else:
        target.write(data)
    report(progress, 1.0, 1.0)
    return template.page


# --- story -------------------------------------------------------------------------------------


class _PlanTemplate(BaseDocTemplate):
    """Notes the page on which each numbered section starts (``section_pages``)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.section_pages: dict[int, int] = {}

    def afterFlowable(self, flowable) -> None:  # noqa: N802 - reportlab hook
        number = getattr(flowable, "section_number", None)
        if number is not None:
            self.section_pages.setdefault(number, self.page)


SECTIONS = ((1, "Profile and position in the specialty"), (2, "Recommended programs"),
            (3, "Chance of matching and tier mix"), (4, "Budget"), (5, "Timeline"),
            (6, "Letters of recommendation"), (7, "Follow-ups and action checklist"),
            (8, "Applications, interviews and rank order list"), (9, "Data sources"))


def build_story(doc: PlanDocument, width: float, pages: dict[int, int] | None = None) -> list:
    """All flowables of the plan, in order; ``pages`` (section number -> page) fills in the
    page numbers of the contents on the cover."""
    story: list = []
    story += _cover(doc, width, pages)
    story.append(PageBreak())
    story += _profile(doc, width)
    story += _programs(doc, width)
    story += _charts(doc, width)
    story += _budget(doc, width)
    story += _timeline(doc, width)
    story += _letters(doc, width)
    story += _follow_ups(doc, width)
    from smartpick_desktop.core.plan.pdf_season import season_story

    story += season_story(doc, width)
    story += _sources(doc, width)
    return story


def _p(text: object, style: str = "body") -> Paragraph:
    """A paragraph of plain text (escaped)."""
    return Paragraph(esc(text), styles()[style])


def _m(markup: str, style: str = "body") -> Paragraph:
    """A paragraph of markup the renderer built itself from escaped pieces."""
    return Paragraph(markup, styles()[style])


def _heading(number: int, title: str) -> list:
    heading = _m(f'<font color="#8A9AA2">{number}</font>&nbsp;&nbsp;{esc(title)}', "h1")
    heading.section_number = number
    return [CondPageBreak(120), heading]


def _table(rows: list[list], widths: list[float], *, header: bool = True, stripe: bool = True,
           extra: list | None = None) -> Table:
    # A table row cannot break across pages: a row taller than a page (a 10,000-character
    # note) is cut into continuation rows first, so it never fails with a LayoutError.
    rows, extra = split_tall_rows(rows, widths, 1 if header else 0, extra or [])
    table = Table(rows, colWidths=widths, repeatRows=1 if header else 0, hAlign="LEFT")
    commands = [
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5),
        ("LINEBELOW", (0, -1), (-1, -1), 0.6, RULE),
    ]
    if header:
        commands += [("BACKGROUND", (0, 0), (-1, 0), ACCENT),
                     ("TOPPADDING", (0, 0), (-1, 0), 5), ("BOTTOMPADDING", (0, 0), (-1, 0), 5)]
    if stripe:
        commands.append(("ROWBACKGROUNDS", (0, 1 if header else 0), (-1, -1),
                         [colors.white, STRIPE]))
    table.setStyle(_style(commands + (extra or [])))
    return table


#: The tallest a table row may be (points): well under a page, so every row fits one.
MAX_ROW_HEIGHT = 400.0
_SHORT_TEXT = 300  # characters: shorter cell text is never measured


def split_tall_rows(rows: list[list], widths: list[float], first: int,
                    extra: list) -> tuple[list[list], list]:
    """Cut rows with text too tall for a page into continuation rows (same columns, the other
    cells empty); return the rows and ``extra`` style commands with their row numbers moved."""
    out: list[list] = []
    span: list[tuple[int, int]] = []
    for index, row in enumerate(rows):
        start = len(out)
        if index < first:
            out.append(row)
        else:
            pieces = [_cell_pieces(cell, width - 10) for cell, width in zip(row, widths,
                                                                            strict=False)]
            pieces += [[cell] for cell in row[len(pieces):]]
            for k in range(max(len(p) for p in pieces)):
                out.append([p[k] if k < len(p) else "" for p in pieces])
        span.append((start, len(out) - 1))
    if len(out) == len(rows):
        return rows, extra
    moved = []
    for command in extra:
        name, (c1, r1), (c2, r2), *rest = command
        r1 = span[r1][0] if 0 <= r1 < len(span) else r1
        r2 = span[r2][1] if 0 <= r2 < len(span) else r2
        moved.append((name, (c1, r1), (c2, r2), *rest))
    return out, moved


#: The only markup a cell may hold to be cut: the font runs :func:`esc` makes for CJK text.
_FONT_TAG = re.compile(r'<font face="[A-Za-z0-9-]+">|</font>')


def _cell_pieces(cell: object, width: float) -> list:
    """A cell as one or more Paragraphs, each at most MAX_ROW_HEIGHT tall."""
    if not isinstance(cell, Paragraph) or len(cell.text) < _SHORT_TEXT or \
            "<" in _FONT_TAG.sub("", cell.text):
        return [cell]
    _w, height = cell.wrap(width, 1e9)
    if height <= MAX_ROW_HEIGHT:
        return [cell]
    text, pieces, reopen = cell.text, [], ""
    size = max(40, int(len(text) * MAX_ROW_HEIGHT / height * 0.85))
    while text:
        cut = len(text) if len(text) <= size else _cut_at(text, size)
        piece, text = reopen + text[:cut].strip(), text[cut:].lstrip()
        tags = _FONT_TAG.findall(piece)
        reopen = tags[-1] if tags and tags[-1] != "</font>" else ""
        if reopen:  # a CJK run goes on in the next piece: close it here, open it there
            piece += "</font>"
        pieces.append(Paragraph(piece, cell.style))
    return pieces


def _cut_at(text: str, size: int) -> int:
    """Where to cut escaped text near ``size``: at a space, else outside an entity, never
    inside a font tag."""
    cut = text.rfind(" ", size // 2, size)
    if cut <= 0:
        amp = text.rfind("&", max(0, size - 10), size)
        cut = amp if amp > 0 and ";" in text[amp:size + 1] and ";" not in text[amp:size] \
            else size
    tag = text.rfind("<", 0, cut)
    if tag > text.rfind(">", 0, cut):  # inside a tag: cut before it, or after it at the start
        cut = tag if tag > 0 else text.index(">", tag) + 1
    return cut


def _style(commands: list) -> TableStyle:
    """A table style whose cells use the embedded font (reportlab's default is Helvetica)."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT), *commands])


def _head(*titles: str) -> list[Paragraph]:
    """A header row; a title starting with ">" is right-aligned, with "^" centered."""
    row = []
    for title in titles:
        style = {">": "head_right", "^": "head_center"}.get(title[:1], "head")
        text = title[1:] if style != "head" else title
        row.append(_m(esc(text).replace("\n", "<br/>"), style))
    return row


# --- 1. cover ----------------------------------------------------------------------------------


def _cover(doc: PlanDocument, width: float, pages: dict[int, int] | None = None) -> list:
    s = styles()
    profile = doc.profile
    out: list = [Spacer(1, 30),
                 _m('<font color="#0E5A6B">SMARTPICK&nbsp;&nbsp;·&nbsp;&nbsp;RESIDENCY '
                    "APPLICATION PLAN</font>", "small"),
                 Spacer(1, 14),
                 _p(profile.name or "Applicant", "title"),
                 Spacer(1, 6)]
    sub = esc(profile.specialty)
    if profile.backup_specialty:
        sub += f" &nbsp;·&nbsp; backup: {esc(profile.backup_specialty)}"
    out.append(_m(sub, "subtitle"))
    out.append(_m(f"{esc(doc.season)} &nbsp;·&nbsp; prepared {esc(long_date(doc.generated))}",
                  "subtitle"))
    out.append(Spacer(1, 22))
    signals = str(doc.signals_used)
    if doc.signals_available:
        signals += f" of {doc.signals_available}"
    stats = [(percent(doc.p_match), "estimated chance<br/>of matching"),
             (str(len(doc.programs)), "programs<br/>on the list"),
             (signals, "preference<br/>signals used"),
             (f"{doc.expected_interviews:.1f}", "expected<br/>interviews"),
             (money(doc.fee.whole_total_usd), "estimated<br/>whole cost")]
    tile_w = width / len(stats)
    tiles = Table([[Paragraph(esc(v), s["stat_value"]) for v, _ in stats],
                   [Paragraph(label, s["stat_label"]) for _, label in stats]],
                  colWidths=[tile_w] * len(stats), hAlign="LEFT")
    tiles.setStyle(_style([
        ("BACKGROUND", (0, 0), (-1, -1), ACCENT_LIGHT),
        ("LINEBEFORE", (1, 0), (-1, -1), 2, colors.white),
        ("TOPPADDING", (0, 0), (-1, 0), 12), ("BOTTOMPADDING", (0, -1), (-1, -1), 12),
        ("TOPPADDING", (0, 1), (-1, 1), 2),
    ]))
    out += [tiles, Spacer(1, 18)]
    if doc.is_demo:
        demo_count = sum(1 for p in doc.programs if p.is_demo)
        callout = Table([[_m(f"<b>Demo data.</b> {demo_count} of {len(doc.programs)} programs "
                             f"in this plan come from SmartPick's demo pack. Their names and "
                             f"figures are invented to show how the app works; do not apply "
                             f"from this list.", "body")]], colWidths=[width])
        callout.setStyle(_style([
            ("BACKGROUND", (0, 0), (-1, -1), DEMO_LIGHT),
            ("LINEBEFORE", (0, 0), (0, -1), 3, DEMO),
            ("TOPPADDING", (0, 0), (-1, -1), 8), ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
            ("LEFTPADDING", (0, 0), (-1, -1), 10),
        ]))
        out += [callout, Spacer(1, 14)]
    pages = pages or {}
    items = [_m(f'<font color="#0E5A6B"><b>{i}</b></font>&nbsp;&nbsp;{esc(t)}'
                f'<font color="#5E6B73">&nbsp;&nbsp;page&nbsp;{pages.get(i, "00")}</font>',
                "small")
             for i, t in SECTIONS]
    sources = []
    for source in doc.sources:
        year = "no year stated" if source.year is None else str(source.year)
        shown = "" if year in source.label else f' <font color="#0E5A6B">{esc(year)}</font>'
        sources.append(_m(esc(source.label) + shown, "small"))
    columns = Table([[_m("Contents", "h2"), _m("Data sources", "h2")],
                     [items, sources]], colWidths=[width * 0.36, width * 0.64], hAlign="LEFT")
    columns.setStyle(_style([("VALIGN", (0, 0), (-1, -1), "TOP"),
                             ("LEFTPADDING", (0, 0), (-1, -1), 0),
                             ("TOPPADDING", (0, 0), (-1, -1), 0)]))
    out.append(columns)
    out.append(_p("Sources with what each figure backs are listed in section 9.", "note"))
    out.append(Spacer(1, 8))
    out.append(_p("Chances are SmartPick's estimates from published figures, not promises. "
                  "Discuss this plan with your advisor.", "note"))
    return out


# --- 2. profile --------------------------------------------------------------------------------


def _profile(doc: PlanDocument, width: float) -> list:
    profile = doc.profile
    out = _heading(1, "Profile and position in the specialty")
    pairs = [("Applicant type", profile.applicant_type),
             ("Specialty", profile.specialty),
             ("Backup specialty", profile.backup_specialty or "None"),
             ("Graduation year", profile.graduation_year or "—"),
             ("Years since graduation", profile.years_since_graduation),
             ("Home", profile.home or "—"),
             ("Step 2 CK", profile.step2 or "Not entered"),
             ("Step 1", profile.step1 or "—"),
             ("Research items", profile.research_items),
             *([("US clinical experience", plural(profile.us_clinical_months, "month"))]
               if profile.us_clinical_months is not None else []),
             ("Honors", ", ".join(profile.honors) or "None listed"),
             ("Visa", profile.visa or "—"),
             *([("ECFMG certification", profile.ecfmg)] if profile.ecfmg else []),
             ("Preferred states", ", ".join(profile.preferred_states) or "Any"),
             ("Budget", money(profile.budget_usd) if profile.budget_usd else "Not set"),
             ("Target applications", profile.target_programs or "Not set")]
    half = (len(pairs) + 1) // 2
    rows = []
    for i in range(half):
        left = pairs[i]
        right = pairs[i + half] if i + half < len(pairs) else ("", "")
        rows.append([_p(left[0], "cell_small"), _p(left[1], "cell"),
                     _p(right[0], "cell_small"), _p(right[1], "cell")])
    col = width / 2
    table = _table(rows, [col * 0.38, col * 0.62, col * 0.38, col * 0.62], header=False,
                   extra=[("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE)])
    out += [table, Spacer(1, 12)]
    position = [_m("Where you stand", "h2"), _p(profile.position or "—")]
    if profile.position_source:
        position.append(_p(f"Source: {profile.position_source}", "note"))
    out.append(KeepTogether(position))
    out.append(Spacer(1, 8))
    return out


# --- 3. programs -------------------------------------------------------------------------------


def _programs(doc: PlanDocument, width: float) -> list:
    out = _heading(2, "Recommended programs")
    counts = doc.tier_counts()
    mix = ", ".join(f"{counts[t]} {TIER_LABELS[t].lower()}" for t in TIERS if counts[t])
    signals = f"{doc.signals_used} signal{'s' if doc.signals_used != 1 else ''}"
    if doc.signals_available:
        signals += f" of the {doc.signals_available} {esc(doc.profile.specialty)} allows"
    out.append(_m(f"{len(doc.programs)} programs ({esc(mix) or 'none'}); {signals}. "
                  f"Estimated chance of matching with this list: <b>{percent(doc.p_match)}</b>"
                  f"{_likely(doc)}; expected interviews: "
                  f"<b>{doc.expected_interviews:.1f}</b>.", "body"))
    if doc.stop_text:
        out.append(_p(doc.stop_text, "small"))
    out.append(_p("Interview chance: SmartPick's estimate of P(interview | apply), with the "
                  "signal where one is placed. Fit: 0–100 from your preferences. Tiers: reach "
                  "(interview unlikely), target, likely.", "note"))
    out.append(Spacer(1, 8))
    if not doc.programs:
        out.append(_p("No programs are on the list yet.", "body"))
        return out
    mixed = doc.is_demo and not all(p.is_demo for p in doc.programs)
    fr = [0.045, 0.1, 0.36, 0.16, 0.1, 0.05, 0.09, 0.095]
    widths = [width * f for f in fr]
    rows = [_head("#", "Tier", "Program", "City, state", ">Interview\nchance", ">Fit",
                  "Signal", "Status")]
    for program in doc.programs:
        name = f"<b>{esc(program.name)}</b>"
        if mixed and program.is_demo:
            name += ' <font color="#B4540A" size="7">DEMO</font>'
        if program.institution and program.institution != program.name:
            name += f'<br/><font color="#5E6B73" size="7.5">{esc(program.institution)}</font>'
        if program.notes:
            note = " ".join(program.notes.split())
            note = note if len(note) <= 160 else note[:159] + "…"
            name += (f'<br/><font color="#5E6B73" size="7" name="SmartPickSans-Oblique">'
                     f"Note: {esc(note)}</font>")
        place = ", ".join(x for x in (program.city, program.state) if x)
        signal = ""
        if program.signal:
            label = SIGNAL_LABELS.get(program.signal, program.signal.title())
            signal = (f'<font color="{SIGNAL_COLORS.get(program.signal, "#0E5A6B")}">●</font> '
                      f"{esc(label)}")
        chance = "—" if program.tier == "ineligible" else percent(program.p_interview)
        rows.append([_p(program.rank, "cell_small"), tier_chip(program.tier),
                     _m(name, "cell"), _p(place, "cell"), _p(chance, "cell_right"),
                     _p(f"{program.fit:.0f}", "cell_right"), _m(signal, "cell"),
                     _p(program.status.replace("_", " ").capitalize(), "cell")])
    out.append(_table(rows, widths))
    return out


# --- 4. charts ---------------------------------------------------------------------------------


def _charts(doc: PlanDocument, width: float) -> list:
    out = _heading(3, "Chance of matching and tier mix")
    curve_w = width * 0.6
    tier_w = width * 0.4 - 12
    chart_h = 200
    cells = [[_p("Chance of matching vs number of applications", "h2"),
              _p("Tier mix of the list", "h2")],
             [curve_chart(doc.curve, len(doc.programs), doc.p_match, width=curve_w,
                          height=chart_h),
              tier_chart(doc.programs, width=tier_w, height=chart_h)]]
    table = Table(cells, colWidths=[curve_w + 12, tier_w], hAlign="LEFT")
    table.setStyle(_style([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    out.append(table)
    if doc.curve:
        marks = _curve_marks(doc)
        if marks:
            out.append(Spacer(1, 6))
            out.append(_p("Where the curve flattens: " + "; ".join(marks) + ".", "small"))
    out.append(_p("The curve is the optimizer's best list at each length, run through the "
                  "model's Monte Carlo estimate of P(match); each extra application adds less "
                  "once the curve flattens.", "note"))
    return out


def _curve_marks(doc: PlanDocument) -> list[str]:
    points = sorted(doc.curve, key=lambda p: p.applications)
    return reach_marks([p.p_match for p in points])


# --- 5. budget ---------------------------------------------------------------------------------


def _budget(doc: PlanDocument, width: float) -> list:
    fee = doc.fee
    out = _heading(4, "Budget")
    rows = [_head("Cost", "How it is counted", ">Amount")]
    if fee.cost_rows:
        for row in fee.cost_rows:
            label = esc(row.label) + (' <font color="#B4540A" size="7">ESTIMATE</font>'
                                      if row.estimate else "")
            rows.append([_m(label, "cell"), _p(row.detail, "cell_small"),
                         _p(money(row.usd), "cell_right")])
    else:
        for line in fee.lines:
            rows.append([_p(f"Application fees, {line.specialty}", "cell"),
                         _p(f"{line.applications} applications", "cell_small"),
                         _p(money(line.fee_usd), "cell_right")])
        rows.append([_m('Interview travel <font color="#B4540A" size="7">ESTIMATE</font>',
                        "cell"),
                     _p(f"{fee.expected_interviews:.1f} interviews × "
                        f"{money(fee.travel_per_interview_usd)}", "cell_small"),
                     _p(money(fee.travel_usd), "cell_right")])
    rows.append([_p("Estimated whole cost", "cell_bold"), _p("", "cell"),
                 _m(f"<b>{money(fee.whole_total_usd)}</b>", "cell_right")])
    n = len(rows)
    out.append(_table(rows, [width * 0.34, width * 0.48, width * 0.18], extra=[
        ("LINEABOVE", (0, n - 1), (-1, n - 1), 0.8, INK),
        ("BACKGROUND", (0, n - 1), (-1, n - 1), ACCENT_LIGHT),
    ]))
    out.append(Spacer(1, 6))
    if fee.warning:
        out.append(_m(f'<font color="#B4540A"><b>{esc(fee.warning)}</b></font>', "small"))
    elif fee.budget_usd:
        left = fee.budget_usd - fee.whole_total_usd
        out.append(_m(f"<b>Your budget:</b> {money(fee.budget_usd)}; {money(left)} of it left "
                      "after the whole cost.", "small"))
    out.append(_m(f"<b>Fee rules:</b> {esc(fee.rule_text)}.", "small"))
    out.append(_m(f"<b>Season:</b> {esc(fee.season)}."
                  + (f" {esc(fee.season_note)}" if fee.season_note else ""), "small"))
    travel = (f"<b>Interview travel:</b> an estimate of {money(fee.travel_per_interview_usd)} "
              "per interview")
    travel += f" ({esc(fee.travel_source)})" if fee.travel_source else ""
    travel += f". {esc(fee.travel_note)}" if fee.travel_note else "."
    out.append(_m(travel, "small"))
    if fee.not_included:
        out.append(_m("<b>Not included:</b> " + " ".join(esc(x) for x in fee.not_included),
                      "small"))
    return [KeepTogether(out)]  # a short section: never leave its total alone on a page


# --- 6. timeline -------------------------------------------------------------------------------


def _timeline(doc: PlanDocument, width: float) -> list:
    out = _heading(5, "Timeline")
    if not doc.timeline:
        out.append(_p("No dates are available for this season.", "body"))
        return out
    if doc.season_notice:
        out.append(_m(f'<font color="#B4540A"><b>{esc(doc.season_notice)}</b></font>', "body"))
        out.append(Spacer(1, 4))
    out.append(_p("The season's dates come from SmartPick's season data, each with its source; "
                  "estimated dates are marked, and steps already past are marked done, missed "
                  "or passed. Your own deadlines and follow-ups are included.", "small"))
    out.append(Spacer(1, 6))
    rows = [_head("Date", "Kind", "Event", "Source")]
    for event in doc.timeline:
        label, color = KIND_LABELS.get(event.kind, (event.kind.title(), MUTED))
        text = f"<b>{esc(event.title)}</b>" if event.is_season and not event.past else esc(
            event.title)
        if event.state in STATE_MARKS:
            text = STATE_MARKS[event.state] + " " + text
        if event.estimated:
            text += ' <font color="#B4540A" size="7">ESTIMATED</font>'
        if event.note:
            text += f'<br/><font color="#5E6B73" size="7.5">{esc(event.note)}</font>'
        rows.append([_p(short_date(event.date), "cell"), Chip(label, color, width=50),
                     _m(text, "cell"), _p(event.source, "cell_small")])
    out.append(_table(rows, [width * 0.14, width * 0.12, width * 0.48, width * 0.26]))
    return out


# --- 7. letters --------------------------------------------------------------------------------


def _letters(doc: PlanDocument, width: float) -> list:
    letters = doc.letters
    out = _heading(6, "Letters of recommendation")
    summary = []
    if letters.expected:
        summary.append(f"{doc.profile.specialty} applicants usually send {letters.expected} "
                       f"letter{'s' if letters.expected != 1 else ''}; you track "
                       f"{len(letters.letters)}.")
    if not letters.available:
        summary.append("Letters are tracked in the Mentors tab, which is not available in this "
                       "version.")
    if summary:
        out.append(_p(" ".join(summary), "body"))
    if not letters.letters:
        out.append(_p("No letters tracked yet.", "body"))
    else:
        rows = [_head("Writer", "Status", "Requested", "Due", "^Standardized\nletter", "Notes")]
        for row in letters.letters:
            rows.append([_p(row.writer, "cell_bold"),
                         _p(STATUS_LABELS.get(row.status, row.status.replace("_", " ")), "cell"),
                         _p(short_date(row.requested), "cell"), _p(short_date(row.due), "cell"),
                         _p("Yes" if row.standardized else "No", "cell_center"),
                         _p(row.notes, "cell_small")])
        out.append(_table(rows, [width * f for f in (0.22, 0.12, 0.12, 0.12, 0.14, 0.28)]))
    if letters.missing:
        out.append(Spacer(1, 6))
        out.append(_m("<b>Still missing</b>", "body"))
        for item in letters.missing:
            out.append(_m(f'<font color="#B4540A">•</font> {esc(item)}', "body"))
    return out


# --- 8. follow-ups and checklist ---------------------------------------------------------------


def _follow_ups(doc: PlanDocument, width: float) -> list:
    out = _heading(7, "Follow-ups and action checklist")
    out.append(_m("Mentor follow-ups due", "h2"))
    if not doc.follow_ups:
        out.append(_p("No follow-ups are due.", "body"))
    else:
        rows = [_head("Due", "Contact", "What to do")]
        extra = []
        for index, item in enumerate(doc.follow_ups, 1):
            due = short_date(item.due) + (" (overdue)" if item.overdue else "")
            rows.append([_p(due, "cell_bold" if item.overdue else "cell"),
                         _p(item.contact, "cell"), _p(item.reason, "cell")])
            if item.overdue:
                extra.append(("TEXTCOLOR", (0, index), (0, index), DEMO))
        out.append(_table(rows, [width * 0.2, width * 0.3, width * 0.5], extra=extra))
    out.append(Spacer(1, 6))
    out.append(_m("Action checklist", "h2"))
    if not doc.checklist:
        out.append(_p("No checklist items yet. \u201cAdd to my plan\u201d in the articles adds "
                      "them; tick them off on Home.",
                      "body"))
        return out
    rows = []
    for item in doc.checklist:
        box = "☑" if item.done else "☐"
        text = esc(item.text)
        if item.done:
            text = f'<font color="#5E6B73"><strike>{text}</strike></font>'
        rows.append([_m(f'<font size="11" color="#0E5A6B">{box}</font>', "cell"),
                     _m(text, "cell"), _p(item.origin, "cell_small")])
    out.append(_table(rows, [18, width * 0.62 - 18, width * 0.38], header=False,
                      extra=[("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return out


# --- sources -----------------------------------------------------------------------------------


def _sources(doc: PlanDocument, width: float) -> list:
    out = _heading(9, "Data sources")
    out.append(_p("Every published figure in this plan, with the year it describes. Figures from "
                  "a secondary or uncertain source are marked.", "small"))
    out.append(Spacer(1, 6))
    rows = [_head("Source", "^Year", "Used for")]
    for source in doc.sources:
        rows.append([_p(source.label + (" (uncertain)" if source.uncertain else ""), "cell"),
                     _p(source.year if source.year is not None else "no year stated",
                        "cell_center"),
                     _p(source.used_for, "cell_small")])
    out.append(_table(rows, [width * 0.52, width * 0.13, width * 0.35]))
    out.append(Spacer(1, 10))
    out.append(_p(f"Prepared with SmartPick Desktop on {long_date(doc.generated)}. SmartPick "
                  "works offline; no data left this computer to make this plan.", "small"))
    return out



def _likely(doc: PlanDocument) -> str:
    """" (likely 78–89%)" and the chance of any position with a preliminary safety net."""
    out = ""
    if doc.p_match_range:
        from smartpick_desktop.core.model.percent import likely_text

        out += f" ({likely_text(doc.p_match_range)})"
    if doc.p_match_any is not None:
        out += f"; with the preliminary safety net, any position: {percent(doc.p_match_any)}"
    return out
