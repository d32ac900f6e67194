"""Where a build's time goes: `python profile_build.py PROJECT` builds PROJECT strictly under
cProfile, in one process, and prints seconds per part of the work as JSON.

Each function's own time counts for the part its file belongs to; the time of built-in functions
(regular expressions, the HTML sanitiser, string methods) counts for the part that called them,
except file reading and writing, which are a part of their own. The profiler slows Python code
more than built-in code, so the shares are a guide, not a measurement.
"""

from __future__ import annotations

import cProfile
import json
import os
import pstats
import sys
from pathlib import Path
from typing import Any

# (part, substrings of a file path), the first match wins.
PARTS: list[tuple[str, tuple[str, ...]]] = [
    ("Markdown to HTML (Python-Markdown, extensions)", ("/markdown/", "/pymdownx/")),
    ("templates (Jinja, the theme's and ours)",
     ("/jinja2/", "/markupsafe/", ".html", "<template>")),
    ("static-i18n's language passes", ("/mkdocs_static_i18n/",)),
    ("the theme's plugins and helpers (Material)", ("/material/",)),
    ("content check (front matter, links, data)", (
        "/smhsite/check.py", "/smhsite/validation.py", "/smhsite/rules.py",
        "/smhsite/markdown_scan.py", "/smhsite/markup_check.py", "/smhsite/content.py",
        "/smhsite/yamlfile.py", "/smhsite/data.py", "/smhsite/crisis.py", "/smhsite/problems.py",
        "/smhsite/translations.py", "/smhsite/languages.py", "/pydantic", "/yaml/")),
    ("catalogue, menus and page views", (
        "/smhsite/catalogue.py", "/smhsite/views.py", "/smhsite/navigation.py",
        "/smhsite/learning.py", "/smhsite/present.py")),
    ("HTML passes (sanitising, typography, links, CSP)", (
        "/smhsite/html_policy.py", "/smhsite/typography.py", "/smhsite/external_links.py",
        "/smhsite/security_headers.py")),
    ("crisis audit of every written page", ("/smhsite/crisis_audit.py", "/html/parser.py")),
    ("search index (Pagefind)", ("/subprocess.py", "/selectors.py")),
    ("MkDocs (files, navigation, links, pages)", ("/mkdocs/", "/smhsite_mkdocs/")),
]
FILE_IO = ("write", "read", "open", "mkdir", "stat", "scandir", "copyfile", "utime", "unlink",
           "rmdir", "listdir", "makedirs", "chmod", "sendfile")
FILES = "reading and writing files"
OTHER = "other (start-up, imports, standard library)"


def part_of(path: str) -> str:
    for part, markers in PARTS:
        if any(marker in path for marker in markers):
            return part
    return OTHER


def parts(stats: pstats.Stats) -> dict[str, float]:
    table: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]
    totals: dict[str, float] = {}
    for (path, _, name), (_, _, own, _, callers) in table.items():
        if path != "~":  # a Python function
            totals[part_of(path)] = totals.get(part_of(path), 0.0) + own
            continue
        if any(f" {word}" in name or f".{word}" in name or f"'{word}'" in name
               for word in FILE_IO):
            totals[FILES] = totals.get(FILES, 0.0) + own
            continue
        # a built-in: its time goes to its callers, in proportion to what each one spent
        spent = sum(entry[2] for entry in callers.values()) or 1.0
        for (caller_path, _, _), entry in callers.items():
            share = own * entry[2] / spent
            totals[part_of(caller_path)] = totals.get(part_of(caller_path), 0.0) + share
    return totals


def main() -> None:
    project = Path(sys.argv[1]).resolve()
    os.chdir(project)
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(project / "mkdocs.yml"), strict=True)
    profiler = cProfile.Profile()
    profiler.enable()
    build(config)
    profiler.disable()
    stats = pstats.Stats(profiler)
    print(json.dumps({"total": stats.total_tt, "parts": parts(stats)}))  # type: ignore[attr-defined]


if __name__ == "__main__":
    main()
