"""One way to describe, word and print every problem an editor can meet."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from typing import Any

from smhsite.packaged import packaged_yaml


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@cache
def templates() -> dict[str, dict[str, str]]:
    loaded: dict[str, dict[str, str]] = packaged_yaml("messages.yml")
    return loaded


@cache
def parser_words() -> dict[str, dict[str, str]]:
    """The parsers' findings in editors' words (details.yml), by parser."""
    loaded: dict[str, dict[str, str]] = packaged_yaml("details.yml")
    return loaded


def yaml_detail(problem: str) -> str:
    words = parser_words()["yaml"]
    return next((text for start, text in words.items() if problem.startswith(start)),
                words["fallback"])


def schema_detail(kind: str, context: dict[str, Any]) -> str:
    words = parser_words()["schema"]
    try:
        return words.get(kind, words["fallback"]).format(**context)
    except (KeyError, IndexError):
        return words["fallback"]


@dataclass(frozen=True)
class Problem:
    """A content problem: where it is, which rule it breaks, and the values that fill its text."""

    path: str
    line: int | None
    code: str
    params: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    severity: Severity = Severity.ERROR

    def __post_init__(self) -> None:
        # Worded at once, so a code without a message or a missing value fails where the
        # problem is made (in tests), never while an editor reads the list.
        if self.code not in templates():
            raise KeyError(f"no message for {self.code!r}")
        for part in ("message", "fix"):
            try:
                templates()[self.code][part].format(**self.params)
            except (KeyError, IndexError) as err:
                raise KeyError(f"{self.code!r} {part} needs {err} (given {sorted(self.params)})") \
                    from None

    @property
    def message(self) -> str:
        return templates()[self.code]["message"].format(**self.params)

    @property
    def fix(self) -> str:
        return templates()[self.code]["fix"].format(**self.params)

    @property
    def location(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path

    def __str__(self) -> str:
        prefix = "warning: " if self.severity is Severity.WARNING else ""
        where = f"{self.location}: " if self.location else ""
        return f"{where}{prefix}{self.message}. {self.fix}"

    def as_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "line": self.line,
            "code": self.code,
            "severity": str(self.severity),
            "message": self.message,
            "fix": self.fix,
        }


def sort_key(problem: Problem) -> tuple[str, int, str]:
    return (problem.path, problem.line or 0, problem.code)


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity is Severity.ERROR]


def warnings(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity is Severity.WARNING]


def render_text(problems: list[Problem]) -> str:
    return "\n".join(str(p) for p in sorted(problems, key=sort_key))


def render_json(problems: list[Problem]) -> str:
    return json.dumps([p.as_json() for p in sorted(problems, key=sort_key)], ensure_ascii=False,
                      indent=2)


def render_github(problems: list[Problem]) -> str:
    """GitHub Actions workflow commands: each problem becomes an annotation on its line."""
    lines = []
    for problem in sorted(problems, key=sort_key):
        kind = "warning" if problem.severity is Severity.WARNING else "error"
        where = f"file={problem.path}" + (f",line={problem.line}" if problem.line else "")
        text = f"{problem.message}. {problem.fix}".replace("%", "%25").replace("\n", "%0A")
        lines.append(f"::{kind} {where}::{text}")
    return "\n".join(lines)
