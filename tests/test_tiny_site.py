"""The smallest real site builds in both languages, strictly."""

from __future__ import annotations

from pathlib import Path

from sitekit import make_site


def test_minimal_site_builds_both_languages(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    site.build()
    assert '<html lang="en"' in site.html("index.html")
    assert '<html lang="fr"' in site.html("fr/index.html")
    assert site.messages() == []
