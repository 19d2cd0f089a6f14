# Not built or run in development (no image registry there): a starting point for a hosting party.
FROM node:20-bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends postgresql-client && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts ./scripts
COPY prisma ./prisma
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build
ENV NODE_ENV=production PORT=3000 FILE_STORAGE=database
# glibc's allocator: fewer arenas, large buffers returned at once (docs/deploy.md, "Memory").
ENV MALLOC_ARENA_MAX=2 MALLOC_MMAP_THRESHOLD_=131072
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s CMD node -e "fetch('http://127.0.0.1:3000/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# The young generation at most 2 × 8 MB instead of 2 × 16 MB (docs/deploy.md, "Memory").
CMD ["node", "--max-semi-space-size=8", "server.js"]
