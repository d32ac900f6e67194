"""Hostile and honest text, in every field that reaches a page, comes out inert and visible.

The site serves minors. Every value an editor writes (front matter, data/*.yml, a download's file
name) must reach the HTML only as text, or be refused by the build with a message naming the file
and the line. This corpus proves it on tiny sites built for real:

- a baseline, with neutral text in every field, to compare against;
- hostile builds, with PAYLOADS (script breakouts, event handlers, quote and angle-bracket
  breakouts, dangerous URL schemes, embedding and page-control elements, template and
  format-string syntax, CSS/JSON breakouts, unicode tricks, very long text) spread over page
  titles, descriptions and content warnings, every taxonomy label, the crisis lines, the
  interface strings, external links and download file names;
- honest builds, with the punctuation, accents and emoji real editors write;
- a refused build, with the values the validation must stop (script addresses, non-plain
  placeholders in interface strings, unknown ids, undiallable numbers).

Every built HTML page is then read with `html.parser` and must have: exactly the baseline's
scripts, styles, forms, links and meta refreshes; no `on*` attribute; no `javascript:`,
`vbscript:` or `data:` address; no embedding element; no element or attribute the baseline lacks;
no configuration dump or evaluated template. And each value shows exactly as written (after
unescaping) where it belongs: `<title>`, `<h1>`, `<meta name="description">`, the navigation, hub
cards, related resources, the A-to-Z list, role and topic listings, the card sort key and card
data, hub filters, resource facts, the crisis block on every page and the help page.

FIELD_OUTCOMES says, for every field, whether a hostile value must come out "inert" (shown as
text) or be "refused" (the build stops naming the file and the line).
"""

from __future__ import annotations

import base64
import copy
import datetime as dt
import logging
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
import yaml
from pydantic import HttpUrl, TypeAdapter, ValidationError

from sitekit import ROOT, TinySite, make_site, project_config
from smhsite.catalogue import sort_key
from smhsite.typography import Spacing

LANGS = ("en", "fr")
Loc = tuple[str | int, ...]

# ------------------------------------------------------------------------------- the corpus

# A leak is traced back to its payload by the marker: alert(N), unique to each payload.
MARKER = re.compile(r"alert\((\w+)\)", re.IGNORECASE)
_B64 = base64.b64encode(b"<script>alert(14)</script>").decode()

PAYLOADS: list[str] = [
    '"><script>alert(1)</script>',
    "</title><script>alert(2)</script>",
    "</textarea><script>alert(3)</script>",
    "<img src=x onerror=alert(4)>",
    "<svg onload=alert(5)>",
    "<details open ontoggle=alert(6)>",
    '" onmouseover="alert(7)',
    "' onfocus='alert(8)' autofocus '",
    '"><img src=x onerror=alert(9)>',
    "'><svg/onload=alert(10)>",
    "javascript:alert(11)",
    "JaVaScRiPt:alert(12)",
    "java&#x09;script:alert(13)",
    f"data:text/html;base64,{_B64}#alert(14)",
    "vbscript:alert(15)",
    "<iframe src=//evil.example/alert(16)></iframe>",
    "<object data=//evil.example/alert(17)></object>",
    "<embed src=//evil.example/alert(18)>",
    "<base href=//evil.example/alert(19)/>",
    "<meta http-equiv=refresh content=0;url=//evil.example/alert(20)>",
    "<style>*{display:none}</style>alert(21)",
    '<a href=# style="behavior:url(alert(22))">x</a>',
    "{{ config }} alert(23)",
    "{{ config.extra }} alert(24)",
    '{% include "base.html" %} alert(25)',
    "{{ 7*7 }} alert(26)",
    "{0} alert(27)",
    "{minutes.__class__} alert(28)",
    "</style><script>alert(29)</script>",
    "\\u003c/script\\u003e alert(30)",
    "'}]\" alert(31)",
    "Photo\u202egpj.exe alert(32)",
    "Family \U0001f469\u200d\U0001f467 alert(33)",
    "Help \U0001f642\U0001f198 alert(34)",
    "Long " * 900 + "alert(35)",
    "<form action=//evil.example/><button formaction=javascript:alert(36)>go</button></form>",
    "<input autofocus onfocus=alert(37)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(38)>",
    '<!--<img src="--><img src=x onerror=alert(39)//">',
    "<![CDATA[<script>alert(40)</script>]]>",
    "&lt;script&gt;alert(41)&lt;/script&gt;",
    '<noscript><p title="</noscript><img src=x onerror=alert(42)>">',
    '<a href="javascript&colon;alert(43)">x</a>',
    "<svg><animate onbegin=alert(44) attributeName=x dur=1s>",
    "<link rel=stylesheet href=//evil.example/alert(45).css>",
    "<template><script>alert(46)</script></template>",
    '" autofocus onfocus="alert(47)" x="',
    "%3Cscript%3Ealert(48)%3C/script%3E",
    "<scr<script>ipt>alert(49)</scr</script>ipt>",
    '\\"><script>alert(50)</script>',
    "<video><source onerror=alert(51)></video>",
    "<body onload=alert(52)>",
    "{{ ''.__class__.__mro__[1].__subclasses__() }} alert(53)",
    "${alert(54)} #{alert(54)}",
    "<xss id=x tabindex=1 onfocusin=alert(55)></xss>",
    '<a href="data:text/html,<script>alert(56)</script>">d</a>',
    "'-alert(57)-'",
    "</script><script>alert(58)</script>",
    "Line\u2028separator alert(59)",
    "<button formaction=javascript:alert(60)>go</button>",
]

# Honest text: what editors really write. It must show exactly, escaped in the raw HTML.
HONEST: list[str] = [
    'Say "no" and mean it: a guide',
    "Keyboard tips: press <Tab> to move",
    "Parents & caregivers: l'école, c'est « nous » 🙂",
    "Élèves : 5 < 10 > 2",
    "Rock & roll & \"more\" (it's fine)",
    "A & B; C &amp; D",
    "Tom's <b>bold</b> idea",
    "{curly} [square] (round) #hash *star* _under_",
    "Naïve café — crème brûlée, 100 %",
    "Ça va ? Oui ! 😀👍🏽",
    "Math: 2 > 1 && 1 < 2",
    "Quote 'single', \"double\" and `back`",
    "50/50: pros & cons",
    "Œuvre d\u2019art : « l\u2019été » à l\u2019école",
    "Questions? Answers! #1",
    "Ünïcödé ñ ø å ß",
]

# What the build must do with a hostile value, per field.
FIELD_OUTCOMES: dict[str, str] = {
    "page.title": "inert",
    "page.description": "inert",
    "page.content_warning": "inert",
    "resource.external_url_http": "inert",  # a valid http(s) address with hostile characters
    "resource.download_name": "inert",  # quotes, ampersands, tags in the file's name
    "resource.external_url_script": "refused",  # javascript:, data:, vbscript:, //host
    "resource.external_language": "refused",
    "resource.download_script": "refused",  # javascript: as a file, or outside the folder
    "resource.facet_id": "refused",  # markup where a taxonomy id belongs
    "taxonomy.label": "inert",
    "crisis.name": "inert",
    "crisis.serves": "inert",
    "crisis.hours": "inert",
    "crisis.keyword": "inert",
    "crisis.display": "inert",
    "crisis.website_http": "inert",
    "crisis.website_script": "refused",
    "crisis.number": "refused",
    "ui.text": "inert",  # shown as element text
    "ui.attribute": "inert",  # shown in an attribute (placeholder, aria-label, data-*)
    "ui.format_text": "inert",  # hostile text around the placeholders a template fills
    "ui.brace_text": "refused",  # a lone brace in any interface string: {0}, {x:y}, '}]
    "ui.format_placeholder": "refused",  # {minutes.__class__}, {0}, {count.__init__...}
    "ui.unknown_placeholder": "refused",  # a plain {name} the template does not give
}
# The build each field is tried in. Crisis lines have their own: the crisis audit stops a
# build whose crisis block lacks a line, which would hide every other finding of that build.
GROUPS = {"page": "pages", "resource": "pages", "taxonomy": "data", "ui": "data",
          "crisis": "crisis"}

