import { connect } from 'node:net';

/**
 * A deterministic fuzzer driven by the app's own OpenAPI document: for each operation, the cases
 * it sends (malformed and boundary bodies, query strings, path parameters and headers) come from
 * the operation's parameters and request body schema, and from a PRNG seeded with FUZZ_SEED (so a
 * failure reproduces: the seed is in every failure's description).
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

export interface Operation {
  security?: Record<string, string[]>[];
  parameters?: { in: 'path' | 'query' | 'header'; name: string; required?: boolean; schema?: Schema }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
}

export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  default?: unknown;
  nullable?: boolean;
}

export interface OperationRef {
  method: string;
  /** The OpenAPI path, with `{name}` parameters. */
  path: string;
  operation: Operation;
}

/** One request the fuzzer sends: a description (for the failure list) and what goes on the wire. */
export interface FuzzCase {
  name: string;
  method: string;
  /** The path and query, already encoded (or deliberately not). */
  url: string;
  headers: Record<string, string>;
  /** Every case goes over a plain socket, byte for byte: fetch would refuse to send many of them. */
  body?: string | Buffer;
}

/** mulberry32: small, fast and seedable. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function operationsOf(document: OpenApiDocument): OperationRef[] {
  const out: OperationRef[] = [];
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(methods)) out.push({ method: method.toUpperCase(), path, operation });
  }
  return out;
}

export function resolve(document: OpenApiDocument, schema: Schema | undefined): Schema {
  let s = schema ?? {};
  for (let i = 0; s.$ref && i < 20; i++) s = document.components.schemas[s.$ref.replace('#/components/schemas/', '')] ?? {};
  if (s.allOf?.length) {
    const merged: Schema = { type: 'object', properties: {}, required: [] };
    for (const part of s.allOf.map((p) => resolve(document, p))) {
      Object.assign(merged.properties!, part.properties ?? {});
      merged.required!.push(...(part.required ?? []));
      if (part.type && part.type !== 'object') return part;
    }
    return merged;
  }
  return s;
}

/** A plausible value of a schema: what a careful client would send. */
export function sampleOf(document: OpenApiDocument, schema: Schema | undefined, depth = 0): Json {
  const s = resolve(document, schema);
  if (s.example !== undefined) return s.example;
  if (s.enum?.length) return s.enum[0];
  if (s.oneOf?.length || s.anyOf?.length) return sampleOf(document, (s.oneOf ?? s.anyOf)![0], depth + 1);
  switch (s.type) {
    case 'string':
      if (s.format === 'uuid') return '6f1c1a2e-0000-4000-8000-000000000001';
      if (s.format === 'email') return 'fuzz@example.com';
      if (s.format === 'uri' || s.format === 'url') return 'https://example.com/hook';
      if (s.format === 'date-time') return '2026-01-01T00:00:00.000Z';
      if (s.format === 'date') return '2026-01-01';
      return 'x'.repeat(Math.max(1, s.minLength ?? 1));
    case 'integer':
    case 'number':
      return s.minimum ?? 1;
    case 'boolean':
      return true;
    case 'array':
      return depth > 4 ? [] : [sampleOf(document, s.items, depth + 1)];
    default: {
      if (depth > 4 || !s.properties) return {};
      const out: Record<string, Json> = {};
      for (const [name, prop] of Object.entries(s.properties)) out[name] = sampleOf(document, prop, depth + 1);
      return out;
    }
  }
}

/** Strings no validator expects: control characters, every corner of unicode, SQL and path tricks. */
export const NASTY_STRINGS: readonly string[] = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\u0001\u0002\u0003\u0007\b\t\n\v\f\r\u001b\u007f',
  '\ud800',
  'x\udfffy',
  '\udc00\ud800',
  '\u202e\u202dRTL\u200f\u200e',
  '\u200b\u200c\u200d\ufeff',
  '\ufffe\uffff',
  '\u{10ffff}\u{1f600}\u{e0001}',
  'Z\u0351\u0360\u0367\u034a\u035b\u0352',
  'ﷺ'.repeat(50),
  '%00%ZZ%',
  "' OR 1=1 --",
  '"; DROP TABLE users; --',
  '\\',
  '../../../../etc/passwd',
  '${jndi:ldap://x}',
  '{{7*7}}',
  '<script>alert(1)</script>',
  '__proto__',
  'constructor',
  'NaN',
  'Infinity',
  '-0',
  '1e309',
  '0x1F',
  'true',
  'null',
  '[]',
  '{}',
  '2026-02-30T25:61:61Z',
  '0000-00-00',
  '+99999-01-01T00:00:00Z',
  '6f1c1a2e-0000-4000-8000-00000000000',
  '6F1C1A2E-0000-4000-8000-000000000001',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '6f1c1a2e00004000800000000000001',
];

/** Numbers at and beyond every edge. */
export const NASTY_NUMBERS: readonly Json[] = [0, -1, -0, 1.5, -2147483649, 2147483648, 2 ** 53 + 2, 1e308, -1e308, 5e-324, '1', '1e3', ' 1', 'NaN', 'Infinity'];

