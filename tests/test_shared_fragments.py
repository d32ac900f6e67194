"""Parts rendered once and reused (smhsite_mkdocs/fragments.py) change nothing: the default site,
with resources in a folder of their own too, is the same byte for byte with the reuse and
without it, and the reuse does happen."""

from __future__ import annotations

import shutil
from collections import Counter
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any

import pytest
from markupsafe import Markup

from sitekit import ROOT, TinySite, make_site
from smhsite_mkdocs.fragments import SharedFragments


def default_site(root: Path) -> TinySite:
    site = make_site(root, with_minimal=False)
    shutil.copytree(ROOT / "docs", root / "docs")
    # A folder of resources below the library: its pages link to the rest of the site from one
    # level deeper, so they share nothing with the library's own.
    for lang in ("en", "fr"):
        source = root / "docs" / lang / "resources" / "calm-your-body.md"
        more = root / "docs" / lang / "resources" / "more"
        more.mkdir()
        (more / "calm-your-body-again.md").write_text(
            source.read_text(encoding="utf-8").replace("](", "](../"), encoding="utf-8")
    site.set_plugin_options(search=False, parallel=False)  # counted in this process
    return site


def files_of(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes()
            for path in sorted(site.rglob("*")) if path.is_file()}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, bytes], dict[str, bytes],
                                                              Counter[Any]]:
    """The site built with the reuse (counting how often each key is rendered afresh) and
    without it."""
    fresh: Counter[Any] = Counter()
    reused: Counter[Any] = Counter()
    original = SharedFragments._render

    def counting(self: SharedFragments, key: Hashable, caller: Callable[[], Any]) -> Markup:
        if key:
            (reused if key in self.rendered else fresh)[key] += 1
        return original(self, key, caller)

    def never(self: SharedFragments, key: Hashable, caller: Callable[[], Any]) -> Markup:
        return Markup(caller())

    sites = []
    with pytest.MonkeyPatch.context() as patch:
        for render in (counting, never):
            patch.setattr(SharedFragments, "_render", render)
            site = default_site(tmp_path_factory.mktemp("fragments"))
            site.build()
            sites.append(files_of(site.site))
    fresh.update({("reused", key): count for key, count in reused.items()})
    return sites[0], sites[1], fresh


def test_the_site_is_the_same_byte_for_byte_with_and_without_reuse(
        built: tuple[dict[str, bytes], dict[str, bytes], Counter[Any]]) -> None:
    shared, alone, _ = built
    assert sorted(shared) == sorted(alone)
    assert [name for name in shared if shared[name] != alone[name]] == []
    assert "fr/resources/more/calm-your-body-again/index.html" in shared


def test_each_part_is_rendered_once_per_key_and_reused_by_the_other_pages(
        built: tuple[dict[str, bytes], dict[str, bytes], Counter[Any]]) -> None:
    *_, counts = built
    pages = sum(1 for name in built[0] if name.endswith(".html"))
    for part in ("crisis", "nav", "footer"):
        for folder in ("resources", "fr/resources", "resources/more", "fr/resources/more"):
            assert counts[(part, folder)] == 1, (part, folder)
        # every resource of the library but the first takes the part as it was rendered
        assert counts[("reused", (part, "fr/resources"))] > 30
    # The theme's configuration and scripts, by the address of the site root: three depths
    # (the home page, a page, a resource) per language, and the 404 pages.
    config = {key: count for key, count in counts.items() if key[0] == "config"}
    assert 4 <= len(config) <= 12
    reused = sum(count for key, count in counts.items() if key[0] == "reused")
    assert reused > pages  # several parts of most pages