# ------------------------------------------------------------------------------- the tiny site

TODAY = dt.date.today()
REVIEWED = TODAY - dt.timedelta(days=30)
NEXT_REVIEW = dt.date(2099, 11, 1)
VERIFIED = TODAY - dt.timedelta(days=10)


def _data(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((ROOT / "data" / name).read_text(encoding="utf-8"))
    return loaded


TAXONOMY: dict[str, Any] = _data("taxonomy.yml")
UI: dict[str, Any] = _data("ui.yml")
ALL_AUDIENCES = [term["id"] for term in TAXONOMY["audiences"]]
HUB_FACETS = {"audience": "audiences", "topics": "topics", "tiers": "tiers",
              "format": "formats", "divisions": "divisions"}
RESOURCES = 23  # with the 7 other pages, 30 pages a language: 60 title slots for 60 payloads


def _ids(facet: str) -> list[str]:
    return [str(term["id"]) for term in TAXONOMY[facet]]


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))


def resource_facets(i: int) -> dict[str, Any]:
    """Every resource is for parents, on anxiety; together they use every id of the taxonomy."""
    def nth(facet: str) -> str:
        ids = _ids(facet)
        return ids[i % len(ids)]
    meta: dict[str, Any] = {
        "audience": _unique(["parents", nth("audiences")]),
        "topics": _unique(["anxiety", nth("topics")]), "tiers": [nth("tiers")],
        "pillars": [nth("pillars")], "format": nth("formats"), "divisions": [nth("divisions")],
        "time_needed": 5 + i}
    if i == 0:
        meta["download"] = "files/r00-plan.txt"
    elif i == 1:
        meta["download"] = "files/r01-sheet.odt"
    elif i in (2, 3, 4):
        meta["external_url"] = f"https://example.org/r{i:02d}"
        meta["external_language"] = "en"
    return meta


# docs-relative path -> the page's own keys. Title slots are taken in this order.
PAGE_LAYOUT: list[tuple[str, dict[str, Any]]] = [
    ("guides/first.md", {"type": "section", "nav_order": 1}),
    ("guides/second.md", {"type": "section", "nav_order": 2, "content_warning": True,
                          "quick_exit": True}),
    ("roles/parents.md", {"type": "role", "role": "parents", "nav_order": 3}),
    ("topics/anxiety.md", {"type": "topic", "topic": "anxiety", "nav_order": 4}),
    ("resources/index.md", {"type": "hub"}),
    ("resources/all.md", {"type": "library-index"}),
    ("search.md", {"type": "search"}),
    *[(f"resources/r{i:02d}.md", {"type": "resource", **resource_facets(i)})
      for i in range(RESOURCES)],
]
NAV_PAGES = {"guides/first.md", "guides/second.md", "roles/parents.md", "topics/anxiety.md"}
BODY = "Some neutral words for the reader to read.\n\n## Part one\n\nMore neutral words.\n"


def crisis_data() -> dict[str, Any]:
    return {"lines": [
        {"id": "kids-help-phone",
         "name": {"en": "Kids Help Phone", "fr": "Jeunesse, J'écoute"},
         "serves": {"en": "Children and teens", "fr": "Enfants et adolescents"},
         "hours": {"en": "24/7", "fr": "24 h sur 24"},
         "call": {"number": "+18006686868",
                  "display": {"en": "1-800-668-6868", "fr": "1 800 668-6868"}},
         "text": {"number": "686868", "keyword": "CONNECT",
                  "display": {"en": "686868", "fr": "686868"}},
         "website": "https://kidshelpphone.ca/", "last_verified": VERIFIED},
        {"id": "emergency",
         "name": {"en": "Emergency services", "fr": "Services d'urgence"},
         "serves": {"en": "Anyone in danger", "fr": "Toute personne en danger"},
         "hours": {"en": "Always", "fr": "En tout temps"},
         "call": {"number": "911", "display": {"en": "911", "fr": "911"}},
         "website": "https://example.org/emergency", "last_verified": VERIFIED},
    ]}


# ------------------------------------------------------------------------------- YAML, by hand


