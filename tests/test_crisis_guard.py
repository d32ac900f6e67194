"""Crisis help cannot be lost: the build checks every page it wrote, in every language."""

from __future__ import annotations

from html import unescape
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort, PluginError

from sitekit import make_site

CRISIS_INCLUDE = '{% include "partials/crisis.html" %}'


def test_every_built_page_carries_every_line_in_its_language(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    site.build()
    english, french = unescape(site.html("index.html")), unescape(site.html("fr/index.html"))
    for number in ("tel:+18006686868", "tel:+18552423310", "tel:+18332948650", "tel:988",
                   "tel:911", "sms:686868", "sms:988"):
        assert f'href="{number}"' in english
        assert f'href="{number}"' in french
    assert "Kids Help Phone" in english and "Jeunesse, J'écoute" not in english
    assert "Jeunesse, J'écoute" in french
    assert "Need help now?" in english and "Besoin d'aide maintenant\u00a0?" in french


def test_the_404_pages_offer_help_in_their_languages(tmp_path: Path) -> None:
    """The site root's 404 page is served for any address: both languages. The French one,
    for hosts that serve the nearest 404 page, is French only."""
    site = make_site(tmp_path)
    site.build()
    page = unescape(site.html("404.html"))
    assert "Kids Help Phone" in page and "Jeunesse, J'écoute" in page
    assert "Page not found" in page and "Page introuvable" in page
    french = unescape(site.html("fr/404.html"))
    assert "Jeunesse, J'écoute" in french and "Page introuvable" in french
    assert "Kids Help Phone" not in french and "Page not found" not in french
    assert "<title>Page introuvable \u2013 " in french


def _build_fails(site_root: Path, site: object) -> str:
    with pytest.raises(Abort) as raised:
        site.build()  # type: ignore[attr-defined]
    error = raised.value.__context__
    assert isinstance(error, PluginError)
    return str(error)


def test_removing_the_block_from_the_template_fails_the_build(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    template = tmp_path / "overrides" / "main.html"
    text = template.read_text(encoding="utf-8")
    assert CRISIS_INCLUDE in text
    template.write_text(text.replace(CRISIS_INCLUDE, ""), encoding="utf-8")
    message = _build_fails(tmp_path, site)
    assert message.startswith("8 built page(s) lack the crisis help block or one of its "
                              "helplines in their language: ")
    assert "index.html (missing block)" in message
    assert "fr/index.html (missing block)" in message
    assert message.endswith("Every page must include overrides/partials/crisis.html; restore it "
                            "in the template that renders these pages.")
    assert not site.site.exists()  # nothing half-right is left to deploy


def test_a_block_that_drops_a_line_fails_the_build(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    partial = tmp_path / "overrides" / "partials" / "crisis.html"
    text = partial.read_text(encoding="utf-8")
    loop = "{%- for line in smh_crisis_all[code] %}"
    assert loop in text
    partial.write_text(text.replace(loop, "{%- for line in smh_crisis_all[code][:-1] %}"),
                       encoding="utf-8")
    message = _build_fails(tmp_path, site)
    assert "index.html (missing tel:911, emergency (en))" in message
    assert "fr/index.html (missing tel:911, emergency (fr))" in message
