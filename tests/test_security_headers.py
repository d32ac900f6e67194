"""Content-Security-Policy, `_headers` and robots.txt: pure functions, then a real tiny build."""

from __future__ import annotations

import base64
import hashlib
import html
import re
from pathlib import Path

import pytest

from sitekit import make_site
from smhsite.security_headers import (
    IMMUTABLE,
    content_security_policy,
    hash_source,
    headers_file,
    immutable_paths,
    inline_script_hashes,
    insert_csp_meta,
    robots_txt,
)

META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
HASH = re.compile(r"'sha256-[A-Za-z0-9+/]+=*'")


def expected_source(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode() + "'"


def directives(policy: str) -> dict[str, str]:
    pairs = (part.strip().partition(" ") for part in policy.split(";"))
    return {name: value for name, _, value in pairs}


def header_blocks(text: str) -> dict[str, dict[str, str]]:
    """`_headers` text as {path pattern: {name: value}}."""
    blocks: dict[str, dict[str, str]] = {}
    current: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if line[0].isspace():
            name, _, value = line.strip().partition(": ")
            current[name] = value
        else:
            current = blocks.setdefault(line.strip(), {})
    return blocks


# ------------------------------------------------------------------ hashes

def test_hash_is_sha256_of_the_exact_script_text_in_base64() -> None:
    script = '\n  var note = "élève";\tconsole.log(note)  \n'
    page = f"<html><head><script>{script}</script></head><body></body></html>"
    assert inline_script_hashes(page) == [expected_source(script)]


def test_line_endings_are_hashed_as_the_browser_parses_them() -> None:
    assert hash_source("a\r\nb\rc") == expected_source("a\nb\nc")


def test_only_scripts_that_run_inline_are_hashed() -> None:
    page = """<head>
    <script id="__config" type="application/json">{"a": 1}</script>
    <script type="application/ld+json">{"@type": "WebSite"}</script>
    <script type="text/plain">not code</script>
    <script src="assets/app.js"></script>
    <script src="assets/empty.js">ignored()</script>
    <script>one()</script>
    <script type="text/javascript">two()</script>
    <SCRIPT TYPE=" Module ">three()</SCRIPT>
    <script language="javascript">four()</script>
    <script>one()</script>
    </head>"""
    assert inline_script_hashes(page) == [
        expected_source(code) for code in ("one()", "two()", "three()", "four()")]


def test_markup_inside_a_script_is_part_of_its_text() -> None:
    script = 'document.write("<p>&amp; <b>bold</b></p>")'
    assert inline_script_hashes(f"<body><script>{script}</script></body>") == [
        expected_source(script)]


# ------------------------------------------------------------------ policy and meta tag

def test_policy_allows_scripts_by_origin_and_hash_only() -> None:
    policy = directives(content_security_policy({"'sha256-b='", "'sha256-a='"}))
    assert policy["script-src"] == "'self' 'wasm-unsafe-eval' 'sha256-a=' 'sha256-b='"
    assert policy["default-src"] == "'self'"
    assert policy["worker-src"] == "'self' blob:"
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"


def test_meta_policy_leaves_out_what_a_meta_tag_cannot_carry() -> None:
    policy = directives(content_security_policy({"'sha256-a='"}, meta=True))
    assert "frame-ancestors" not in policy
    assert "report-uri" not in policy
    assert "sandbox" not in policy
    assert policy["script-src"].endswith("'sha256-a='")


PAGE = """<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="description" content="Say &quot;hello&quot; &amp; it's fine">
    <script>early()</script>
    <title>A "quoted" title</title>
  </head>
  <body><script src="late.js"></script></body>
</html>"""


def test_meta_tag_comes_right_after_charset_and_before_any_script() -> None:
    out = insert_csp_meta(PAGE, content_security_policy(inline_script_hashes(PAGE), meta=True))
    charset = out.index('<meta charset="utf-8">')
    meta = out.index('http-equiv="Content-Security-Policy"')
    assert charset < meta < out.index("<script")
    assert out.count("Content-Security-Policy") == 1
    assert 'content="Say &quot;hello&quot; &amp; it\'s fine"' in out
    assert inline_script_hashes(out) == inline_script_hashes(PAGE)


def test_meta_tag_value_is_escaped() -> None:
    out = insert_csp_meta(PAGE, 'default-src \'self\'; x "<y>" & z')
    found = META.search(out)
    assert found is not None
    assert html.unescape(found[1]) == 'default-src \'self\'; x "<y>" & z'


def test_meta_tag_without_charset_or_head_still_precedes_scripts() -> None:
    no_charset = insert_csp_meta("<html><head><script>x()</script></head></html>", "p")
    assert no_charset.index("Content-Security-Policy") < no_charset.index("<script")
    no_head = insert_csp_meta("<!doctype html><html><script>x()</script></html>", "p")
    assert no_head.index("<html>") < no_head.index("Content-Security") < no_head.index("<script")


# ------------------------------------------------------------------ _headers and robots.txt

# Names as Material 9.8 and Pagefind 1.5 write them, with the unhashed files beside them.
SITE_FILES = [
    "index.html", "404.html", "fr/index.html", "sitemap.xml",
    "assets/smh.css", "assets/hub.js", "assets/images/favicon.png",
    "assets/javascripts/bundle.a5f9d56c.min.js", "assets/javascripts/bundle.a5f9d56c.min.js.map",
    "assets/javascripts/lunr/min/lunr.fr.min.js", "assets/javascripts/lunr/tinyseg.js",
    "assets/javascripts/workers/search.a7633da7.min.js",
    "assets/javascripts/workers/search.a7633da7.min.js.map",
    "assets/stylesheets/main.57a0d79d.min.css", "assets/stylesheets/palette.fb2fffe2.min.css",
    "pagefind/pagefind.js", "pagefind/pagefind-ui.js", "pagefind/pagefind-worker.js",
    "pagefind/pagefind-entry.json", "pagefind/wasm.en.pagefind",
    "pagefind/pagefind.en_629f6827db.pf_meta", "pagefind/pagefind.fr_59bfd9d4c2.pf_meta",
    "pagefind/fragment/en_15a9c07.pf_fragment", "pagefind/index/fr_49df31c.pf_index",
    "pagefind/filter/en_3087148.pf_filter",
    "resources/files/plan_20240101.pdf",
]


def test_only_fingerprinted_files_are_cached_for_a_year() -> None:
    assert immutable_paths(SITE_FILES) == [
        "/assets/javascripts/bundle.a5f9d56c.min.js",
        "/assets/javascripts/bundle.a5f9d56c.min.js.map",
        "/assets/javascripts/workers/*",
        "/assets/stylesheets/*",
        "/pagefind/filter/*",
        "/pagefind/fragment/*",
        "/pagefind/index/*",
        "/pagefind/pagefind.en_629f6827db.pf_meta",
        "/pagefind/pagefind.fr_59bfd9d4c2.pf_meta",
    ]


def test_a_folder_with_one_unhashed_file_is_listed_file_by_file() -> None:
    files = ["assets/stylesheets/main.57a0d79d.min.css", "assets/stylesheets/extra.css"]
    assert immutable_paths(files) == ["/assets/stylesheets/main.57a0d79d.min.css"]


def test_headers_file_sets_the_policy_for_every_path() -> None:
    text = headers_file(content_security_policy({"'sha256-a='"}), immutable_paths(SITE_FILES))
    blocks = header_blocks(text)
    every = blocks["/*"]
    script_src = directives(every["Content-Security-Policy"])["script-src"]
    assert "'unsafe-inline'" not in script_src
    assert "'unsafe-eval'" not in script_src
    assert "'sha256-a='" in script_src
    assert every["Referrer-Policy"] == "no-referrer"
    assert every["X-Content-Type-Options"] == "nosniff"
    assert every["X-Frame-Options"] == "DENY"
    assert every["Cross-Origin-Opener-Policy"] == "same-origin"
    denied = every["Permissions-Policy"].split(", ")
    for feature in ("camera", "microphone", "geolocation", "payment", "usb",
                    "interest-cohort", "browsing-topics"):
        assert f"{feature}=()" in denied
    assert "Cache-Control" not in every
    cached = {path for path, headers in blocks.items() if headers.get("Cache-Control")}
    assert cached == set(immutable_paths(SITE_FILES))
    assert all(blocks[path] == {"Cache-Control": IMMUTABLE} for path in cached)


def test_headers_file_says_what_to_do_on_a_sub_path() -> None:
    text = headers_file(content_security_policy(set()), [])
    preamble = [line for line in text.splitlines() if line.startswith("#")]
    assert any("sub-path" in line for line in preamble)


@pytest.mark.parametrize(("site_url", "sitemap"), [
    ("https://smh.example.org/", "https://smh.example.org/sitemap.xml"),
    ("https://board.example/mental-health/", "https://board.example/mental-health/sitemap.xml"),
    ("https://board.example/mental-health", "https://board.example/mental-health/sitemap.xml"),
])
def test_robots_allows_all_and_names_the_absolute_sitemap(site_url: str, sitemap: str) -> None:
    lines = robots_txt(site_url).splitlines()
    assert lines[:2] == ["User-agent: *", "Allow: /"]
    assert f"Sitemap: {sitemap}" in lines


def test_robots_without_site_url_names_no_sitemap() -> None:
    assert "Sitemap" not in robots_txt(None)


# ------------------------------------------------------------------ a real build

def meta_policy(page: str) -> str:
    found = META.findall(page)
    assert len(found) == 1, "one CSP meta tag"
    return html.unescape(found[0])


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = make_site(tmp_path_factory.mktemp("security"))
    site.build(site_url="https://board.example/mental-health/")
    return site.site


def test_build_writes_headers_and_robots(built: Path) -> None:
    robots = (built / "robots.txt").read_text(encoding="utf-8")
    assert "Sitemap: https://board.example/mental-health/sitemap.xml" in robots.splitlines()
    blocks = header_blocks((built / "_headers").read_text(encoding="utf-8"))
    assert "Content-Security-Policy" in blocks["/*"]


def test_every_page_carries_one_policy_covering_its_inline_scripts(built: Path) -> None:
    pages = sorted(built.rglob("*.html"))
    rels = {page.relative_to(built).as_posix() for page in pages}
    assert {"index.html", "fr/index.html", "404.html", "fr/get-help/index.html"} <= rels
    header_policy = header_blocks(
        (built / "_headers").read_text(encoding="utf-8"))["/*"]["Content-Security-Policy"]
    header_hashes = set(HASH.findall(directives(header_policy)["script-src"]))
    for page in pages:
        text = page.read_text(encoding="utf-8")
        policy = meta_policy(text)
        scripts = set(inline_script_hashes(text))
        assert scripts, f"{page}: the theme writes inline scripts"
        assert set(HASH.findall(directives(policy)["script-src"])) == scripts, page
        assert scripts <= header_hashes, page
        assert "frame-ancestors" not in policy
        head = text[:text.index("</head>")]
        assert head.index("Content-Security-Policy") < head.index("<script"), page


def test_cached_patterns_name_files_that_exist(built: Path) -> None:
    files = {"/" + path.relative_to(built).as_posix() for path in built.rglob("*")
             if path.is_file()}
    blocks = header_blocks((built / "_headers").read_text(encoding="utf-8"))
    cached = [path for path, headers in blocks.items() if "Cache-Control" in headers]
    assert any(path.startswith("/pagefind/") for path in cached), "Pagefind's index is listed"
    for pattern in cached:
        prefix = pattern.removesuffix("*")
        matched = [f for f in files if f.startswith(prefix)] if pattern.endswith("*") else (
            [pattern] if pattern in files else [])
        assert matched, f"{pattern} matches no file"
        assert not any(f.endswith((".html", "pagefind.js", ".pagefind")) for f in matched)


def test_preview_pages_carry_no_meta_policy(tmp_path: Path) -> None:
    """`mkdocs serve` injects an inline live-reload script a meta policy would block."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    site = make_site(tmp_path)
    config = load_config(str(site.root / "mkdocs.yml"), strict=True)
    # MkDocs keeps one instance of a plugin that has on_startup for the whole process: tell it
    # "build" again afterwards, or every later build in this process would be a preview.
    config.plugins.on_startup(command="serve", dirty=False)  # as `mkdocs serve` does
    try:
        build(config)
    finally:
        config.plugins.on_startup(command="build", dirty=False)
    assert not META.search(site.html("index.html"))
    assert not META.search(site.html("404.html"))
    assert (site.site / "_headers").is_file()
