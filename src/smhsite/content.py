"""Finding the pages of a site and reading their front matter, keeping line numbers."""

from __future__ import annotations

import os
import posixpath
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


@dataclass
class Tree:
    """What a folder holds, found in one walk that does not follow links: POSIX paths relative
    to the folder, in path order."""

    files: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)  # symbolic links, to files or folders


def walk(folder: Path) -> Tree:
    tree = Tree()

    def visit(directory: str, prefix: str) -> None:
        try:
            entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
        except OSError:  # not there (a site without data/), or not a folder
            return
        for entry in entries:
            rel = prefix + entry.name
            if entry.is_symlink():
                tree.links.append(rel)
            elif entry.is_dir():
                visit(entry.path, rel + "/")
            elif entry.is_file():
                tree.files.append(rel)

    visit(str(folder), "")
    return tree


def symlinks(folder: str, tree: Tree) -> list[Problem]:
    """Symbolic links under a folder of the project: the build would follow them out of it."""
    return [Problem(f"{folder}/{link}", None, "symlink") for link in tree.links]


def discover(root: Path, languages: Languages, docs_dir: str = "docs",
             tree: Tree | None = None) -> tuple[list[SourcePage], list[Problem]]:
    """Every Markdown page under docs/<lang>/, read and split, with reading problems. A link is
    never read: `symlinks` refuses it."""
    docs = root / docs_dir
    folder = Path(docs_dir).as_posix()
    problems: list[Problem] = []
    pages: list[SourcePage] = []
    for rel in (tree or walk(docs)).files:
        suffix = posixpath.splitext(rel)[1]
        if suffix.lower() in OTHER_MARKDOWN:
            problems.append(Problem(f"{folder}/{rel}", None, "markdown-extension",
                                    {"name": posixpath.splitext(posixpath.basename(rel))[0]
                                     + ".md"}))
        elif suffix == ".md":
            page, found = _read_page(docs, folder, rel, languages)
            problems += found
            if page is not None:
                pages.append(page)
    return pages, problems


def _read_page(docs: Path, folder: str, rel: str,
               languages: Languages) -> tuple[SourcePage | None, list[Problem]]:
    rel_path = f"{folder}/{rel}"
    lang, _, rest = rel.partition("/")
    if not rest or lang not in languages:
        return None, [Problem(rel_path, 1, "root-markdown")]
    page = SourcePage(path=rel_path, lang=lang, rel=rest)
    text, problems = read_text(docs / rel, rel_path)
    if text is not None:
        problems += split_front_matter(text, page)
    return page, problems
