import type { OpenAPIObject } from '@nestjs/swagger';
import fc from 'fast-check';
import { checkedSerializer, documentedResponseSchemas, firstDifference, ResponseSchemaMismatch, serializationSchema } from './response-serializers';

const components = {
  Plan: {
    type: 'object',
    required: ['plan', 'callsIncluded'],
    properties: {
      plan: { type: 'string', enum: ['starter', 'pro'] },
      callsIncluded: { type: 'integer' },
      renewsAt: { type: 'string', format: 'date', nullable: true },
      owner: { nullable: true, allOf: [{ $ref: '#/components/schemas/Owner' }] },
    },
  },
  Owner: { type: 'object', properties: { email: { type: 'string' }, active: { type: 'boolean' } } },
  Tree: { type: 'object', properties: { name: { type: 'string' }, children: { type: 'array', items: { $ref: '#/components/schemas/Tree' } } } },
};
const PLAN_LIST = { type: 'object', properties: { items: { type: 'array', items: { $ref: '#/components/schemas/Plan' } }, nextCursor: { type: 'string', nullable: true } } };

describe('serializationSchema', () => {
  it('resolves references and keeps only what changes no value: no required, formats or enums; integers as numbers; nullable as a null type', () => {
    expect(serializationSchema(PLAN_LIST, components)).toEqual({
      type: 'object',
      properties: {
        items: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              plan: { type: 'string' },
              callsIncluded: { type: 'number' },
              renewsAt: { type: ['string', 'null'] },
              owner: { type: ['object', 'null'], properties: { email: { type: 'string' }, active: { type: 'boolean' } } },
            },
          },
        },
        nextCursor: { type: ['string', 'null'] },
      },
    });
  });

  it('leaves to JSON.stringify what it cannot state exactly: unions, maps, free-form objects, untyped values and cycles', () => {
    expect(serializationSchema({ oneOf: [{ type: 'string' }, { type: 'number' }] }, components)).toEqual({});
    expect(serializationSchema({ type: 'object', additionalProperties: { type: 'string' } }, components)).toEqual({});
    expect(serializationSchema({ type: 'object', properties: { a: { type: 'string' } }, additionalProperties: true }, components)).toEqual({});
    expect(serializationSchema({ type: 'object', description: 'A Stripe Event object' }, components)).toEqual({});
    expect(serializationSchema({ type: 'array' }, components)).toEqual({});
    expect(serializationSchema({ description: 'anything' }, components)).toEqual({});
    expect(serializationSchema({ allOf: [{ $ref: '#/components/schemas/Owner' }, { type: 'object' }] }, components)).toEqual({});
    expect(serializationSchema({ $ref: '#/components/schemas/Missing' }, components)).toEqual({});
    const tree = serializationSchema({ $ref: '#/components/schemas/Tree' }, components);
    expect(tree).toEqual({ type: 'object', properties: { name: { type: 'string' }, children: { type: 'array', items: {} } } });
  });
});

describe('documentedResponseSchemas', () => {
  it('keys 2xx JSON bodies by method and router path, and skips bodies it would hand to JSON.stringify anyway', () => {
    const document = {
      openapi: '3.0.0',
      info: { title: 't', version: '1' },
      components: { schemas: components },
      paths: {
        '/v1/businesses/{id}/plans/{planId}': {
          get: { responses: { '200': { content: { 'application/json': { schema: PLAN_LIST } } }, '404': { content: { 'application/json': { schema: PLAN_LIST } } } } },
          post: { responses: { '201': { content: { 'application/json': { schema: { $ref: '#/components/schemas/Plan' } } } } } },
          delete: { responses: { '204': { description: 'gone' } } },
        },
        '/v1/export': { get: { responses: { '200': { content: { 'text/csv': { schema: { type: 'string' } } } } } } },
        '/webhooks/x': { post: { responses: { '200': { content: { 'application/json': { schema: { oneOf: [{ type: 'object' }] } } } } } } },
      },
    } as unknown as OpenAPIObject;
    const routes = documentedResponseSchemas(document);
    expect([...routes.keys()]).toEqual(['GET /v1/businesses/:id/plans/:planId', 'POST /v1/businesses/:id/plans/:planId']);
    expect(Object.keys(routes.get('GET /v1/businesses/:id/plans/:planId')!)).toEqual(['200']);
    expect(Object.keys(routes.get('POST /v1/businesses/:id/plans/:planId')!)).toEqual(['201']);
  });
});

