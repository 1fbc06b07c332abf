#!/usr/bin/env bash
# Read next quality and cost: precision@5 on a topic-labelled corpus (BBC News, 2,124
# stories in 5 topics), the time to build the index and all lists, the time per story
# update, and freshness on a dated corpus (News Articles).
#   usage: scripts/bench/readnext.sh [LABELLED.jsonl] [DATED.jsonl]
# Defaults: $CORPUS_DIR/bbc.jsonl and $CORPUS_DIR/newsarticles.jsonl (CORPUS_DIR=/tmp/corpus),
# JSON Lines with {"id", "title", "body", "label", "published_at"} as `gazette import jsonl`
# reads them. The corpora may not be redistributed: build them locally, never commit them.
set -euo pipefail
cd "$(dirname "$0")/../.."
corpus=${CORPUS_DIR:-/tmp/corpus}
labelled=${1:-$corpus/bbc.jsonl}
dated=${2:-$corpus/newsarticles.jsonl}
[ -f "$labelled" ] || { echo "missing $labelled (see the header of this script)" >&2; exit 1; }
swift build -c release --product gazette-bench 2>&1 | tail -n 1
bin=$(swift build -c release --show-bin-path)/gazette-bench
if [ -f "$dated" ]; then "$bin" readnext "$labelled" "$dated"; else "$bin" readnext "$labelled"; fi
