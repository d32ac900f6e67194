#!/usr/bin/env bash
# One command: set up, then preview the default site at http://127.0.0.1:8000/ (French at /fr/).
# Usage: bash scripts/serve.sh          live preview, rebuilt on every save
#        bash scripts/serve.sh build    build the deployable site into site/ (strict)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export NO_MKDOCS_2_WARNING=1
if [ "${1:-}" = "build" ]; then
  exec .venv/bin/mkdocs build --strict
fi
exec .venv/bin/mkdocs serve --dirty --strict --dev-addr 127.0.0.1:8000
