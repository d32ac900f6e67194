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
from functools import cached_property

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
_END_TAGS = {tag: re.compile(f"</{tag}", re.I) for tag in _VERBATIM}
# Where the language may change or the text is not prose: comments, code, verbatim elements,
# and elements with a lang attribute. Everything else is set in bulk.
# ("<" first, outside the alternatives, is what lets the search skip ahead to each tag.)
_SPECIAL = re.compile(r"<(?:!--.*?-->|(?:script|style|textarea|pre|code|kbd|samp)(?=[\s/>])"
                      r"|[a-zA-Z][a-zA-Z0-9-]*+(?=[^>]*?\slang\s*=))", re.S | re.I)
_TEXT_OR_TAG = re.compile(r"<!--.*?-->|<(?:[^>\"']|\"[^\"]*\"|'[^']*')*>|[^<]+|<", re.S)
# A chunk whose every "<" opens a tag closed before the next "<", whose tags' quotes pair up and
# hold no "<" or ">", and whose text holds no ">": what the site's templates, the theme and the
# sanitiser write. Possessive, so that a chunk that is not plain fails at once.
_PLAIN = re.compile(r"""(?:[^<>]++|<[^<>"']*+(?:(?:"[^"<>]*+"|'[^'<>]*+')[^<>"']*+)*+>)*+""")
_SAME_TAG: dict[str, re.Pattern[str]] = {}
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

    @cached_property
    def _patterns(self) -> list[re.Pattern[str]]:
        # Compiled once per rule: every text and attribute value of every page goes through it.
        patterns = []
        if self.before:
            patterns.append(re.compile(f"[ \t\n]+(?=[{re.escape(self.before)}])"))
        if self.after:
            patterns.append(re.compile(f"(?<=[{re.escape(self.after)}])(?:[ \t\n]+|(?=[^\\s]))"))
        if self.closing:
            patterns.append(re.compile(
                f"(?<=[^\\s{re.escape(self.after)}])(?=[{re.escape(self.closing)}])"))
        return patterns

    @cached_property
    def plain_marks(self) -> bool:
        """No mark is part of the HTML syntax that tells tags and text apart."""
        return not set(self.before + self.after + self.closing) & set("<>\"'")

    @cached_property
    def needs(self) -> re.Pattern[str]:
        """Where the rules may change something (a space before a `before` mark, or an `after`
        or `closing` mark): text without a match is left as it is. One character class first,
        so that the search skips ahead to each candidate."""
        marks = re.escape(self.after + self.closing)
        space = " \t\n" if self.before else ""
        if not space + marks:
            return re.compile("(?!)")
        conditions = []
        if marks:
            conditions.append(f"(?<=[{marks}])")
        if space:
            conditions.append(f"(?=[{re.escape(self.before)}])")
        return re.compile(f"[{space}{marks}](?:{'|'.join(conditions)})")

    def apply(self, text: str) -> str:
        if not self.needs.search(text):
            return text
        for pattern in self._patterns:
            text = pattern.sub(NO_BREAK_SPACE, text)
        return text


def typeset(html: str, rules: Mapping[str, Spacing], page_lang: str) -> str:
    """The page with each language's spacing applied to its text and attribute values."""
    if not rules:
        return html
    out: list[str] = []
    _region(html, 0, len(html), page_lang, rules, out)
    return "".join(out)


def _region(html: str, start: int, end: int, lang: str, rules: Mapping[str, Spacing],
            out: list[str]) -> None:
    """html[start:end], in `lang`, into `out`. Only the elements that change the language or
    are not prose are looked at one by one; the text between them is set in bulk, so a page in
    a language without rules costs almost nothing."""
    rule = _rule(rules, lang)
    pos = start
    while True:
        special = _SPECIAL.search(html, pos, end)
        stop = special.start() if special else end
        if stop > pos:
            chunk = html[pos:stop]
            out.append(_spaced_chunk(chunk, rule) if rule else chunk)
        if special is None:
            return
        tag = None if special.group(0).startswith("<!--") else _TAG.match(html, stop, end)
        if tag is None:  # a comment, or a "<" that opens no tag
            out.append(special.group(0))
            pos = special.end()
            continue
        name, token = tag.group(2).lower(), tag.group(0)
        own = _LANG.search(tag.group(3) or "")
        element_lang = next(g for g in own.groups() if g is not None) if own else lang
        element_rule = _rule(rules, element_lang)
        if name in _CODE:  # as written, up to the element's end
            pos = _element_end(html, name, tag.end(), end)[1]
            out.append(html[stop:pos])
            continue
        out.append(_spaced_tag(token, element_rule) if element_rule else token)
        pos = tag.end()
        if name in _VERBATIM:  # the content and the closing tag, as written
            close = _verbatim_end(html, name, pos, end)
            out.append(html[pos:close])
            pos = close
        elif name not in _VOID and not token.endswith("/>"):
            inner_end, close = _element_end(html, name, pos, end)
            _region(html, pos, inner_end, element_lang, rules, out)
            out.append(html[inner_end:close])
            pos = close


