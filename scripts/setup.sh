#!/usr/bin/env bash
# Creates .venv and installs the project with its pinned dependencies. Safe to run again: when
# nothing it installs from has changed, it installs nothing.
# Usage: bash scripts/setup.sh [--test]   (--test adds the test tools and the Chromium browser)
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-python3}
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "setup: Python 3.11 or newer is needed, but '$python' is $("$python" --version 2>&1 || echo missing)." >&2
  echo "setup: install Python 3.11, or run with PYTHON=/path/to/python3.11 bash scripts/setup.sh" >&2
  exit 1
fi
if [ -d .venv ] && ! .venv/bin/python -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "setup: .venv was made with another Python; making it again with $("$python" --version)." >&2
  rm -rf .venv
fi
if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
extras=""
if [ "${1:-}" = "--test" ]; then extras="[test]"; fi
# What the installation depends on; the same stamp means the same installation (one with the
# test tools also serves a plain setup).
base=$(cat pyproject.toml constraints.txt | sha256sum | cut -c1-16)-$(.venv/bin/python -c 'import sys; print(sys.version.split()[0])')
stamp="$base$extras"
installed=$(cat .venv/.smh-installed 2>/dev/null || true)
if [ "$installed" != "$stamp" ] && { [ -n "$extras" ] || [ "$installed" != "$base[test]" ]; }; then
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -c constraints.txt -e ".${extras}"
  echo "$stamp" > .venv/.smh-installed
fi
if [ "${1:-}" = "--test" ] && ! command -v chromium >/dev/null 2>&1; then
  # Browser tests drive Debian's Chromium; Playwright's own browser download is not used.
  if [ "$(id -u)" = "0" ]; then apt_get="apt-get"; else apt_get="sudo apt-get"; fi
  $apt_get update -qq
  DEBIAN_FRONTEND=noninteractive $apt_get install -y -qq chromium >/dev/null
fi
