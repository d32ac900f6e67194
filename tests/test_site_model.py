"""One build reads the site once: the check's typed model feeds every template."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from sitekit import make_site
from smhsite import check, content, data


def test_a_full_build_reads_each_file_once(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    reads: Counter[str] = Counter()
    real = content.read_text

    def counted(file: Path, rel_path: str) -> tuple[str | None, list[object]]:
        reads[rel_path] += 1
        return real(file, rel_path)  # type: ignore[return-value]

    def no_second_reading(root: Path) -> None:
        raise AssertionError("the build reads the languages from the plugin's configuration")

    monkeypatch.setattr(content, "read_text", counted)
    monkeypatch.setattr(data, "read_text", counted)
    monkeypatch.setattr(check, "load_config", no_second_reading)
    site = make_site(tmp_path)
    site.build()
    assert (site.site / "fr/index.html").is_file()  # both language passes ran
    data_files = {name: count for name, count in reads.items() if name.startswith("data/")}
    assert data_files == {"data/site.yml": 1, "data/taxonomy.yml": 1, "data/ui.yml": 1,
                          "data/crisis_lines.yml": 1, "data/self_assessment.yml": 1}
    pages = {name: count for name, count in reads.items() if name.startswith("docs/")}
    assert len(pages) == 8 and set(pages.values()) == {1}


def test_consecutive_builds_share_no_state(tmp_path: Path) -> None:
    """Tests and `mkdocs serve` build many sites in one process: nothing carries over."""
    first = make_site(tmp_path / "one")
    second = make_site(tmp_path / "two")
    first.write("data/site.yml", (first.root / "data/site.yml").read_text(encoding="utf-8")
                .replace("https://www.theweathernetwork.com/ca", "https://example.org/first"))
    first.write("docs/en/index.md", (first.root / "docs/en/index.md").read_text(
        encoding="utf-8").replace("type: home", "type: home\nquick_exit: true"))
    first.write("docs/fr/index.md", (first.root / "docs/fr/index.md").read_text(
        encoding="utf-8").replace("type: home", "type: home\nquick_exit: true"))
    first.build()
    second.build()
    assert "https://example.org/first" in first.html("index.html")
    assert "example.org/first" not in "".join(
        path.read_text(encoding="utf-8") for path in second.site.rglob("*.html"))
