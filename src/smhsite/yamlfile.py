"""YAML reading that keeps line numbers and refuses what PyYAML would silently accept."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from smhsite.problems import Problem, yaml_detail

# A location inside a YAML document: ("audiences", 2, "fr").
Loc = tuple[str | int, ...]


@dataclass
class YamlDoc:
    data: Any
    # Line (1-based, in the file) of each key or list item, so a schema error can name its line.
    lines: dict[Loc, int] = field(default_factory=dict)

    def line_of(self, loc: Loc, default: int | None = None) -> int | None:
        """The line of `loc`, or of its closest parent that has one."""
        for end in range(len(loc), 0, -1):
            if loc[:end] in self.lines:
                return self.lines[loc[:end]]
        return default


def describe(value: object) -> str:
    """How a YAML value looks to an editor, for 'expected X, received Y' messages."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"'{str(value).lower()}' (yes/no)"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a set of keys"
    if isinstance(value, int | float):
        return f"the number {value}"
    return f"'{value}'"


_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STRING = "tag:yaml.org,2002:str"


def parse(text: str, path: str, first_line: int = 1) -> tuple[YamlDoc | None, list[Problem]]:
    """Parse one YAML document. `first_line` is the file line where `text` starts."""
    offset = first_line - 1
    # libyaml reads a page's front matter ten times faster; PyYAML's own parser words syntax
    # errors better, so a file that fails is read again by it for the message.
    loader: yaml.SafeLoader = _FAST_LOADER(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError:
        loader.dispose()
        loader = yaml.SafeLoader(text)
        try:
            node = loader.get_single_node()
        except yaml.MarkedYAMLError as err:
            return None, [_syntax_problem(err, text, path, offset)]
    finally:
        loader.dispose()
    doc = YamlDoc(data=None)
    if node is None:
        return doc, []
    problems: list[Problem] = []
    try:
        doc.data = _build(node, loader, (), doc.lines, offset, path, problems)
    except yaml.MarkedYAMLError as err:  # e.g. an unknown tag: `title: !Important news`
        return None, [_syntax_problem(err, text, path, offset)]
    return doc, problems


def _syntax_problem(err: yaml.MarkedYAMLError, text: str, path: str, offset: int) -> Problem:
    mark = err.problem_mark or err.context_mark
    line = (mark.line + 1 + offset) if mark else None
    column = (mark.column + 1) if mark else 0
    if mark is not None:
        source_line = text.splitlines()[mark.line] if mark.line < len(text.splitlines()) else ""
        if "\t" in source_line[: mark.column + 1] or "'\\t'" in str(err.problem):
            tab_column = source_line.index("\t") + 1 if "\t" in source_line else column
            return Problem(path, line, "yaml-tab", {"column": tab_column})
    detail = yaml_detail((err.problem or err.context or "").strip())
    return Problem(path, line, "yaml-syntax", {"detail": detail, "column": column})


def _build(node: yaml.Node, loader: yaml.SafeLoader, loc: Loc, lines: dict[Loc, int],
           offset: int, path: str, problems: list[Problem]) -> Any:
    lines[loc] = node.start_mark.line + 1 + offset
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        first_seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = _construct(loader, key_node)
            key_line = key_node.start_mark.line + 1 + offset
            if isinstance(key, list | dict):
                key = str(key)
            if key in first_seen:
                problems.append(Problem(path, key_line, "yaml-duplicate-key",
                                        {"key": key, "first_line": first_seen[key]}))
                continue
            first_seen[key] = key_line
            result[key] = _build(value_node, loader, (*loc, key), lines, offset, path, problems)
            lines[(*loc, key)] = key_line
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(child, loader, (*loc, index), lines, offset, path, problems)
                for index, child in enumerate(node.value)]
    return _construct(loader, node)


def _construct(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """A scalar's value; text that only looks like a date (2026-13-01) stays text for the schema."""
    if node.tag == _STRING:  # most values: the text as written, nothing to construct
        return node.value
    try:
        return loader.construct_object(node, deep=True)
    except ValueError:
        return node.value
