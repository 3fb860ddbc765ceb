"""Background jobs of the plan export (``ui/jobs.py``): assemble the plan and render it off
the GUI thread, each with its own store session."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from smartpick_desktop.core.progress import checkpoint
from smartpick_desktop.core.store import Store
from smartpick_desktop.ui.jobs import Job

ExportJob = Callable[[Job], Any]


def pdf_job(store: Store, path: Path | None, pagesize: tuple[float, float]) -> ExportJob:
    """Assemble the plan and write it to ``path`` (or return the PDF bytes when None).

    The result is ``(pages, path_or_bytes)``.
    """

    def run(job: Job):
        import io

        from smartpick_desktop.core.plan.assemble import assemble_plan
        from smartpick_desktop.core.plan.pdf import render_pdf

        with store.session() as session:
            document = assemble_plan(session)
        job.progress(0.05, 1.0)
        if path is None:
            buffer = io.BytesIO()
            pages = render_pdf(document, buffer, pagesize=pagesize, progress=job.progress,
                               should_cancel=job.should_cancel)
            return pages, buffer.getvalue()
        pages = render_pdf(document, path, pagesize=pagesize, progress=job.progress,
                           should_cancel=job.should_cancel)
        return pages, path

    return run


def ics_job(store: Store, path: Path) -> ExportJob:
    """Assemble the plan and write its calendar; the result is the number of events."""

    def run(job: Job):
        from smartpick_desktop.core.plan.assemble import assemble_plan
        from smartpick_desktop.core.plan.ics import write_calendar

        with store.session() as session:
            document = assemble_plan(session)
        job.progress(0.5, 1.0)
        checkpoint(job.should_cancel)
        return write_calendar(document, path)

    return run
