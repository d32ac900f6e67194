"""Links that leave the site: marked for every reader, and sent without a referrer."""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

# Runs on the sanitiser's output, whose attributes are always double-quoted and escaped.
_ANCHOR = re.compile(r"<a\b([^>]*)>(.*?)</a>", re.S)
_HREF = re.compile(r'\shref="([^"]*)"')
_CLASS = re.compile(r'\sclass="([^"]*)"')
EXTERNAL_CLASS = "smh-external-link"


def is_external(href: str, site_host: str) -> bool:
    parts = urlsplit(html.unescape(href))
    return parts.scheme in {"http", "https"} and bool(parts.netloc) and \
        parts.hostname != site_host


def mark_external_links(fragment: str, site_host: str, hint: str) -> str:
    """Each link to another site gets rel="noopener noreferrer", a class for its visible mark
    and `hint` ("opens another site") as text for screen readers."""

    def mark(match: re.Match[str]) -> str:
        attributes, text = match.group(1), match.group(2)
        href = _HREF.search(attributes)
        if href is None or not is_external(href.group(1), site_host):
            return match.group(0)
        if _CLASS.search(attributes):
            attributes = _CLASS.sub(lambda c: f' class="{c.group(1)} {EXTERNAL_CLASS}"',
                                    attributes, count=1)
        else:
            attributes += f' class="{EXTERNAL_CLASS}"'
        return (f'<a{attributes} rel="noopener noreferrer">{text}'
                f'<span class="smh-vh"> {html.escape(hint)}</span></a>')

    return _ANCHOR.sub(mark, fragment)
