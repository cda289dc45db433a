import createClient, { type Client, type ClientOptions } from 'openapi-fetch';
import type { components, paths } from './schema';

export type { components, operations, paths } from './schema';

/** The schemas of the API's document by name: `Schemas['LeadDto']`. */
export type Schemas = components['schemas'];

/** A typed client of the Beaker API: every path, parameter, body and answer comes from its OpenAPI document. */
export type BeakerClient = Client<paths>;

export interface BeakerClientOptions extends Omit<ClientOptions, 'headers'> {
  /** An integrator's API key (`bk_…`), sent as `Authorization: Bearer …`. The web app uses its session cookie instead. */
  apiKey?: string;
  headers?: Record<string, string>;
}

/**
 * `createBeakerClient({ baseUrl: 'https://app.beaker.example', apiKey })`, then
 * `const { data, error } = await client.POST('/v1/leads', { body, headers: { 'Idempotency-Key': key } })`:
 * `data` is the 2xx answer, `error` the problem+json (`{ code, title, detail, errors? }`).
 */
export function createBeakerClient(options: BeakerClientOptions = {}): BeakerClient {
  const { apiKey, headers, ...rest } = options;
  return createClient<paths>({
    ...rest,
    headers: { ...(apiKey ? { Authorization: `Bearer ${apiKey}` } : {}), ...headers },
  });
}
