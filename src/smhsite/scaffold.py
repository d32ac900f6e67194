"""`smhsite new`: both language files of a new page, valid except for placeholders to fill."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from importlib import resources
from pathlib import Path, PurePosixPath
from string import Template

import yaml

from smhsite.content import SourcePage, split_front_matter
from smhsite.languages import Languages
from smhsite.page_models import PAGE_TYPES, FrontMatter
from smhsite.rules import PLACEHOLDER_VALUE


@dataclass(frozen=True)
class Scaffold:
    path: Path
    text: str


def type_keys(page_type: str) -> str:
    """Keys the page type needs beyond the common ones, with placeholder values."""
    model = PAGE_TYPES[page_type]
    extra = [name for name, info in model.model_fields.items()
             if name not in FrontMatter.model_fields and info.is_required()]
    return "".join(f"{name}: {PLACEHOLDER_VALUE}\n" for name in extra)


def _template(lang: str) -> str:
    """The starting text in `lang`, or the one for any language the project has none for."""
    folder = resources.files("smhsite").joinpath("scaffolds")
    own = folder.joinpath(f"{lang}.md")
    return (own if own.is_file() else folder.joinpath("any.md")).read_text("utf-8")


def page_rel(slug: str) -> str | None:
    """The page's path inside docs/<lang>/ ("topics/grief.md"), or None when `slug` would
    leave that folder (absolute, a drive, '..', a backslash)."""
    text = slug.strip().removesuffix(".md")
    parts = PurePosixPath(text).parts
    if (not text or "\\" in text or "\0" in text or text.startswith("/")
            or ":" in (parts[0] if parts else "")
            or any(part in {"..", "."} for part in parts)):
        return None
    return "/".join(parts) + ".md"


def inside(folder: Path, path: Path) -> bool:
    """True when `path` stays in `folder` once links are followed."""
    return path.resolve().is_relative_to(folder.resolve())


def scaffold(root: Path, page_type: str, rel: str, today: dt.date, audience: list[str],
             languages: Languages) -> list[Scaffold]:
    """The files of a new page at `rel` (from `page_rel`), one per language."""
    values = {
        "type": page_type,
        "audience": ", ".join(audience),
        "today": today.isoformat(),
        "next_review": (today + dt.timedelta(days=365)).isoformat(),
        "type_keys": type_keys(page_type),
    }
    result = []
    for lang in languages:
        template = _template(lang)
        result.append(Scaffold(root / "docs" / lang / rel, Template(template).substitute(values)))
    return result


def translation(text: str) -> str:
    """The counterpart of a page, ready to translate: the same front matter (ids, dates, type)
    with its title and description marked, and the text under one marker to remove once done."""
    page = SourcePage(path="", lang="", rel="")
    split_front_matter(text, page)
    meta, body = dict(page.meta), page.body
    for key in ("title", "description"):
        if key in meta:
            meta[key] = f"{PLACEHOLDER_VALUE}: {meta[key]}"
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=100)
    return f"---\n{front}---\n\n{PLACEHOLDER_VALUE}: translate this page, then remove this " \
           f"line.\n{body}"