def yaml_scalar(value: object) -> str:
    """A YAML scalar: text single-quoted (a quote doubled), or double-quoted when it holds a
    character YAML would fold as a line break."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(yaml_scalar(v) for v in value) + "]"
    if isinstance(value, str):
        if re.search(r"[\x00-\x1f\x7f\x85\u2028\u2029]", value):
            escaped = value.replace("\\", "\\\\").replace('"', '\\"')
            return '"' + re.sub(r"[\x00-\x1f\x7f\x85\u2028\u2029]",
                                lambda m: f"\\u{ord(m.group(0)):04x}", escaped) + '"'
        return "'" + value.replace("'", "''") + "'"
    raise TypeError(f"no YAML for {value!r}")


def to_yaml(data: dict[str, Any]) -> tuple[str, dict[Loc, int]]:
    """YAML text for `data`, and the line (1-based) of every key and list item."""
    out: list[str] = []
    lines: dict[Loc, int] = {}

    def emit(mapping: dict[str, Any], path: Loc, indent: int) -> None:
        pad = " " * indent
        for key, value in mapping.items():
            here = (*path, key)
            if isinstance(value, dict):
                out.append(f"{pad}{key}:")
                lines[here] = len(out)
                emit(value, here, indent + 2)
            elif isinstance(value, list) and value and isinstance(value[0], dict):
                out.append(f"{pad}{key}:")
                lines[here] = len(out)
                for index, item in enumerate(value):
                    start = len(out)
                    emit(item, (*here, index), indent + 4)
                    out[start] = f"{pad}  - {out[start][indent + 4:]}"
                    lines[(*here, index)] = start + 1
            else:
                out.append(f"{pad}{key}: {yaml_scalar(value)}")
                lines[here] = len(out)

    emit(data, (), 0)
    text = "\n".join(out) + "\n"
    assert yaml.safe_load(text) == data, f"the YAML written for a test is not valid:\n{text}"
    return text, lines


# ------------------------------------------------------------------------------- cases


@dataclass(frozen=True)
class Case:
    """One value in one field: where it is written, and where a visitor must read it."""

    field: str  # a key of FIELD_OUTCOMES
    lang: str
    path: str  # the file it is written in, from the site's root
    loc: Loc  # where in that file's YAML
    value: object  # what is written
    shown: str = ""  # what a visitor reads, for an inert field
    page: str = ""  # docs-relative page that shows it ("" = the page at `path`)
    attr: str = ""  # the attribute that carries it ("" = element text)
    files: tuple[tuple[str, str], ...] = ()  # files the case needs (downloads)

    @property
    def outcome(self) -> str:
        return FIELD_OUTCOMES[self.field]

    @property
    def group(self) -> str:
        return GROUPS[self.field.split(".")[0]]


def page_field_cases(texts: list[str]) -> list[Case]:
    """Titles and descriptions of every page, rotating over `texts`: the English and French of
    a page never share a title, and each text is a title once and a description once."""
    cases: list[Case] = []
    n = len(texts)
    slot = 0
    for rel, _ in PAGE_LAYOUT:
        for lang in LANGS:
            path = f"docs/{lang}/{rel}"
            title, description = texts[slot % n], texts[(slot + n // 2) % n]
            cases.append(Case("page.title", lang, path, ("title",), title, title))
            cases.append(Case("page.description", lang, path, ("description",), description,
                              description))
            slot += 1
    return cases


def pick(marker: int) -> str:
    return next(p for p in PAYLOADS if f"alert({marker})" in p)


def _lone_brace(text: str) -> bool:
    return bool(re.search(r"[{}]", text.replace("{{", "").replace("}}", "")))


BRACE_FREE = [p for p in PAYLOADS if "{" not in p and "}" not in p]
NO_LONE_BRACE = [p for p in PAYLOADS if not _lone_brace(p)]
LONE_BRACE = [p for p in PAYLOADS if _lone_brace(p)]
# Crisis names are matched by the crisis audit with whitespace collapsed: ordinary spaces only.
PLAIN_SPACED = [p for p in PAYLOADS if len(p) < 200 and not re.search(r"[^\S ]", p)]


def resource_path(lang: str, i: int) -> str:
    return f"docs/{lang}/resources/r{i:02d}.md"


def download_case(lang: str, i: int, name: str, shown: str = "") -> Case:
    return Case("resource.download_name", lang, resource_path(lang, i), ("download",),
                f"files/{name}", shown,
                files=((f"docs/{lang}/resources/files/{name}", "Some text.\n"),))


def hostile_page_cases() -> list[Case]:
    cases = page_field_cases(PAYLOADS)
    for lang, payload in zip(LANGS, (pick(42), pick(1)), strict=True):
        cases.append(Case("page.content_warning", lang, f"docs/{lang}/guides/second.md",
                          ("content_warning",), payload, payload))
    for lang, i, url in [
            ("en", 2, 'https://example.org/?q="><script>alert(90)</script>'),
            ("fr", 2, "https://example.org/#' onmouseover='alert(91)' x='"),
            ("en", 3, 'https://"><svg onload=alert(92)>@example.org/'),
            ("fr", 3, 'https://example.org/path"style="behavior:url(alert(93))'),
            ("en", 4, "https://example.org/&quot;&gt;&lt;img src=x onerror=alert(94)&gt;")]:
        cases.append(Case("resource.external_url_http", lang, resource_path(lang, i),
                          ("external_url",), url, url))
    cases += [
        download_case("en", 0, "plan \"a\" & 'b' <i onmouseover=alert(95)>.txt"),
        download_case("fr", 0, "plan « c » & \"d\" <b onclick=alert(96)>.txt"),
        download_case("en", 1, "sheet.<svg onload=alert(97)>", "<SVG ONLOAD=ALERT(97)>"),
        download_case("fr", 1, "fiche.'><img src=x onerror=alert(98)>",
                      "'><IMG SRC=X ONERROR=ALERT(98)>"),
    ]
    return cases


def taxonomy_cases(texts: list[str]) -> list[Case]:
    cases: list[Case] = []
    slot = 0
    for facet, terms in TAXONOMY.items():
        if facet == "stages":  # shown on learning pathways, which this test's site has none of
            continue
        for index, _ in enumerate(terms):
            for lang in LANGS:
                text = texts[slot % len(texts)]
                cases.append(Case("taxonomy.label", lang, "data/taxonomy.yml",
                                  (facet, index, lang), text, text))
                slot += 1
    return cases


CRISIS = "data/crisis_lines.yml"


def crisis_cases() -> list[Case]:
    cases: list[Case] = []
    slot = 3
    for line in (0, 1):
        for key in ("name", "serves", "hours"):
            for lang in LANGS:
                text = PLAIN_SPACED[slot % len(PLAIN_SPACED)]
                cases.append(Case(f"crisis.{key}", lang, CRISIS, ("lines", line, key, lang),
                                  text, text, "get-help.md"))
                slot += 5
    keyword = pick(26)  # language-neutral: shown in both languages
    cases.append(Case("crisis.keyword", "en", CRISIS, ("lines", 0, "text", "keyword"), keyword,
                      keyword, "index.md"))
    for lang, display in [("en", "1-800-668-6868 <svg onload=alert(dispen)>"),
                          ("fr", '1 800 668-6868 "><script>alert(dispfr)</script>')]:
        cases.append(Case("crisis.display", lang, CRISIS, ("lines", 0, "call", "display", lang),
                          display, display, "index.md"))
    website = 'https://example.org/?"><script>alert(99)</script>'
    cases.append(Case("crisis.website_http", "en", CRISIS, ("lines", 1, "website"), website,
                      website, "get-help.md"))
    return cases


# Interface strings shown as text: key -> the docs-relative page that shows it ("404": 404.html).
UI_TEXT_PROBES: dict[str, str] = {
    "skip_to_help": "index.md", "skip_to_content": "guides/first.md",
    "crisis_heading": "index.md", "crisis_disclaimer": "index.md",
    "crisis_disclaimer_short": "index.md", "crisis_more": "index.md",
    "crisis_call_prefix": "index.md", "crisis_serves": "get-help.md",
    "crisis_hours": "get-help.md", "crisis_call": "get-help.md", "crisis_text": "get-help.md",
    "crisis_website": "get-help.md", "footer_get_help": "index.md",
    "footer_accessibility": "index.md", "footer_privacy": "index.md",
    "footer_no_cookies": "index.md", "last_reviewed": "index.md", "next_review": "index.md",
    "search_label": "index.md", "search_button": "index.md",
    "hub_filters_heading": "resources/index.md", "hub_clear": "resources/index.md",
    "hub_none": "resources/index.md", "hub_results_heading": "resources/index.md",
    "hub_more": "resources/index.md", "card_for": "resources/index.md",
    "facet_audience": "resources/index.md", "facet_topics": "resources/index.md",
    "facet_tiers": "resources/index.md", "facet_format": "resources/index.md",
    "facet_divisions": "resources/index.md", "about_resource": "resources/r00.md",
    "related_heading": "resources/r00.md", "card_format": "resources/r00.md",
    "card_tier": "resources/r00.md", "card_topics": "resources/r00.md",
    "card_pillars": "resources/r00.md", "card_divisions": "resources/r00.md",
    "time_needed_label": "resources/r00.md", "external_language_en": "resources/r02.md",
    "listing_heading_role": "roles/parents.md", "listing_more": "roles/parents.md",
    "listing_heading_topic": "topics/anxiety.md", "quick_exit_label": "guides/second.md",
    "quick_exit_hint": "guides/second.md", "quick_exit_leaving": "guides/second.md",
    "content_warning_heading": "guides/second.md", "content_warning_text": "guides/second.md",
    "content_warning_link": "guides/second.md", "search_needs_js": "search.md",
    "search_not_built": "search.md", "not_found_title": "404", "not_found_text": "404",
    "not_found_home": "404", "print_address": "index.md",
}
# Interface strings shown in an attribute: key -> (page, attribute).
UI_ATTRIBUTE_PROBES: dict[str, tuple[str, str]] = {
    "search_placeholder": ("index.md", "placeholder"),
    "switch_language_label": ("index.md", "aria-label"),
    "table_region": ("index.md", "data-label"),
    "review_label": ("index.md", "aria-label"),
    "footer_nav": ("index.md", "aria-label"),
    "hub_selected_many": ("resources/index.md", "data-many"),
    "search_kind": ("resources/index.md", "data-kind-filter"),
    "hub_count_one": ("resources/index.md", "data-count-one"),
    "az_letters": ("resources/all.md", "aria-label"),
}
# Interface strings a template fills in: hostile text goes around the placeholders it keeps.
UI_FORMAT_PROBES: dict[str, str] = {
    "time_needed": "resources/index.md", "reading_time": "topics/anxiety.md",
    "hub_count_many": "resources/index.md", "hub_all_link": "resources/index.md",
    "download_label": "resources/r00.md", "external_open": "resources/r02.md",
    "date_pattern": "index.md", "crisis_text_keyword": "index.md",
}


def ui_cases() -> list[Case]:
    cases: list[Case] = []
    slot = 7
    for key, where in UI_TEXT_PROBES.items():
        for lang in LANGS:
            text = NO_LONE_BRACE[slot % len(NO_LONE_BRACE)]
            slot += 1
            if key in UI:
                cases.append(Case("ui.text", lang, "data/ui.yml", (key, lang), text, text, where))
    for key, (where, attr) in UI_ATTRIBUTE_PROBES.items():
        for lang in LANGS:
            text = NO_LONE_BRACE[slot % len(NO_LONE_BRACE)]
            slot += 1
            if key in UI:
                cases.append(Case("ui.attribute", lang, "data/ui.yml", (key, lang), text, text,
                                  where, attr))
    for key, where in UI_FORMAT_PROBES.items():
        for lang in LANGS:
            text = BRACE_FREE[slot % len(BRACE_FREE)]
            slot += 1
            cases.append(Case("ui.format_text", lang, "data/ui.yml", (key, lang),
                              f"{text} {UI[key][lang]}", text, where))
    return cases


def refused_cases() -> list[Case]:
    cases: list[Case] = []
    for lang, i, url in [
            ("en", 5, "javascript:alert(101)"), ("fr", 5, "JaVaScRiPt:alert(102)"),
            ("en", 6, "java&#x09;script:alert(103)"),
            ("fr", 6, f"data:text/html;base64,{_B64}#alert(104)"),
            ("en", 7, "vbscript:alert(105)"), ("fr", 7, "//evil.example/alert(106)"),
            ("en", 8, "javascript://example.org/%0Aalert(107)"),
            ("fr", 8, "https:javascript:alert(108)"), ("en", 9, " javascript:alert(109)")]:
        cases.append(Case("resource.external_url_script", lang, resource_path(lang, i),
                          ("external_url",), url))
    cases += [
        Case("resource.download_script", "en", resource_path("en", 10), ("download",),
             "javascript:alert(110)"),
        Case("resource.download_script", "fr", resource_path("fr", 10), ("download",),
             "../../../mkdocs.yml"),
        Case("resource.external_language", "en", resource_path("en", 11),
             ("external_language",), '"><svg onload=alert(111)>'),
    ]
    for lang in LANGS:  # the same wrong id in both languages: one message each
        cases.append(Case("resource.facet_id", lang, resource_path(lang, 12), ("audience",),
                          ["parents", '"><script>alert(112)</script>']))
        cases.append(Case("resource.facet_id", lang, resource_path(lang, 13), ("format",),
                          "<img src=x onerror=alert(113)>"))
    cases += [
        Case("crisis.website_script", "en", CRISIS, ("lines", 0, "website"),
             "javascript:alert(114)"),
        Case("crisis.website_script", "en", CRISIS, ("lines", 1, "website"),
             "data:text/html,<script>alert(115)</script>"),
        Case("crisis.number", "en", CRISIS, ("lines", 1, "call", "number"),
             '"><script>alert(116)</script>'),
        Case("ui.format_placeholder", "en", "data/ui.yml", ("reading_time", "en"),
             "{minutes.__class__} min read"),
        Case("ui.format_placeholder", "fr", "data/ui.yml", ("time_needed", "fr"), "{0} min"),
        Case("ui.format_placeholder", "en", "data/ui.yml", ("hub_count_many", "en"),
             "{count.__init__.__globals__} resources shown"),
        Case("ui.format_placeholder", "fr", "data/ui.yml", ("hub_all_link", "fr"),
             "Voir les {count!r} ressources, de A à Z"),
    ]
    # The same unknown name in both languages: the languages agree, the template lacks it.
    for key, unknown in [("date_pattern", "config"), ("download_label", "title")]:
        cases += [Case("ui.unknown_placeholder", lang, "data/ui.yml", (key, lang),
                       f"{UI[key][lang]} {{{unknown}}}") for lang in LANGS]
    keys = [k for k in UI_TEXT_PROBES if k in UI]
    for index, payload in enumerate(LONE_BRACE):
        key, lang = keys[index % len(keys)], LANGS[index % 2]
        cases.append(Case("ui.brace_text", lang, "data/ui.yml", (key, lang), payload))
    return cases


def shown_as_is(kind: str, lang: str, path: str, loc: Loc, text: str, page: str = "",
                attr: str = "") -> Case:
    return Case(kind, lang, path, loc, text, text, page, attr)


HONEST_DATA: list[Case] = [
    shown_as_is("taxonomy.label", "en", "data/taxonomy.yml", ("audiences", 1, "en"),
                "Parents & caregivers <3", "resources/index.md"),
    shown_as_is("taxonomy.label", "fr", "data/taxonomy.yml", ("formats", 0, "fr"),
                "Fiche « conseils » & astuces", "resources/index.md"),
    shown_as_is("taxonomy.label", "en", "data/taxonomy.yml", ("topics", 1, "en"),
                'Anxiety: "what if…?"', "resources/index.md"),
    shown_as_is("crisis.serves", "en", CRISIS, ("lines", 0, "serves", "en"),
                'Kids & teens (under 18): "any" question', "get-help.md"),
    # French typography: a no-break space before the colon.
    shown_as_is("crisis.name", "fr", CRISIS, ("lines", 1, "name", "fr"),
                "Ligne d\u2019urgence\u00a0: jeunes & familles", "get-help.md"),
    shown_as_is("ui.text", "fr", "data/ui.yml", ("hub_clear", "fr"),
                "Effacer « tous » les filtres & recommencer", "resources/index.md"),
    shown_as_is("ui.text", "fr", "data/ui.yml", ("crisis_heading", "fr"),
                "Besoin d\u2019aide maintenant\u00a0?", "index.md"),
    shown_as_is("ui.attribute", "en", "data/ui.yml", ("search_placeholder", "en"),
                'Try "worry" & <Tab>', "index.md", "placeholder"),
]

# What a visitor reads is the text as written, with the no-break spaces its language's
# typography adds (data/site.yml): "Ça va ? Oui !" reads "Ça va\u00a0? Oui\u00a0!" in French.
TYPOGRAPHY = {code: Spacing(**rule) for code, rule in yaml.safe_load(
    (ROOT / "data/site.yml").read_text(encoding="utf-8"))["typography"].items()}


def typeset(cases: list[Case]) -> list[Case]:
    return [replace(c, shown=TYPOGRAPHY[c.lang].apply(c.shown)) if c.lang in TYPOGRAPHY
            and c.shown and not c.attr.startswith(("href", "src")) else c for c in cases]


def as_read(lang: str, meta: dict[str, Any]) -> dict[str, Any]:
    rule = TYPOGRAPHY.get(lang)
    return {k: rule.apply(v) if rule and isinstance(v, str) else v for k, v in meta.items()}


HOSTILE: list[Case] = typeset(hostile_page_cases() + taxonomy_cases(PAYLOADS) + crisis_cases()
                              + ui_cases() + refused_cases())
HONEST_CASES: list[Case] = typeset(page_field_cases(HONEST) + HONEST_DATA)

BUILDS: dict[str, list[Case]] = {
    "baseline": [],
    **{group: [c for c in HOSTILE if c.outcome == "inert" and c.group == group]
       for group in ("pages", "data", "crisis")},
    "honest": [c for c in HONEST_CASES if c.group != "crisis"],
    "honest-crisis": [c for c in HONEST_CASES if c.group == "crisis"],
    "refused": [c for c in HOSTILE if c.outcome == "refused"],
}
INERT_BUILDS = ["pages", "data", "crisis", "honest", "honest-crisis"]

# ------------------------------------------------------------------------------- spec and build


@dataclass
class Spec:
    """Every file of a tiny site: YAML documents (pages' front matter, data) and other files."""

    docs: dict[str, dict[str, Any]] = field(default_factory=dict)
    bodies: dict[str, str] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)

    def put(self, case: Case) -> None:
        target: Any = self.docs[case.path]
        for part in case.loc[:-1]:
            target = target[part]
        target[case.loc[-1]] = copy.deepcopy(case.value)
        self.files.update(dict(case.files))

    def render(self) -> tuple[dict[str, str], dict[str, dict[Loc, int]]]:
        texts: dict[str, str] = dict(self.files)
        lines: dict[str, dict[Loc, int]] = {}
        for path, data in self.docs.items():
            text, locs = to_yaml(data)
            if path in self.bodies:  # front matter: the first line is '---'
                text = f"---\n{text}---\n\n{self.bodies[path]}"
                locs = {loc: line + 1 for loc, line in locs.items()}
            texts[path], lines[path] = text, locs
        return texts, lines


