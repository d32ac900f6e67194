"""The message catalogue: every message an editor can see is worded once, used, and fixable."""

from __future__ import annotations

import re
import string

import pytest

from sitekit import ROOT
from smhsite.problems import Problem, templates

SOURCES = "\n".join(path.read_text(encoding="utf-8")
                    for path in sorted((ROOT / "src").rglob("*.py")))


def test_every_message_has_a_message_and_a_fix() -> None:
    for code, parts in templates().items():
        assert set(parts) == {"message", "fix"}, code
        assert parts["message"].strip() and parts["fix"].strip(), code
        assert not parts["message"].endswith("."), code  # the text format adds the full stop


@pytest.mark.parametrize("code", sorted(templates()))
def test_every_code_is_used_by_the_code(code: str) -> None:
    assert re.search(r"""["']""" + re.escape(code) + r"""["']""", SOURCES), code


def test_every_placeholder_is_a_plain_name() -> None:
    for code, parts in templates().items():
        for text in parts.values():
            names = [name for _, name, spec, conversion in string.Formatter().parse(text)
                     if name is not None]
            assert all(re.fullmatch(r"[a-z_]+", name) for name in names), (code, names)


def test_a_problem_without_its_values_fails_where_it_is_made() -> None:
    with pytest.raises(KeyError, match="'unknown-id' message needs 'field'"):
        Problem("docs/en/index.md", 4, "unknown-id", {"received": "x"})
    with pytest.raises(KeyError, match="no message for 'no-such-code'"):
        Problem("docs/en/index.md", 4, "no-such-code")
