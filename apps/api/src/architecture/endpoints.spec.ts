import { apiSourceFiles } from './source-tree';

/**
 * Each route is declared once, by @Endpoint (common/http/endpoint.ts): its summary, its success and
 * its errors as the classes that throw them. A controller that documents a response by hand
 * (@ApiOkResponse, @ApiConflictResponse, …) or a route without @Endpoint would let the OpenAPI
 * document and the answers drift apart again.
 */
describe('routes are declared with @Endpoint', () => {
  const controllers = apiSourceFiles().filter((f) => f.path.endsWith('.controller.ts'));
  const ROUTE = /^\s*@(Get|Post|Put|Patch|Delete|Head|Options|All)\(/gm;

  it('finds the controllers', () => {
    expect(controllers.length).toBeGreaterThanOrEqual(24);
  });

  it('every route has one @Endpoint', () => {
    const offenders = controllers
      .map((f) => ({ file: f.path, routes: [...f.text.matchAll(ROUTE)].length, endpoints: [...f.text.matchAll(/^\s*@Endpoint\(/gm)].length }))
      .filter((f) => f.routes === 0 || f.routes !== f.endpoints);
    expect(offenders).toEqual([]);
  });

  it('no controller documents an operation or a response by hand', () => {
    const offenders = controllers.flatMap((f) => [...f.text.matchAll(/@(ApiOperation|Api[A-Za-z]*Response)\(/g)].map((m) => `${f.path}: @${m[1]}`));
    expect(offenders).toEqual([]);
  });

  it('declares no DTO class in a controller file (they live in dto/*.dto.ts)', () => {
    const offenders = controllers.flatMap((f) => [...f.text.matchAll(/^export class (\w+Dto)\b/gm)].map((m) => `${f.path}: ${m[1]}`));
    expect(offenders).toEqual([]);
  });
});
