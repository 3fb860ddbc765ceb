"""Background jobs of the Plan tab (``ui/jobs.py``)."""

from __future__ import annotations

from typing import Any

from smartpick_desktop.ui.jobs import Job


def optimize_job(store: Any, profile: Any, options: dict[str, Any]):
    """The optimizer as a job: its own store session, progress and cancel (ui/jobs.py)."""
    options = dict(options)

    def run(job: Job) -> Any:
        from smartpick_desktop.core.plan import saved

        with store.session() as session:
            return saved.compute_plan(session, profile, progress=job.progress,
                                      should_cancel=job.should_cancel, **options)

    return run
