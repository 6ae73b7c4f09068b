# syntax=docker/dockerfile:1
# The facade as it runs in production: Node 22 (type stripping runs the TypeScript sources
# as they are, from Node 22.18), production dependencies only, a non-root user, and the same
# start command as `npm start`. Build: docker build -t bulk-delete-facade:0.1.0 .

# Dependencies in a stage of their own: the lockfile's production tree, no install scripts
# (none is needed at run time), and no npm cache left in a layer.
FROM node:22-bookworm-slim AS dependencies
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force

FROM node:22-bookworm-slim
# HOST=0.0.0.0: inside a container the loopback default would be reachable from nowhere.
# Client authentication is then required, and NODE_ENV=production refuses to start without a
# configured upstream (demo mode never runs here).
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4000
WORKDIR /app
# Owned by root and read-only to the process: the facade writes nothing to its own files.
COPY --from=dependencies /app/node_modules ./node_modules
COPY package.json ./
COPY schema/*.graphql ./schema/
COPY src ./src
# The image's `node` user, by number so Kubernetes' runAsNonRoot can verify it.
USER 1000:1000
EXPOSE 4000
# /healthz answers 200 while the process serves; node itself makes the call (no curl here).
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node as PID 1 receives SIGTERM itself (npm would stand in between) and drains on it. The
# options are npm start's (README, Production: memory): one V8 worker thread, and the young
# generation V8 gives a large host even under a container's memory limit, where V8 would
# shrink it to 4 MB semi-spaces and spend up to twice the CPU per request under load.
CMD ["node", "--v8-pool-size=1", "--max-semi-space-size=16", "src/start.js"]
