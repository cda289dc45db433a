import { Injectable } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { JOB_HANDLER } from './job-handler.decorator';
import { JobName, JobPayloads } from './jobs';

export type JobHandlerFn<N extends JobName = JobName> = (payload: JobPayloads[N], meta: JobMeta) => Promise<unknown>;

export interface JobMeta {
  jobId: string;
  attemptsMade: number;
  /** Attempts allowed in all; the handler may treat attemptsMade + 1 === maxAttempts as the last. */
  maxAttempts: number;
}

export class JobRegistryError extends Error {}

/** Collects the @JobHandler methods and checks that every job has exactly one. */
@Injectable()
export class JobRegistry {
  private handlers?: Map<JobName, JobHandlerFn>;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  /** name → handler; throws naming every expected job with no handler or with several, and handlers of jobs not expected. */
  resolve(expected: readonly JobName[] = Object.values(JobName)): Map<JobName, JobHandlerFn> {
    if (this.handlers) return this.handlers;
    const found = new Map<JobName, { fn: JobHandlerFn; where: string }[]>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) continue;
      const proto = Object.getPrototypeOf(instance) as object;
      for (const method of this.scanner.getAllMethodNames(proto)) {
        const fn = instance[method];
        if (typeof fn !== 'function') continue;
        const name = this.reflector.get<JobName | undefined>(JOB_HANDLER, fn);
        if (!name) continue;
        const list = found.get(name) ?? [];
        list.push({ fn: (fn as JobHandlerFn).bind(instance), where: `${instance.constructor.name}.${method}` });
        found.set(name, list);
      }
    }
    const problems: string[] = [];
    for (const name of expected) {
      const list = found.get(name) ?? [];
      if (list.length === 0) problems.push(`job "${name}" has no handler`);
      if (list.length > 1) problems.push(`job "${name}" has ${list.length} handlers: ${list.map((h) => h.where).join(', ')}`);
    }
    for (const name of found.keys()) {
      if (!Object.values(JobName).includes(name)) problems.push(`handler for unknown job "${name}"`);
      else if (!expected.includes(name)) problems.push(`handler for job "${name}", which does not exist in this mode`);
    }
    if (problems.length) throw new JobRegistryError(`The job registry is not consistent:\n  ${problems.join('\n  ')}`);
    this.handlers = new Map([...found].map(([name, list]) => [name, list[0].fn]));
    return this.handlers;
  }
}
