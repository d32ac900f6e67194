"""Content-Security-Policy, security headers and robots.txt for the built site.

Scripts are allowed by origin and, for the few inline ones the theme writes, by the hash of their
exact text, so the policy needs no 'unsafe-inline' for scripts. The policy goes twice into the
site: as a `<meta>` tag in every page (hosts that cannot set headers: GitHub Pages, S3) and as a
header in `_headers` (Netlify, Cloudflare Pages), which can also say what a meta tag cannot.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from html.parser import HTMLParser
from pathlib import PurePosixPath

# Types a browser runs (or, for import maps and speculation rules, checks against script-src).
# Data blocks such as application/json or application/ld+json are neither: they need no hash.
_JAVASCRIPT_TYPES = frozenset({
    "application/ecmascript", "application/javascript", "application/x-ecmascript",
    "application/x-javascript", "text/ecmascript", "text/javascript", "text/javascript1.0",
    "text/javascript1.1", "text/javascript1.2", "text/javascript1.3", "text/javascript1.4",
    "text/javascript1.5", "text/jscript", "text/livescript", "text/x-ecmascript",
    "text/x-javascript", "module", "importmap", "speculationrules",
})

# Pagefind compiles WebAssembly ('wasm-unsafe-eval') and searches in a worker. Pagefind 1.5.2
# starts it from pagefind-worker.js ('self'); blob: stays for loaders that start it from a blob
# URL. Styles stay 'unsafe-inline': the theme and Pagefind's interface set style attributes,
# and styles cannot run code.
_DIRECTIVES: tuple[tuple[str, str], ...] = (
    ("default-src", "'self'"),
    ("script-src", "'self' 'wasm-unsafe-eval'"),
    ("style-src", "'self' 'unsafe-inline'"),
    ("img-src", "'self' data:"),
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("worker-src", "'self' blob:"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
    ("frame-ancestors", "'none'"),
    ("manifest-src", "'self'"),
)
# Directives a <meta> policy may not carry: browsers ignore them there and warn.
_HEADER_ONLY = frozenset({"frame-ancestors", "report-uri", "sandbox"})

# Powerful features no page of the site uses, and the advertising-interest APIs (Topics and
# its predecessor FLoC), all denied. Only names Chromium knows: it warns about the others.
_DENIED_FEATURES = (
    "accelerometer", "autoplay", "browsing-topics", "camera", "display-capture", "geolocation",
    "gyroscope", "hid", "interest-cohort", "magnetometer", "microphone", "midi", "payment",
    "publickey-credentials-get", "serial", "usb", "xr-spatial-tracking",
)

SECURITY_HEADERS: tuple[tuple[str, str], ...] = (
    ("Referrer-Policy", "no-referrer"),
    ("X-Content-Type-Options", "nosniff"),
    ("Permissions-Policy", ", ".join(f"{name}=()" for name in _DENIED_FEATURES)),
    ("X-Frame-Options", "DENY"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
)
IMMUTABLE = "public, max-age=31536000, immutable"

# Files whose name carries a hash of their content, so a new version gets a new name.
# Names are matched per producer, not by "any hex run": a download called plan_20240101.pdf
# must not be cached for a year.
_FINGERPRINTED = (
    re.compile(r"^assets/(?:.+/)?[\w-]+\.[0-9a-f]{8}\.min\.(?:js|css)(?:\.map)?$"),  # Material
    re.compile(r"^pagefind/(?:.+/)?[\w.-]+_[0-9a-f]{7,}\.pf_[a-z]+$"),  # Pagefind chunks
)

_HEADERS_PREAMBLE = """\
# Response headers for Netlify and Cloudflare Pages, written by the build. Do not edit: rebuild.
# Paths are relative to the root of the published folder (site/), which these hosts serve at the
# root of the domain. If site/ is published under a sub-path instead (for example
# https://board.example/mental-health/) and the host reads one _headers file for the whole
# domain, put every path below under that prefix (/mental-health/*, /mental-health/assets/...).
# Hosts without _headers (GitHub Pages, S3) still get the Content-Security-Policy from the
# <meta> tag in every page; the other headers need the web server's own configuration there.
"""


# ------------------------------------------------------------------ inline scripts and hashes

class _InlineScripts(HTMLParser):
    """Collects the text of every inline script a browser would run."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.texts: list[str] = []
        self._current: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self._current = [] if _runs_inline(dict(attrs)) else None

    def handle_data(self, data: str) -> None:
        if self._current is not None:
            self._current.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._current is not None:
            self.texts.append("".join(self._current))
            self._current = None


def _runs_inline(attrs: dict[str, str | None]) -> bool:
    """The HTML standard's rule for the script's type, for a script without `src`."""
    if "src" in attrs:
        return False
    kind = attrs.get("type")
    if kind is None:
        language = (attrs.get("language") or "").strip()
        kind = f"text/{language}" if language else ""
    kind = kind.strip().lower()
    return kind == "" or kind in _JAVASCRIPT_TYPES