def baseline_spec() -> Spec:
    spec = Spec()
    for lang in LANGS:
        for index, (rel, own) in enumerate(PAGE_LAYOUT):
            path = f"docs/{lang}/{rel}"
            title = f"Neutral page {index:02d}" if lang == "en" else f"Page neutre {index:02d}"
            spec.docs[path] = {
                "title": title,
                "description": "A neutral description." if lang == "en" else
                "Une description neutre.",
                "type": own["type"], "audience": list(ALL_AUDIENCES),
                "last_reviewed": REVIEWED, "next_review": NEXT_REVIEW,
                **{k: copy.deepcopy(v) for k, v in own.items() if k != "type"}}
            spec.bodies[path] = BODY
        spec.files[f"docs/{lang}/resources/files/r00-plan.txt"] = "Goal,Action\n"
        spec.files[f"docs/{lang}/resources/files/r01-sheet.odt"] = "Sheet\n"
    spec.docs["data/taxonomy.yml"] = copy.deepcopy(TAXONOMY)
    spec.docs["data/ui.yml"] = copy.deepcopy(UI)
    spec.docs[CRISIS] = crisis_data()
    return spec


class Element:
    """One start tag, with its text (every descendant's) and its place in the document."""

    def __init__(self, tag: str, attrs: list[tuple[str, str | None]], line: int,
                 snippet: str, index: int) -> None:
        self.tag = tag
        self.pairs = [(name, value or "") for name, value in attrs]
        self.attrs = dict(self.pairs)
        self.line = line
        self.snippet = snippet
        self.index = index
        self.end = index + 1
        self.chunks: list[str] = []

    @property
    def text(self) -> str:
        return "".join(self.chunks)

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def describe(self) -> str:
        shown = " ".join(f'{k}="{v[:60]}"' for k, v in self.pairs)
        return f"line {self.line}: <{self.tag} {shown}> in {self.snippet!r}{leak(self.snippet)}"


VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                  "source", "track", "wbr", "param", "keygen"})


class Doc(HTMLParser):
    """A built page: its elements, in order, and its text chunks."""

    def __init__(self, rel: str, raw: str) -> None:
        super().__init__(convert_charrefs=True)
        self.rel = rel
        self.raw = raw
        self.source_lines = raw.split("\n")
        self.elements: list[Element] = []
        self.texts: list[str] = []
        self.open: list[Element] = []
        self.feed(raw)
        self.close()
        for element in self.open:
            element.end = len(self.elements)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line, column = self.getpos()
        snippet = self.source_lines[line - 1][column:column + 160]
        element = Element(tag, attrs, line, snippet, len(self.elements))
        self.elements.append(element)
        if tag not in VOID:
            self.open.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.open) - 1, -1, -1):
            if self.open[depth].tag == tag:
                for element in self.open[depth:]:
                    element.end = len(self.elements)
                del self.open[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.texts.append(data)
        for element in self.open:
            element.chunks.append(data)

    def find(self, tag: str | None = None, cls: str | None = None,
             attr: str | None = None) -> list[Element]:
        return [e for e in self.elements if (tag is None or e.tag == tag)
                and (cls is None or cls in e.classes) and (attr is None or attr in e.attrs)]

    def inside(self, element: Element) -> list[Element]:
        return self.elements[element.index + 1:element.end]

    def shows(self, text: str) -> bool:
        return any(text in chunk for chunk in self.texts)


@dataclass
class Built:
    name: str
    site: TinySite
    spec: Spec
    lines: dict[str, dict[Loc, int]]
    cases: list[Case]
    error: BaseException | None = None
    docs: dict[str, Doc] = field(default_factory=dict)

    def failure(self) -> str:
        if self.error is None:
            return ""
        parts = [f"{type(self.error).__name__}: {self.error}"]
        if self.error.__context__ is not None:
            parts.append(f"{type(self.error.__context__).__name__}: {self.error.__context__}")
        parts += self.site.messages(logging.ERROR)
        return "\n".join(parts)

    def require(self) -> Built:
        if self.error is not None:
            pytest.fail(f"the {self.name!r} build failed:\n{self.failure()[:4000]}")
        return self

    def doc(self, lang: str, rel: str) -> Doc:
        return self.docs[html_of(lang, rel)]

    def lang_docs(self, lang: str) -> list[Doc]:
        return [d for rel, d in self.docs.items()
                if rel != "404.html" and rel.startswith("fr/") == (lang == "fr")]

    def meta(self, lang: str, rel: str) -> dict[str, Any]:
        return self.spec.docs[f"docs/{lang}/{rel}"]

    def line_of(self, case: Case) -> int:
        return self.lines[case.path][case.loc]


def html_of(lang: str, rel: str) -> str:
    """The built file of a docs-relative page: guides/first.md -> fr/guides/first/index.html."""
    if rel == "404":
        return "404.html"
    stem = rel.removesuffix(".md")
    out = f"{stem}.html" if stem == "index" or stem.endswith("/index") else f"{stem}/index.html"
    return out if lang == "en" else f"fr/{out}"


def without_search_index(site: TinySite) -> None:
    """The search index is data, not HTML: leaving it out makes each build 40% faster. The
    site's plugin takes it as an option; older hooks read SMH_SEARCH (set by Builds)."""
    path = site.root / "mkdocs.yml"
    config = yaml.safe_load(path.read_text(encoding="utf-8"))
    for plugin in config.get("plugins", []):
        if isinstance(plugin, dict) and "smhsite" in plugin:
            plugin["smhsite"] = {**(plugin["smhsite"] or {}), "search": False}
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")


def build(tmp: Path, name: str, cases: list[Case]) -> Built:
    spec = baseline_spec()
    for case in cases:
        spec.put(case)
    texts, lines = spec.render()
    site = make_site(tmp, dict(texts))
    without_search_index(site)
    built = Built(name, site, spec, lines, cases)
    try:
        site.build()
    except Exception as error:  # recorded; each test says what it means for it
        built.error = error
        return built
    for file in sorted(site.site.rglob("*.html")):
        rel = file.relative_to(site.site).as_posix()
        if not rel.startswith("pagefind/"):
            built.docs[rel] = Doc(rel, file.read_text(encoding="utf-8"))
    return built


class Builds:
    def __init__(self, factory: pytest.TempPathFactory) -> None:
        self.factory = factory
        self.cache: dict[str, Built] = {}

    def __getitem__(self, name: str) -> Built:
        if name not in self.cache:
            with pytest.MonkeyPatch.context() as patch:
                patch.setenv("SMH_SEARCH", "off")
                self.cache[name] = build(self.factory.mktemp(name), name, BUILDS[name])
        return self.cache[name]


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> Builds:
    return Builds(tmp_path_factory)


def short(text: str, limit: int = 90) -> str:
    return repr(text if len(text) <= limit else text[:limit] + "…")


def leak(*texts: str) -> str:
    """The payload markers in `texts`, to trace a leak to its payload."""
    found = sorted(set(MARKER.findall(" ".join(texts))))
    return f" [payload {', '.join(f'alert({m})' for m in found)}]" if found else ""


def report(problems: list[str], limit: int = 40) -> str:
    more = f"\n... and {len(problems) - limit} more" if len(problems) > limit else ""
    return f"{len(problems)} problem(s):\n" + "\n".join(problems[:limit]) + more


# ------------------------------------------------------------------------------- the corpus itself


def test_the_corpus_is_complete() -> None:
    assert len(PAYLOADS) >= 40
    markers = [MARKER.findall(p) for p in PAYLOADS]
    assert all(len(set(found)) == 1 for found in markers), "one marker per payload"
    assert len({found[0] for found in markers}) == len(PAYLOADS), "markers are unique"
    assert len(set(PAYLOADS)) == len(PAYLOADS)
    hostile = BUILDS["pages"]
    for kind in ("page.title", "page.description"):
        assert {c.value for c in hostile if c.field == kind} == set(PAYLOADS), kind
    labels = {c.value for c in HOSTILE if c.field == "taxonomy.label"}
    assert labels == set(PAYLOADS)
    used = {c.field for c in HOSTILE + HONEST_CASES}
    assert used == set(FIELD_OUTCOMES), "every field is tried, and only those"
    assert set(FIELD_OUTCOMES.values()) == {"inert", "refused"}
    assert all(c.outcome == "inert" for c in HONEST_CASES)
    for name, cases in BUILDS.items():  # one value per place in each build
        places = Counter((c.path, c.loc) for c in cases)
        assert not [p for p, n in places.items() if n > 1], name
    for text in HONEST:
        assert HONEST.count(text) == 1


# ------------------------------------------------------------------------------- nothing runs


def _pairs(built: Built, baseline: Built) -> list[tuple[str, Doc, Doc]]:
    built.require()
    baseline.require()
    assert set(built.docs) == set(baseline.docs), "the same pages as the baseline"
    return [(rel, doc, baseline.docs[rel]) for rel, doc in built.docs.items()]


def _script_signature(element: Element) -> tuple[tuple[tuple[str, str], ...], str]:
    # A data-* value of the site's own script may carry interface text: compare its name only.
    attrs = tuple(sorted((k, "…" if k.startswith("data-") else v) for k, v in element.pairs))
    return attrs, element.text


def _diff(label: str, rel: str, mine: list[Element], theirs: list[Any],
          key: Any) -> list[str]:
    expected = Counter(theirs)
    problems = []
    for element in mine:
        signature = key(element)
        if expected[signature] > 0:
            expected[signature] -= 1
        else:
            problems.append(f"{rel}: {label} not in the baseline: {element.describe()}")
    problems += [f"{rel}: {label} of the baseline missing: {short(str(s), 160)}"
                 for s, n in expected.items() for _ in range(n)]
    return problems


@pytest.mark.parametrize("name", INERT_BUILDS)
def test_only_the_sites_own_scripts(builds: Builds, name: str) -> None:
    problems: list[str] = []
    for rel, doc, base in _pairs(builds[name], builds["baseline"]):
        theirs = [_script_signature(e) for e in base.find("script")]
        problems += _diff("<script>", rel, doc.find("script"), theirs, _script_signature)
    assert not problems, report(problems)


@pytest.mark.parametrize("name", INERT_BUILDS)
def test_no_event_handler_attribute(builds: Builds, name: str) -> None:
    problems = [f"{rel}: attribute {attr!r}: {e.describe()}"
                for rel, doc, _ in _pairs(builds[name], builds["baseline"])
                for e in doc.elements for attr, _ in e.pairs if attr.startswith("on")]
    assert not problems, report(problems)


URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "data",
                            "poster", "background", "srcset", "ping", "cite", "codebase",
                            "lowsrc", "dynsrc", "longdesc", "manifest"})
DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:")


@pytest.mark.parametrize("name", INERT_BUILDS)
def test_no_script_or_data_address(builds: Builds, name: str) -> None:
    problems: list[str] = []
    for rel, doc, base in _pairs(builds[name], builds["baseline"]):
        theirs = {(e.tag, k, v) for e in base.elements for k, v in e.pairs}
        for e in doc.elements:
            for attr, value in e.pairs:
                if attr == "srcdoc":
                    problems.append(f"{rel}: srcdoc: {e.describe()}")
                if attr not in URL_ATTRIBUTES:
                    continue
                cleaned = re.sub(r"[\x00-\x20\x7f]", "", value).lower()
                if cleaned.startswith(DANGEROUS_SCHEMES) and (e.tag, attr, value) not in theirs:
                    problems.append(f"{rel}: {attr}={short(value)}: {e.describe()}")
    assert not problems, report(problems)


EMBEDDING = frozenset({"iframe", "frame", "frameset", "object", "embed", "applet", "base",
                       "portal"})


@pytest.mark.parametrize("name", INERT_BUILDS)
def test_no_embedding_refresh_form_style_or_link_beyond_the_baseline(builds: Builds,
                                                                     name: str) -> None:
    def attrs(e: Element) -> tuple[tuple[str, str], ...]:
        return tuple(sorted(e.pairs))

    def http_equiv(e: Element) -> tuple[str, str]:
        return e.attrs["http-equiv"].lower(), e.attrs.get("content", "")

    def style(e: Element) -> str:
        return e.text

    problems: list[str] = []
    for rel, doc, base in _pairs(builds[name], builds["baseline"]):
        for tag in EMBEDDING:
            problems += _diff(f"<{tag}>", rel, doc.find(tag), [attrs(e) for e in base.find(tag)],
                              attrs)
        problems += _diff("<meta http-equiv>", rel, doc.find("meta", attr="http-equiv"),
                          [http_equiv(e) for e in base.find("meta", attr="http-equiv")],
                          http_equiv)
        for tag in ("form", "link"):
            problems += _diff(f"<{tag}>", rel, doc.find(tag), [attrs(e) for e in base.find(tag)],
                              attrs)
        problems += _diff("<style>", rel, doc.find("style"), [style(e) for e in base.find("style")],
                          style)
        theirs = {e.attrs["style"] for e in base.find(attr="style")}
        problems += [f"{rel}: style attribute not in the baseline: {e.describe()}"
                     for e in doc.find(attr="style") if e.attrs["style"] not in theirs]
    assert not problems, report(problems)


