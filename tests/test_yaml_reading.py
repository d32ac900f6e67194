"""YAML is read from libyaml's events when it is plain, and through PyYAML's nodes otherwise:
both ways must give the same data, the same line of every key and item, and the same problems."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from sitekit import ROOT
from smhsite import yamlfile
from smhsite.problems import Problem
from smhsite.yamlfile import Loc, YamlDoc

PLAIN = {
    "flat": "title: Home\ntype: home\n",
    "lists": "audience:\n- students\n- parents\ntiers: [1, '2']\n",
    "scalars": ("n: 10\nf: 1.5\nyes_: yes\nno_: off\nnothing: ~\nempty:\nday: 2026-11-01\n"
                "not_a_day: 2026-13-01\nquoted_day: '2026-11-01'\nhex: 0x1F\n"),
    "text": ("title: \"Calme « test » <b>&</b> \\\"citation\\\" 😀 : oui ?\"\n"
             "note: l'école & <img src=x onerror=alert(1)>\n"),
    "blocks": "body: |\n  line one\n  line two\nfolded: >\n  one\n  two\n",
    "nested": ("entries:\n  - id: a\n    en: A\n    fr: À\n    tags: [x, y]\n"
               "  - {id: b, en: B, fr: Bé}\nmore:\n  deeper:\n    deepest: [[1, 2], [3]]\n"),
    "keys": "1: one\ntrue: yes\n2026-01-01: day\nnull: nothing\n",
    "duplicates": ("title: One\nlist:\n  - a\ntitle: Two\nlist: [b, {c: d}]\n"
                   "map:\n  x: 1\n  x: 2\nmap: {y: [1, {z: 2}]}\n"),
    "comments only": "# nothing here\n",
    "empty": "",
    "document marker only": "---\n",
    "a scalar": "just text\n",
    "a list": "- title: Home\n- type: home\n",
}

RARE = {
    "anchor and alias": "base: &b {en: A}\ncopy: *b\n",
    "anchored scalar": "a: &x one\nb: *x\n",
    "explicit tag": "n: !!str 3\n",
    "unknown tag": "title: !Important news\n",
    "non-specific tag": "n: ! 3\n",
    "complex key": "? [a, b]\n: value\n",
    "mapping key": "? {a: 1}\n: value\n",
    "two documents": "a: 1\n---\nb: 2\n",
    "duplicate holding an anchor": "a: 1\na: &x 2\nb: *x\n",
    "syntax error": "title: Anxiety: what helps\n",
    "unclosed list": "audience: [parents, educators\n",
    "tab": "audience:\n\t- parents\n",
}


Seen = tuple[tuple[Any, dict[Loc, int]] | None, list[tuple[int | None, str, str]]]


def both(text: str, first_line: int = 2) -> tuple[Seen, Seen]:
    """What the events and the nodes give: data, lines, and each problem as the editor reads it
    (a problem's values do not take part in its equality)."""
    def seen(result: tuple[YamlDoc | None, list[Problem]]) -> Seen:
        doc, problems = result
        return (None if doc is None else (doc.data, doc.lines),
                [(p.line, p.code, str(p)) for p in problems])
    return (seen(yamlfile.parse(text, "page.md", first_line)),
            seen(yamlfile._from_nodes(text, "page.md", first_line - 1)))


def _shipped_yaml() -> list[tuple[str, str, int]]:
    """Every YAML document of the default site: its data files and every page's front matter."""
    found = [(p.relative_to(ROOT).as_posix(), p.read_text(encoding="utf-8"), 1)
             for p in sorted((ROOT / "data").glob("*.yml"))]
    for page in sorted((ROOT / "docs").rglob("*.md")):
        lines = page.read_text(encoding="utf-8").split("\n")
        end = lines.index("---", 1)
        found.append((page.relative_to(ROOT).as_posix(), "\n".join(lines[1:end]), 2))
    return found


@pytest.mark.parametrize("text", PLAIN.values(), ids=PLAIN.keys())
def test_plain_yaml_reads_the_same_from_events(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    events, nodes = both(text)
    assert events == nodes

    def refuse(*args: object) -> None:
        raise AssertionError("plain YAML went through the nodes")
    monkeypatch.setattr(yamlfile, "_from_nodes", refuse)
    yamlfile.parse(text, "page.md", 2)  # the events alone read it


@pytest.mark.parametrize("text", RARE.values(), ids=RARE.keys())
def test_rarer_yaml_and_errors_go_through_the_nodes(text: str,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    events, nodes = both(text)
    assert events == nodes
    calls: list[str] = []
    real = yamlfile._from_nodes

    def counted(*args: object) -> object:
        calls.append(text)
        return real(*args)  # type: ignore[arg-type]  # the same arguments, passed on
    monkeypatch.setattr(yamlfile, "_from_nodes", counted)
    yamlfile.parse(text, "page.md", 2)
    assert calls == [text]


def test_duplicates_are_reported_once_each_with_the_first_line() -> None:
    (doc, problems), _ = both(PLAIN["duplicates"], first_line=5)
    assert [(line, code, "first on line" in text) for line, code, text in problems] == [
        (8, "yaml-duplicate-key", True), (9, "yaml-duplicate-key", True),
        (12, "yaml-duplicate-key", True), (13, "yaml-duplicate-key", True)]
    assert "'title' appears twice (first on line 5)" in problems[0][2]
    assert "'map' appears twice (first on line 10)" in problems[3][2]
    assert doc == ({"title": "One", "list": ["a"], "map": {"x": 1}},
                   {(): 5, ("title",): 5, ("list",): 6, ("list", 0): 7, ("map",): 10,
                    ("map", "x"): 11})


def test_every_yaml_document_of_the_default_site_reads_the_same_both_ways() -> None:
    documents = _shipped_yaml()
    assert len(documents) > 150
    for path, text, first_line in documents:
        events, nodes = both(text, first_line)
        assert events == nodes, path
        assert events[0] is not None and events[0][1], path  # read, with lines


def test_a_library_of_front_matter_reads_the_same_both_ways(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The benchmark's generated resources: facets of every shape, dates, numbers, long text."""
    monkeypatch.syspath_prepend(str(ROOT / "benchmarks"))
    from library import make_project

    make_project(tmp_path, 60)
    compared = 0
    for page in sorted((tmp_path / "docs").rglob("bench-*.md")):
        lines = page.read_text(encoding="utf-8").split("\n")
        text = "\n".join(lines[1:lines.index("---", 1)])
        events, nodes = both(text)
        assert events == nodes, page.name
        compared += 1
    assert compared == 120
