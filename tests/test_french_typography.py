"""French typography in everything the site generates: a no-break space, never a plain one,
before `: ; ? !` and inside « », on every French page of the default site (the 404 pages'
French parts included), in text and in the attributes people read; code, addresses and other
languages left as written."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from sitekit import default_build
from smhsite.typography import Spacing, typeset

PLAIN = re.compile(r".{0,25}(?: [:;?!»]|« ).{0,10}")
READ_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt", "content")
FRENCH = {"fr": Spacing(before=":;?!»", after="«", closing="»")}


class FrenchText(HTMLParser):
    """The French text of a page, as readers meet it (code, scripts and styles left out)."""

    SKIP = frozenset({"script", "style", "code", "pre", "template", "kbd", "samp"})
    VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
                      "meta", "source", "track", "wbr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str]] = []
        self.found: list[str] = []

    def lang(self) -> str:
        return self.stack[-1][1] if self.stack else ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        lang = values.get("lang") or self.lang()
        if lang.startswith("fr") and not any(t in self.SKIP for t, _ in self.stack):
            for name in READ_ATTRIBUTES:
                value = values.get(name) or ""
                if name == "content" and values.get("property", "").endswith(":url"):
                    continue
                self.found += [f"{tag}[{name}]: {m}" for m in PLAIN.findall(value)]
        if tag not in self.VOID:
            self.stack.append((tag, lang))

    def handle_endtag(self, tag: str) -> None:
        while self.stack and any(t == tag for t, _ in self.stack):
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.lang().startswith("fr") and not any(t in self.SKIP for t, _ in self.stack):
            self.found += PLAIN.findall(data)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return default_build(tmp_path_factory).site


def test_no_plain_space_before_french_marks_on_any_page(site: Path) -> None:
    pages = [*sorted(site.glob("fr/**/*.html")), site / "404.html"]
    assert len(pages) > 80
    problems = []
    for file in pages:
        reader = FrenchText()
        reader.feed(file.read_text(encoding="utf-8"))
        problems += [f"{file.relative_to(site)}: {found!r}" for found in reader.found]
    assert problems == []


def test_the_french_pages_carry_no_break_spaces_where_the_sources_have_plain_ones(
        site: Path) -> None:
    page = (site / "fr/topics/anxiety/index.html").read_text(encoding="utf-8")
    assert "Anxiété" in page and "\u00a0:" in page


@pytest.mark.parametrize(("html", "expected"), [
    ('<p lang="fr">Ça va ? Oui ! « bien »</p>',
     '<p lang="fr">Ça va\u00a0? Oui\u00a0! «\u00a0bien\u00a0»</p>'),
    ('<a lang="fr" aria-label="Suivant : la suite">x</a>',
     '<a lang="fr" aria-label="Suivant\u00a0: la suite">x</a>'),
    ('<p lang="fr">«serré»</p>', '<p lang="fr">«\u00a0serré\u00a0»</p>'),
    ('<p lang="en">Ready ? Go !</p>', '<p lang="en">Ready ? Go !</p>'),
    ('<p lang="fr"><code>a : b</code> c : d</p>', '<p lang="fr"><code>a : b</code> c\u00a0: d</p>'),
    ('<div lang="fr"><script>x = "a : b";</script>e : f</div>',
     '<div lang="fr"><script>x = "a : b";</script>e\u00a0: f</div>'),
    ('<a lang="fr" href="plan «c».pdf" title="Plan : oui">x</a>',
     '<a lang="fr" href="plan «c».pdf" title="Plan\u00a0: oui">x</a>'),
    ('<div lang="fr"><span lang="en">Help : now</span> Aide : ici</div>',
     '<div lang="fr"><span lang="en">Help : now</span> Aide\u00a0: ici</div>'),

    # An element's end is found past scripts and comments that hold tags of its own name.
    ('<p lang="fr"><script>s = "</p>";</script><b>c ; d</b></p> e : f',
     '<p lang="fr"><script>s = "</p>";</script><b>c\u00a0; d</b></p> e : f'),
    ('<div lang="en"><!-- <div lang="en"> --></div><p lang="fr">a : b</p>',
     '<div lang="en"><!-- <div lang="en"> --></div><p lang="fr">a\u00a0: b</p>'),
    ('<div lang="fr"><div>a : b</div><div lang="en">c : d</div>e : f</div>g : h',
     '<div lang="fr"><div>a\u00a0: b</div><div lang="en">c : d</div>e\u00a0: f</div>g : h'),
])
def test_typeset_by_the_language_of_each_element(html: str, expected: str) -> None:
    assert typeset(html, FRENCH, "en") == expected


# The fast path (only the tokens near a mark are looked at) must give what the token-by-token
# path gives, on every kind of chunk: plain ones, and the ones that send it to the slow path.
PIECES = ["a", " ", "\n", ":", " :", "?", " !", "«", "»", "« x »", "é", "😀", "&amp;", '"', "'",
          "=", "/", ">", "<", "<b>", "</b>", "<br/>", '<a title="Suivant : la">',
          "<a title='x : «y»'>", '<img alt="« a »" src="/x:y">', '<i data-x="a>b">',
          "<i title='a<b'>", '<a href="#x" class="c : d">', "<b title=a : b>"]


def test_the_fast_path_agrees_with_the_token_by_token_one() -> None:
    import random

    from smhsite.typography import _spaced_chunk, _spaced_tokens

    rule = FRENCH["fr"]
    # Most chunks are made of well-formed pieces; one in four draws from every piece.
    safe = [p for p in PIECES if p not in {">", "<", '<i data-x="a>b">', "<i title='a<b'>"}]
    changed = 0
    for seed in range(2000):
        rng = random.Random(seed)
        pool = PIECES if seed % 4 == 0 else safe
        chunk = "".join(rng.choice(pool) for _ in range(rng.randint(1, 40)))
        spaced = _spaced_tokens(chunk, rule)
        assert _spaced_chunk(chunk, rule) == spaced, chunk
        changed += spaced != chunk
    assert changed > 1000  # the chunks do give the rules work


def test_the_fast_path_agrees_on_every_french_page(site: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from smhsite import typography

    pages = sorted(site.glob("fr/**/*.html"))
    # The pages as written before typography: no-break spaces back to plain ones.
    sources = [file.read_text(encoding="utf-8").replace("\u00a0", " ") for file in pages]
    fast = [typeset(html, FRENCH, "fr") for html in sources]
    monkeypatch.setattr(typography, "_PLAIN", re.compile("(?!)"))  # every chunk: slow path
    slow = [typeset(html, FRENCH, "fr") for html in sources]
    assert len(pages) > 80
    for file, one, other in zip(pages, fast, slow, strict=True):
        assert one == other, file
