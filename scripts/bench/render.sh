#!/usr/bin/env bash
# Cost per KB of rendering comment text and story Markdown (cmark-gfm + sanitiser), for plain
# text and the worst repeated inputs found, at two sizes: a linear renderer shows the same
# ms/KB at both. Release build.
set -euo pipefail
cd "$(dirname "$0")/../.."
scripts/install-system-packages
swift build -c release --product gazette-bench 2>&1 | tail -n 1
"$(swift build -c release --show-bin-path)/gazette-bench" render
