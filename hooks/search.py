"""MkDocs adapter: build the Pagefind search index once both languages are on disk.

Pagefind reads each page's <html lang> and writes one index per language, so French visitors
get French results. Skipped during `mkdocs serve` unless SMH_SEARCH=on, to keep previews fast.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from smhsite.passes import outer_pass, running_command

log = logging.getLogger("mkdocs.hooks.search")


def enabled() -> bool:
    setting = os.environ.get("SMH_SEARCH", "").lower()
    if setting in {"on", "1", "true"}:
        return True
    if setting in {"off", "0", "false"}:
        return False
    return running_command() != "serve"


@event_priority(-300)  # after static-i18n built every language and the crisis audit passed
def on_post_build(config: Any) -> None:
    if not outer_pass(config) or not enabled():
        return
    site = Path(config.site_dir)
    shutil.rmtree(site / "pagefind", ignore_errors=True)  # Pagefind adds to what is there
    run = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site)],
                         capture_output=True, text=True, check=False)
    log.debug(run.stdout)
    if run.returncode != 0:
        raise PluginError(f"Pagefind failed:\n{run.stdout}\n{run.stderr}")