@pytest.mark.parametrize("name", INERT_BUILDS)
def test_no_element_or_attribute_the_baseline_lacks(builds: Builds, name: str) -> None:
    problems: list[str] = []
    for rel, doc, base in _pairs(builds[name], builds["baseline"]):
        tags = {e.tag for e in base.elements}
        attributes = {(e.tag, k) for e in base.elements for k, _ in e.pairs}
        for e in doc.elements:
            if e.tag not in tags:
                problems.append(f"{rel}: element <{e.tag}>: {e.describe()}")
                continue
            problems += [f"{rel}: attribute {k!r} on <{e.tag}>: {e.describe()}"
                         for k, _ in e.pairs if (e.tag, k) not in attributes]
            if len({k for k, _ in e.pairs}) != len(e.pairs):
                problems.append(f"{rel}: an attribute given twice: {e.describe()}")
    assert not problems, report(problems)


SEVEN_TIMES_SEVEN = [m for p in PAYLOADS if "{{ 7*7 }}" in p for m in MARKER.findall(p)]


@pytest.mark.parametrize("name", INERT_BUILDS)
def test_no_configuration_dump_and_no_evaluated_template(builds: Builds, name: str) -> None:
    built, baseline = builds[name], builds["baseline"]
    config = project_config()
    i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    telltales = [config["site_name"], "docs_dir", "site_dir", "config_file_path",
                 "mkdocs_static_i18n", "MkDocsConfig", "theweathernetwork",
                 *[str(lang["site_name"]) for lang in i18n["languages"] if "site_name" in lang]]
    problems: list[str] = []
    for rel, doc, base in _pairs(built, baseline):
        raw, theirs = doc.raw, base.raw
        for word in telltales:
            if raw.count(word) > theirs.count(word):
                problems.append(f"{rel}: {word!r} {raw.count(word)} times, "
                                f"{theirs.count(word)} in the baseline")
        mine_root, base_root = str(built.site.root), str(baseline.site.root)
        if raw.count(mine_root) > theirs.count(base_root):
            problems.append(f"{rel}: the build folder's path is printed")
        for marker in SEVEN_TIMES_SEVEN:
            if any(re.search(rf"49\s*alert\({marker}\)", t) for t in doc.texts):
                problems.append(f"{rel}: '{{{{ 7*7 }}}}' was evaluated to 49 [alert({marker})]")
        for chunk in doc.texts:
            if "<class '" in chunk or "<built-in" in chunk or "<function " in chunk:
                problems.append(f"{rel}: a Python object is printed: {short(chunk)}{leak(chunk)}")
    assert not problems, report(problems)


# ------------------------------------------------------------------------------- shown as written


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


def _normal_url(value: str) -> str:
    try:
        return str(TypeAdapter(HttpUrl).validate_python(value))
    except ValidationError:
        return value


def _same_url(href: str, value: str) -> bool:
    return unquote(href) in {value, unquote(_normal_url(value))} or href == value


def title_problems(built: Built, case: Case) -> list[str]:
    doc = built.doc(case.lang, case.path.split("/", 2)[2])
    rel = case.path.split("/", 2)[2]
    problems = []
    titles = [e.text for e in doc.find("title")]
    if len(titles) != 1 or not titles[0].startswith(case.shown):
        problems.append(f"<title> is {[short(t) for t in titles]}")
    h1s = [e.text.strip() for e in doc.find("h1")]
    if case.shown not in h1s:
        problems.append(f"<h1> is {[short(t) for t in h1s]}")
    if rel in NAV_PAGES:
        home = built.doc(case.lang, "index.md")
        links = [e.text for e in home.find(cls="md-nav__link")]
        if not any(_same(text, case.shown) for text in links):
            problems.append("not in the navigation of the home page")
    if rel.startswith("resources/r"):
        sort = [e.text for e in doc.find(attr="data-pagefind-sort")
                if e.attrs["data-pagefind-sort"] == "title"]
        if sort != [sort_key(case.shown)]:
            problems.append(f"card sort key is {[short(s) for s in sort]}")
    return problems


def description_problems(built: Built, case: Case) -> list[str]:
    rel = case.path.split("/", 2)[2]
    doc = built.doc(case.lang, rel)
    problems = []
    contents = [e.attrs.get("content", "") for e in doc.find("meta")
                if e.attrs.get("name") == "description"]
    if contents != [case.shown]:
        problems.append(f"<meta name=description> content is {[short(c) for c in contents]}")
    if rel.startswith("resources/r"):
        shown = [e.text for e in doc.find(attr="data-pagefind-meta")
                 if e.attrs["data-pagefind-meta"] == "description"]
        if shown != [case.shown]:
            problems.append(f"card data description is {[short(s) for s in shown]}")
    return problems


def _docs_rel(path: str) -> str:
    """docs/fr/guides/first.md -> guides/first.md; a data file has no page of its own."""
    return path.split("/", 2)[2] if path.startswith("docs/") else ""


def shown_problems(built: Built, case: Case) -> list[str]:
    """Where `case` must show, and what each of those places shows instead."""
    kind = case.field
    if kind == "page.title":
        return title_problems(built, case)
    if kind == "page.description":
        return description_problems(built, case)
    rel = case.page or _docs_rel(case.path)
    if kind == "page.content_warning":
        found = [e.text for e in built.doc(case.lang, rel).find(cls="smh-content-warning")]
        return [] if any(case.shown in t for t in found) else [f"the notice is {found!r}"]
    if kind == "taxonomy.label":
        return label_problems(built, case)
    if kind == "resource.external_url_http":
        hrefs = [e.attrs.get("href", "") for e in built.doc(case.lang, rel).find(
            "a", cls="smh-external")]
        return [] if len(hrefs) == 1 and _same_url(hrefs[0], case.shown) else \
            [f"the external link is {hrefs!r}"]
    if kind == "resource.download_name":
        return download_problems(built, case, rel)
    if kind == "crisis.name":
        return crisis_name_problems(built, case)
    if kind in {"crisis.serves", "crisis.hours"}:
        found = [e.text for e in built.doc(case.lang, rel).find("dd")]
        return [] if case.shown in found else [f"the help page shows {found!r}"]
    if kind in {"crisis.keyword", "crisis.display"}:
        langs = LANGS if kind == "crisis.keyword" else (case.lang,)
        return [f"{lang}: not in the crisis block" for lang in langs
                if not any(case.shown in e.text for e in built.doc(lang, rel).find(
                    attr="data-smh-crisis"))]
    if kind == "crisis.website_http":
        hrefs = [e.attrs.get("href", "") for e in built.doc(case.lang, rel).find("a")]
        return [] if any(_same_url(h, case.shown) for h in hrefs) else \
            ["no link to it on the help page"]
    if kind in {"ui.text", "ui.format_text"}:
        return [] if built.doc(case.lang, rel).shows(case.shown) else [f"not in the text of {rel}"]
    if kind == "ui.attribute":
        found = [e.attrs[case.attr] for e in built.doc(case.lang, rel).find(attr=case.attr)]
        return [] if case.shown in found else \
            [f"no {case.attr} of {rel} holds it: {[short(f) for f in found]}"]
    raise AssertionError(f"no check for {kind}")


def _as_ids(value: object) -> list[str]:
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def label_problems(built: Built, case: Case) -> list[str]:
    facet, index = str(case.loc[0]), int(case.loc[1])
    term = str(TAXONOMY[facet][index]["id"])
    key = {v: k for k, v in HUB_FACETS.items()}.get(facet, facet)
    users = [rel for rel, _ in PAGE_LAYOUT if rel.startswith("resources/r")
             and term in _as_ids(built.meta(case.lang, rel).get(key))]
    problems = [f"not on the page of {rel}, which has it" for rel in users
                if not built.doc(case.lang, rel).shows(case.shown)]
    if not users:
        problems.append(f"no resource uses {facet} {term!r}: the test does not show it")
    if facet in HUB_FACETS.values():
        hub = built.doc(case.lang, "resources/index.md")
        found = [e.attrs["data-label"] for e in hub.find("input", attr="data-label")]
        if case.shown not in found:
            problems.append("not a hub filter's data-label")
    return problems


