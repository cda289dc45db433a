import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiOperation, ApiResponse, type ApiResponseOptions } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ERROR_CATALOG, type ErrorCode } from '@beaker/contracts';
import type { DeclarableError } from '../errors/domain-error';
import { ProblemResponse } from './openapi';

/**
 * One declaration per route (immich's `@Endpoint` is the model): what it does, what it answers
 * when it succeeds, and the errors it may answer, as the classes that throw them:
 *
 * ```ts
 * @Post()
 * @HttpCode(201)
 * @Endpoint({
 *   summary: 'Start a trial',
 *   response: { status: 201, type: TrialResponseDto },
 *   errors: [ValidationFailed, InvalidTrialPhone, UserTrialLimit, { error: RateLimited, note: 'per IP, with Retry-After' }],
 * })
 * ```
 *
 * From it come the OpenAPI operation (summary, description, the success response, and one
 * problem+json response per error status listing each code with its title and note) and the
 * codes the problem filter holds the route to (`declaredErrorsOf`). Errors every route of a
 * controller may answer (those of its access: AUTH.UNAUTHENTICATED, AUTH.FORBIDDEN, …) are
 * declared once on the class with `@EndpointErrors([...])`.
 *
 * Codes no route declares (IMPLIED_ERROR_CODES) are those of the request pipeline before any
 * route's code runs: a body that cannot be read or is too large, a URL the router cannot take,
 * and what is not an expected failure at all (INTERNAL, the framework's HTTP_* refusals).
 * VALIDATION.FAILED and RATE_LIMITED are not implied: a route answers the first only when it takes
 * a DTO, the second only when it counts something (its own limit, or API keys' requests:
 * API_KEY_LIMITED), and declaring them is what tells integrators which routes do.
 */

/** An error a route declares: its class, or its class with what it means on this route. */
export type DeclaredError = DeclarableError | { error: DeclarableError; note: string };

export interface EndpointOptions {
  summary: string;
  description?: string;
  /** The answer when the route succeeds (its status is the route's @HttpCode, or Nest's default). */
  response: ApiResponseOptions & { status: number };
  /** Documented answers that are not problems (e.g. a 503 health report). */
  otherResponses?: (ApiResponseOptions & { status: number })[];
  /** The DomainErrors the route may answer, besides its controller's (@EndpointErrors). */
  errors?: DeclaredError[];
}

/** Codes every route may answer without declaring them: see above. */
export const IMPLIED_ERROR_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'REQUEST.MALFORMED_BODY',
  'REQUEST.PAYLOAD_TOO_LARGE',
  'REQUEST.UNSUPPORTED_MEDIA_TYPE',
  'REQUEST.BAD_URL',
  'REQUEST.URL_TOO_LONG',
  'REQUEST.HEADERS_TOO_LARGE',
  'REQUEST.MALFORMED',
  'REQUEST.TIMEOUT',
  'INTERNAL',
  'BAD_REQUEST',
  'METHOD_NOT_ALLOWED',
  'CONFLICT',
  // The access guard's answer to a trial session (email not yet proven) on any signed-in route not
  // marked @TrialSessionAllowed: every such route may answer it, before its own code runs.
  'AUTH.EMAIL_NOT_VERIFIED',
]);

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The codes the route's @Endpoint (and its controller's @EndpointErrors) declare. */
    declaredErrors?: ReadonlySet<ErrorCode>;
  }
}

/** What @Endpoint records on the handler (its controller's @EndpointErrors included). */
const ENDPOINT = Symbol('beaker:endpoint');
/** Nest's key for a route's Fastify config, read from its own public decorator. */
const ROUTE_CONFIG_KEY = RouteConfig({}).KEY;

interface EndpointRecord {
  errors: readonly DeclaredError[];
}

export function Endpoint(options: EndpointOptions): MethodDecorator {
  return (target, key, descriptor) => {
    const { summary, description, response, otherResponses = [], errors = [] } = options;
    ApiOperation({ summary, description })(target, key, descriptor);
    // A copy: ApiResponse writes into the options it is given, and constants are shared between routes.
    for (const answer of [response, ...otherResponses]) ApiResponse({ ...answer })(target, key, descriptor);
    Reflect.defineMetadata(ENDPOINT, { errors } satisfies EndpointRecord, descriptor.value as object);
    declare(descriptor, errors);
    return descriptor;
  };
}

