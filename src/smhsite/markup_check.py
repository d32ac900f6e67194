"""The HTML policy, told to editors: raw HTML, link targets and attribute lists in Markdown.

Everything this refuses, the sanitiser would also remove from the page; refusing it here says
where and why instead of publishing a page that silently lost part of its text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from html.parser import HTMLParser

from smhsite import html_policy as policy
from smhsite.content import SourcePage
from smhsite.markdown_scan import AUTOLINK
from smhsite.problems import Problem

_EMAIL_AUTOLINK = re.compile(r"<[^>\s@]+@[^>\s@]+>")
# Attribute lists: { #id .class key="value" } or {: ... } after a heading, paragraph or link.
_ATTR_LIST = re.compile(r"\{:?\s*([^{}\n]*=[^{}\n]*)\}")
_ATTR_PAIR = re.compile(r"""([^\s=#.]+)\s*=\s*("[^"]*"|'[^']*'|[^\s"']+)""")


def _problem(source: SourcePage, line: int, code: str, **params: object) -> Problem:
    return Problem(source.path, line, code, dict(params))


def _attribute_problem(source: SourcePage, line: int, tag: str, name: str,
                       value: str) -> Problem | None:
    if name.startswith("on"):
        return _problem(source, line, "html-event-attribute", tag=tag, attribute=name)
    if name == "style":
        return _problem(source, line, "html-style-attribute", tag=tag)
    if name in policy.URL_ATTRIBUTES:
        scheme = policy.unsafe_scheme(value)
        if scheme:
            return _problem(source, line, "unsafe-url", target=value, scheme=scheme)
        if tag == "img" and name == "src" and policy.loads_from_elsewhere(value):
            return _problem(source, line, "external-image", target=value, lang=source.lang)
    if not policy.attribute_allowed(tag, name) and name not in policy.SOURCE_ONLY_ATTRIBUTES:
        return _problem(source, line, "html-attribute", tag=tag, attribute=name,
                        allowed=", ".join(policy.allowed_attributes(tag)))
    return None


class _TagScanner(HTMLParser):
    """Reports each element and attribute outside the policy, on the line it starts."""

    def __init__(self, source: SourcePage, first_line: int) -> None:
        super().__init__(convert_charrefs=True)
        self.source = source
        self.first_line = first_line
        self.problems: list[Problem] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.first_line + self.getpos()[0] - 1
        if tag in policy.SCRIPT_TAGS:
            self.problems.append(_problem(self.source, line, "html-script", tag=tag))
        elif tag in policy.EMBED_TAGS:
            self.problems.append(_problem(self.source, line, "html-embed", tag=tag))
        elif tag in policy.PAGE_CONTROL_TAGS:
            self.problems.append(_problem(self.source, line, "html-page-control", tag=tag))
        elif tag not in policy.ALLOWED_TAGS:
            self.problems.append(_problem(self.source, line, "html-element", tag=tag,
                                          allowed=", ".join(sorted(policy.ALLOWED_TAGS))))
        else:
            for name, value in attrs:
                found = _attribute_problem(self.source, line, tag, name, value or "")
                if found:
                    self.problems.append(found)


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group(0))


def _link_problems(source: SourcePage) -> list[Problem]:
    """Markdown's own links and images; raw HTML's are judged with their element below."""
    problems: list[Problem] = []
    for link in source.links:
        if link.in_html:
            continue
        scheme = policy.unsafe_scheme(link.target)
        if scheme:
            problems.append(_problem(source, link.line, "unsafe-url", target=link.target,
                                     scheme=scheme))
        elif link.image and policy.loads_from_elsewhere(link.target):
            problems.append(_problem(source, link.line, "external-image", target=link.target,
                                     lang=source.lang))
    return problems


def _attr_list_problems(source: SourcePage, number: int, text: str) -> list[Problem]:
    problems: list[Problem] = []
    for block in _ATTR_LIST.finditer(text):
        for name, quoted in _ATTR_PAIR.findall(block.group(1)):
            name, value = name.lower(), quoted.strip("\"'")
            if not policy.attribute_allowed_somewhere(name):
                problems.append(_problem(source, number, "attr-list-attribute",
                                         text=block.group(0), attribute=name))
            elif name in policy.URL_ATTRIBUTES:
                found = _attribute_problem(source, number, "img" if name == "src" else "a",
                                           name, value)
                if found:
                    problems.append(found)
    return problems


def unsafe_markup(sources: Iterable[SourcePage]) -> list[Problem]:
    """Raw HTML, links and attribute lists outside the HTML policy, in every page body."""
    problems: list[Problem] = []
    for source in sources:
        prose = dict(source.prose)
        lines = [prose.get(source.body_line + offset, "")
                 for offset in range(source.body.count("\n") + 1)]
        problems += _link_problems(source)
        for offset, text in enumerate(lines):
            if "{" in text:
                problems += _attr_list_problems(source, source.body_line + offset, text)
        if "<" not in source.body:  # no raw HTML, no autolink
            continue
        html_text = "\n".join(_EMAIL_AUTOLINK.sub(_blank, AUTOLINK.sub(_blank, line))
                              for line in lines)
        scanner = _TagScanner(source, source.body_line)
        scanner.feed(html_text)
        scanner.close()
        problems += scanner.problems
    return problems
