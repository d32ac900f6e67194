"""Another organisation gets its own site by replacing docs/, data/ and the language list only.

A Welsh board (English and Welsh, United Kingdom helplines with +44 numbers and the short codes
999 and 116 123) and a three-language site are built from the project's own templates, plugin
and configuration, with nothing else changed. Welsh interface text here is a stand-in: every
Welsh string is the English one behind a marker, so a test can tell which language it sees.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from sitekit import VERIFIED, TinySite, make_site, page

TODAY = "2026-11-22"
CY = "[cy] "  # the stand-in Welsh text is the English text behind this marker

WALES_FACTS = """\
phone:
  country_code: "44"
  trunk_prefix: "0"
  short_codes: ["999", "116123"]
hub_facets: [audience, topics]
new_page_audience: [students, parents]
quick_exit_url: https://www.bbc.co.uk/weather
"""

WALES_LINES = """\
lines:
  - id: samaritans
    name: {en: Samaritans, cy: Y Samariaid}
    serves: {en: Anyone who is struggling, cy: Unrhyw un sy'n cael trafferth}
    hours: {en: 24/7, cy: 24 awr y dydd}
    call:
      number: "116123"
      display: {en: 116 123, cy: 116 123}
    last_verified: VERIFIED_DATE
  - id: childline
    name: {en: Childline, cy: Childline Cymru}
    serves: {en: Children and young people, cy: Plant a phobl ifanc}
    hours: {en: 24/7, cy: 24 awr y dydd}
    call:
      number: "+448001111"
      display: {en: 0800 1111, cy: 0800 1111}
    last_verified: VERIFIED_DATE
  - id: emergency
    name: {en: Emergency services, cy: Gwasanaethau brys}
    serves: {en: Anyone in immediate danger, cy: Unrhyw un mewn perygl}
    hours: {en: 24/7, cy: 24 awr y dydd}
    call:
      number: "999"
      display: {en: "999", cy: "999"}
    last_verified: VERIFIED_DATE
""".replace("VERIFIED_DATE", VERIFIED)


def with_languages(site: TinySite, languages: list[dict[str, Any]]) -> None:
    """The one change to mkdocs.yml: the i18n plugin's list of languages."""
    config_file = site.root / "mkdocs.yml"
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "i18n" in plugin:
            plugin["i18n"]["languages"] = languages
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")


def translated_data(site: TinySite, code: str, marker: str) -> None:
    """Give every text of data/ (taxonomy, interface, self-assessment) a `code` version:
    marker + English."""
    _translated_texts(site.root / "data" / "self_assessment.yml", code, marker)
    for name in ("taxonomy.yml", "ui.yml"):
        file = site.root / "data" / name
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        if name == "ui.yml":
            for texts in data.values():
                texts[code] = marker + texts["en"]
                texts.pop("fr", None)
        else:
            for terms in data.values():
                for term in terms:
                    term[code] = marker + term["en"]
                    term.pop("fr", None)
        file.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def _translated_texts(file: Path, code: str, marker: str) -> None:
    """Every mapping with an English text gets a `code` one instead of the French."""
    def swap(data: Any) -> Any:
        if isinstance(data, dict):
            data = {key: swap(value) for key, value in data.items()}
            if "en" in data:
                data[code] = marker + str(data["en"])
                data.pop("fr", None)
            return data
        return [swap(item) for item in data] if isinstance(data, list) else data
    data = yaml.safe_load(file.read_text(encoding="utf-8"))
    file.write_text(yaml.safe_dump(swap(data), allow_unicode=True), encoding="utf-8")


PAGES = [  # (path, title, front matter arguments)
    ("index.md", "Home", {"type": "home"}),
    ("get-help.md", "Get help", {"type": "help"}),
    ("accessibility.md", "Accessibility", {"type": "statement"}),
    ("privacy.md", "Privacy", {"type": "statement"}),
    ("resources/index.md", "Library", {"type": "hub"}),
    ("roles/parents.md", "Parents", {"type": "role", "extra": "role: parents\n"}),
    ("resources/worry.md", "Worry tips", {
        "type": "resource", "audience": "[parents]",
        "extra": "topics: [anxiety]\ntiers: [1]\npillars: [equity]\nformat: tip-sheet\n"
                 "time_needed: 10\n"}),
]


def pages_in(*languages: str) -> dict[str, str]:
    """A small site (home, help, statements, a hub, a role page and one resource) per language."""
    return {f"docs/{lang}/{rel}": page(f"{title} ({lang})", **arguments)
            for lang in languages for rel, title, arguments in PAGES}


@pytest.fixture(scope="module")
def welsh(tmp_path_factory: pytest.TempPathFactory) -> TinySite:
    site = make_site(tmp_path_factory.mktemp("wales"), pages_in("en", "cy"), with_minimal=False)
    with_languages(site, [{"locale": "en", "name": "English", "default": True, "build": True},
                          {"locale": "cy", "name": "Cymraeg", "build": True,
                           "site_name": "Iechyd meddwl mewn ysgolion"}])
    translated_data(site, "cy", CY)
    site.write("data/site.yml", WALES_FACTS)
    site.write("data/crisis_lines.yml", WALES_LINES)
    site.build()
    return site


def test_welsh_pages_are_in_welsh_with_welsh_helplines(welsh: TinySite) -> None:
    html = welsh.html("cy/roles/parents/index.html")
    assert '<html lang="cy"' in html
    crisis = html[html.index('id="crisis-help"'):html.index("</aside>")]
    for name, tel in (("Y Samariaid", "tel:116123"), ("Childline Cymru", "tel:+448001111"),
                      ("Gwasanaethau brys", "tel:999")):
        assert name in crisis and f'href="{tel}"' in crisis
    assert "0800 1111" in crisis and "116 123" in crisis
    assert CY + "Need help now?" in crisis
    english = welsh.html("roles/parents/index.html")
    assert "Samaritans" in english and "Y Samariaid" not in english


def test_welsh_language_link_leads_to_the_counterpart(welsh: TinySite) -> None:
    html = welsh.html("cy/roles/parents/index.html")
    link = re.search(r'<a class="smh-lang__link" href="([^"]+)" hreflang="en"', html)
    assert link and link.group(1) == "../../../roles/parents/"
    hreflangs = re.findall(r'hreflang="([^"]+)" href="([^"]+)"', html)
    assert ("cy", "https://smh.example.org/cy/roles/parents/") in hreflangs
    assert ("x-default", "https://smh.example.org/roles/parents/") in hreflangs


def test_welsh_hub_has_the_facets_of_its_data(welsh: TinySite) -> None:
    html = welsh.html("cy/resources/index.html")
    assert re.findall(r'data-facet="([a-z]+)"', html) == ["audience", "topics"]
    assert CY + "Parents and caregivers" in html


def test_welsh_search_index_is_its_own(welsh: TinySite) -> None:
    entry = json.loads((welsh.site / "pagefind/pagefind-entry.json").read_text())
    assert sorted(entry["languages"]) == ["cy", "en"]


def test_welsh_not_found_page_has_both_languages(welsh: TinySite) -> None:
    html = welsh.html("404.html")
    assert '<section lang="cy"' in html and '<section lang="en"' in html
    assert html.count('id="crisis-help"') == 1
    assert "Y Samariaid" in html and "Samaritans" in html


def test_welsh_parity_names_the_missing_page(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    from smhsite.cli import main

    pages = pages_in("en", "cy")
    del pages["docs/cy/roles/parents.md"]
    site = make_site(tmp_path, pages, with_minimal=False)
    with_languages(site, [{"locale": "en", "name": "English", "default": True},
                          {"locale": "cy", "name": "Cymraeg"}])
    translated_data(site, "cy", CY)
    site.write("data/site.yml", WALES_FACTS)
    site.write("data/crisis_lines.yml", WALES_LINES.replace("cy: Y Samariaid", "fr: Y Samariaid"))
    code = main(["--root", str(site.root), "--today", TODAY, "check"])
    out = capsys.readouterr().out.splitlines()
    assert code == 1
    assert out[:-1] == [
        "data/crisis_lines.yml:3: 'name' of 'samaritans' has no 'cy' (Cymraeg) text. Add 'cy: "
        "<text>' under 'name:'; visitors read the site in every language.",
        "data/crisis_lines.yml:3: 'name' of 'samaritans' has text under 'fr', which is not a "
        "language of the site. Texts go under the site's language codes (en, cy); correct or "
        "remove it.",
        "docs/en/roles/parents.md:1: this page has no 'cy' (Cymraeg) version "
        "(docs/cy/roles/parents.md does not exist). Run 'smhsite translate "
        "docs/en/roles/parents.md': it writes docs/cy/roles/parents.md with this page's front "
        "matter and its text marked for translation. Or remove this page."]


def test_a_uk_number_must_use_its_country_code(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    from smhsite.cli import main

    site = make_site(tmp_path, pages_in("en", "cy"), with_minimal=False)
    with_languages(site, [{"locale": "en", "name": "English", "default": True},
                          {"locale": "cy", "name": "Cymraeg"}])
    translated_data(site, "cy", CY)
    site.write("data/site.yml", WALES_FACTS)
    site.write("data/crisis_lines.yml", WALES_LINES.replace('"+448001111"', '"+18001111"'))
    assert main(["--root", str(site.root), "--today", TODAY, "check"]) == 1
    assert capsys.readouterr().out.splitlines()[0] == (
        "data/crisis_lines.yml:15: '+18001111' is not a number the site can dial. Write the "
        "number in international form, '+44' then the digits without spaces, or one of the "
        "short codes 999, 116123 (data/site.yml); put it in quotes.")


# ------------------------------------------------------------------ three languages


@pytest.fixture(scope="module")
def trilingual(tmp_path_factory: pytest.TempPathFactory) -> TinySite:
    site = make_site(tmp_path_factory.mktemp("three"), pages_in("en", "fr", "es"),
                     with_minimal=False)
    with_languages(site, [{"locale": "en", "name": "English", "default": True},
                          {"locale": "fr", "name": "Français"},
                          {"locale": "es", "name": "Español"}])
    for name in ("taxonomy.yml", "ui.yml", "crisis_lines.yml", "self_assessment.yml"):
        file = site.root / "data" / name
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        file.write_text(yaml.safe_dump(_with_spanish(data), allow_unicode=True),
                        encoding="utf-8")
    site.build()
    return site


def _with_spanish(data: Any) -> Any:
    """Every mapping with a French text gains a stand-in Spanish one: "(es) " + the French."""
    if isinstance(data, dict):
        data = {key: _with_spanish(value) for key, value in data.items()}
        if data.get("fr") is not None:
            # Numbers people dial stay as they are; words get the marker.
            french = str(data["fr"])
            data["es"] = french if re.fullmatch(r"[\d\s-]+", french) else "(es) " + french
        return data
    if isinstance(data, list):
        return [_with_spanish(item) for item in data]
    return data


@pytest.mark.parametrize("lang", ["", "fr/", "es/"])
def test_every_page_links_to_both_other_languages(trilingual: TinySite, lang: str) -> None:
    html = trilingual.html(f"{lang}roles/parents/index.html")
    others = sorted(re.findall(r'class="smh-lang__link" href="[^"]+" hreflang="([a-z]+)"', html))
    assert others == sorted({"en", "fr", "es"} - {lang.strip("/") or "en"})
    assert len(re.findall(r'<link rel=" alternate" hreflang=', html)) == 4  # 3 + x-default


def test_three_language_crisis_block_and_not_found(trilingual: TinySite) -> None:
    spanish = trilingual.html("es/get-help/index.html")
    assert '<html lang="es"' in spanish
    assert "(es) Besoin d" in spanish  # this language's interface text
    not_found = trilingual.html("404.html")
    assert [m for m in re.findall(r'<section lang="([a-z]+)"', not_found)] == ["en", "fr", "es"]
    entry = json.loads((trilingual.site / "pagefind/pagefind-entry.json").read_text())
    assert sorted(entry["languages"]) == ["en", "es", "fr"]
