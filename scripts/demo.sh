#!/usr/bin/env bash
# Set up warta in .venv and run the main job on the bundled example articles.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/pip install --quiet --upgrade pip
.venv/bin/pip install --quiet -e .
.venv/bin/warta analyze examples/ --format pretty
