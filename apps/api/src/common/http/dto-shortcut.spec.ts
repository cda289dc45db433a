import 'reflect-metadata';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inspect } from 'node:util';
import fc from 'fast-check';
import { parse as parseQuery } from 'fast-querystring';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, IsIn, IsInt, IsOptional, IsString, MaxLength, ValidateNested, ValidationError, validateSync } from 'class-validator';
// Loading the app's module tree runs the decorators of every controller and DTO it routes to.
import '../../app.module';
import { PlanQueryDto } from '../../modules/businesses/dto/plan.dto';
import { DtoShortcut } from './dto-shortcut';
import { Trim, TypeOf } from './dto-transforms';

type Dto = new () => object;
type Plain = Record<string, unknown>;

/** The full path the shortcut must agree with: what RequestValidationPipe runs when it declines. */
function fullPath(cls: Dto, plain: unknown, implicitConversion: boolean): { instance: object; errors: ValidationError[] } {
  const instance = plainToInstance(cls, plain, { enableImplicitConversion: implicitConversion }) as object;
  const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
  return { instance, errors };
}

const storage = getMetadataStorage();

function rulesOf(cls: Dto) {
  return storage.getTargetValidationMetadatas(cls, undefined as unknown as string, false, false, undefined);
}

/**
 * Every class of the API with class-validator rules: the exports of every source file that declares
 * DTOs (a dto/ folder, *.dto.ts) or imports class-validator, loaded here if no module imports it
 * yet (a DTO written ahead of its controller). Taken before this file declares classes of its own.
 */
function apiDtoClasses(dir: string, found = new Set<Dto>()): Set<Dto> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      apiDtoClasses(path, found);
      continue;
    }
    if (!/\.ts$/.test(entry.name) || /\.(int-)?spec\.ts$/.test(entry.name)) continue;
    const declaresDtos = /\.dto\.ts$/.test(entry.name) || /[\\/]dto$/.test(dir) || readFileSync(path, 'utf8').includes("from 'class-validator'");
    if (!declaresDtos) continue;
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- which files there are is only known at run time
    for (const value of Object.values(require(path) as Record<string, unknown>)) {
      if (typeof value === 'function' && rulesOf(value as Dto).length > 0) found.add(value as Dto);
    }
  }
  return found;
}
const API_DTOS: Dto[] = [...apiDtoClasses(join(__dirname, '../..'))];

const UUID = '3f2b8c1e-9d4a-4e6b-8c2d-1a2b3c4d5e6f';
/** Strings the API's rules care about (ids, emails, numbers, dates, phones, codes), and some they should refuse. */
const STRINGS = [
  '', ' ', 'abc', '5', '-1', '0', '0.5', '1e3', ' 5 ', '100', '101', 'true', 'false', 'null', 'undefined', 'NaN',
  UUID, UUID.toUpperCase(), 'owner@example.com', ' Owner@Example.com ', 'https://example.com/a?b=1', '/trial/new', '//evil.example',
  '+14155550123', '14155550123', '2024-05-01T10:00:00Z', '2024-05-01', '2024-13-45', '123456', '12345', 'CA', 'c', 'ünïcode',
  '__proto__', 'x'.repeat(255), 'a'.repeat(10_000),
];
const UNKNOWN_KEYS = ['unknown', 'constructor', '__proto__', 'toString', 'hasOwnProperty', ''];

/** Values the class's own rules name (IsIn lists, MaxLength/Max bounds…), and strings right at and past those bounds. */
function constraintValues(cls: Dto): unknown[] {
  const found = new Set<unknown>();
  const visit = (c: unknown): void => {
    if (Array.isArray(c)) c.forEach(visit);
    else if (c === null || ['string', 'number', 'boolean'].includes(typeof c)) found.add(c);
  };
  for (const rule of rulesOf(cls)) visit(rule.constraints);
  for (const v of [...found]) {
    if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 10_000) {
      found.add('x'.repeat(v));
      found.add('x'.repeat(v + 1));
      found.add(v + 1);
      found.add(String(v));
    }
  }
  return [...found];
}

