"""sitemap.xml from the site model: every page in every language, with its alternates.

Written once, after every language is built, so it is the same however the languages were built
(one after the other, or side by side).
"""

from __future__ import annotations

from collections.abc import Iterable
from xml.sax.saxutils import escape as xml_text
from xml.sax.saxutils import quoteattr

from smhsite.addresses import page_url
from smhsite.languages import Languages
from smhsite.rules import Page

HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n')


def sitemap_xml(pages: Iterable[Page], languages: Languages, site_url: str) -> str:
    """One <url> per page and language, in the order of the languages then of the pages'
    paths; each lists the page's addresses in every language that has it (hreflang)."""
    site_url = site_url if site_url.endswith("/") else site_url + "/"
    by_lang: dict[str, dict[str, Page]] = {code: {} for code in languages}
    for page in pages:
        by_lang.setdefault(page.source.lang, {})[page.source.rel] = page

    def address(code: str, rel: str) -> str:
        return site_url + languages.prefix(code) + page_url(rel)

    parts = [HEAD]
    for code in languages:
        for rel, page in sorted(by_lang[code].items()):
            parts.append(f"  <url>\n    <loc>{xml_text(address(code, rel))}</loc>\n"
                         f"    <lastmod>{page.meta.last_reviewed.isoformat()}</lastmod>\n")
            for other in languages:
                if rel in by_lang[other]:
                    parts.append(f'    <xhtml:link rel="alternate" hreflang={quoteattr(other)} '
                                 f"href={quoteattr(address(other, rel))}/>\n")
            parts.append("  </url>\n")
    parts.append("</urlset>\n")
    return "".join(parts)

