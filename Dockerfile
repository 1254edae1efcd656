# Kotae: one image for `kotae bot`, `kotae worker`, `kotae mcp` and `kotae migrate`.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
RUN node scripts/prisma.ts generate && node node_modules/typescript/bin/tsc -p tsconfig.build.json \
  && npm prune --omit=dev --ignore-scripts

FROM node:24-bookworm-slim
# Noto CJK for Japanese chart labels (the npm Noto Sans JP fonts are the fallback).
RUN apt-get update && apt-get install -y --no-install-recommends fonts-noto-cjk ca-certificates \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0 PORT=8080
COPY --from=build /app /app
USER node
EXPOSE 8080
ENTRYPOINT ["node", "bin/kotae.mjs"]
CMD ["bot"]
