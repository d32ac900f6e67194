#!/usr/bin/env bash
# One command: set up (including Chromium for browser tests), then lint, type-check and run
# every test. Extra arguments go to pytest, e.g. `bash scripts/test.sh -k crisis`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
export NO_MKDOCS_2_WARNING=1
.venv/bin/ruff check src tests scripts
.venv/bin/mypy
.venv/bin/smhsite check
.venv/bin/smhsite schemas --check
.venv/bin/python -m pytest -n 2 --dist loadgroup "$@"  # both cores; the tests of one page together (tests/browser/conftest.py)
