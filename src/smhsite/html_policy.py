"""The HTML a page may carry: one allowlist for the check that tells editors and for the sanitiser
that cleans every rendered page, so the two can never disagree.

Pages may use the harmless HTML editors need (details, abbr, kbd, tables, figures) and nothing
that runs code, loads another site or changes the page.
"""

from __future__ import annotations

import html
import re
from functools import cache
from urllib.parse import urlsplit

import nh3

ALLOWED_TAGS = frozenset({
    "a", "abbr", "b", "bdi", "bdo", "blockquote", "br", "caption", "cite", "code", "col",
    "colgroup", "data", "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption",
    "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark",
    "ol", "p", "pre", "q", "s", "samp", "small", "span", "strong", "sub", "summary", "sup",
    "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var", "wbr",
})

# Elements refused by kind, so the message can say why and what to write instead.
SCRIPT_TAGS = frozenset({"script", "noscript", "template"})
EMBED_TAGS = frozenset({"iframe", "frame", "frameset", "object", "embed", "applet", "video",
                        "audio", "source", "track", "picture", "portal", "canvas", "svg", "math"})
PAGE_CONTROL_TAGS = frozenset({"base", "meta", "link", "style", "form", "input", "button",
                               "select", "textarea", "option", "dialog", "head", "body", "html",
                               "title"})

GLOBAL_ATTRIBUTES = frozenset({"id", "class", "title", "lang", "dir", "role"})
GLOBAL_ATTRIBUTE_PREFIXES = frozenset({"aria-"})
TAG_ATTRIBUTES: dict[str, frozenset[str]] = {
    "a": frozenset({"href", "hreflang"}),
    "img": frozenset({"src", "alt", "width", "height", "loading", "decoding"}),
    "td": frozenset({"colspan", "rowspan", "headers", "align"}),
    "th": frozenset({"colspan", "rowspan", "headers", "scope", "align", "abbr"}),
    "col": frozenset({"span"}),
    "colgroup": frozenset({"span"}),
    "ol": frozenset({"start", "reversed", "type"}),
    "li": frozenset({"value"}),
    "time": frozenset({"datetime"}),
    "data": frozenset({"value"}),
    "details": frozenset({"open"}),
    "blockquote": frozenset({"cite"}),
    "q": frozenset({"cite"}),
    "del": frozenset({"cite", "datetime"}),
    "ins": frozenset({"cite", "datetime"}),
}
# Consumed by the Markdown extension md_in_html before the page is rendered.
SOURCE_ONLY_ATTRIBUTES = frozenset({"markdown"})

# Attributes whose value is an address.
URL_ATTRIBUTES = frozenset({"href", "src", "cite", "action", "formaction", "poster", "srcset",
                            "background", "longdesc", "data", "ping", "xlink:href", "manifest",
                            "codebase", "lowsrc", "dynsrc"})
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel", "sms"})

_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")
# Browsers ignore tabs, newlines and control characters inside a scheme ("java\tscript:").
_IGNORED_IN_URL = re.compile(r"[\x00-\x20\x7f]")


def attribute_allowed(tag: str, attribute: str) -> bool:
    return (attribute in GLOBAL_ATTRIBUTES
            or attribute in TAG_ATTRIBUTES.get(tag, frozenset())
            or attribute.startswith(tuple(GLOBAL_ATTRIBUTE_PREFIXES)))


def attribute_allowed_somewhere(attribute: str) -> bool:
    """For attribute lists, which may stand after any element."""
    return attribute_allowed("", attribute) or \
        any(attribute in names for names in TAG_ATTRIBUTES.values())


def allowed_attributes(tag: str) -> list[str]:
    """What an editor may write on `tag`, for messages."""
    return [*sorted(GLOBAL_ATTRIBUTES | TAG_ATTRIBUTES.get(tag, frozenset())), "aria-*"]


def _as_read(url: str) -> str:
    """`url` as a browser reads it: entities decoded, whitespace and controls dropped."""
    return _IGNORED_IN_URL.sub("", html.unescape(url))


def url_scheme(url: str) -> str | None:
    """The scheme a browser would see in `url`, if any."""
    match = _SCHEME.match(_as_read(url).lower())
    return match.group(1) if match else None


def unsafe_scheme(url: str) -> str | None:
    """The scheme of `url` when a page may not link to it (javascript:, data:, vbscript:...)."""
    scheme = url_scheme(url)
    return scheme if scheme is not None and scheme not in URL_SCHEMES else None


def loads_from_elsewhere(url: str) -> bool:
    """True for an address on another site (an image there would tell it who reads the page)."""
    cleaned = _as_read(url)
    return url_scheme(url) is not None or cleaned.startswith("//") or \
        bool(urlsplit(cleaned).netloc)


def _keep_attribute(tag: str, attribute: str, value: str) -> str | None:
    if attribute in URL_ATTRIBUTES and unsafe_scheme(value):
        return None
    if tag == "img" and attribute == "src" and loads_from_elsewhere(value):
        return None
    return value


@cache
def _cleaner() -> nh3.Cleaner:
    attributes = {tag: set(names) for tag, names in TAG_ATTRIBUTES.items()}
    attributes["*"] = set(GLOBAL_ATTRIBUTES)
    return nh3.Cleaner(
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(SCRIPT_TAGS | {"style", "textarea", "title"}),
        attributes=attributes,
        generic_attribute_prefixes=set(GLOBAL_ATTRIBUTE_PREFIXES),
        url_schemes=set(URL_SCHEMES),
        attribute_filter=_keep_attribute,
        link_rel=None,
        strip_comments=True,
    )


def sanitise(fragment: str) -> str:
    """The rendered page body, with everything outside the policy removed.

    `smhsite check` refuses such content with a message first: this is the second line, so a
    rule the check misses still cannot put code on a page.
    """
    return str(_cleaner().clean(fragment))
