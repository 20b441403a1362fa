#!/usr/bin/env bash
# Set up warta in .venv and run the whole test suite (the README's test command).
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/pip install --quiet --upgrade pip
.venv/bin/pip install --quiet -e '.[test]'
# The knowledge-base tests also run against PostgreSQL when one can be started here.
if [ -x scripts/postgres.sh ]; then
  eval "$(timeout 900 scripts/postgres.sh)" || echo "PostgreSQL not available: its knowledge-base tests will skip" >&2
fi
.venv/bin/python -m pytest -q "$@"
