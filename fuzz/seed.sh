#!/usr/bin/env bash
# Seeds the fuzz corpora from the shared fixtures.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p corpus/score_json corpus/methodology_json
for f in ../fixtures/schools/*/*.json ../fixtures/bad_inputs/*.json ../fixtures/batch/*.csv; do
  cp "$f" "corpus/score_json/$(basename "$(dirname "$f")")_$(basename "$f")"
done
cp ../crates/vsoko/data/*.json ../fixtures/methodologies/*.json corpus/methodology_json/
for f in ../fixtures/bad_methodologies/*.json; do cp "$f" "corpus/methodology_json/bad_$(basename "$f")"; done
