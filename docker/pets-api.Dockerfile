# The pets API image. Build context: the repository root.
#   docker build -f docker/pets-api.Dockerfile -t pets-platform/pets-api:0.1.0 .
# Air-gapped builds: --build-arg BASE_IMAGE=<mirror>/node:20-bookworm-slim
#                    --build-arg NPM_REGISTRY=https://<npm mirror>/
# No "# syntax=" line on purpose: it would make BuildKit pull a frontend image, which an
# air-gapped builder cannot do; nothing here needs more than the built-in frontend.

ARG BASE_IMAGE=node:20-bookworm-slim

# ---- build: every dependency, type-check and compile both apps and the libraries with SWC
FROM ${BASE_IMAGE} AS build
ARG NPM_REGISTRY=""
WORKDIR /app
# Manifests first: the npm ci layer is reused until the lockfile changes.
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund ${NPM_REGISTRY:+--registry=$NPM_REGISTRY}
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY apps ./apps
COPY libs ./libs
RUN npm run build

# ---- prod-deps: runtime dependencies only, resolved from the same lockfile
FROM ${BASE_IMAGE} AS prod-deps
ARG NPM_REGISTRY=""
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund ${NPM_REGISTRY:+--registry=$NPM_REGISTRY} \
 && npm cache clean --force

# ---- runtime
FROM ${BASE_IMAGE} AS runtime
# Re-declared: an ARG before the first FROM is not visible inside a stage.
ARG BASE_IMAGE
ARG VERSION=0.1.0
ARG REVISION=""
LABEL org.opencontainers.image.title="pets-api" \
      org.opencontainers.image.description="pets-platform: the layered pets API (NestJS on Fastify)" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.licenses="MIT" \
      org.opencontainers.image.source="https://github.com/pets-platform/pets-platform" \
      org.opencontainers.image.base.name="${BASE_IMAGE}"
ENV NODE_ENV=production \
    PORT=3000 \
    HOST=0.0.0.0
WORKDIR /app
# Code and dependencies stay owned by root: the process (uid 1000) can read them, not
# rewrite them, even where the root filesystem is writable.
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
# Only for `docker run` without DATASTORE_URL (the embedded datastore keeps its files under
# .data/); Kubernetes always sets DATASTORE_URL and mounts the root filesystem read-only.
RUN mkdir -p .data && chown 1000:1000 .data
# The node user of the official image, by number so Kubernetes' runAsNonRoot can verify it.
USER 1000:1000
EXPOSE 3000
# No curl in slim images; Node 20 has fetch. Kubernetes ignores this and uses the chart's probes.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Exec form, no shell and no init wrapper: node is PID 1 and receives SIGTERM itself. The
# process installs SIGTERM/SIGINT handlers (stop accepting, finish in-flight requests, close
# pools, exit 0), and with API_WORKERS > 1 the cluster primary forwards the signal to its
# workers, so the kernel's "PID 1 ignores default-action signals" rule never applies.
# The flags before the script are API_V8_FLAGS (libs/runtime/src/v8-heap-flags.ts: a smaller
# young generation, 11-13 MiB less peak memory per process at the same speed; no pretenuring,
# which a burst of requests on a cold process turned into an old space full of garbage). V8
# reads them at start-up only. NODE_OPTIONS="--max-semi-space-size=<MiB>" does not override a
# command-line flag: to change one, override the container's command (with API_WORKERS > 1 the
# primary passes its own flags on to its workers).
CMD ["node", "--max-semi-space-size=8", "--no-allocation-site-pretenuring", "dist/apps/pets-api/src/main.js"]
