"""Typography by language: the no-break spaces a language's rules ask for, in generated HTML.

French sets a space before `: ; ? !` and inside « »; a plain space there lets the mark wrap onto
a line of its own. The rules are data (`typography` in data/site.yml), applied to the finished
HTML of every page, so they hold for content, data, interface strings and templates alike, in
text and in attribute values (which scripts show), by the language of each element (`lang`).
Code, scripts and styles are left as written.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

NO_BREAK_SPACE = "\u00a0"
_TAG = re.compile(r"<!--.*?-->|<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>",
                  re.S)
_LANG = re.compile(r"""\slang\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.I)
_ATTRIBUTE_VALUE = re.compile(r'(\s([\w:.-]+)\s*=\s*")([^"]*)(")')
# Attributes that hold addresses, and values that look like one, are never changed.
_ADDRESS_ATTRIBUTES = frozenset({"href", "src", "srcset", "action", "formaction", "cite", "poster",
                                 "data", "data-bundle", "data-site-root", "data-exit-url",
                                 "data-prefix", "id", "class", "for", "name", "value", "lang",
                                 "hreflang", "type", "rel",
                                 # the rules themselves, handed to scripts
                                 "data-space-before", "data-space-after"})
_ADDRESS = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|/|\.\.?/|#)")
# Elements whose content is not prose: kept exactly as written.
_VERBATIM = frozenset({"script", "style", "textarea"})
_CODE = frozenset({"pre", "code", "kbd", "samp"})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "source", "track", "wbr"})


@dataclass(frozen=True)
class Spacing:
    """A no-break space before `before` marks (replacing a plain space there) and after
    `after` marks (added when missing); `closing` marks get one before them when missing."""

    before: str
    after: str = ""
    closing: str = ""

    def apply(self, text: str) -> str:
        if self.before:
            text = re.sub(f"[ \t\n]+(?=[{re.escape(self.before)}])", NO_BREAK_SPACE, text)
        if self.after:
            text = re.sub(f"(?<=[{re.escape(self.after)}])(?:[ \t\n]+|(?=[^\\s]))",
                          NO_BREAK_SPACE, text)
        if self.closing:
            text = re.sub(f"(?<=[^\\s{re.escape(self.after)}])(?=[{re.escape(self.closing)}])",
                          NO_BREAK_SPACE, text)
        return text


def typeset(html: str, rules: Mapping[str, Spacing], page_lang: str) -> str:
    """The page with each language's spacing applied to its text and attribute values."""
    if not rules:
        return html
    out: list[str] = []
    stack: list[tuple[str, str]] = []  # open elements: (tag, language)
    code_depth = 0
    pos = 0
    while True:
        match = _TAG.search(html, pos)
        end = match.start() if match else len(html)
        lang = stack[-1][1] if stack else page_lang
        rule = rules.get(lang.split("-")[0].lower())
        text = html[pos:end]
        out.append(rule.apply(text) if rule and not code_depth else text)
        if match is None:
            return "".join(out)
        token = match.group(0)
        closing, tag, attributes = match.group(1), (match.group(2) or "").lower(), match.group(3)
        pos = match.end()
        if not tag:  # a comment
            out.append(token)
            continue
        if closing:
            while stack and any(open_tag == tag for open_tag, _ in stack):
                top, _ = stack.pop()
                if top in _CODE:
                    code_depth -= 1
                if top == tag:
                    break
            out.append(token)
            continue
        own = _LANG.search(attributes or "")
        element_lang = next(g for g in own.groups() if g is not None) if own else lang
        element_rule = rules.get(element_lang.split("-")[0].lower())
        if element_rule and not code_depth and tag not in _CODE:
            token = _ATTRIBUTE_VALUE.sub(_spaced_value(element_rule), token)
        out.append(token)
        if tag in _VERBATIM:
            close = html.lower().find(f"</{tag}", pos)
            close = len(html) if close < 0 else html.find(">", close) + 1 or len(html)
            out.append(html[pos:close])  # the content and the closing tag, as written
            pos = close
            continue
        if tag in _VOID or token.endswith("/>"):
            continue
        stack.append((tag, element_lang))
        if tag in _CODE:
            code_depth += 1


def _spaced_value(rule: Spacing) -> Callable[[re.Match[str]], str]:
    def spaced(match: re.Match[str]) -> str:
        name, value = match.group(2).lower(), match.group(3)
        # An address has no spaces; "Suivant : la suite" is a sentence.
        if name in _ADDRESS_ATTRIBUTES or (_ADDRESS.match(value) and not re.search(r"\s", value)):
            return match.group(0)
        return match.group(1) + rule.apply(value) + match.group(4)
    return spaced
