"""YAML reading that keeps line numbers and refuses what PyYAML would silently accept."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.constructor import SafeConstructor

from smhsite.packaged import C_LOADER
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


_STRING = "tag:yaml.org,2002:str"
_RESOLVER = yaml.resolver.Resolver()
# How each short scalar resolves (a pure function of its text and quoting): a site's front
# matter repeats the same keys and ids thousands of times.
_TAGS: dict[tuple[str, tuple[bool, bool]], str] = {}


def parse(text: str, path: str, first_line: int = 1) -> tuple[YamlDoc | None, list[Problem]]:
    """Parse one YAML document. `first_line` is the file line where `text` starts."""
    offset = first_line - 1
    # Front matter is plain YAML: read straight from libyaml's events, it costs a fifth less
    # than through PyYAML's nodes. Anything rarer, and every error, goes through the nodes.
    loader = C_LOADER(text)
    try:
        return _Events(loader, path, offset).document()
    except (_NeedsNodes, yaml.MarkedYAMLError):
        return _from_nodes(text, path, offset)
    finally:
        loader.dispose()


class _NeedsNodes(Exception):
    """Anchors, aliases, explicit tags, keys that are lists or mappings, a second document."""


class _Events:
    """One document built from parser events, with the same data, lines and problems as
    `_from_nodes` gives for it."""

    def __init__(self, loader: C_LOADER, path: str, offset: int) -> None:
        self.loader = loader
        # Events are read by attribute (anchor, tag, value): libyaml's own classes.
        self.next_event: Callable[[], Any] = loader.get_event
        self.path, self.offset = path, offset
        self.lines: dict[Loc, int] = {}
        self.problems: list[Problem] = []

    def document(self) -> tuple[YamlDoc, list[Problem]]:
        self.next_event()  # the stream's start
        if isinstance(self.next_event(), yaml.StreamEndEvent):  # nothing but comments
            return YamlDoc(data=None), []
        data = self.value(self.next_event(), ())
        self.next_event()  # the document's end
        if not isinstance(self.next_event(), yaml.StreamEndEvent):
            raise _NeedsNodes  # another document: the nodes say what is wrong
        return YamlDoc(data=data, lines=self.lines), self.problems

    def value(self, event: Any, loc: Loc) -> Any:
        if event.anchor is not None:  # aliases have one too
            raise _NeedsNodes
        self.lines[loc] = event.start_mark.line + 1 + self.offset
        kind = type(event)
        if kind is yaml.ScalarEvent:
            return self.scalar(event)
        if event.tag is not None:
            raise _NeedsNodes
        if kind is yaml.MappingStartEvent:
            return self.mapping(loc)
        if kind is yaml.SequenceStartEvent:
            return self.sequence(loc)
        raise _NeedsNodes

    def scalar(self, event: Any) -> Any:
        if event.tag is not None or event.anchor is not None:
            raise _NeedsNodes
        key = (event.value, event.implicit)
        tag = _TAGS.get(key)
        if tag is None:
            tag = _RESOLVER.resolve(  # type: ignore[no-untyped-call]
                yaml.ScalarNode, event.value, event.implicit)
            if len(event.value) <= 40:  # long text rarely repeats
                _TAGS[key] = tag
        if tag == _STRING:
            return event.value
        return _construct(self.loader, yaml.ScalarNode(
            tag, event.value, event.start_mark, event.end_mark, event.style))

    def mapping(self, loc: Loc) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        first_seen: dict[Any, int] = {}
        while True:
            event = self.next_event()
            if type(event) is yaml.MappingEndEvent:
                return result
            key_line = event.start_mark.line + 1 + self.offset
            if type(event) is not yaml.ScalarEvent:
                raise _NeedsNodes  # a key that is a list or a mapping
            key = self.scalar(event)
            if key in first_seen:
                self.problems.append(Problem(self.path, key_line, "yaml-duplicate-key",
                                             {"key": key, "first_line": first_seen[key]}))
                self.skip(self.next_event())
                continue
            first_seen[key] = key_line
            result[key] = self.value(self.next_event(), (*loc, key))
            self.lines[(*loc, key)] = key_line

    def sequence(self, loc: Loc) -> list[Any]:
        result: list[Any] = []
        while True:
            event = self.next_event()
            if type(event) is yaml.SequenceEndEvent:
                return result
            result.append(self.value(event, (*loc, len(result))))

    def skip(self, event: Any) -> None:
        """Past one value (a duplicate key's), keeping nothing of it."""
        depth = 0
        while True:
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
            if depth == 0:
                return
            event = self.next_event()


def _from_nodes(text: str, path: str, offset: int) -> tuple[YamlDoc | None, list[Problem]]:
    # PyYAML's own parser words syntax errors better than libyaml, so a file that fails is read
    # again by it for the message.
    loader: C_LOADER | yaml.SafeLoader = C_LOADER(text)
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


def _build(node: yaml.Node, loader: SafeConstructor, loc: Loc, lines: dict[Loc, int],
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


def _construct(loader: SafeConstructor, node: yaml.Node) -> Any:
    """A scalar's value; text that only looks like a date (2026-13-01) stays text for the schema."""
    if node.tag == _STRING:  # most values: the text as written, nothing to construct
        return node.value
    try:
        return loader.construct_object(node, deep=True)
    except ValueError:
        return node.value
