// The api's layer rules, checked by `npx nx run api:boundaries` (part of `npm test`'s lint step).
// Between projects (web never imports api; only libs are shared) Nx's enforce-module-boundaries
// rule checks; this file checks inside apps/api/src, in the way domain-driven-hexagon does.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Modules form a one-way graph (auth ← webhooks ← compliance ← calls ← trials ← businesses ← leads ← analytics; admin on top); a cycle means a dependency belongs the other way or behind a read model.',
      from: { path: '^apps/api/src' },
      to: { circular: true },
    },
    {
      name: 'module-internals',
      severity: 'error',
      comment: "A module uses another only through what that module's index.ts exports (its services, types, decorators): never its repositories, entities or other files.",
      from: { path: '^apps/api/src/modules/([^/]+)/' },
      to: { path: '^apps/api/src/modules/([^/]+)/', pathNot: ['^apps/api/src/modules/$1/', '^apps/api/src/modules/[^/]+/index[.]ts$'] },
    },
    {
      name: 'outside-into-module-internals',
      severity: 'error',
      comment: "Code outside the modules (integrations, common, the app's root) reaches a module only through its index.ts.",
      from: { path: '^apps/api/src/', pathNot: '^apps/api/src/modules/' },
      to: { path: '^apps/api/src/modules/[^/]+/', pathNot: '^apps/api/src/modules/[^/]+/index[.]ts$' },
    },
    {
      name: 'foundations-know-no-module',
      severity: 'error',
      comment: 'common/, database/ and config/ are below every module: they import none.',
      from: { path: '^apps/api/src/(common|database|config)/' },
      to: { path: '^apps/api/src/modules/' },
    },
    {
      name: 'integrations-know-no-feature-module',
      severity: 'error',
      comment: "Provider ports, adapters and simulators serve the modules; they may use auth's route decorators (the sandbox's public routes), nothing else of a module.",
      from: { path: '^apps/api/src/integrations/' },
      to: { path: '^apps/api/src/modules/', pathNot: '^apps/api/src/modules/auth/index[.]ts$' },
    },
    {
      name: 'sandbox-chosen-in-one-place',
      severity: 'error',
      comment: 'Only the providers module picks the sandbox (PROVIDERS=sandbox); nothing else may reach the simulators, or they would exist in live mode.',
      from: { path: '^apps/api/src/', pathNot: ['^apps/api/src/integrations/sandbox/', '^apps/api/src/integrations/providers[.]module[.]ts$'] },
      to: { path: '^apps/api/src/integrations/sandbox/' },
    },
    {
      name: 'vendor-sdks-in-integrations-only',
      severity: 'error',
      comment: 'Only integrations/<vendor>/ imports a vendor SDK; modules depend on the ports.',
      from: { path: '^apps/api/src/', pathNot: '^apps/api/src/integrations/' },
      to: { path: '^node_modules/(stripe|twilio|@vapi-ai/server-sdk)/' },
    },
    {
      name: 'sql-through-the-database-layer',
      severity: 'error',
      comment: "TypeORM and pg are database/'s: modules reach them through Database in their repositories and read models (entities declare their tables; module files register them).",
      from: {
        path: '^apps/api/src/',
        pathNot: ['^apps/api/src/database/', '/entities/', '[.](entity|module|repository|read-model)[.]ts$', '^apps/api/src/common/http/pagination[.]ts$'],
      },
      to: { path: '^node_modules/(typeorm|@nestjs/typeorm|pg)/' },
    },
    {
      name: 'bullmq-in-the-queue-layer-only',
      severity: 'error',
      comment: 'Modules enqueue through JobsService and process through QueueProcessor: bullmq itself stays in common/queue/ (@nestjs/bullmq\'s @Processor is how a processor declares its queue).',
      from: { path: '^apps/api/src/', pathNot: ['^apps/api/src/common/queue/', '^apps/api/src/modules/admin/queue-dashboard[.]ts$'] },
      to: { path: '^node_modules/bullmq/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['[.]spec[.]ts$', '^apps/api/src/database/migrations/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: require('node:path').join(__dirname, 'apps/api/tsconfig.app.json') },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], mainFields: ['main', 'types', 'typings'] },
  },
};
