#!/usr/bin/env bash
# One command: set up, build the site and write screenshots of every page type, both languages,
# phone and desktop, into screenshots/ (not committed).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
exec .venv/bin/python scripts/screenshots.py "$@"
