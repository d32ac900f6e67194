"""What a quick preview rebuild may skip.

A page's HTML depends on its own Markdown body and on things every page shares: the front matter
of all pages (titles in the menu, cards, listings, alternates), the data files, the templates,
the assets (download sizes) and the configuration. When only bodies changed since the last
build, only the pages whose files changed need building again; otherwise everything does.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path

from smhsite.check import SiteCheck


def shared_state(site: SiteCheck, root: Path, docs_dir: str, watched: Iterable[str]) -> str:
    """A digest of everything the pages share. `watched`: files and folders under `root` that
    feed every page (data, templates, mkdocs.yml), besides the pages' own front matter."""
    digest = hashlib.sha256()
    for source in sorted(site.sources, key=lambda page: page.path):
        digest.update(source.path.encode())
        digest.update(json.dumps(source.meta, sort_keys=True, default=str).encode())
    files: list[Path] = []
    for name in watched:
        path = root / name
        files += sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    files += sorted(root / docs_dir / asset for asset in site.assets)
    for file in files:
        stat = file.stat() if file.exists() else None
        digest.update(f"{file.relative_to(root).as_posix()}"
                      f"|{stat.st_mtime_ns if stat else 0}|{stat.st_size if stat else 0}".encode())
    return digest.hexdigest()
