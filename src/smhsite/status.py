"""`smhsite status`: which translations may be stale and which reviews are due."""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import asdict, dataclass
from pathlib import Path

from smhsite.languages import Languages
from smhsite.rules import Page


@dataclass(frozen=True)
class PageStatus:
    page: str  # path under docs/<lang>/
    language: str  # the translation's language code
    source_changed: str | None  # ISO date of the last commit touching the default language's file
    translation_changed: str | None
    may_be_stale: bool
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


def page_statuses(pages: list[Page], root: Path, today: dt.date,
                  languages: Languages) -> list[PageStatus]:
    """One row per page and translation: a translation may be stale when the default
    language's file was committed after it."""
    times = last_commit_times(root)
    by_lang = {lang: {p.source.rel: p for p in pages if p.source.lang == lang}
               for lang in languages}
    sources = by_lang[languages.default]
    result = []
    for rel in sorted(sources):
        source_time = times.get(sources[rel].source.path)
        next_review = sources[rel].meta.next_review
        for lang in languages.codes[1:]:
            translation = by_lang[lang].get(rel)
            time = times.get(translation.source.path) if translation else None
            result.append(PageStatus(
                page=rel,
                language=lang,
                source_changed=_day(source_time),
                translation_changed=_day(time),
                may_be_stale=translation is None or (source_time or 0) > (time or 0),
                next_review=next_review.isoformat(),
                review_overdue=next_review < today,
            ))
    return result


def _day(timestamp: int | None) -> str | None:
    if timestamp is None:
        return None
    return dt.datetime.fromtimestamp(timestamp, tz=dt.UTC).date().isoformat()
