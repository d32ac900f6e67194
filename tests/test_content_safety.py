"""Content cannot run code, load another site or reach outside the project.

Each unsafe construct an editor could write is refused by `smhsite check` with the file, the
line and what to write instead, and the build stops with the same words. The harmless HTML
editors need survives intact. Behind the check, the sanitiser removes anything outside the same
policy from every rendered page.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from sitekit import make_site, page
from smhsite.cli import main
from smhsite.html_policy import sanitise

TODAY = "2026-11-22"
# The Markdown body of a page made by `page()` starts on line 10.
BODY_LINE = 10


def check(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = main(["--root", str(root), "--today", TODAY, "check"])
    return code, capsys.readouterr().out.splitlines()[:-1]  # the summary line aside


def with_body(body: str) -> dict[str, str]:
    return {"docs/en/index.md": page("Home", body, type="home")}


SCRIPT = ("the <script> element would run code in visitors' browsers, and pages may not do "
          "that. Remove it. To show the code as text, put it between backticks, like `<script>`.")


def embed(tag: str) -> str:
    return (f"the <{tag}> element would load content from elsewhere into the page. Remove it and "
            "link to the content instead, like [Watch the video](https://example.org/video); "
            "images go in docs/ next to the page.")


def page_control(tag: str) -> str:
    return (f"the <{tag}> element would change how the whole page works or looks. Remove it: "
            "the site's templates and stylesheet take care of that. To show it as text, put it "
            f"between backticks, like `<{tag}>`.")


def unsafe_url(target: str, scheme: str) -> str:
    return (f"the address '{target}' starts with '{scheme}:', which can run code or hide what it "
            "opens. Link to a page of this site with a relative path ending in .md (like "
            "../roles/parents.md), or to a web address starting with https://.")


def event(attribute: str, tag: str) -> str:
    return (f"the attribute '{attribute}' on <{tag}> would run code when visitors use the page. "
            f"Remove '{attribute}=…': pages cannot run scripts.")


def attr_list(text: str, attribute: str) -> str:
    return (f"the attribute list '{text}' sets '{attribute}', which pages may not set. Keep only "
            "an id (#name), classes (.name) and plain attributes such as title, lang, dir or "
            "aria-label.")


ELEMENTS = ("a, abbr, b, bdi, bdo, blockquote, br, caption, cite, code, col, colgroup, data, dd, "
            "del, details, dfn, div, dl, dt, em, figcaption, figure, h1, h2, h3, h4, h5, h6, hr, "
            "i, img, ins, kbd, li, mark, ol, p, pre, q, s, samp, small, span, strong, sub, "
            "summary, sup, table, tbody, td, tfoot, th, thead, time, tr, u, ul, var, wbr")

# (id, Markdown body, the message on the body's first line)
UNSAFE = [
    ("script", "<script>alert(1)</script>\n", SCRIPT),
    ("script-uppercase", "<SCRIPT SRC=//evil.example/x.js></SCRIPT>\n", SCRIPT),
    ("iframe", '<iframe src="https://evil.example/"></iframe>\n', embed("iframe")),
    ("object", '<object data="x.swf"></object>\n', embed("object")),
    ("embed", '<embed src="x.swf">\n', embed("embed")),
    ("svg-onload", "<svg onload=alert(1)></svg>\n", embed("svg")),
    ("base", '<base href="//evil.example/">\n', page_control("base")),
    ("meta-refresh", '<meta http-equiv="refresh" content="0;url=//evil.example">\n',
     page_control("meta")),
    ("form", '<form action="//evil.example"></form>\n', page_control("form")),
    ("style-element", "<style>body{display:none}</style>\n", page_control("style")),
    ("link-element", '<link rel="stylesheet" href="//evil.example/x.css">\n',
     page_control("link")),
    ("javascript-link", "[Click](javascript:alert(1))\n", unsafe_url("javascript:alert(1)",
                                                                    "javascript")),
    ("mixed-case-scheme", "[Click](JaVaScRiPt:alert(1))\n",
     unsafe_url("JaVaScRiPt:alert(1)", "javascript")),
    ("vbscript-link", "[Click](vbscript:msgbox(1))\n", unsafe_url("vbscript:msgbox(1)",
                                                                 "vbscript")),
    ("data-link", "[Click](data:text/html;base64,PHNjcmlwdD4=)\n",
     unsafe_url("data:text/html;base64,PHNjcmlwdD4=", "data")),
    ("reference-link", "[x]: javascript:alert(1)\n\n[Click][x]\n",
     unsafe_url("javascript:alert(1)", "javascript")),
    ("autolink", "<javascript:alert(1)>\n", unsafe_url("javascript:alert(1)", "javascript")),
    ("entity-in-scheme", '<a href="java&#x09;script:alert(1)">x</a>\n',
     unsafe_url("java\tscript:alert(1)", "javascript")),
    ("event-attribute", "<details ontoggle=alert(1) open><summary>x</summary></details>\n",
     event("ontoggle", "details")),
    ("img-onerror", '<img alt="x" onerror="alert(1)">\n', event("onerror", "img")),
    ("style-attribute", '<p style="width:expression(alert(1))">x</p>\n',
     "the style attribute on <p> changes the look outside the site's stylesheet. Remove "
     "'style=…'; use Markdown formatting, or ask for a class in the stylesheet."),
    ("attr-list-event", '## Tips {: onclick="alert(1)" }\n',
     attr_list('{: onclick="alert(1)" }', "onclick")),
    ("attr-list-style", 'Text. {: style="display:none" }\n',
     attr_list('{: style="display:none" }', "style")),
    ("attr-list-href", '[x](index.md){ href="javascript:alert(1)" }\n',
     unsafe_url("javascript:alert(1)", "javascript")),
    ("external-image", "![Logo](https://tracker.example/pixel.png)\n",
     "the image 'https://tracker.example/pixel.png' is loaded from another site, which would "
     "tell that site who reads this page. Save the image in docs/en/ next to the page and use a "
     "relative path, like ![description](images/photo.jpg)."),
    ("unknown-element", "Press <Tab> to move.\n",
     "<tab> is not an HTML element pages may use. Write it in Markdown instead; to show '<tab>' "
     f"as text, put it between backticks or write &lt;tab&gt;. Elements pages may use: "
     f"{ELEMENTS}."),
    ("attribute-not-allowed", '<a href="privacy.md" target="_blank">x</a>\n',
     "the attribute 'target' is not allowed on <a>. Remove it. Attributes allowed on <a>: "
     "class, dir, href, hreflang, id, lang, role, title, aria-*."),
]


@pytest.mark.parametrize(("body", "expected"), [pytest.param(b, e, id=i) for i, b, e in UNSAFE])
def test_check_refuses_unsafe_markup(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                     body: str, expected: str) -> None:
    site = make_site(tmp_path, with_body(body))
    code, lines = check(site.root, capsys)
    assert lines == [f"docs/en/index.md:{BODY_LINE}: {expected}"]
    assert code == 1


def test_unsafe_markup_is_reported_on_its_own_line(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    body = "Fine.\n\n<p>\n  <img src=x.png alt=a\n       onerror=alert(1)>\n</p>\n"
    site = make_site(tmp_path, with_body(body))
    _, lines = check(site.root, capsys)
    assert lines == [f"docs/en/index.md:{BODY_LINE + 3}: {event('onerror', 'img')}"]


def test_code_shows_markup_as_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    body = ("Write `<script>` or `<Tab>` in backticks.\n\n```html\n<script>alert(1)</script>\n"
            "<iframe src=x></iframe>\n```\n\nOr escape it: &lt;Tab&gt;.\n")
    site = make_site(tmp_path, with_body(body))
    code, _ = check(site.root, capsys)
    assert code == 0
    site.build()
    html = site.html("index.html")
    assert "<code>&lt;script&gt;</code>" in html
    assert "&lt;Tab&gt;" in html
    assert "<script>alert(1)" not in html


def test_build_stops_with_the_same_messages(tmp_path: Path) -> None:
    body = "".join(b for _, b, _ in UNSAFE[:5])
    site = make_site(tmp_path, with_body(body))
    with pytest.raises(Abort):
        site.build()
    logged = "\n".join(site.messages())
    assert f"docs/en/index.md:{BODY_LINE}: {SCRIPT}" in logged
    assert f"docs/en/index.md:{BODY_LINE + 2}: {embed('iframe')}" in logged
    assert not list(site.site.rglob("index.html"))


def test_harmless_html_survives_intact(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    body = """\
<details><summary>What is <abbr title="Mental health literacy">MHL</abbr>?</summary>
Knowing how to get and keep good mental health.
</details>

