"""The content rules. Each takes plain data and returns problems; none reads files."""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from smhsite.content import SourcePage
from smhsite.data_models import Taxonomy
from smhsite.html_policy import url_scheme
from smhsite.languages import Languages
from smhsite.markdown_scan import admonitions_in, anchors, headings_in
from smhsite.page_models import FrontMatter
from smhsite.problems import Problem, Severity
from smhsite.validation import did_you_mean, field_help

PLACEHOLDER_VALUE = "TODO"  # what `smhsite new` puts where a value is needed
# Markers of unfinished text: TODO, TBD, FIXME and "à traduire" in any case, anywhere; "à faire"
# (common in French prose) only in capitals, in brackets, or where a line or value starts with it.
_MARKER = re.compile(r"\b(?:todo|tbd|fixme)\b|(?<!\w)[àa] traduire\b", re.IGNORECASE)
_FRENCH_CAPS = re.compile(r"(?<!\w)[ÀA] FAIRE\b")
_MARKER_WORD = re.compile("todo|tbd|fixme|traduire|faire")  # in every marker, lower case
_FRENCH_START = re.compile(r"^\s*(?:[-*]\s+)?[àa] faire\b|[\[(]\s*[àa] faire\s*[\])]",
                           re.IGNORECASE)


def placeholder_in(text: str) -> str | None:
    """The first unfinished-text marker in `text`, as written, if any."""
    if not _MARKER_WORD.search(text.lower()):  # most text: done here
        return None
    match = _MARKER.search(text) or _FRENCH_CAPS.search(text) or _FRENCH_START.search(text)
    return match.group(0).strip(" -*[]()") if match else None


def _may_hold_marker(texts: Iterable[object]) -> bool:
    """False when no text can hold a marker: one search per page instead of one per line (the
    joining newline cannot make a marker word, so nothing is missed)."""
    joined = "\n".join(t for t in texts if isinstance(t, str))
    return _MARKER_WORD.search(joined.lower()) is not None


def is_placeholder(value: object) -> bool:
    return isinstance(value, str) and placeholder_in(value) is not None


@dataclass
class Page:
    """A page whose front matter passed its schema."""

    source: SourcePage
    meta: FrontMatter

    @property
    def key(self) -> tuple[str, str]:
        return self.source.lang, self.source.rel


def _as_list(value: object) -> list[object]:
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def facet_ids(pages: Iterable[Page], taxonomy: Taxonomy) -> list[Problem]:
    """Every facet value is an id of the taxonomy, listed once."""
    problems: list[Problem] = []
    ids: dict[str, tuple[list[str], frozenset[str]]] = {}
    for page in pages:
        for key, facet in type(page.meta).facets.items():
            if facet not in ids:
                ids[facet] = taxonomy.ids(facet), frozenset(taxonomy.ids(facet))
            allowed, known = ids[facet]
            raw = page.source.meta.get(key)
            values = _as_list(getattr(page.meta, key))
            seen: set[object] = set()
            for index, value in enumerate(values):
                if str(value) in known and value not in seen:
                    seen.add(value)
                    continue
                if is_placeholder(value):
                    continue  # reported once, as a placeholder
                sub = (index,) if isinstance(raw, list) else ()
                line = page.source.line_of(key, *sub)
                if str(value) not in known:
                    problems.append(Problem(page.source.path, line, "unknown-id", {
                        "field": key, "received": value,
                        "suggestion": did_you_mean(value, allowed), "allowed": ", ".join(allowed)}))
                elif value in seen:
                    problems.append(Problem(page.source.path, line, "duplicate-id",
                                            {"field": key, "received": value}))
                seen.add(value)
    return problems


def counterparts(sources: Iterable[SourcePage], languages: Languages) -> list[Problem]:
    """Every page exists in every language, at the same path."""
    by_lang: dict[str, set[str]] = {lang: set() for lang in languages}
    for source in sources:
        by_lang[source.lang].add(source.rel)
    problems = []
    for source in sources:
        for other in languages:
            if other != source.lang and source.rel not in by_lang[other]:
                problems.append(Problem(source.path, 1, "missing-counterpart", {
                    "code": other, "language": languages.name(other), "source": source.path,
                    "expected": f"docs/{other}/{source.rel}"}))
    return problems


def _parity_fields(meta: FrontMatter) -> list[str]:
    return ["type", *type(meta).facets, "quick_exit", "nav_order",
            *type(meta).same_in_every_language]


def same_facets(pages: Iterable[Page], languages: Languages) -> list[Problem]:
    """The translations of a page carry the same ids; their titles differ."""
    by_key = {page.key: page for page in pages}
    problems: list[Problem] = []
    for (lang, rel), page in sorted(by_key.items()):
        if lang == languages.default:
            continue
        original = by_key.get((languages.default, rel))
        if original is None:
            continue
        for field in [*_parity_fields(page.meta), "last_reviewed", "next_review"]:
            here, there = getattr(page.meta, field, None), getattr(original.meta, field, None)
            if _normalise(here) != _normalise(there):
                code = "date-mismatch" if field.endswith(("_reviewed", "_review")) \
                    else "facet-mismatch"
                key = type(page.meta).same_in_every_language.get(field, field)
                problems.append(Problem(page.source.path, page.source.line_of(key), code, {
                    "field": field, "here": _show(here), "there": _show(there),
                    "other": original.source.path}))
        if page.meta.title.strip().casefold() == original.meta.title.strip().casefold():
            problems.append(Problem(page.source.path, page.source.line_of("title"),
                                    "untranslated-title", {"title": page.meta.title},
                                    Severity.WARNING))
    return problems