def hash_source(script_text: str) -> str:
    """The CSP source that allows this exact script text.

    Browsers hash the text as parsed, where every CR LF or lone CR has become LF, in UTF-8.
    """
    text = script_text.replace("\r\n", "\n").replace("\r", "\n")
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


_SCRIPT_ELEMENT = re.compile(r"<script\b.*?</script\s*>", re.IGNORECASE | re.DOTALL)


def inline_script_hashes(html: str) -> list[str]:
    """The CSP hash source of each inline executable script of the page, in page order, once.

    Only the script elements go through the HTML parser: a script's text ends at the first
    "</script", so each element is found whole, and the rest of the page is not read twice.
    """
    parser = _InlineScripts()
    for element in _SCRIPT_ELEMENT.finditer(html):
        parser.feed(element.group(0))
    parser.close()
    return list(dict.fromkeys(hash_source(text) for text in parser.texts))


# ------------------------------------------------------------------ the policy

def content_security_policy(hashes: Iterable[str], *, meta: bool = False) -> str:
    """The policy, allowing the given inline script hashes; `meta=True` for a <meta> tag."""
    extra = " ".join(sorted(set(hashes)))
    parts = []
    for name, value in _DIRECTIVES:
        if meta and name in _HEADER_ONLY:
            continue
        if name == "script-src" and extra:
            value = f"{value} {extra}"
        parts.append(f"{name} {value}")
    return "; ".join(parts)


_HEAD = re.compile(r"<head(?:\s[^>]*)?>", re.IGNORECASE)
# Without a <head> tag the browser opens one at the first element: go after <html> at least.
_DOCUMENT_START = re.compile(r"\s*(?:<!doctype[^>]*>)?\s*(?:<html(?:\s[^>]*)?>)?", re.IGNORECASE)
_CHARSET = re.compile(r"<meta\s[^>]*\bcharset\s*=[^>]*>", re.IGNORECASE)
_SCRIPT_OR_HEAD_END = re.compile(r"<script\b|</head\s*>", re.IGNORECASE)


def _attribute(value: str) -> str:
    """A value safe inside a double-quoted attribute (single quotes stay readable)."""
    return (value.replace("&", "&amp;").replace('"', "&quot;")
            .replace("<", "&lt;").replace(">", "&gt;"))


def meta_tag(policy: str) -> str:
    return f'<meta http-equiv="Content-Security-Policy" content="{_attribute(policy)}">'


def insert_csp_meta(html: str, policy: str) -> str:
    """The page with the policy's <meta> tag first in <head>, after <meta charset>.

    A meta policy covers only what comes after it, so it must precede every script.
    """
    head = _HEAD.search(html) or _DOCUMENT_START.match(html)
    at = head.end() if head else 0
    limit = _SCRIPT_OR_HEAD_END.search(html, at)
    charset = _CHARSET.search(html, at, limit.start() if limit else len(html))
    if charset is not None:
        at = charset.end()
    return f"{html[:at]}\n{meta_tag(policy)}{html[at:]}"


# ------------------------------------------------------------------ host files

def immutable_paths(site_files: Iterable[str]) -> list[str]:
    """`_headers` path patterns covering exactly the fingerprinted files of the site.

    `site_files` are POSIX paths relative to the site root. A folder whose every file is
    fingerprinted becomes one `/folder/*` rule (a trailing `*` is the only wildcard every host
    reads the same, and it also matches sub-folders); other fingerprinted files are listed one
    by one, since their folders hold files that change under the same name.
    """
    files = sorted(set(site_files))
    hashed = {path for path in files if any(rule.match(path) for rule in _FINGERPRINTED)}
    plain_folders = {str(parent) for path in files if path not in hashed
                     for parent in PurePosixPath(path).parents}
    patterns: set[str] = set()
    for path in hashed:
        folders = [str(p) for p in reversed(PurePosixPath(path).parents) if str(p) != "."]
        whole = next((folder for folder in folders if folder not in plain_folders), None)
        patterns.add(f"/{whole}/*" if whole else f"/{path}")
    return sorted(patterns)


def headers_file(policy: str, immutable: Iterable[str]) -> str:
    """The text of a `_headers` file: security headers for every path, long caching for
    fingerprinted files only (everything else keeps the host's default, revalidated)."""
    lines = [_HEADERS_PREAMBLE, "/*", f"  Content-Security-Policy: {policy}"]
    lines += [f"  {name}: {value}" for name, value in SECURITY_HEADERS]
    for pattern in immutable:
        lines += ["", pattern, f"  Cache-Control: {IMMUTABLE}"]
    return "\n".join(lines) + "\n"


def robots_txt(site_url: str | None) -> str:
    """Every crawler allowed; the sitemap named by its absolute address when the site has one.

    Crawlers read robots.txt only at the root of a domain: a site on a sub-path has its lines
    copied into that file by whoever runs the domain.
    """
    lines = ["User-agent: *", "Allow: /"]
    if site_url:
        base = site_url if site_url.endswith("/") else site_url + "/"
        lines += ["", f"Sitemap: {base}sitemap.xml"]
    return "\n".join(lines) + "\n"