Press <kbd>Tab</kbd> to move.<br>Then <kbd>Enter</kbd>.

| Left | Right |
|:-----|------:|
| a    | b     |

<figure markdown="1">
![A calm classroom](room.png){ loading=lazy }
<figcaption>A calm classroom</figcaption>
</figure>

Un mot en <span lang="fr">français</span>.
{: #words .lead }
"""
    site = make_site(tmp_path, {**with_body(body), "docs/en/room.png": b"\x89PNG\r\n"})
    code, lines = check(site.root, capsys)
    assert (code, lines) == (0, [])
    site.build()
    html = site.html("index.html")
    for fragment in ('<details><summary>What is <abbr title="Mental health literacy">MHL</abbr>?'
                     "</summary>", "<kbd>Tab</kbd>", "<br>", '<th align="left">Left</th>',
                     '<td align="right">b</td>', '<img alt="A calm classroom" loading="lazy" '
                     'src="room.png">', "<figcaption>A calm classroom</figcaption>",
                     '<span lang="fr">français</span>', 'class="lead" id="words"'):
        assert fragment in html, fragment


@pytest.mark.parametrize("payload", [
    "<script>alert(1)</script>", '<img src=x onerror="alert(1)">', "<svg><script>1</script>",
    '<a href="javascript:alert(1)">x</a>', '<a href=" jav&#x0A;ascript:alert(1)">x</a>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>', '<p style="x:expression(1)">x</p>',
    '<details open ontoggle="alert(1)">', '<form action="x"><button>go</button></form>',
    '<meta http-equiv="refresh" content="0">', '<base href="//evil.example/">',
    '<img src="https://tracker.example/p.png" alt="">', '<a href="data:text/html,x">x</a>',
    '<object data="x"></object>', '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
])
def test_sanitiser_keeps_nothing_that_runs_or_loads(payload: str) -> None:
    cleaned = sanitise(f"<p>before</p>{payload}<p>after</p>").lower()
    assert "<p>before</p>" in cleaned and "<p>after</p>" in cleaned
    for forbidden in ("<script", "<iframe", "<object", "<form", "<meta", "<base", "<svg",
                      "<math", " on", "style=", "javascript:", "data:", "tracker.example"):
        assert forbidden not in cleaned, (payload, cleaned)


# ------------------------------------------------------------------ files

SYMLINK = ("this is a symbolic link, and links could publish files from outside the project. "
           "Replace the link with a copy of the file itself.")


@pytest.mark.parametrize("where", ["docs/en/secret.md", "docs/en/files", "data/extra.yml"])
def test_symlinks_are_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                              where: str) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text(page("Secret", "Private notes.\n"), encoding="utf-8")
    site = make_site(tmp_path / "project")
    link = site.root / where
    link.symlink_to(outside / "secret.md" if where.endswith(".md") else outside)
    _, lines = check(site.root, capsys)
    assert lines == [f"{where}: {SYMLINK}"]
    with pytest.raises(Abort):
        site.build()
    assert "Private notes" not in "".join(
        f.read_text(encoding="utf-8") for f in site.site.rglob("*.html")) if site.site.exists() \
        else True
    assert not list(site.site.rglob("index.html"))


@pytest.mark.parametrize("slug", ["../../../escaped", "/tmp/absolute", "topics/../../up",
                                  "C:/windows", "topics\\grief", ""])
def test_new_refuses_a_path_outside_the_language_folder(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], slug: str) -> None:
    site = make_site(tmp_path / "project")
    before = sorted(p for p in tmp_path.rglob("*"))
    code = main(["--root", str(site.root), "new", "topic", slug])
    assert code == 2
    assert capsys.readouterr().err.splitlines() == [
        f"the path '{slug}' is not inside docs/<language>/. Give a path relative to the language "
        "folder, without '..', like topics/grief."]
    assert sorted(p for p in tmp_path.rglob("*")) == before


def test_new_refuses_a_folder_that_links_outside(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    site = make_site(tmp_path / "project")
    (tmp_path / "elsewhere").mkdir()
    (site.root / "docs/en/topics").symlink_to(tmp_path / "elsewhere")
    assert main(["--root", str(site.root), "new", "topic", "topics/grief"]) == 2
    assert not os.listdir(tmp_path / "elsewhere")


# ------------------------------------------------------------------ data


def test_ui_placeholders_are_plain_names(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    site = make_site(tmp_path)
    ui = site.root / "data/ui.yml"
    text = ui.read_text(encoding="utf-8")
    text = text.replace("Lecture : {minutes} min", "Lecture : {minutes.__class__} min", 1)
    ui.write_text(text, encoding="utf-8")
    line = text[:text.index("{minutes.__class__}")].count("\n") + 1
    _, lines = check(site.root, capsys)
    assert lines == [
        f"data/ui.yml:{line}: the placeholder '{{minutes.__class__}}' in the 'fr' text of "
        "'reading_time' is not a plain name. Placeholders are a name between braces, like "
        "{count}; to show a brace itself, write it twice: {{ or }}."]


# ------------------------------------------------------------------ links that leave the site


def test_links_to_other_sites_are_marked_in_each_language(tmp_path: Path) -> None:
    body = "See [Kids Help Phone](https://kidshelpphone.ca/) and [home](index.md).\n"
    site = make_site(tmp_path, {
        "docs/en/privacy.md": page("Privacy", body.replace("index.md", "../en/index.md")
                                   .replace("../en/", ""), type="statement"),
        "docs/fr/privacy.md": page("Confidentialité", body, type="statement")})
    site.build()
    for rel, hint in (("privacy/index.html", "(opens another site)"),
                      ("fr/privacy/index.html", "(ouvre un autre site)")):
        html = site.html(rel)
        assert re.search(r'<a href="https://kidshelpphone.ca/" class="smh-external-link" '
                         r'rel="noopener noreferrer">Kids Help Phone<span class="smh-vh"> '
                         + re.escape(hint) + "</span></a>", html), rel
        assert '<a href="../">home</a>' in html  # a link within the site is left as it is
        assert html.count("smh-external-link\" rel") == 1


# ------------------------------------------------------------------ the search index's input

PAGEFIND_ATTRIBUTE = re.compile(r'\sdata-pagefind-[a-z-]+="([^"]*)"')


def test_search_index_attributes_hold_only_plain_names(tmp_path: Path) -> None:
    """Pagefind reads attribute values as written, entities and all ("Who it&#39;s for"), so
    every text it indexes is element content and its attributes are fixed ASCII names."""
    resource = page("'L''aide d''un adulte : « oui » & <Tab>'", type="resource",
                    description="'Quand l''école dit « non » & plus'", extra=(
                        "topics: [anxiety]\ntiers: [1]\npillars: [equity]\n"
                        "format: tip-sheet\ntime_needed: 10\n"))
    site = make_site(tmp_path, {"docs/en/resources/help.md": resource,
                                "docs/fr/resources/help.md": resource.replace("L''aide", "Aide")})
    site.build()
    for rel in ("resources/help/index.html", "fr/resources/help/index.html"):
        values = PAGEFIND_ATTRIBUTE.findall(site.html(rel))
        assert values, rel
        assert all(re.fullmatch(r"[a-z][a-z0-9_-]*", value) for value in values), values
    fragment = (site.site / "fr/resources/help/index.html").read_text(encoding="utf-8")
    assert ('<span data-pagefind-meta="description">Quand l&#39;école dit «\u00a0non\u00a0» '
            "&amp; plus</span>") in fragment
