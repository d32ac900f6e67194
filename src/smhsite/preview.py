"""What a quick preview rebuild may skip.

A page's HTML depends on its own Markdown body, on the front matter of the pages of its
language (titles in the menu, breadcrumbs, cards and listings), on which pages exist in every
language (alternates, the language toggle), on the facets of the default language's resources
(related resources, computed once for every language, whose facets must match), and on what
every page shares: the data files, the templates, the assets (download sizes) and the
configuration.

So the state is kept in parts: one shared by every language, one per language. When only
bodies changed since the last build, only the pages whose files changed are built again; when a
language's front matter changed, that language's pages; otherwise, everything.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path

from smhsite.catalogue import RELATED_WEIGHTS
from smhsite.check import SiteCheck

SHARED = ""  # the key of the part every language shares


def shared_state(site: SiteCheck, root: Path, docs_dir: str,
                 watched: Iterable[str]) -> dict[str, str]:
    """Digests of what pages share: SHARED for every language, then one per language code.
    `watched`: files and folders under `root` that feed every page (data, templates,
    mkdocs.yml), besides the pages' own front matter."""
    default = site.languages.default if site.languages else ""
    shared = hashlib.sha256()
    by_language: dict[str, hashlib._Hash] = {}
    for source in sorted(site.sources, key=lambda page: page.path):
        shared.update(source.path.encode())  # which pages exist, in every language
        if source.lang == default:
            shared.update(_dump({key: source.meta.get(key) for key in RELATED_WEIGHTS}))
        part = by_language.setdefault(source.lang, hashlib.sha256())
        part.update(source.path.encode())
        part.update(_dump(source.meta))
    files: list[Path] = []
    for name in watched:
        path = root / name
        files += sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    files += sorted(root / docs_dir / asset for asset in site.assets)
    for file in files:
        stat = file.stat() if file.exists() else None
        shared.update(f"{file.relative_to(root).as_posix()}"
                      f"|{stat.st_mtime_ns if stat else 0}|{stat.st_size if stat else 0}".encode())
    return {SHARED: shared.hexdigest(),
            **{lang: part.hexdigest() for lang, part in by_language.items()}}


def changed_parts(before: dict[str, str] | None, now: dict[str, str] | None) -> set[str] | None:
    """The languages whose pages must all be built again, or None for every page of the site
    (the shared part changed, or a build showed problems)."""
    if before is None or now is None or before.get(SHARED) != now.get(SHARED):
        return None
    return {lang for lang in set(before) | set(now)
            if lang != SHARED and before.get(lang) != now.get(lang)}


def _dump(value: object) -> bytes:
    return json.dumps(value, sort_keys=True, default=str).encode()
