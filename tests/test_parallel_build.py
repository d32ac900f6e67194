"""Languages built side by side (a forked process per extra language) give the same site as one
after the other, and a failure in either stops the build with nothing published."""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort, PluginError

from sitekit import ROOT, make_site
from smhsite_mkdocs import parallel

SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def files_of(site: Path) -> dict[str, bytes]:
    """Every file of a built site. Pagefind names its index files by content hashes that change
    from run to run, whatever the order of the build: those are left out here, and the search
    index is compared by what it holds (languages and pages)."""
    files = {path.relative_to(site).as_posix(): path.read_bytes()
             for path in sorted(site.rglob("*")) if path.is_file()}
    entry = json.loads(files["pagefind/pagefind-entry.json"])
    files["pagefind/pagefind-entry.json"] = json.dumps(
        {lang: index["page_count"] for lang, index in entry["languages"].items()},
        sort_keys=True).encode()
    files["_headers"] = re.sub(rb"/pagefind/\S+", b"/pagefind/...", files["_headers"])
    return {name: data for name, data in files.items()
            if not name.startswith("pagefind/") or name == "pagefind/pagefind-entry.json"}


@pytest.fixture(scope="module")
def both_ways(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, bytes],
                                                                  dict[str, bytes]]:
    """The default site's content built in one process and side by side."""
    built = []
    for on in (False, True):
        root = tmp_path_factory.mktemp("parallel-on" if on else "parallel-off")
        site = make_site(root, with_minimal=False)
        shutil.copytree(ROOT / "docs", root / "docs")
        site.set_plugin_options(parallel=on)
        site.build()
        built.append(files_of(site.site))
    return built[0], built[1]


def test_side_by_side_writes_the_same_files_byte_for_byte(
        both_ways: tuple[dict[str, bytes], dict[str, bytes]]) -> None:
    one_process, side_by_side = both_ways
    assert sorted(side_by_side) == sorted(one_process)
    different = [name for name in one_process if one_process[name] != side_by_side[name]]
    assert different == []


def test_the_merged_site_has_every_language_where_it_belongs(
        both_ways: tuple[dict[str, bytes], dict[str, bytes]]) -> None:
    _, site = both_ways
    assert b'<html lang="fr"' in site["fr/404.html"]
    root_404 = site["404.html"].decode()
    assert 'lang="en"' in root_404 and 'lang="fr"' in root_404  # every language, chosen by script
    pages = json.loads(site["pagefind/pagefind-entry.json"])  # one search index per language
    assert set(pages) == {"en", "fr"} and pages["en"] == pages["fr"] > 50
    sitemap = ET.fromstring(site["sitemap.xml"])
    locations = [loc.text for loc in sitemap.findall("s:url/s:loc", SITEMAP)]
    assert "https://smh.example.org/" in locations
    assert "https://smh.example.org/fr/" in locations
    assert len(locations) == len(set(locations))
    french_home = next(url for url in sitemap.findall("s:url", SITEMAP)
                       if url.findtext("s:loc", namespaces=SITEMAP) == "https://smh.example.org/fr/")
    assert {(link.get("hreflang"), link.get("href")) for link in
            french_home.findall("x:link", SITEMAP)} == {
        ("en", "https://smh.example.org/"), ("fr", "https://smh.example.org/fr/")}


def test_an_error_in_the_other_language_stops_the_build_and_publishes_nothing(
        tmp_path: Path) -> None:
    site = make_site(tmp_path)
    main = site.root / "overrides" / "main.html"
    text = main.read_text(encoding="utf-8")
    # A template mistake that only the French pages meet.
    site.write("overrides/main.html", text.replace(
        "{% block content %}",
        "{% block content %}{% if smh_lang == 'fr' %}{{ smh_ui.nope.nope }}{% endif %}", 1))
    assert "smh_ui.nope" in (site.root / "overrides" / "main.html").read_text(encoding="utf-8")
    site.set_plugin_options(parallel=True)
    with pytest.raises((Abort, PluginError)):
        site.build()
    errors = [m for m in site.messages(logging.ERROR) if "overrides/main.html" in m]
    assert len(errors) == 1, site.messages()
    assert not site.site.exists()


# ------------------------------------------------------------------ the worker itself

def test_a_workers_log_reaches_the_parent_in_order(caplog: pytest.LogCaptureFixture) -> None:
    def run() -> parallel.PassResult:
        log = logging.getLogger("mkdocs.plugins.smhsite")
        log.info("first")
        log.warning("second: « à »")
        return parallel.PassResult(script_hashes={"sha256-abc"}, audited={"fr/index.html"})

    with caplog.at_level(logging.INFO, logger="mkdocs"):
        result = parallel.start("fr", run).finish()
    assert result.script_hashes == {"sha256-abc"} and result.audited == {"fr/index.html"}
    replayed = [(r.levelno, r.getMessage()) for r in caplog.records if r.name.startswith("mkdocs")]
    assert replayed == [(logging.INFO, "first"), (logging.WARNING, "second: « à »")]


def test_a_workers_error_is_raised_in_the_parent() -> None:
    def run() -> parallel.PassResult:
        raise PluginError("docs/fr/index.md:3: something the editor must fix")

    with pytest.raises(PluginError, match=r"^docs/fr/index.md:3: something the editor must fix$"):
        parallel.start("fr", run).finish()


def test_a_worker_that_dies_is_reported_with_its_language() -> None:
    def run() -> parallel.PassResult:
        os._exit(3)

    with pytest.raises(PluginError, match=r"the build of the fr pages stopped without saying why "
                                          r"\(exit status 3\)"):
        parallel.start("fr", run).finish()


def test_a_build_after_another_sites_build_shows_only_its_own_pages(tmp_path: Path) -> None:
    """MkDocs keeps the plugin between builds in one process (the preview rebuilds, tests): the
    forked passes must not bring back anything of the build before."""
    first = make_site(tmp_path / "first")
    ui = first.root / "data" / "ui.yml"
    text = ui.read_text(encoding="utf-8")
    ui.write_text(text.replace("not_found_title:\n  en: ", "not_found_title:\n  en: Lost 123 ", 1),
                  encoding="utf-8")
    assert "Lost 123" in ui.read_text(encoding="utf-8")
    first.build()
    assert "Lost 123" in first.html("404.html")
    second = make_site(tmp_path / "second")
    second.build()
    for page in ("404.html", "fr/404.html", "index.html", "fr/index.html"):
        assert "Lost 123" not in second.html(page)