/** Cursors: not base64url, base64url of what is not a position, positions Postgres would refuse. */
export const NASTY_CURSORS: readonly string[] = [
  'x',
  '!!!',
  '%E0%A4%A',
  b64(''),
  b64('null'),
  b64('[]'),
  b64('{}'),
  b64('[1,2]'),
  b64('["1","6f1c1a2e-0000-4000-8000-000000000001"]'),
  b64('["2026-02-30","6f1c1a2e-0000-4000-8000-000000000001"]'),
  b64('["2026-01-01T00:00:00Z","------------------------------------"]'),
  b64('["275760-09-13T00:00:00Z","6f1c1a2e-0000-4000-8000-000000000001"]'),
  b64('["-271821-04-20T00:00:00Z","6f1c1a2e-0000-4000-8000-000000000001"]'),
  b64('["2026-01-01T00:00:00Z","6f1c1a2e-0000-4000-8000-000000000001",1]'),
  b64('["2026-01-01 00:00:00\u0000","6f1c1a2e-0000-4000-8000-000000000001"]'),
  b64('["Tue Dec 01 2026","6f1c1a2e-0000-4000-8000-000000000001"]'),
  b64('["2026","6f1c1a2e-0000-4000-8000-000000000001"]'),
  b64('[[' + '['.repeat(3000) + ']'.repeat(3000) + ']]'),
  'A'.repeat(5000),
];

function b64(text: string): string {
  return Buffer.from(text).toString('base64url');
}

export function deeplyNested(depth: number): string {
  return '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

/** Wrong types and boundary values for one field of a given schema. */
export function nastyValuesFor(document: OpenApiDocument, schema: Schema | undefined, pick: <T>(values: readonly T[]) => T): { label: string; value: Json }[] {
  const s = resolve(document, schema);
  const out: { label: string; value: Json }[] = [
    { label: 'null', value: null },
    { label: 'object', value: { a: 1 } },
    { label: 'array', value: [1, 'x', null] },
    { label: 'boolean', value: false },
    { label: 'number', value: pick(NASTY_NUMBERS) },
    { label: 'string', value: pick(NASTY_STRINGS) },
    { label: 'string', value: pick(NASTY_STRINGS) },
    { label: 'huge string', value: 'é'.repeat(20_000) },
    { label: 'nested', value: JSON.parse(deeplyNested(200)) },
  ];
  if (s.type === 'array') out.push({ label: 'huge array', value: Array.from({ length: 5000 }, () => pick(NASTY_STRINGS)) });
  if (s.type === 'array') out.push({ label: 'array of wrong items', value: [pick(NASTY_STRINGS), null, { a: 1 }, pick(NASTY_NUMBERS)] });
  if (s.type === 'integer' || s.type === 'number') out.push({ label: 'number', value: pick(NASTY_NUMBERS) }, { label: 'number', value: pick(NASTY_NUMBERS) });
  return out;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** One request over a plain socket, written byte for byte (Connection: close), its answer parsed loosely. */
export function rawRequest(host: string, port: number, head: string, body: Buffer | string = '', timeoutMs = 10_000): Promise<RawResponse> {
  return new Promise((resolvePromise, reject) => {
    const socket = connect(port, host);
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error('no answer within the timeout'));
    }, timeoutMs);
    socket.on('connect', () => {
      socket.write(Buffer.from(head, 'latin1'));
      if (body.length) socket.write(body);
    });
    socket.on('data', (chunk) => chunks.push(chunk));
    // A server may close while we are still writing (it refused early): what it answered counts.
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      clearTimeout(timer);
      const all = Buffer.concat(chunks);
      const split = all.indexOf('\r\n\r\n');
      const [statusLine, ...lines] = (split >= 0 ? all.subarray(0, split) : all).toString('latin1').split('\r\n');
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine ?? '')?.[1] ?? 0);
      const headers: Record<string, string> = {};
      for (const line of lines) {
        const colon = line.indexOf(':');
        if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      let rest: Buffer = split >= 0 ? all.subarray(split + 4) : Buffer.alloc(0);
      if (headers['transfer-encoding'] === 'chunked') rest = dechunk(rest);
      resolvePromise({ status, headers, body: rest.toString('utf8') });
    });
  });
}

function dechunk(data: Buffer): Buffer {
  const out: Buffer[] = [];
  let at = 0;
  for (;;) {
    const eol = data.indexOf('\r\n', at);
    if (eol < 0) return Buffer.concat(out);
    const size = parseInt(data.subarray(at, eol).toString('latin1'), 16);
    if (!size) return Buffer.concat(out);
    out.push(data.subarray(eol + 2, eol + 2 + size));
    at = eol + 2 + size + 2;
  }
}

/** encodeURIComponent, except that a lone surrogate is written as its WTF-8 bytes instead of throwing. */
export function encodeLoosely(text: string): string {
  let out = '';
  for (const char of text) {
    const unit = char.charCodeAt(0);
    if (char.length === 1 && unit >= 0xd800 && unit <= 0xdfff) {
      out += [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    } else out += encodeURIComponent(char);
  }
  return out;
}
