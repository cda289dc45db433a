import { Logger } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { FastifyInstance, RouteOptions } from 'fastify';
import fastJson from 'fast-json-stringify';
import { isDeepStrictEqual } from 'node:util';

/** The subset of JSON Schema a route serializer is compiled from. */
export interface SerializationSchema {
  type?: string | string[];
  properties?: Record<string, SerializationSchema>;
  items?: SerializationSchema;
}

type OpenApiSchema = Record<string, unknown>;
type Components = Record<string, OpenApiSchema>;

export interface ResponseCheckOptions {
  /** Compare every n-th response of a route (and its first) with JSON.stringify's; 1 compares all. */
  checkEvery: number;
  /** Throw on a difference (tests: the failing request answers 500); else fall back and log. */
  strict: boolean;
}

/** The checks for an environment: all of them outside production, and failing loudly in tests. */
export function responseCheckOptions(nodeEnv: string): ResponseCheckOptions {
  return { checkEvery: nodeEnv === 'production' ? 1000 : 1, strict: nodeEnv === 'test' };
}

const PRIMITIVES = new Set(['string', 'number', 'integer', 'boolean']);

/**
 * An OpenAPI 3.0 schema (as @nestjs/swagger writes it) turned into what fast-json-stringify needs
 * to write the same JSON as JSON.stringify, with nothing in it that changes a value: no `required`
 * (a missing field would throw), no `format` (it would cut a Date down to its day), no enums,
 * integers written as numbers (an integer schema truncates), `nullable` as a null type. Whatever it
 * cannot state exactly (oneOf, anyOf, maps, free-form objects, a cycle) becomes `{}`, which
 * fast-json-stringify hands to JSON.stringify.
 */
export function serializationSchema(schema: unknown, components: Components, resolving: Set<string> = new Set()): SerializationSchema {
  if (!schema || typeof schema !== 'object') return {};
  const s = schema as OpenApiSchema;
  if (typeof s.$ref === 'string') {
    const name = s.$ref.replace('#/components/schemas/', '');
    const target = components[name];
    if (!target || resolving.has(name)) return {};
    resolving.add(name);
    try {
      return serializationSchema(target, components, resolving);
    } finally {
      resolving.delete(name);
    }
  }
  const nullable = s.nullable === true;
  if (Array.isArray(s.allOf)) {
    // @nestjs/swagger wraps a lone $ref in allOf to give it a description or nullable.
    if (s.allOf.length !== 1) return {};
    return withNull(serializationSchema(s.allOf[0], components, resolving), nullable);
  }
  if (s.oneOf || s.anyOf || s.not) return {};
  if (s.type === 'object') {
    const properties = s.properties as Record<string, unknown> | undefined;
    if (!properties || Object.keys(properties).length === 0 || (s.additionalProperties !== undefined && s.additionalProperties !== false)) return {};
    const converted: Record<string, SerializationSchema> = {};
    for (const [key, value] of Object.entries(properties)) converted[key] = serializationSchema(value, components, resolving);
    return withNull({ type: 'object', properties: converted }, nullable);
  }
  if (s.type === 'array') {
    if (!s.items) return {};
    return withNull({ type: 'array', items: serializationSchema(s.items, components, resolving) }, nullable);
  }
  if (typeof s.type === 'string' && PRIMITIVES.has(s.type)) {
    return withNull({ type: s.type === 'integer' ? 'number' : s.type }, nullable);
  }
  return {};
}

function withNull(schema: SerializationSchema, nullable: boolean): SerializationSchema {
  if (!nullable || schema.type === undefined) return schema;
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  return { ...schema, type: types.includes('null') ? types : [...types, 'null'] };
}

/** `/v1/businesses/{id}/calls` → `/v1/businesses/:id/calls`, as Nest registers it with Fastify. */
function fastifyPath(openApiPath: string): string {
  return openApiPath.replace(/\{([^}]+)\}/g, ':$1');
}

/**
 * The documented JSON bodies of every operation's 2xx responses, by `METHOD path` (Fastify's path
 * syntax) and status. Schemas that say nothing (`{}`) are left out: JSON.stringify writes those.
 */
