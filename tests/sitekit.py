"""Tiny real sites for tests: the project's config, templates and data, with given pages."""

from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import json
import logging
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from textwrap import dedent
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

# Helplines count as checked a few weeks ago, whatever day the tests run (a line unchecked for
# 180 days fails a strict build).
VERIFIED = (dt.date.today() - dt.timedelta(days=20)).isoformat()

# A one-line helplines file for tiny sites: short, so tests can read its line numbers.
CRISIS_LINES = f"""\
lines:
  - id: kids-help-phone
    name:
      en: Kids Help Phone
      fr: Jeunesse, J'écoute
    serves:
      en: Children and teens
      fr: Enfants et adolescents
    hours:
      en: 24/7
      fr: 24 h sur 24, 7 jours sur 7
    call:
      number: "+18006686868"
      display:
        en: 1-800-668-6868
        fr: 1 800 668-6868
    last_verified: {VERIFIED}
"""

ALL_AUDIENCES = "[students, parents, educators, professionals, mental-health-leaders, leaders]"


def page(title: str, body: str = "Some text.\n", *, type: str = "section",
         audience: str = ALL_AUDIENCES, extra: str = "", description: str = "A page.",
         last_reviewed: str = "2026-11-01", next_review: str = "2099-11-01") -> str:
    """The text of a valid page; change one argument to make it invalid in one way."""
    front = (f"title: {title}\ndescription: {description}\ntype: {type}\n"
             f"audience: {audience}\nlast_reviewed: {last_reviewed}\n"
             f"next_review: {next_review}\n{extra}")
    return f"---\n{front}---\n\n{dedent(body)}"


def minimal_pages() -> dict[str, str]:
    """The smallest valid bilingual site: a home page, a help page, two statements."""
    return {
        "docs/en/index.md": page("Home", type="home"),
        "docs/fr/index.md": page("Accueil", type="home"),
        "docs/en/get-help.md": page("Get help now", type="help"),
        "docs/fr/get-help.md": page("Obtenir de l'aide", type="help"),
        "docs/en/accessibility.md": page("Accessibility", type="statement"),
        "docs/fr/accessibility.md": page("Accessibilité", type="statement"),
        "docs/en/privacy.md": page("Privacy", type="statement"),
        "docs/fr/privacy.md": page("Confidentialité", type="statement"),
    }


@dataclass
class TinySite:
    root: Path
    logs: list[logging.LogRecord] = field(default_factory=list)

    def write(self, rel: str, text: str | bytes) -> Path:
        target = self.root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            target.write_bytes(text)
        else:
            target.write_text(text, encoding="utf-8")
        return target

    def remove(self, rel: str) -> None:
        (self.root / rel).unlink()

    @property
    def site(self) -> Path:
        return self.root / "site"

    def html(self, rel: str) -> str:
        return (self.site / rel).read_text(encoding="utf-8")

    def set_plugin_options(self, **options: bool) -> None:
        """The site's own plugin's options (search, parallel), in place of their defaults."""
        config = self.root / "mkdocs.yml"
        text = config.read_text(encoding="utf-8")
        for name, on in options.items():
            assert f"{name}: null" in text, name
            text = text.replace(f"{name}: null", f"{name}: {str(on).lower()}")
        config.write_text(text, encoding="utf-8")

    def build(self, **overrides: object) -> None:
        """Build for real, as `mkdocs build --strict` would; raises on failure."""
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        self.logs.clear()
        with _capture(self.logs):
            config = load_config(str(self.root / "mkdocs.yml"), strict=True, **overrides)
            build(config)

    def messages(self, level: int = logging.WARNING) -> list[str]:
        return [r.getMessage() for r in self.logs if r.levelno >= level]


@contextmanager
def _capture(into: list[logging.LogRecord]) -> Iterator[None]:
    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            into.append(record)

    handler = Collect(logging.DEBUG)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, taking each `!ENV [NAME, default]` at its default."""


_ConfigLoader.add_constructor(
    "!ENV", lambda loader, node: loader.construct_sequence(node)[-1])  # type: ignore[arg-type]


def project_config() -> dict[str, Any]:
    """The project's mkdocs.yml as data."""
    loaded: dict[str, Any] = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"),
                                       Loader=_ConfigLoader)
    return loaded


def make_site(tmp_path: Path, pages: dict[str, str | bytes] | None = None,
              with_minimal: bool = True) -> TinySite:
    """A copy of the project's machinery (config without nav, templates, data)."""
    for folder in ("overrides", "data"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    config = project_config()
    config.pop("nav", None)
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True),
                                         encoding="utf-8")
    site = TinySite(tmp_path)
    all_pages: dict[str, str | bytes] = dict(minimal_pages()) if with_minimal else {}
    all_pages.update(pages or {})
    for rel, text in all_pages.items():
        site.write(rel, text)
    return site


# The address the default site is also built for, to test a deploy under a sub-path; one
# value, so that the tests that need that build share it.
SUBPATH_SITE_URL = "https://board.example/mental-health/"


@dataclass(frozen=True)
class DefaultBuild:
    """The project's default site built strictly, and what the build logged (warnings up)."""

    site: Path
    messages: list[str]


def default_build(tmp_path_factory: pytest.TempPathFactory,
                  **overrides: object) -> DefaultBuild:
    """The default site as `mkdocs build --strict` builds it with `overrides`, built once for a
    whole test run: in a folder every xdist worker of the run sees (the parent of each worker's
    temporary folder), the first worker to ask builds while the others wait. Tests only read
    it."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent
    key = hashlib.sha256(json.dumps(overrides, sort_keys=True).encode()).hexdigest()[:12]
    folder = base / f"default-site-{key}"
    folder.mkdir(parents=True, exist_ok=True)
    done = folder / "messages.json"
    with open(folder / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes, a failed build too
        if not done.is_file():
            default = TinySite(ROOT)
            default.build(site_dir=str(folder / "site"), **overrides)
            done.write_text(json.dumps(default.messages()), encoding="utf-8")
    return DefaultBuild(folder / "site", json.loads(done.read_text(encoding="utf-8")))