def _normalise(value: object) -> object:
    return sorted(str(v) for v in value) if isinstance(value, list) else value


def _show(value: object) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(str(v) for v in value) + "]"
    if isinstance(value, dt.date):
        return value.isoformat()
    return f"'{value}'" if value is not None else "missing"


def review_dates(pages: Iterable[Page], today: dt.date) -> list[Problem]:
    problems: list[Problem] = []
    for page in pages:
        meta, source = page.meta, page.source
        if meta.last_reviewed > today:
            problems.append(Problem(source.path, source.line_of("last_reviewed"),
                                    "reviewed-in-future", {"date": meta.last_reviewed}))
        if meta.next_review <= meta.last_reviewed:
            problems.append(Problem(source.path, source.line_of("next_review"),
                                    "review-before-reviewed", {
                "next_review": meta.next_review, "last_reviewed": meta.last_reviewed}))
        elif meta.next_review < today:
            problems.append(Problem(source.path, source.line_of("next_review"), "review-overdue",
                                    {"date": meta.next_review}, Severity.WARNING))
    return problems


def internal_links(sources: Iterable[SourcePage], assets: set[str],
                   site_host: str = "") -> list[Problem]:
    """Relative links reach a page of the same language, and their anchors exist there; links
    within the site are relative, so they work in the preview and under any address.

    `assets` holds every non-Markdown file under docs/, as paths relative to docs/.
    """
    sources = list(sources)
    pages = {(s.lang, s.rel): s for s in sources}
    anchor_cache: dict[tuple[str, str], set[str]] = {}
    problems: list[Problem] = []
    for source in sources:
        for link in source.links:
            parts = urlsplit(link.target)
            if parts.netloc and site_host and parts.hostname == site_host:
                problems.append(Problem(source.path, link.line, "own-site-link",
                                        {"target": link.target}))
                continue
            if parts.scheme or parts.netloc or url_scheme(link.target):
                continue  # another site, or an address the HTML policy judges
            if link.target.startswith("/"):
                problems.append(Problem(source.path, link.line, "absolute-link",
                                        {"target": link.target}))
                continue
            path, anchor = unquote(parts.path), parts.fragment
            if path:
                rel = posixpath.normpath(posixpath.join(posixpath.dirname(source.rel), path))
                key = (source.lang, rel)
                if not rel.endswith(".md"):
                    if f"{source.lang}/{rel}" not in assets and rel not in assets:
                        problems.append(Problem(source.path, link.line,
                                                "broken-image" if link.image else "broken-link",
                                                {"target": link.target,
                                                 "expected": f"docs/{source.lang}/{rel}"}))
                    continue
                if key not in pages:
                    problems.append(Problem(source.path, link.line, "broken-link", {
                        "target": link.target, "expected": f"docs/{source.lang}/{rel}"}))
                    continue
            else:
                key = (source.lang, source.rel)
            if anchor:
                if key not in anchor_cache:
                    anchor_cache[key] = anchors(pages[key].prose)
                available = anchor_cache[key]
                if anchor not in available:
                    problems.append(Problem(source.path, link.line, "broken-anchor", {
                        "target": link.target, "anchor": anchor,
                        "available": ", ".join(sorted(available)) or "none"}))
    return problems


def body_rules(sources: Iterable[SourcePage], languages: Languages) -> list[Problem]:
    """Mistakes in the page text itself."""
    problems: list[Problem] = []
    for source in sources:
        for line, level, text in headings_in(source.prose):
            if level == 1:
                problems.append(Problem(source.path, line, "h1-in-body", {"text": text}))
        if source.lang != languages.default:
            for box in admonitions_in(source.prose):
                if not box.titled:
                    problems.append(Problem(source.path, box.line, "admonition-no-title",
                                            {"kind": box.kind, "default": box.kind.title()}))
        if not _may_hold_marker(text for _, text in source.prose):
            continue
        for number, text in source.prose:
            marker = placeholder_in(text)
            if marker:
                problems.append(Problem(source.path, number, "placeholder", {"marker": marker}))
    return problems


def placeholders_in_meta(sources: Iterable[SourcePage]) -> list[Problem]:
    """One message per key still holding a marker, saying what to write there."""
    problems: list[Problem] = []
    hints = field_help()
    for source in sources:
        if not _may_hold_marker(t for v in source.meta.values()
                                for t in (v if isinstance(v, list) else [v])):
            continue
        for key, value in source.meta.items():
            texts = value if isinstance(value, list) else [value]
            marker = next((placeholder_in(t) for t in texts if is_placeholder(t)), None)
            if marker:
                problems.append(Problem(source.path, source.line_of(key), "placeholder-field", {
                    "field": key, "marker": marker,
                    "hint": hints.get(str(key), {}).get("hint", "the real value")}))
    return problems


def downloads(pages: Iterable[Page], assets: set[str]) -> list[Problem]:
    """A resource's download is a file the project ships, in the page's language folder."""
    problems: list[Problem] = []
    for page in pages:
        target = getattr(page.meta, "download", None)
        if not target:
            continue
        rel = posixpath.normpath(posixpath.join(posixpath.dirname(page.source.rel), target))
        if f"{page.source.lang}/{rel}" not in assets:
            problems.append(Problem(page.source.path, page.source.line_of("download"),
                                    "broken-download", {
                "target": target, "expected": f"docs/{page.source.lang}/{rel}"}))
    return problems