/**
 * Errors every route of the controller may answer (its access: authentication, CSRF, the
 * business it acts on), declared once. Runs after the routes' own @Endpoint (class decorators
 * come last), and adds these to each of them.
 */
export function EndpointErrors(errors: DeclaredError[]): ClassDecorator {
  return (target) => {
    const prototype = target.prototype as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(prototype)) {
      const descriptor = Object.getOwnPropertyDescriptor(prototype, name);
      const own = descriptor && typeof descriptor.value === 'function' ? endpointOf(descriptor.value) : undefined;
      if (!descriptor || !own) continue;
      // One the route declares as well keeps the route's note.
      const routes = new Set(own.errors.map(codeOf));
      const added = errors.filter((e) => !routes.has(codeOf(e)));
      declare(descriptor, added);
      Reflect.defineMetadata(ENDPOINT, { errors: [...own.errors, ...added] } satisfies EndpointRecord, descriptor.value);
    }
  };
}

/** The @Endpoint declaration of a handler (its errors include its controller's), if it has one. */
export function endpointOf(handler: object): EndpointRecord | undefined {
  return Reflect.getMetadata(ENDPOINT, handler) as EndpointRecord | undefined;
}

/** The codes a route declares, or undefined for a route without @Endpoint (not one of the API's: the SPA, the queue dashboard). */
export function declaredErrorsOf(request: FastifyRequest): ReadonlySet<ErrorCode> | undefined {
  return request.routeOptions.config?.declaredErrors;
}

function codeOf(declared: DeclaredError): ErrorCode {
  return 'error' in declared ? declared.error.code : declared.code;
}

/**
 * The lines of one error response: each code with its title, and what it means on this route.
 * Paragraphs, so that the responses @EndpointErrors adds to a status the route documents already
 * (@nestjs/swagger joins two descriptions of one status with a blank line) read as one list.
 */
function describeErrors(errors: readonly DeclaredError[]): string {
  return errors
    .map((declared) => {
      const code = codeOf(declared);
      const note = 'error' in declared ? ` (${declared.note})` : '';
      return `\`${code}\`: ${ERROR_CATALOG[code].title}${note}`;
    })
    .join('\n\n');
}

/** Documents `errors` on the handler (one problem+json response per status) and adds their codes to its route's config. */
function declare(descriptor: PropertyDescriptor, errors: readonly DeclaredError[]): void {
  const handler = descriptor.value as object;
  const byStatus = new Map<number, DeclaredError[]>();
  for (const declared of errors) {
    const status = ERROR_CATALOG[codeOf(declared)].status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), declared]);
  }
  for (const [status, declared] of [...byStatus].sort(([a], [b]) => a - b)) {
    ApiResponse({ status, type: ProblemResponse, description: describeErrors(declared) })({}, '', descriptor);
  }
  const config = (Reflect.getMetadata(ROUTE_CONFIG_KEY, handler) as Record<string, unknown> | undefined) ?? {};
  const codes = new Set<ErrorCode>([...((config.declaredErrors as ReadonlySet<ErrorCode> | undefined) ?? []), ...errors.map(codeOf)]);
  Reflect.defineMetadata(ROUTE_CONFIG_KEY, { ...config, declaredErrors: codes }, handler);
}

/** Adds to a route's Fastify config (`request.routeOptions.config`) without replacing what other decorators put there. */
export function AddRouteConfig(entries: Record<string, unknown>): MethodDecorator {
  return (_target, _key, descriptor) => {
    const handler = descriptor.value as object;
    const config = (Reflect.getMetadata(ROUTE_CONFIG_KEY, handler) as Record<string, unknown> | undefined) ?? {};
    Reflect.defineMetadata(ROUTE_CONFIG_KEY, { ...config, ...entries }, handler);
    return descriptor;
  };
}
