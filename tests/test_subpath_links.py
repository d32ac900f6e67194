"""The site built for a sub-path (https://board.example/mental-health/) links only inside it.

No browser: every HTML file of the build is parsed, and every internal href/src is resolved
against the address the page is served at, as a browser would. Each must land on a file of the
build under /mental-health/. Hosts serve 404.html at any missing address, so its links are
resolved against a deep missing address: only prefix-absolute links survive that.
"""

from __future__ import annotations

import gzip
import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from sitekit import ROOT, SUBPATH_SITE_URL, default_build

SITE_URL = SUBPATH_SITE_URL
PREFIX = urlsplit(SITE_URL).path            # "/mental-health/"
HOST = urlsplit(SITE_URL).netloc
NOT_FOUND_ADDRESS = SITE_URL + "fr/no-such-section/no-such-page/"

# Attributes that make the browser fetch or navigate.
LINK_ATTRIBUTES = {
    "a": ("href",), "area": ("href",), "link": ("href",), "use": ("href", "xlink:href"),
    "img": ("src", "srcset"), "source": ("src", "srcset"), "script": ("src",),
    "iframe": ("src",), "video": ("src", "poster"), "audio": ("src",), "track": ("src",),
    "embed": ("src",), "object": ("data",), "form": ("action",),
}
NOT_FETCHED = ("tel:", "sms:", "mailto:", "javascript:", "data:")
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9",
              "x": "http://www.w3.org/1999/xhtml"}


@dataclass
class Reference:
    tag: str
    attribute: str
    value: str
    rel: tuple[str, ...] = ()  # link types: rel is a space-separated list of tokens
    hreflang: str = ""


@dataclass
class ParsedPage:
    references: list[Reference] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    config: dict[str, str] = field(default_factory=dict)  # Material's __config: base, search


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = ParsedPage()
        self._in_config = False
        self._config_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        for key in ("id", "name"):
            if values.get(key) and (key == "id" or tag == "a"):
                self.page.ids.add(values[key])
        if tag == "script" and values.get("id") == "__config":
            self._in_config = True
        for attribute in LINK_ATTRIBUTES.get(tag, ()):
            if attribute not in values:
                continue
            raw = values[attribute]
            candidates = ([part.strip().split()[0] for part in raw.split(",") if part.strip()]
                          if attribute == "srcset" else [raw])
            for value in candidates:
                self.page.references.append(Reference(tag, attribute, value.strip(),
                                                      tuple(values.get("rel", "").split()),
                                                      values.get("hreflang", "")))

    def handle_data(self, data: str) -> None:
        if self._in_config:
            self._config_text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._in_config:
            self._in_config = False
            config = json.loads("".join(self._config_text))
            self.page.config = {k: config[k] for k in ("base", "search") if config.get(k)}


def parse(file: Path) -> ParsedPage:
    collector = _Collector()
    collector.feed(file.read_text(encoding="utf-8"))
    collector.close()
    return collector.page


# ------------------------------------------------------------------ the build

@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return default_build(tmp_path_factory, site_url=SITE_URL).site


@pytest.fixture(scope="module")
def pages(site: Path) -> dict[str, ParsedPage]:
    """Every HTML file of the build, by its path relative to the site."""
    return {file.relative_to(site).as_posix(): parse(file)
            for file in sorted(site.rglob("*.html"))}


def page_address(rel: str) -> str:
    """The URL a built file is served at."""
    if rel == "404.html":
        return NOT_FOUND_ADDRESS
    if rel == "index.html" or rel.endswith("/index.html"):
        return SITE_URL + rel[: -len("index.html")]
    return SITE_URL + rel


def target_file(site: Path, url: str) -> tuple[Path | None, str]:
    """The file a same-host URL is served from, or None and why not."""
    path = urlsplit(url).path
    if not path.startswith(PREFIX):
        return None, f"outside {PREFIX}"
    rest = unquote(path[len(PREFIX):])
    if "//" in path:
        return None, "empty path segment ('//')"
    file = site / rest
    if rest == "" or rest.endswith("/") or file.is_dir():
        file = file / "index.html"
    if not file.is_file():
        return None, f"no such file {file.relative_to(site).as_posix()}"
    return file, ""