export function documentedResponseSchemas(document: OpenAPIObject): Map<string, Record<number, SerializationSchema>> {
  const components = (document.components?.schemas ?? {}) as Components;
  const routes = new Map<string, Record<number, SerializationSchema>>();
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item as Record<string, { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> }>)) {
      const byStatus: Record<number, SerializationSchema> = {};
      for (const [status, response] of Object.entries(operation?.responses ?? {})) {
        const body = response?.content?.['application/json']?.schema;
        if (!/^2\d\d$/.test(status) || !body) continue;
        const schema = serializationSchema(body, components);
        if (schema.type !== undefined) byStatus[Number(status)] = schema;
      }
      if (Object.keys(byStatus).length > 0) routes.set(`${method.toUpperCase()} ${fastifyPath(path)}`, byStatus);
    }
  }
  return routes;
}

/** Where two JSON values first differ (`items[0].name`), for the log line; never the values themselves. */
export function firstDifference(a: unknown, b: unknown, at = ''): string | null {
  if (isDeepStrictEqual(a, b)) return null;
  if (a && b && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b)) {
    if (Array.isArray(a) && Array.isArray(b)) {
      if (a.length !== b.length) return `${at || '(root)'} (length)`;
      for (let i = 0; i < a.length; i++) {
        const found = firstDifference(a[i], b[i], `${at}[${i}]`);
        if (found) return found;
      }
    } else {
      const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
      for (const key of keys) {
        const found = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], at ? `${at}.${key}` : key);
        if (found) return found;
      }
    }
  }
  return at || '(root)';
}

export class ResponseSchemaMismatch extends Error {}

/**
 * A route's serializer: fast-json-stringify compiled from the documented schema, checked against
 * JSON.stringify on the route's first response and every `checkEvery`-th after it. Where the two
 * disagree (a field the documentation misses or types wrongly) the route writes with JSON.stringify
 * from then on and the difference is logged once, or, when strict (tests), the response fails.
 */
export function checkedSerializer(schema: SerializationSchema, route: string, options: ResponseCheckOptions, logger: Pick<Logger, 'error'>): (payload: unknown) => string {
  const fast = fastJson(schema as Parameters<typeof fastJson>[0]);
  let count = 0;
  let trusted = true;
  return (payload) => {
    if (!trusted) return JSON.stringify(payload);
    let written: string;
    try {
      written = fast(payload);
    } catch (err) {
      return disagree(payload, `it threw: ${(err as Error).message}`);
    }
    if (count++ % options.checkEvery !== 0) return written;
    const expected = JSON.stringify(payload);
    if (written === expected) return written;
    const difference = firstDifference(JSON.parse(written), JSON.parse(expected));
    return difference === null ? written : disagree(payload, `they differ at ${difference}`);
  };

  function disagree(payload: unknown, how: string): string {
    const message = `The documented response schema of ${route} does not describe what the handler returned (${how})`;
    if (options.strict) throw new ResponseSchemaMismatch(message);
    trusted = false;
    logger.error({ route, difference: how }, `${message}; this route writes with JSON.stringify from now on`);
    return JSON.stringify(payload);
  }
}

/**
 * Writes the API's JSON responses with serializers compiled from their OpenAPI documentation
 * (JSON.stringify of a typical response cost about 3 % of a plain GET's throughput under load).
 * Must be called before the routes are registered (before app.init()): it sets each documented
 * route's response schemas as Fastify registers it. Routes that set their own are left alone.
 * Returns what tells, once the routes are registered, which documented routes got none (a path
 * written differently in the document and in the router).
 */
export function registerResponseSerializers(fastify: FastifyInstance, document: OpenAPIObject, options: ResponseCheckOptions): { unserved(): string[] } {
  const documented = documentedResponseSchemas(document);
  const logger = new Logger('ResponseSerializers');
  const served = new Set<string>();
  fastify.addHook('onRoute', (route: RouteOptions) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (methods.length !== 1 || route.schema?.response) return;
    const key = `${methods[0]} ${route.url}`;
    const byStatus = documented.get(key);
    if (!byStatus) return;
    served.add(key);
    route.schema = { ...route.schema, response: byStatus };
    route.serializerCompiler = ({ schema, httpStatus }) => checkedSerializer(schema as SerializationSchema, `${key} ${httpStatus}`, options, logger);
  });
  return { unserved: () => [...documented.keys()].filter((key) => !served.has(key)) };
}
