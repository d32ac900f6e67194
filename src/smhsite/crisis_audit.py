"""After a build: does every HTML page carry the crisis block, with every line, in its language?"""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

from smhsite.crisis import CrisisLines
from smhsite.languages import Languages

BLOCK_ATTRIBUTE = "data-smh-crisis"
_HTML_LANG = re.compile(r"<html[^>]*\slang=\"([a-zA-Z-]+)\"")

# Inside the block: links' addresses, and everything that is not markup (its text).
_LINK = re.compile(r"<a\s(?:[^>\"']|\"[^\"]*\"|'[^']*')*?\bhref\s*=\s*\"([^\"]*)\"", re.I)
_MARKUP = re.compile(r"<!--.*?-->|<(?:[^>\"']|\"[^\"]*\"|'[^']*')*>", re.S)


def _block(html: str) -> str:
    """The page from the crisis block's start tag to its end: only that part is parsed, so the
    audit costs little per page (the block holds no element of its own kind)."""
    found = html.find(BLOCK_ATTRIBUTE)
    if found < 0:
        return ""
    start = html.rfind("<", 0, found)
    tag = re.match(r"<([a-zA-Z0-9]+)", html[start:found])
    if tag is None:
        return html[start:]
    closing = f"</{tag.group(1)}>"
    end = html.find(closing, found)
    return html[start:] if end < 0 else html[start:end + len(closing)]


def missing_in_page(html: str, crisis: CrisisLines, languages: list[str]) -> list[str]:
    """What the page's crisis block lacks (empty when all is there)."""
    block = _block(html)
    if not block:
        return ["block"]
    hrefs = {unescape(href) for href in _LINK.findall(block)}
    text = " ".join(unescape(_MARKUP.sub(" ", block)).split())
    missing = []
    for line in crisis.lines:
        if line.tel not in hrefs:
            missing.append(line.tel)
        if line.sms and line.sms not in hrefs:
            missing.append(line.sms)
        for lang in languages:
            # Whitespace folded the same way on both sides: a no-break space in a French name
            # ("Ligne d'aide : …") is still the same name.
            name = " ".join((line.name.get(lang) or line.id).split())
            if name not in text:
                missing.append(f"{line.id} ({lang})")
    return missing


def audit_page(rel: str, html: str, crisis: CrisisLines, languages: Languages) -> list[str]:
    """What the page at `rel` (under the site root) lacks, in the language of its <html>."""
    match = _HTML_LANG.search(html)
    lang = match.group(1) if match else languages.default
    # The site root's 404 page is served for every address, in any language: it carries them
    # all (each language's own 404 page carries its own).
    shown = list(languages) if rel == "404.html" else [lang]
    return missing_in_page(html, crisis, shown)


def audit_site(site_dir: Path, crisis: CrisisLines, languages: Languages,
               written_since: float | None = None,
               audited: frozenset[str] | set[str] = frozenset()) -> dict[str, list[str]]:
    """Page path -> what it lacks, for every HTML page that does not carry the whole block.

    Pages in `audited` were checked as they were written and are skipped; with `written_since`,
    a time, so are pages written before it (those a quick preview rebuild left as they were).
    """
    failures: dict[str, list[str]] = {}
    for page in sorted(site_dir.rglob("*.html")):
        rel = page.relative_to(site_dir).as_posix()
        if rel in audited or (written_since is not None and page.stat().st_mtime < written_since):
            continue
        missing = audit_page(rel, page.read_text(encoding="utf-8"), crisis, languages)
        if missing:
            failures[rel] = missing
    return failures