const primitive = fc.oneof(
  fc.constantFrom<unknown>(...STRINGS),
  fc.string({ maxLength: 12 }),
  fc.integer({ min: -1000, max: 1000 }),
  fc.constantFrom<unknown>(0, -0, -1, 5, 0.5, 1e21, Number.NaN, Number.POSITIVE_INFINITY, true, false, null, undefined),
  fc.double(),
);
const nested = fc.oneof(
  fc.array(primitive, { maxLength: 3 }),
  fc.dictionary(fc.constantFrom('a', 'plan', 'name', 'then'), primitive, { maxKeys: 2 }),
  fc.constant({}),
  fc.constant([]),
);

/** Strings that match the class's @Matches patterns, which random strings almost never do. */
function patternStrings(cls: Dto): fc.Arbitrary<string> {
  const patterns = rulesOf(cls).flatMap((r) => (r.constraints ?? []).filter((c): c is RegExp => c instanceof RegExp));
  return patterns.length ? fc.oneof(...patterns.map((re) => fc.stringMatching(re))) : fc.constantFrom(...STRINGS);
}

function valueFor(cls: Dto): fc.Arbitrary<unknown> {
  const own = constraintValues(cls);
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom<unknown>(...(own.length ? own : STRINGS)) },
    { weight: 2, arbitrary: patternStrings(cls) },
    { weight: 4, arbitrary: primitive },
    { weight: 1, arbitrary: nested },
  );
}

function stringFor(cls: Dto): fc.Arbitrary<string> {
  const own = constraintValues(cls).map(String);
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...(own.length ? own : STRINGS)) },
    { weight: 2, arbitrary: patternStrings(cls) },
    { weight: 3, arbitrary: fc.constantFrom(...STRINGS) },
    { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
    { weight: 1, arbitrary: fc.integer().map(String) },
  );
}

type Shape = 'object literal' | 'null prototype' | 'query string';
interface Case {
  shape: Shape;
  implicitConversion: boolean;
  plain: object;
  query?: string;
}

/** Own data properties as JSON.parse makes them: a "__proto__" key is a key, not the prototype. */
function build(target: object, entries: [string, unknown][]): object {
  for (const [key, value] of entries) Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  return target;
}

