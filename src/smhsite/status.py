"""`smhsite status`: which translations may be stale and which reviews are due."""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import asdict, dataclass
from pathlib import Path

from smhsite.rules import Page


@dataclass(frozen=True)
class PageStatus:
    page: str  # path under docs/<lang>/
    english_changed: str | None  # ISO date of the last commit touching the English file
    french_changed: str | None
    french_may_be_stale: bool
    next_review: str
    review_overdue: bool

    def as_json(self) -> dict[str, object]:
        return asdict(self)


def last_commit_times(root: Path) -> dict[str, int]:
    """Path -> Unix time of the newest commit touching it, from one `git log` pass."""
    try:
        out = subprocess.run(
            ["git", "log", "--format=@%ct", "--name-only", "--", "docs"],
            cwd=root, capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return {}
    times: dict[str, int] = {}
    current = 0
    for line in out.splitlines():
        if line.startswith("@"):
            current = int(line[1:])
        elif line and line not in times:
            times[line] = current  # newest first, so the first time seen is the latest
    return times


def page_statuses(pages: list[Page], root: Path, today: dt.date) -> list[PageStatus]:
    times = last_commit_times(root)
    english = {p.source.rel: p for p in pages if p.source.lang == "en"}
    french = {p.source.rel: p for p in pages if p.source.lang == "fr"}
    result = []
    for rel in sorted(english):
        en_time = times.get(english[rel].source.path)
        fr_page = french.get(rel)
        fr_time = times.get(fr_page.source.path) if fr_page else None
        next_review = english[rel].meta.next_review
        result.append(PageStatus(
            page=rel,
            english_changed=_day(en_time),
            french_changed=_day(fr_time),
            french_may_be_stale=fr_page is None or (en_time or 0) > (fr_time or 0),
            next_review=next_review.isoformat(),
            review_overdue=next_review < today,
        ))
    return result


def _day(timestamp: int | None) -> str | None:
    if timestamp is None:
        return None
    return dt.datetime.fromtimestamp(timestamp, tz=dt.UTC).date().isoformat()
