# One image for the api and the worker (the command picks which). Multi-stage: build, then a slim runtime.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && node dist/scripts/build-workflow-bundle.js dist/workflow-bundle.js && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/package.json ./package.json
USER node
# api: node dist/apps/api/src/main.js · worker: node dist/apps/worker/src/main.js
CMD ["node", "--enable-source-maps", "dist/apps/api/src/main.js"]
