"""Where MkDocs writes a page, from its source path under the language folder."""

from __future__ import annotations

from pathlib import PurePosixPath


def page_url(rel: str) -> str:
    """The address of a page under its language's root, as MkDocs writes it: roles/parents/."""
    path = PurePosixPath(rel)
    if path.stem in {"index", "README"}:
        parent = path.parent.as_posix()
        return "" if parent == "." else parent + "/"
    return (path.parent / path.stem).as_posix().removeprefix("./") + "/"
