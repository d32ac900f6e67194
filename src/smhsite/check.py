"""Everything `smhsite check` and the build's validation hook verify, in one pass."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from smhsite import rules
from smhsite.content import SourcePage, discover, symlinks
from smhsite.crisis import CrisisLines, load_crisis_lines
from smhsite.data import UiStrings, load_taxonomy, load_ui
from smhsite.markup_check import unsafe_markup
from smhsite.problems import Problem
from smhsite.schema import Taxonomy, validate_front_matter


@dataclass
class SiteCheck:
    pages: list[rules.Page] = field(default_factory=list)
    sources: list[SourcePage] = field(default_factory=list)
    taxonomy: Taxonomy | None = None
    ui: UiStrings | None = None
    crisis: CrisisLines | None = None
    problems: list[Problem] = field(default_factory=list)


def check_site(root: Path, today: dt.date | None = None, docs_dir: str = "docs") -> SiteCheck:
    today = today or dt.date.today()
    result = SiteCheck()
    result.taxonomy, taxonomy_problems = load_taxonomy(root)
    result.ui, ui_problems = load_ui(root)
    result.crisis, crisis_problems = load_crisis_lines(root, today)
    result.problems += taxonomy_problems + ui_problems + crisis_problems

    result.problems += symlinks(root, [docs_dir, "data"])
    result.sources, read_problems = discover(root, docs_dir)
    result.problems += read_problems
    readable = [s for s in result.sources if s.meta_doc is not None]
    for source in readable:
        meta, problems = validate_front_matter(source.meta, source.meta_doc, source.path)
        result.problems += problems
        if meta is not None:
            result.pages.append(rules.Page(source, meta))

    docs = root / docs_dir
    assets = {f.relative_to(docs).as_posix() for f in docs.rglob("*")
              if f.is_file() and f.suffix != ".md"}
    result.problems += rules.counterparts(result.sources)
    result.problems += rules.same_facets(result.pages)
    result.problems += rules.review_dates(result.pages, today)
    result.problems += rules.internal_links(result.sources, assets)
    result.problems += rules.downloads(result.pages, assets)
    result.problems += rules.body_rules(result.sources)
    result.problems += unsafe_markup(result.sources)
    result.problems += rules.placeholders_in_meta(readable)
    if result.taxonomy is not None:
        result.problems += rules.facet_ids(result.pages, result.taxonomy)
    result.problems = _one_message_per_typo(result.problems)
    return result


def _one_message_per_typo(problems: list[Problem]) -> list[Problem]:
    """An unknown id in one language also makes the two files differ: say only the first."""
    unknown = {(p.path, p.line) for p in problems if p.code == "unknown-id"}
    return [p for p in problems
            if not (p.code == "facet-mismatch" and (p.path, p.line) in unknown)]
