"""Everything `smhsite check` and the build verify, in one pass, and the typed site it reads.

The build reads the same `SiteCheck` it validated: one reading of every file, one rule set.
"""

from __future__ import annotations

import datetime as dt
import gc
import posixpath
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from smhsite import rules
from smhsite.content import SourcePage, discover, symlinks, walk
from smhsite.crisis import CrisisLines, load_crisis_lines
from smhsite.data import load_self_assessment, load_site_facts, load_taxonomy, load_ui
from smhsite.data_models import SelfAssessment, SiteFacts, Taxonomy, UiStrings
from smhsite.languages import Languages, load_config
from smhsite.markup_check import unsafe_markup
from smhsite.problems import Problem
from smhsite.validation import validate_front_matter


@dataclass
class SiteCheck:
    languages: Languages | None = None
    pages: list[rules.Page] = field(default_factory=list)
    sources: list[SourcePage] = field(default_factory=list)
    facts: SiteFacts | None = None
    taxonomy: Taxonomy | None = None
    ui: UiStrings | None = None
    crisis: CrisisLines | None = None
    self_assessment: SelfAssessment | None = None
    # Every file under docs/ that is not a page, relative to docs/: en/resources/files/plan.csv
    assets: set[str] = field(default_factory=set)
    problems: list[Problem] = field(default_factory=list)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Reading a site makes hundreds of thousands of small objects and keeps them all, so the
    cycle collector's passes find nothing to free and cost a quarter of the check's time."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def check_site(root: Path, today: dt.date | None = None, docs_dir: str = "docs",
               languages: Languages | None = None, site_url: str | None = None) -> SiteCheck:
    """Read and check the whole site. The build passes what it knows of mkdocs.yml (languages,
    address); `smhsite check` reads them from the file."""
    with _collector_paused():
        return _check_site(root, today or dt.date.today(), docs_dir, languages, site_url)


def _check_site(root: Path, today: dt.date, docs_dir: str, languages: Languages | None,
                site_url: str | None) -> SiteCheck:
    result = SiteCheck()
    if languages is None or site_url is None:
        config_languages, config_url, config_problems = load_config(root)
        languages = languages or config_languages
        site_url = config_url if site_url is None else site_url
        result.problems += config_problems
    if languages is None:
        return result
    result.languages = languages
    docs_tree = walk(root / docs_dir)
    result.problems += symlinks(docs_dir, docs_tree) + symlinks("data", walk(root / "data"))
    result.facts, fact_problems = load_site_facts(root)
    result.taxonomy, taxonomy_problems = load_taxonomy(root, languages)
    result.ui, ui_problems = load_ui(root, languages)
    result.self_assessment, assessment_problems = load_self_assessment(root, languages)
    result.problems += fact_problems + taxonomy_problems + ui_problems + assessment_problems
    if result.facts is not None:
        result.crisis, crisis_problems = load_crisis_lines(root, today, languages,
                                                           result.facts.phone)
        result.problems += crisis_problems

    result.sources, read_problems = discover(root, languages, docs_dir, docs_tree)
    result.problems += read_problems
    readable = [s for s in result.sources if s.meta_doc is not None]
    for source in readable:
        meta, problems = validate_front_matter(source.meta, source.meta_doc, source.path)
        result.problems += problems
        if meta is not None:
            result.pages.append(rules.Page(source, meta))

    result.assets = {rel for rel in docs_tree.files if posixpath.splitext(rel)[1] != ".md"}
    result.problems += rules.counterparts(result.sources, languages)
    result.problems += rules.same_facets(result.pages, languages)
    result.problems += rules.review_dates(result.pages, today)
    result.problems += rules.internal_links(result.sources, result.assets,
                                            urlsplit(site_url or "").hostname or "")
    result.problems += rules.downloads(result.pages, result.assets)
    result.problems += rules.body_rules(result.sources, languages)
    result.problems += unsafe_markup(result.sources)
    result.problems += rules.placeholders_in_meta(readable)
    if result.taxonomy is not None:
        result.problems += rules.facet_ids(result.pages, result.taxonomy)
    if result.self_assessment is None:
        result.problems += [Problem(page.source.path, page.source.line_of("type"),
                                    "self-assessment-missing")
                            for page in result.pages if page.meta.type == "self-assessment"]
    result.problems = _one_message_per_typo(result.problems)
    return result


def _one_message_per_typo(problems: list[Problem]) -> list[Problem]:
    """One message per mistake: an unknown id in one language also makes the two files differ,
    and a key still holding a placeholder is also of the wrong kind: say only the first."""
    unknown = {(p.path, p.line) for p in problems if p.code == "unknown-id"}
    unfinished = {(p.path, p.line) for p in problems if p.code == "placeholder-field"}
    return [p for p in problems
            if not (p.code == "facet-mismatch" and (p.path, p.line) in unknown)
            and not (p.code != "placeholder-field" and (p.path, p.line) in unfinished)]