describe('checkedSerializer', () => {
  const planList = serializationSchema(PLAN_LIST, components);
  const quiet = () => ({ error: jest.fn() });

  it('writes the same JSON as JSON.stringify for any value the documentation describes', () => {
    const write = checkedSerializer(planList, 'GET /v1/plans 200', { checkEvery: 1, strict: true }, quiet());
    const text = fc.string({ unit: 'binary' });
    const plan = fc.record(
      {
        plan: text,
        callsIncluded: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })),
        renewsAt: fc.oneof(fc.constant(null), text, fc.date({ noInvalidDate: true })),
        owner: fc.oneof(fc.constant(null), fc.record({ email: text, active: fc.boolean() }, { requiredKeys: [] })),
      },
      { requiredKeys: ['plan'] },
    );
    fc.assert(
      fc.property(fc.record({ items: fc.array(plan, { maxLength: 4 }), nextCursor: fc.oneof(fc.constant(null), text) }), (body) => {
        expect(JSON.parse(write(body))).toEqual(JSON.parse(JSON.stringify(body)));
      }),
    );
  });

  it('strict (tests): a field the documentation misses or types wrongly fails the response', () => {
    const write = checkedSerializer(planList, 'GET /v1/plans 200', { checkEvery: 1, strict: true }, quiet());
    expect(() => write({ items: [], nextCursor: null, total: 3 })).toThrow(ResponseSchemaMismatch);
    expect(() => write({ items: [], nextCursor: null, total: 3 })).toThrow(/differ at total/);
    expect(() => write({ items: [{ plan: 'pro', callsIncluded: '500' }], nextCursor: null })).toThrow(/GET \/v1\/plans 200 .*differ at items\[0\]\.callsIncluded/);
    expect(() => write({ items: [{ plan: null }], nextCursor: null })).toThrow(/differ at items\[0\]\.plan/);
    expect(() => write({ items: [{ plan: 'pro', callsIncluded: NaN }], nextCursor: null })).toThrow(/threw/);
  });

  it('otherwise: falls back to JSON.stringify for good, and says so once without the values', () => {
    const logger = quiet();
    const write = checkedSerializer(planList, 'GET /v1/plans 200', { checkEvery: 1, strict: false }, logger);
    const body = { items: [{ plan: 'pro', secretNote: 'do not log me' }], nextCursor: null };
    expect(write(body)).toBe(JSON.stringify(body));
    expect(write({ items: [], nextCursor: null, extra: 1 })).toBe('{"items":[],"nextCursor":null,"extra":1}');
    expect(logger.error).toHaveBeenCalledTimes(1);
    expect(JSON.stringify(logger.error.mock.calls[0])).toContain('items[0].secretNote');
    expect(JSON.stringify(logger.error.mock.calls[0])).not.toContain('do not log me');
  });

  it('checks the first response and then every n-th, so a sampled difference is caught without checking them all', () => {
    const logger = quiet();
    const write = checkedSerializer(planList, 'GET /v1/plans 200', { checkEvery: 3, strict: false }, logger);
    const undocumented = { items: [], nextCursor: null, extra: 1 };
    const good = { items: [], nextCursor: null };
    expect(write(good)).toBe('{"items":[],"nextCursor":null}'); // 1st: checked
    expect(write(undocumented)).toBe('{"items":[],"nextCursor":null}'); // 2nd: not checked, written as documented
    expect(write(undocumented)).toBe('{"items":[],"nextCursor":null}'); // 3rd: not checked
    expect(logger.error).not.toHaveBeenCalled();
    expect(write(undocumented)).toBe(JSON.stringify(undocumented)); // 4th: checked, caught
    expect(logger.error).toHaveBeenCalledTimes(1);
    expect(write(undocumented)).toBe(JSON.stringify(undocumented));
  });
});

describe('firstDifference', () => {
  it('names the first path where two JSON values differ, or null when they are equal in any key order', () => {
    expect(firstDifference({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBeNull();
    expect(firstDifference({ a: 1, b: [1, { c: 2 }] }, { a: 1, b: [1, { c: 3 }] })).toBe('b[1].c');
    expect(firstDifference({ a: [1] }, { a: [1, 2] })).toBe('a (length)');
    expect(firstDifference({ a: 1 }, { a: 1, b: 2 })).toBe('b');
    expect(firstDifference(1, '1')).toBe('(root)');
  });
});