def download_problems(built: Built, case: Case, rel: str) -> list[str]:
    name = str(case.value).removeprefix("files/")
    problems = []
    hrefs = [e.attrs.get("href", "") for e in built.doc(case.lang, rel).find(
        "a", cls="smh-download")]
    if len(hrefs) != 1 or not unquote(hrefs[0]).endswith(f"files/{name}"):
        problems.append(f"the download link is {hrefs!r}")
    prefix = "" if case.lang == "en" else "fr/"
    if not (built.site.site / f"{prefix}resources/files/{name}").is_file():
        problems.append("the file is not published")
    if case.shown and not built.doc(case.lang, rel).shows(case.shown):
        problems.append(f"its format {case.shown!r} is not shown")
    return problems


def crisis_name_problems(built: Built, case: Case) -> list[str]:
    problems = []
    docs = [*built.lang_docs(case.lang), built.docs["404.html"]]
    for doc in docs:
        blocks = doc.find(attr="data-smh-crisis")
        if not blocks or not any(case.shown in e.text for e in blocks):
            problems.append(f"not in the crisis block of {doc.rel}")
    names = [e.text for e in built.doc(case.lang, "get-help.md").find("h2")]
    if case.shown not in names:
        problems.append("not a heading of the help page")
    return problems[:5]


def _inert_fields(cases: list[Case]) -> list[str]:
    return sorted({c.field for c in cases if c.outcome == "inert"})


@pytest.mark.parametrize("field_name", _inert_fields(HOSTILE))
def test_hostile_values_are_shown_as_written(builds: Builds, field_name: str) -> None:
    cases = [c for c in HOSTILE if c.field == field_name]
    built = builds[cases[0].group].require()
    problems = [f"{c.path}:{built.line_of(c)} ({c.lang}) {short(c.shown)}: {p}"
                for c in cases for p in shown_problems(built, c)]
    assert not problems, report(problems)


@pytest.mark.parametrize("field_name", _inert_fields(HONEST_CASES))
def test_honest_values_are_shown_as_written(builds: Builds, field_name: str) -> None:
    cases = [c for c in HONEST_CASES if c.field == field_name]
    built = builds["honest-crisis" if cases[0].group == "crisis" else "honest"].require()
    problems = [f"{c.path}:{built.line_of(c)} ({c.lang}) {short(c.shown)}: {p}"
                for c in cases for p in shown_problems(built, c)]
    assert not problems, report(problems)


SLUG = re.compile(r"(?:^|/)(r\d\d)/?$")
SLUG_PAGE = re.compile(r"resources/r\d\d/index\.html$")


def _slug(link: Element) -> str:
    found = SLUG.search(link.attrs.get("href", ""))
    assert found is not None
    return found.group(1)


@pytest.mark.parametrize("name", ["baseline", "pages", "honest"])
def test_cards_listings_and_a_to_z_show_titles_and_descriptions_as_written(
        builds: Builds, name: str) -> None:
    built = builds[name].require()
    problems: list[str] = []
    slug_of = SLUG
    for lang in LANGS:
        expected = {rel.split("/")[1].removesuffix(".md"): as_read(lang, built.meta(lang, rel))
                    for rel, _ in PAGE_LAYOUT if rel.startswith("resources/r")}
        counts: Counter[str] = Counter()
        for doc in built.lang_docs(lang):
            for card in doc.find("li", cls="smh-card"):
                inner = doc.inside(card)
                links = [e for e in inner if e.tag == "a" and slug_of.search(
                    e.attrs.get("href", ""))]
                if not links:
                    continue  # the hub's empty card template
                slug = _slug(links[0])
                counts[doc.rel] += 1
                meta = expected[slug]
                descriptions = [e.text for e in inner if "smh-card__description" in e.classes]
                if links[0].text != meta["title"]:
                    problems.append(f"{doc.rel}: card {slug} title {short(links[0].text)}, "
                                    f"not {short(meta['title'])}{leak(links[0].text)}")
                if descriptions != [meta["description"]]:
                    problems.append(f"{doc.rel}: card {slug} description "
                                    f"{[short(d) for d in descriptions]}, not "
                                    f"{short(meta['description'])}")
        for page_rel in ("resources/index.md", "roles/parents.md", "topics/anxiety.md"):
            rel = html_of(lang, page_rel)
            if counts[rel] != RESOURCES:
                problems.append(f"{rel}: {counts[rel]} cards, not {RESOURCES}")
        related = sum(n for rel, n in counts.items() if SLUG_PAGE.search(rel))
        if related < RESOURCES:
            problems.append(f"{lang}: only {related} related-resource cards")
        az = built.doc(lang, "resources/all.md")
        entries = 0
        for item in az.find("li"):
            links = [e for e in az.inside(item) if e.tag == "a"]
            if not links or not slug_of.search(links[0].attrs.get("href", "")):
                continue
            entries += 1
            slug = _slug(links[0])
            if links[0].text != expected[slug]["title"]:
                problems.append(f"{az.rel}: A-to-Z {slug} is {short(links[0].text)}, not "
                                f"{short(expected[slug]['title'])}")
        if entries != RESOURCES:
            problems.append(f"{az.rel}: {entries} A-to-Z entries, not {RESOURCES}")
    assert not problems, report(problems)


@pytest.mark.parametrize("name", ["honest", "honest-crisis"])
def test_honest_text_is_escaped_in_the_raw_html(builds: Builds, name: str) -> None:
    built = builds[name].require()
    problems: list[str] = []
    for case in built.cases:
        rel = case.page or _docs_rel(case.path)
        raw = built.doc(case.lang, rel).raw
        if re.search(r"[<>&]", case.shown) and case.shown in raw:
            problems.append(f"{html_of(case.lang, rel)}: {short(case.shown)} is in the raw HTML "
                            "unescaped")
        for tag in re.findall(r"<(\w+)>", case.shown):
            if f"&lt;{tag}&gt;" not in raw:
                problems.append(f"{html_of(case.lang, rel)}: '&lt;{tag}&gt;' not in the raw HTML")
    keyboard = next(c for c in built.cases if c.shown == "Keyboard tips: press <Tab> to move") \
        if name == "honest" else None
    if keyboard is not None:
        raw = built.doc(keyboard.lang, keyboard.path.split("/", 2)[2]).raw
        if "press &lt;Tab&gt; to move" not in raw or "<Tab>" in raw:
            problems.append("'<Tab>' is not written '&lt;Tab&gt;'")
    assert not problems, report(problems)


# ------------------------------------------------------------------------------- refused


def _refused_fields() -> list[str]:
    return sorted({c.field for c in HOSTILE if c.outcome == "refused"})


@pytest.mark.parametrize("field_name", _refused_fields())
def test_refused_values_stop_the_build_naming_file_and_line(builds: Builds,
                                                            field_name: str) -> None:
    built = builds["refused"]
    assert built.error is not None, "the build published a site with refused values"
    message = built.failure()
    assert "Traceback" not in message
    assert all(record.exc_info is None for record in built.site.logs)
    assert not (built.site.site / "index.html").exists(), "a failed build published a site"
    missing = [f"{c.path}:{built.line_of(c)}: ({c.lang}) {short(str(c.value))}"
               for c in built.cases if c.field == field_name
               and f"{c.path}:{built.line_of(c)}: " not in message]
    assert not missing, ("not refused with their file and line:\n" + "\n".join(missing)
                         + "\n\nthe build said:\n" + message[:3000])