function inputsFor(cls: Dto): fc.Arbitrary<Case> {
  const names = [...new Set(rulesOf(cls).map((r) => r.propertyName))];
  const value = valueFor(cls);
  const known = fc.record(Object.fromEntries(names.map((n) => [n, value])), { requiredKeys: [] });
  // Mostly well-formed keys, so inputs the shortcut can accept come up often; sometimes extra ones.
  const extras = <T>(v: fc.Arbitrary<T>) =>
    fc.oneof({ weight: 3, arbitrary: fc.constant([] as [string, T][]) }, { weight: 1, arbitrary: fc.array(fc.tuple(fc.constantFrom(...UNKNOWN_KEYS, ...names), v), { minLength: 1, maxLength: 2 }) });

  const bodyLike = fc.record({ known, extra: extras(value), nullPrototype: fc.boolean(), implicitConversion: fc.boolean() }).map(({ known, extra, nullPrototype, implicitConversion }): Case => {
    const entries: [string, unknown][] = [...Object.entries(known), ...extra];
    return {
      shape: nullPrototype ? 'null prototype' : 'object literal',
      implicitConversion,
      plain: build(nullPrototype ? Object.create(null) : {}, entries),
    };
  });

  const text = stringFor(cls);
  const knownText = fc.record(Object.fromEntries(names.map((n) => [n, text])), { requiredKeys: [] });
  const queryLike = fc.record({ known: knownText, extra: extras(text), implicitConversion: fc.boolean() }).map(({ known, extra, implicitConversion }): Case => {
    // A repeated key becomes an array, as Fastify hands it to the pipe.
    const query = [...Object.entries(known), ...extra].map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v ?? '')}`).join('&');
    return { shape: 'query string', implicitConversion, plain: parseQuery(query) as object, query };
  });

  return fc.oneof(bodyLike, queryLike);
}

/** Where the shortcut's instance differs from the full path's, or null when they are equal. */
function difference(mine: object, theirs: object): string | null {
  if (mine.constructor !== theirs.constructor || Object.getPrototypeOf(mine) !== Object.getPrototypeOf(theirs)) return 'a different class';
  const a = Object.keys(mine).sort();
  const b = Object.keys(theirs).sort();
  if (a.join('\0') !== b.join('\0')) return `keys ${inspect(a)} vs ${inspect(b)}`;
  for (const key of a) {
    const x = (mine as Plain)[key];
    const y = (theirs as Plain)[key];
    if (!Object.is(x, y)) return `${key}: ${inspect(x)} vs ${inspect(y)}`;
  }
  return null;
}

const accepted = new Map<Dto, number>();

describe('DtoShortcut against plainToInstance + validateSync, for every DTO of the API', () => {
  it('sees the API’s DTO classes', () => {
    const names = API_DTOS.map((c) => c.name);
    // A few from different corners: a failure here means the modules did not load, not a shortcut bug.
    expect(names).toEqual(expect.arrayContaining(['PlanQueryDto', 'PageQueryDto', 'CreateTrialDto', 'SandboxInboundCallRequestDto', 'SandboxEmailQueryDto', 'ComplianceEvaluateRequestDto']));
    expect(API_DTOS.length).toBeGreaterThanOrEqual(25);
  });

  it.each(API_DTOS.map((cls) => [cls.name, cls] as const))('%s: whatever the shortcut accepts, the full path accepts as the same instance', (_name, cls) => {
    const shortcut = DtoShortcut.compile(cls);
    accepted.set(cls, 0);
    if (!shortcut) return; // every input goes the full path: nothing to compare
    fc.assert(
      fc.property(inputsFor(cls), ({ shape, implicitConversion, plain, query }) => {
        const mine = shortcut.accept(plain, implicitConversion);
        if (mine === undefined) return;
        accepted.set(cls, (accepted.get(cls) ?? 0) + 1);
        const full = fullPath(cls, plain, implicitConversion);
        const where = full.errors.length > 0 ? `the full path refuses it: ${inspect(full.errors.map((e) => e.constraints ?? e.property))}` : difference(mine, full.instance);
        if (where) {
          throw new Error(
            `${cls.name}: shortcut accepted ${inspect(plain)} (${shape}${query === undefined ? '' : ` ${JSON.stringify(query)}`}, implicitConversion=${implicitConversion}) ` +
              `as ${inspect(mine)}, but ${where}; full path made ${inspect(full.instance)}`,
          );
        }
      }),
      { numRuns: 300 },
    );
  });

  it('accepted real input for most classes it compiles for, so agreement is not just declining', () => {
    const compiled = API_DTOS.filter((cls) => DtoShortcut.compile(cls) !== null);
    const accepting = compiled.filter((cls) => (accepted.get(cls) ?? 0) > 0);
    const report = compiled.map((cls) => `${cls.name}=${accepted.get(cls) ?? 0}`).join(', ');
    expect(compiled).toContain(PlanQueryDto);
    expect(accepted.get(PlanQueryDto)).toBeGreaterThan(0);
    // The report (accepted inputs per class) shows in the diff when too few classes accepted anything.
    expect({ atLeastHalfAccepting: accepting.length * 2 >= compiled.length, report }).toEqual({ atLeastHalfAccepting: true, report });

    const plan = DtoShortcut.compile(PlanQueryDto)!.accept(parseQuery('plan=pro'), true);
    expect(plan).toBeInstanceOf(PlanQueryDto);
    expect(plan).toEqual(fullPath(PlanQueryDto, { plan: 'pro' }, true).instance);
    expect((plan as PlanQueryDto).plan).toBe('pro');
  });
});

describe('DtoShortcut examples', () => {
  class Flat {
    @IsString()
    @MaxLength(5)
    name!: string;

    @IsOptional()
    @IsInt()
    limit?: number;
  }

  class Typed {
    @IsOptional()
    @TypeOf(() => Number)
    @IsInt()
    limit?: number;
  }

  class Inner {}

  class TypedAsClass {
    @IsOptional()
    @TypeOf(() => Inner)
    inner?: Inner;
  }

  class Transformed {
    @Trim()
    @IsString()
    name!: string;
  }

  class Nested {
    @ValidateNested()
    inner!: object;
  }

  class Bare {
    name?: string;
  }

  class Kind {
    @IsIn(['a', 'b'])
    kind!: string;
  }

  const flat = DtoShortcut.compile(Flat)!;

  it('compiles to null where @Trim or nested validation is involved, or there are no rules', () => {
    expect(flat).not.toBeNull();
    expect(DtoShortcut.compile(Transformed)).toBeNull();
    expect(DtoShortcut.compile(Nested)).toBeNull();
    expect(DtoShortcut.compile(Bare)).toBeNull();
  });

  it('follows @TypeOf(() => Number) for bodies and queries alike, as class-transformer does, and declines any other @TypeOf', () => {
    const typed = DtoShortcut.compile(Typed)!;
    expect(typed).not.toBeNull();
    for (const implicit of [false, true]) {
      const accepted = typed.accept({ limit: '5' }, implicit);
      expect(accepted).toEqual(fullPath(Typed, { limit: '5' }, implicit).instance);
      expect(accepted).toBeInstanceOf(Typed);
      expect((accepted as Typed).limit).toBe(5);
      expect(typed.accept({ limit: 'five' }, implicit)).toBeUndefined();
    }
    const asClass = DtoShortcut.compile(TypedAsClass)!;
    expect(asClass.accept({ inner: 'x' }, false)).toBeUndefined();
    expect(asClass.accept({}, false)).toEqual(new TypedAsClass());
  });

  it('declines arrays, unknown keys, nested values, __proto__ keys and failed checks', () => {
    expect(flat.accept([], false)).toBeUndefined();
    expect(flat.accept([{ name: 'ok' }], false)).toBeUndefined();
    expect(flat.accept({ name: 'ok', extra: 1 }, false)).toBeUndefined();
    expect(flat.accept({ name: { first: 'ok' } }, false)).toBeUndefined();
    expect(flat.accept({ name: ['ok'] }, true)).toBeUndefined();
    expect(flat.accept(JSON.parse('{"__proto__": 1}'), false)).toBeUndefined();
    expect(flat.accept(JSON.parse('{"name": "ok", "__proto__": 1}'), false)).toBeUndefined();
    expect(flat.accept({ name: 'too long' }, false)).toBeUndefined();
    expect(flat.accept({}, false)).toBeUndefined(); // name is required
    expect(flat.accept({ name: 'ok', limit: 1.5 }, false)).toBeUndefined();
    expect(DtoShortcut.compile(Kind)!.accept({ kind: 'c' }, false)).toBeUndefined();
    expect(flat.accept(null, false)).toBeUndefined();
    expect(flat.accept('name=ok', true)).toBeUndefined();
  });

  it('accepts a valid flat object, as the full path builds it', () => {
    const body = flat.accept({ name: 'ok', limit: 3 }, false);
    expect(body).toBeInstanceOf(Flat);
    expect(body).toEqual(fullPath(Flat, { name: 'ok', limit: 3 }, false).instance);
    expect(body).toMatchObject({ name: 'ok', limit: 3 });
    expect(DtoShortcut.compile(Kind)!.accept(Object.assign(Object.create(null), { kind: 'b' }), false)).toEqual(Object.assign(new Kind(), { kind: 'b' }));
  });

  it('converts a query’s "5" to 5 for an @IsInt() number, like class-transformer does, and only with implicit conversion', () => {
    const query = parseQuery('name=ok&limit=5');
    const converted = flat.accept(query, true) as Flat;
    expect(converted).toBeInstanceOf(Flat);
    expect(converted.limit).toBe(5);
    const full = fullPath(Flat, query, true);
    expect(full.errors).toEqual([]);
    expect(difference(converted, full.instance)).toBeNull();
    expect(flat.accept(query, false)).toBeUndefined(); // '5' is not an integer in a body
  });
});
