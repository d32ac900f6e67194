"""Finding the pages of a site and reading their front matter, keeping line numbers."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from smhsite.languages import Languages
from smhsite.markdown_scan import Link, Prose, links_in, prose_lines
from smhsite.problems import Problem
from smhsite.yamlfile import YamlDoc, describe, parse

# Other endings MkDocs reads as pages; the site's rules know pages by .md alone.
OTHER_MARKDOWN = frozenset({".markdown", ".mdown", ".mkdn", ".mkd"})
_FENCE = re.compile(r"^(---|\.\.\.)[ \t]*$")


@dataclass
class SourcePage:
    """One Markdown file as an editor wrote it."""

    path: str  # relative to the project root, POSIX: docs/fr/roles/parents.md
    lang: str  # en | fr
    rel: str  # relative to the language folder: roles/parents.md
    meta: dict[str, Any] = field(default_factory=dict)
    meta_doc: YamlDoc | None = None
    body: str = ""
    body_line: int = 1  # file line on which `body` starts

    @cached_property
    def prose(self) -> Prose:
        """The body's lines outside code, read once for every rule that looks at the text."""
        return list(prose_lines(self.body, self.body_line))

    @cached_property
    def links(self) -> list[Link]:
        return links_in(self.prose)

    def line_of(self, key: str | int, *more: str | int) -> int | None:
        if self.meta_doc is None:
            return 1
        return self.meta_doc.line_of((key, *more), default=1)


def read_text(file: Path, rel_path: str) -> tuple[str | None, list[Problem]]:
    """Decode a UTF-8 file (a byte-order mark is fine); CRLF line endings become LF."""
    raw = file.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        return None, [Problem(rel_path, line, "not-utf8", {"offset": err.start})]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


def split_front_matter(text: str, page: SourcePage) -> list[Problem]:
    """Fill `page.meta` and `page.body` from the file's text."""
    if not text.strip():
        return [Problem(page.path, 1, "empty-file")]
    lines = text.split("\n")
    if not _FENCE.match(lines[0]) or lines[0].startswith("..."):
        page.body = text
        return [Problem(page.path, 1, "no-front-matter")]
    end = next((i for i in range(1, len(lines)) if _FENCE.match(lines[i])), None)
    if end is None:
        return [Problem(page.path, 1, "unclosed-front-matter")]
    page.body = "\n".join(lines[end + 1:])
    page.body_line = end + 2
    doc, problems = parse("\n".join(lines[1:end]), page.path, first_line=2)
    if doc is None:
        return problems
    if not isinstance(doc.data, dict):
        return [*problems, Problem(page.path, 2, "yaml-not-mapping",
                                   {"what": "the front matter", "received": describe(doc.data)})]
    page.meta = doc.data
    page.meta_doc = doc
    return problems


def symlinks(root: Path, folders: list[str]) -> list[Problem]:
    """Symbolic links under the given folders: the build would follow them out of the project."""
    found: list[Problem] = []
    for folder in folders:
        for base, dirs, files in os.walk(root / folder):
            for name in sorted(dirs + files):
                entry = Path(base) / name
                if entry.is_symlink():
                    found.append(Problem(entry.relative_to(root).as_posix(), None, "symlink"))
    return found


def discover(root: Path, languages: Languages,
             docs_dir: str = "docs") -> tuple[list[SourcePage], list[Problem]]:
    """Every Markdown page under docs/<lang>/, read and split, with reading problems."""
    problems: list[Problem] = []
    docs = root / docs_dir
    wanted: list[Path] = []
    for file in sorted(docs.rglob("*")):
        suffix = file.suffix.lower()
        if suffix in OTHER_MARKDOWN and file.is_file():
            problems.append(Problem(file.relative_to(root).as_posix(), None, "markdown-extension",
                                    {"name": file.stem + ".md"}))
        elif file.suffix == ".md" and not file.is_symlink():
            wanted.append(file)  # a link is refused by `symlinks`, never read
    pages, found = _read_pages(wanted, root, docs, languages)
    return pages, problems + found


def _read_pages(files: list[Path], root: Path, docs: Path,
                languages: Languages) -> tuple[list[SourcePage], list[Problem]]:
    pages: list[SourcePage] = []
    problems: list[Problem] = []
    for file in files:
        rel_path = file.relative_to(root).as_posix()
        parts = file.relative_to(docs).parts
        if len(parts) < 2 or parts[0] not in languages:
            problems.append(Problem(rel_path, 1, "root-markdown"))
            continue
        page = SourcePage(path=rel_path, lang=parts[0], rel="/".join(parts[1:]))
        text, read_problems = read_text(file, rel_path)
        problems += read_problems
        if text is not None:
            problems += split_front_matter(text, page)
        pages.append(page)
    return pages, problems
