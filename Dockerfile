# One image, two entry points: `node dist/apps/api/main.js` (HTTP) and `node dist/apps/api/worker.js` (jobs).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY libs/contracts/package.json libs/contracts/package.json
COPY libs/client/package.json libs/client/package.json
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
# The API's and the worker's Node.js options: apps/api/src/runtime-options.ts says why (a test keeps them equal).
ENV NODE_OPTIONS="--max-semi-space-size=32"
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/libs/contracts libs/contracts
COPY --from=build /app/dist dist
COPY package.json ./
USER node
EXPOSE 3000
CMD ["node", "dist/apps/api/main.js"]
