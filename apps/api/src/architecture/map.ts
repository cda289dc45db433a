import type { INestApplication, Type } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { JOB_QUEUES, JobName, SCHEDULED_JOBS } from '../common/queue/jobs';
import { QUEUE_TIERS, QueueName, TIER_WEIGHTS } from '../common/queue/queues';
import { WorkerService } from '../common/queue/worker.service';
import { accessPolicyOf, describeAccess } from '../modules/auth';
import { WebhookHandlerRegistry } from '../modules/webhooks';
import { apiSourceFiles, declaredReads, ownerOf, SourceFile, tableOwners, tablesNamedIn } from './source-tree';

const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** A Markdown table. */
function table(header: string[], rows: string[][]): string {
  const escape = (cell: string) => cell.replace(/\|/g, '\\|');
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(escape).join(' | ')} |`)].join('\n');
}

/** The modules each module's source imports (through their index.ts). */
export function moduleDependencies(files: SourceFile[]): Map<string, string[]> {
  const edges = new Map<string, Set<string>>();
  for (const file of files.filter((f) => f.path.startsWith('modules/'))) {
    const from = ownerOf(file.path);
    const dir = file.path.split('/').slice(0, -1);
    for (const match of file.text.matchAll(/from '(\.\.?\/[^']+)'/g)) {
      const parts = [...dir];
      for (const segment of match[1].split('/')) {
        if (segment === '..') parts.pop();
        else if (segment !== '.') parts.push(segment);
      }
      if (parts[0] !== 'modules' || parts.length < 2) continue;
      const to = parts[1];
      if (to !== from) edges.set(from, (edges.get(from) ?? new Set()).add(to));
    }
  }
  return new Map([...edges].map(([k, v]) => [k, [...v].sort()]));
}

/**
 * docs/MAP.md, from the running application and its source: every route with who may call it and
 * the handler that answers; every queue and job with its processor; every webhook event with its
 * handler; every table with its owning module and the read models that read it.
 */
export function buildMap(app: INestApplication, files: SourceFile[] = apiSourceFiles()): string {
  const discovery = app.get(DiscoveryService);
  const reflector = app.get(Reflector);
  const controllers = new Map<string, { type: Type; module: string }>();
  for (const wrapper of discovery.getControllers()) {
    if (wrapper.metatype) controllers.set(wrapper.metatype.name, { type: wrapper.metatype as Type, module: wrapper.host?.name ?? '?' });
  }

  // Routes, as the OpenAPI document names them (operationId = Controller_method).
  const document = SwaggerModule.createDocument(app, new DocumentBuilder().build());
  const routes: string[][] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const [controllerName, handlerName] = (operation.operationId ?? '?_?').split('_');
      const controller = controllers.get(controllerName);
      const handler = controller?.type.prototype[handlerName] as ((...args: never[]) => unknown) | undefined;
      const access = controller && handler ? describeAccess(accessPolicyOf(reflector, handler, controller.type, path)) : '?';
      routes.push([`${method.toUpperCase()} ${path}`, access, `${controllerName}.${handlerName}`, controller?.module.replace(/Module$/, '') ?? '?', operation.summary ?? '']);
    }
  }
  routes.sort((a, b) => a[0].split(' ')[1].localeCompare(b[0].split(' ')[1]) || a[0].localeCompare(b[0]));

  // Queues and jobs.
  const processors = app.get(WorkerService).findProcessors();
  const processorOf = new Map(processors.map((p) => [p.queue, p.constructor.name]));
  const everyMs = new Map(SCHEDULED_JOBS.map((s) => [s.name, s.everyMs]));
  const every = (ms: number) => (ms % 3_600_000 === 0 ? `${ms / 3_600_000} h` : ms % 60_000 === 0 ? `${ms / 60_000} min` : `${ms / 1000} s`);
  const jobs = (Object.keys(JOB_QUEUES) as JobName[])
    .map((job) => {
      const queue: QueueName = JOB_QUEUES[job];
      const schedule = everyMs.get(job);
      return [job, queue, QUEUE_TIERS[queue], processorOf.get(queue) ?? '(sandbox only)', schedule ? `every ${every(schedule)}` : 'on demand'];
    })
    .sort((a, b) => a[1].localeCompare(b[1]) || a[0].localeCompare(b[0]));

  // Webhook events.
  const webhooks = app
    .get(WebhookHandlerRegistry)
    .list()
    .map((h) => [`${h.provider} ${h.type}`, h.kind, h.where])
    .sort((a, b) => a[0].localeCompare(b[0]));

  // Tables and read models.
  const owners = tableOwners(files);
  const known = new Set(owners.keys());
  const readers = new Map<string, string[]>();
  const readModels: string[][] = [];
  for (const file of files.filter((f) => f.path.endsWith('.read-model.ts'))) {
    const name = /export class (\w+)/.exec(file.text)?.[1] ?? file.path;
    const reads = declaredReads(file.text) ?? [];
    readModels.push([name, ownerOf(file.path), reads.join(', '), `apps/api/src/${file.path}`]);
    for (const t of reads) if (owners.get(t)?.owner !== ownerOf(file.path)) readers.set(t, [...(readers.get(t) ?? []), name]);
  }
  const repositories = new Map<string, string[]>();
  for (const file of files.filter((f) => f.path.endsWith('.repository.ts'))) {
    for (const t of tablesNamedIn(file.text, known)) repositories.set(t, [...(repositories.get(t) ?? []), /export class (\w+)/.exec(file.text)?.[1] ?? file.path]);
  }
  const tables = [...owners.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([t, o]) => [t, o.owner, (repositories.get(t) ?? []).join(', ') || '—', (readers.get(t) ?? []).join(', ') || '—']);

  const dependencies = [...moduleDependencies(files)].sort(([a], [b]) => a.localeCompare(b)).map(([m, deps]) => [m, deps.join(', ')]);
  const tierShares = Object.entries(TIER_WEIGHTS)
    .map(([tier, weight]) => `${tier} ${weight}`)
    .join(' : ');

  return [
    '# Map of the api',
    '',
    'Generated from the code by `npm run map` (the running app in sandbox mode, and the source); a test fails when it is stale. Do not edit by hand.',
    '',
    '## Modules and what they use',
    '',
    'Each module is `apps/api/src/modules/<module>/`; another module uses it only through its `index.ts` (checked by `npx nx run api:boundaries`).',
    '',
    table(['module', 'imports'], dependencies),
    '',
    '## Routes',
    '',
    'Who may call each route (the AccessGuard reads the same decorators), and the handler that answers. The full reference is the OpenAPI document at `/docs`. Routes of the Sandbox module exist only with `PROVIDERS=sandbox`, and its development routes answer anyone only with `NODE_ENV` development or test (Beaker staff otherwise).',
    '',
    table(['route', 'who', 'handler', 'module', 'summary'], routes),
    '',
    'Besides these: `/admin/queues` (the queue dashboard, staff only; admin module), `/health/*` and the SPA with its history fallback.',
    '',
    '## Jobs',
    '',
    `One queue per module; each queue runs at its tier's share of WORKER_CONCURRENCY (${tierShares}). Each queue's processor is \`modules/<module>/jobs/<module>.processor.ts\` (the sandbox's: \`integrations/sandbox/sandbox.processor.ts\`).`,
    '',
    table(['job', 'queue', 'tier', 'processor', 'runs'], jobs),
    '',
    '## Provider webhook events',
    '',
    'Stored and acknowledged by the webhooks module, then processed by the handler of the module that owns the effect (responders answer in the request). Other event types are stored and completed as ignored.',
    '',
    table(['event', 'kind', 'handler'], webhooks),
    '',
    '## Tables',
    '',
    "Each table belongs to the module whose entity declares it; its SQL lives in that module's repositories. Other modules read it only through the owner's services or a read model.",
    '',
    table(['table', 'owner', 'repositories', 'read by (read models of other modules)'], tables),
    '',
    '## Read models',
    '',
    table(['read model', 'module', 'reads', 'file'], readModels.sort((a, b) => a[0].localeCompare(b[0]))),
    '',
  ].join('\n');
}
