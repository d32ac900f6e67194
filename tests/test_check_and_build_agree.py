"""`smhsite check` passing means the build passes: one rule set, the same words.

Every editor mistake of the corpus (tests/test_editor_errors.py, tests/test_content_safety.py)
goes through both the command and a real strict build. The build must fail exactly when the
check does, and say each of the check's lines (file, line, problem, fix). Inputs that the check
accepts must build.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from sitekit import CRISIS_LINES, make_site, page
from smhsite.check import check_site
from smhsite.problems import render_text
from test_content_safety import UNSAFE, with_body
from test_editor_errors import BROKEN, TAXONOMY

CASES = [pytest.param(case.values[0], id=case.id) for case in BROKEN] + [
    pytest.param(with_body(body), id=f"html-{name}") for name, body, _ in UNSAFE]


@pytest.mark.parametrize("files", CASES)
def test_check_fails_exactly_when_the_build_does(tmp_path: Path,
                                                 files: dict[str, str | bytes]) -> None:
    site = make_site(tmp_path, {"data/crisis_lines.yml": CRISIS_LINES,
                                "data/taxonomy.yml": TAXONOMY, **files})
    checked = check_site(site.root)  # as of today, like the build
    assert checked.problems, "every case of the corpus is a mistake"
    with pytest.raises(Abort):
        site.build()
    said = "\n".join(site.messages(logging.WARNING))
    for line in render_text(checked.problems).splitlines():
        assert line in said, line
    assert "Traceback" not in said
    assert not list(site.site.rglob("index.html")) if site.site.exists() else True


ACCEPTED = {
    "links-to-files-and-anchors": {
        "docs/en/index.md": page("Home", "## Start {#start}\n\nSee [privacy](privacy.md), "
                                 "[start](#start), ![room](room.png), [site](https://ex.org/) "
                                 "and <a href=\"privacy.md\">privacy</a>.\n", type="home"),
        "docs/en/room.png": b"\x89PNG\r\n"},
    "byte-order-mark-and-windows-lines": {
        "docs/en/privacy.md": "\ufeff" + page("Privacy", type="statement").replace("\n", "\r\n")},
    "prose-that-looks-like-markers": {
        "docs/fr/index.md": page("Accueil", "Des choses à faire à la maison ; la méthodologie.\n",
                                 type="home")},
}


@pytest.mark.parametrize("files", [pytest.param(f, id=name) for name, f in ACCEPTED.items()])
def test_what_the_check_accepts_builds(tmp_path: Path, files: dict[str, str | bytes]) -> None:
    site = make_site(tmp_path, files)
    assert check_site(site.root).problems == []
    site.build()
    assert (site.site / "fr/index.html").is_file()
