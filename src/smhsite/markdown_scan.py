"""Light reading of Markdown bodies: links, anchors, headings, admonitions (code is skipped)."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from markdown.extensions.toc import slugify

_FENCE_OPEN = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*(?:\{([^}]*)\})?\s*#*\s*$")
_ATTR_ID = re.compile(r"\{[^}]*#([\w-]+)[^}]*\}")
_HTML_ID = re.compile(r"""\sid=["']([^"']+)["']""")
_INLINE_CODE = re.compile(r"`[^`]*`")
# [text](target) and ![alt](target); a target may hold one level of brackets: alert(1).
_LINK = re.compile(r"(!?)\[[^\]]*\]\(\s*<?((?:[^()\s>]|\([^()\s]*\))+)>?"
                   r"(?:\s+[\"'][^\"']*[\"'])?\s*\)")
_REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?([^\s>]+)>?")
AUTOLINK = re.compile(r"<([a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^>\s]*)>")
_HTML_URL = re.compile(r"""<(a|img)\b[^>]*?\s(?:href|src)\s*=\s*["']([^"']+)["']""", re.I)
_MD_FORMATTING = re.compile(r"\[([^\]]*)\]\([^)]*\)|[*_`]")
_ADMONITION = re.compile(r"^(?:!!!|\?\?\?\+?)\s+([\w-]+)(?:\s+[\w-]+)*\s*(\"[^\"]*\")?\s*$")


@dataclass(frozen=True)
class Link:
    target: str
    line: int
    image: bool = False
    in_html: bool = False  # an href or src of raw HTML, rather than Markdown


@dataclass(frozen=True)
class Admonition:
    kind: str
    titled: bool
    line: int


Prose = list[tuple[int, str]]  # (file line, text) of each line outside code


def prose_lines(body: str, first_line: int) -> Iterator[tuple[int, str]]:
    """(file line, text) for each line outside fenced code, inline code removed."""
    if "```" not in body and "~~~" not in body and "`" not in body:  # no code at all
        yield from enumerate(body.split("\n"), first_line)
        return
    fence: str | None = None
    for offset, line in enumerate(body.split("\n")):
        opener = _FENCE_OPEN.match(line)
        if fence:
            if opener and opener.group(1) == fence:
                fence = None
            continue
        if opener:
            fence = opener.group(1)
            continue
        yield first_line + offset, _INLINE_CODE.sub("", line) if "`" in line else line


def links_in(prose: Iterable[tuple[int, str]]) -> list[Link]:
    """Every address the page points to: Markdown links and images, reference definitions
    ([id]: target), autolinks (<https://...>), and href/src in raw HTML."""
    found = []
    for number, line in prose:
        if "[" not in line and "<" not in line:  # every form of link has one of them
            continue
        found += [Link(m.group(2), number, image=bool(m.group(1))) for m in _LINK.finditer(line)]
        found += [Link(m.group(1), number) for m in _REFERENCE.finditer(line)]
        found += [Link(m.group(1), number) for m in AUTOLINK.finditer(line)]
        found += [Link(html.unescape(m.group(2)), number, image=m.group(1).lower() == "img",
                       in_html=True) for m in _HTML_URL.finditer(line)]
    return found


def anchors(prose: Iterable[tuple[int, str]]) -> set[str]:
    """Every id a link can point to: headings (as MkDocs' toc slugifies them) and explicit ids."""
    found: set[str] = set()
    for _, line in prose:
        heading = _HEADING.match(line)
        if heading:
            attrs = heading.group(3) or ""
            explicit = re.search(r"#([\w-]+)", attrs)
            if explicit:
                found.add(explicit.group(1))
            else:
                slug = slugify(_MD_FORMATTING.sub(r"\1", heading.group(2)), "-")
                unique, counter = slug, 1
                while unique in found:
                    unique, counter = f"{slug}_{counter}", counter + 1
                found.add(unique)
            continue
        found.update(_ATTR_ID.findall(line))
        found.update(_HTML_ID.findall(line))
    return found


def headings_in(prose: Iterable[tuple[int, str]]) -> list[tuple[int, int, str]]:
    """(file line, level, text) of each Markdown heading."""
    result = []
    for number, line in prose:
        if not line.startswith("#"):
            continue
        heading = _HEADING.match(line)
        if heading:
            result.append((number, len(heading.group(1)), heading.group(2)))
    return result


def admonitions_in(prose: Iterable[tuple[int, str]]) -> list[Admonition]:
    result = []
    for number, line in prose:
        if "!!!" not in line and "???" not in line:
            continue
        match = _ADMONITION.match(line.strip())
        if match:
            result.append(Admonition(match.group(1), match.group(2) is not None, number))
    return result


def word_count(body: str) -> int:
    return sum(len(line.split()) for _, line in prose_lines(body, 1))