def _rule(rules: Mapping[str, Spacing], lang: str) -> Spacing | None:
    return rules.get(lang.split("-")[0].lower())


def _element_end(html: str, name: str, pos: int, end: int) -> tuple[int, int]:
    """Where the element opened just before `pos` closes: (start, end) of its closing tag.
    Comments and the content of scripts, styles and text areas are not looked into."""
    pattern = _SAME_TAG.get(name)
    if pattern is None:
        pattern = _SAME_TAG[name] = re.compile(
            "<!--.*?-->|<(script|style|textarea)(?=[\\s/>])"
            f"|<(/?){re.escape(name)}(?=[\\s/>])(?:[^>\"']|\"[^\"]*\"|'[^']*')*>",
            re.S | re.I)
    depth = 1
    while True:
        match = pattern.search(html, pos, end)
        if match is None:
            return end, end
        pos = match.end()
        if match.group(1):  # a verbatim element: its content is skipped
            pos = _verbatim_end(html, match.group(1).lower(), pos, end)
        elif match.group(2) is None:  # a comment
            continue
        elif match.group(2):
            depth -= 1
            if not depth:
                return match.start(), match.end()
        elif not match.group(0).endswith("/>"):
            depth += 1


def _verbatim_end(html: str, name: str, pos: int, end: int) -> int:
    """Just past the closing tag of the script, style or text area whose content starts at
    `pos` (its content is text, whatever it looks like)."""
    closing = _END_TAGS[name].search(html, pos, end)
    return end if closing is None else (html.find(">", closing.start(), end) + 1 or end)


def _spaced_chunk(chunk: str, rule: Spacing) -> str:
    """Text and tags in one language: spacing in the text and in the tags' attribute values."""
    found = rule.needs.search(chunk)
    if found is None:
        return chunk
    if not rule.plain_marks or not _PLAIN.fullmatch(chunk):
        return _spaced_tokens(chunk, rule)
    # Only the tokens (a tag, or the text between two tags) where the rules may change
    # something are looked at; in a plain chunk, a position is inside a tag exactly when the
    # last "<" before it comes after the last ">". The token is the one _spaced_tokens sees.
    out: list[str] = []
    done = 0
    while found is not None:
        at = found.start()
        opened = chunk.rfind("<", done, at)
        if opened > chunk.rfind(">", done, at):  # in the tag that starts at `opened`
            end = chunk.index(">", at) + 1
            out += [chunk[done:opened], _spaced_tag(chunk[opened:end], rule)]
        else:
            start = chunk.rfind(">", done, at) + 1 or done
            end = chunk.find("<", at)
            end = len(chunk) if end < 0 else end
            out += [chunk[done:start], rule.apply(chunk[start:end])]
        done = end
        found = rule.needs.search(chunk, done)
    out.append(chunk[done:])
    return "".join(out)


def _spaced_tokens(chunk: str, rule: Spacing) -> str:
    """_spaced_chunk token by token: right for any chunk, and slower."""
    return _TEXT_OR_TAG.sub(
        lambda m: (_spaced_tag(m.group(0), rule) if m.group(0).startswith("<")
                   else rule.apply(m.group(0))), chunk)


def _spaced_tag(token: str, rule: Spacing) -> str:
    if token.startswith(("</", "<!")) or not rule.needs.search(token):
        return token
    return _ATTRIBUTE_VALUE.sub(_spaced_value(rule), token)


def _spaced_value(rule: Spacing) -> Callable[[re.Match[str]], str]:
    def spaced(match: re.Match[str]) -> str:
        name, value = match.group(2).lower(), match.group(3)
        # An address has no spaces; "Suivant : la suite" is a sentence.
        if name in _ADDRESS_ATTRIBUTES or (_ADDRESS.match(value) and not re.search(r"\s", value)):
            return match.group(0)
        return match.group(1) + rule.apply(value) + match.group(4)
    return spaced
