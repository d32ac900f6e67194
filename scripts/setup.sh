#!/usr/bin/env bash
# Creates .venv and installs the project with its pinned dependencies. Safe to run again.
# Usage: bash scripts/setup.sh [--test]   (--test adds the test tools and the Chromium browser)
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
extras=""
if [ "${1:-}" = "--test" ]; then extras="[test]"; fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -c constraints.txt -e ".${extras}"
if [ "${1:-}" = "--test" ] && ! command -v chromium >/dev/null 2>&1; then
  # Browser tests drive Debian's Chromium; Playwright's own browser download is not used.
  if [ "$(id -u)" = "0" ]; then apt_get="apt-get"; else apt_get="sudo apt-get"; fi
  $apt_get update -qq
  DEBIAN_FRONTEND=noninteractive $apt_get install -y -qq chromium >/dev/null
fi