def internal(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and parts.netloc == HOST


def resolved_references(pages: dict[str, ParsedPage]) -> Iterator[tuple[str, Reference, str]]:
    """Every reference that leaves the page (same-page "#id" links are not among them)."""
    for rel, page in pages.items():
        base = page_address(rel)
        for ref in page.references:
            if not ref.value or ref.value.startswith((*NOT_FETCHED, "#")):
                continue
            yield rel, ref, urljoin(base, ref.value)


# ------------------------------------------------------------------ tests

def built_path(markdown: Path) -> str:
    """roles/parents.md -> roles/parents/index.html; roles/index.md -> roles/index.html."""
    parts = markdown.with_suffix("").parts
    if parts[-1] == "index":
        parts = parts[:-1]
    return "/".join((*parts, "index.html"))


def test_every_page_is_built_in_both_languages(pages: dict[str, ParsedPage]) -> None:
    assert "404.html" in pages
    for markdown in sorted((ROOT / "docs" / "en").rglob("*.md")):
        rel = built_path(markdown.relative_to(ROOT / "docs" / "en"))
        assert rel in pages, rel
        assert "fr/" + rel in pages, "fr/" + rel


def test_every_internal_link_resolves_to_a_file_under_the_prefix(
        site: Path, pages: dict[str, ParsedPage]) -> None:
    broken: list[str] = []
    checked = 0
    for rel, ref, url in resolved_references(pages):
        raw_host = urlsplit(ref.value).netloc
        if raw_host and raw_host != HOST and not ref.value.startswith("//"):
            continue  # a link to another site, written as such
        if not internal(url):
            broken.append(f"{rel}: <{ref.tag} {ref.attribute}={ref.value!r}> resolves to {url}, "
                          "another host")
            continue
        checked += 1
        file, why = target_file(site, url)
        if file is None:
            broken.append(f"{rel}: <{ref.tag} {ref.attribute}={ref.value!r}> -> {url}: {why}")
    assert checked >= len(pages)
    assert broken == [], f"{len(broken)} broken link(s):\n" + "\n".join(sorted(set(broken)))


def test_every_fragment_points_to_an_element(site: Path, pages: dict[str, ParsedPage]) -> None:
    broken: list[str] = []
    for rel, page in pages.items():
        for ref in page.references:
            if ref.tag == "a" and ref.value.startswith("#") and len(ref.value) > 1 \
                    and unquote(ref.value[1:]) not in page.ids:
                broken.append(f"{rel}: href={ref.value!r}: no such id on the page")
    for rel, ref, url in resolved_references(pages):
        fragment = urlsplit(url).fragment
        if not fragment or not internal(url) or ref.tag != "a":
            continue
        file, _ = target_file(site, url)
        if file is None:
            continue  # reported by the link test
        target = file.relative_to(site).as_posix()
        if unquote(fragment) not in pages[target].ids:
            broken.append(f"{rel}: href={ref.value!r}: no id {fragment!r} in {target}")
    assert broken == [], "\n".join(sorted(set(broken)))


def test_material_config_paths_resolve_under_the_prefix(
        site: Path, pages: dict[str, ParsedPage]) -> None:
    broken: list[str] = []
    for rel, page in pages.items():
        for key, value in page.config.items():
            url = urljoin(page_address(rel), value)
            if key == "base":
                url = url.rstrip("/") + "/"
                if url != SITE_URL:
                    broken.append(f"{rel}: __config.base {value!r} -> {url}, not {SITE_URL}")
            elif target_file(site, url)[0] is None:
                broken.append(f"{rel}: __config.{key} {value!r} -> {url}")
    assert broken == [], "\n".join(broken)


def test_hreflang_alternates_and_canonical_use_the_prefix(
        site: Path, pages: dict[str, ParsedPage]) -> None:
    problems: list[str] = []
    seen = 0
    for rel, page in pages.items():
        base = page_address(rel)
        for ref in page.references:
            kind = "canonical" if "canonical" in ref.rel else "alternate"
            if ref.tag != "link" or kind not in ref.rel:
                continue
            if kind == "alternate" and not ref.hreflang:
                continue
            seen += 1
            url = urljoin(base, ref.value)
            if not url.startswith(SITE_URL):
                problems.append(f"{rel}: <link rel={kind} hreflang={ref.hreflang!r} "
                                f"href={ref.value!r}> -> {url}, not under {SITE_URL}")
            elif target_file(site, url)[0] is None:
                problems.append(f"{rel}: <link rel={kind} hreflang={ref.hreflang!r} "
                                f"href={ref.value!r}> -> {url}: {target_file(site, url)[1]}")
    assert seen > 0
    assert problems == [], "\n".join(problems)


def test_every_page_has_hreflang_alternates_for_both_languages(
        pages: dict[str, ParsedPage]) -> None:
    missing: list[str] = []
    for rel, page in pages.items():
        if rel.endswith("404.html"):  # served at addresses that do not exist
            continue
        langs = {ref.hreflang for ref in page.references
                 if ref.tag == "link" and "alternate" in ref.rel and ref.value.startswith("http")}
        if not {"en", "fr", "x-default"} <= langs:
            missing.append(f"{rel}: absolute hreflang alternates {sorted(langs)}")
    assert missing == [], "\n".join(missing)


def test_sitemap_lists_pages_under_the_prefix(site: Path) -> None:
    xml = (site / "sitemap.xml").read_bytes()
    assert gzip.decompress((site / "sitemap.xml.gz").read_bytes()) == xml
    root = ET.fromstring(xml)
    locations = [el.text or "" for el in root.findall("s:url/s:loc", SITEMAP_NS)]
    alternates = [el.get("href", "") for el in root.findall("s:url/x:link", SITEMAP_NS)]
    assert locations and alternates
    problems = []
    for url in locations + alternates:
        if not url.startswith(SITE_URL):
            problems.append(f"{url}: not under {SITE_URL}")
        elif target_file(site, url)[0] is None:
            problems.append(f"{url}: {target_file(site, url)[1]}")
    assert problems == [], "\n".join(problems)
    assert SITE_URL in locations and SITE_URL + "fr/" in alternates
