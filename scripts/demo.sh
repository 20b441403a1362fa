#!/usr/bin/env bash
# Set up warta in .venv, then the main job: ingest the bundled example articles into warta.db
# and show who said what (quotes per person across articles, the numbers and the events).
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/pip install --quiet --upgrade pip
.venv/bin/pip install --quiet -e .
.venv/bin/warta ingest examples/ --db warta.db
.venv/bin/warta who "Arif Wicaksono" --db warta.db
.venv/bin/warta who "Rahmat Hidayatullah" --db warta.db
.venv/bin/warta claims --db warta.db
.venv/bin/warta events --db warta.db
