import 'reflect-metadata';
import { NotFoundException } from '@nestjs/common';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ValidationFailed } from '../errors/common.errors';
import { TypeOf } from './dto-transforms';
import { MAX_INPUT_DEPTH, RequestValidationPipe } from './validation.pipe';

class Base {
  @IsString()
  @MaxLength(5)
  name!: string;
}

class Child extends Base {
  @IsOptional()
  @IsIn(['a', 'b'])
  kind?: string;
}

class Inner {
  @IsString()
  city!: string;
}

class Outer {
  @ValidateNested()
  @TypeOf(() => Inner)
  inner!: Inner;
}

class Paging {
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

const pipe = new RequestValidationPipe();
const body = (metatype: unknown) => ({ metatype: metatype as never, type: 'body' as const });

function problemOf(fn: () => unknown): { field: string; messages: string[] }[] {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ValidationFailed);
    return (err as ValidationFailed & { extensions: { errors: { field: string; messages: string[] }[] } }).extensions.errors;
  }
  throw new Error('expected a validation failure');
}

describe('RequestValidationPipe', () => {
  it('checks inherited rules as well as the class’s own, every time (the rules are cached per class)', () => {
    for (let i = 0; i < 3; i++) {
      expect(pipe.transform({ name: 'ok', kind: 'a' }, body(Child))).toBeInstanceOf(Child);
      expect(problemOf(() => pipe.transform({ name: 'too long', kind: 'c' }, body(Child))).map((e) => e.field).sort()).toEqual(['kind', 'name']);
    }
  });

  it('refuses unknown fields and names nested ones', () => {
    expect(problemOf(() => pipe.transform({ name: 'ok', extra: 1 }, body(Base)))).toEqual([{ field: 'extra', messages: ['property extra should not exist'] }]);
    expect(problemOf(() => pipe.transform({ inner: { city: 3 } }, body(Outer)))).toEqual([{ field: 'inner.city', messages: ['city must be a string'] }]);
  });

  it('converts query strings to the declared types, and only for queries', () => {
    expect(pipe.transform({ limit: '20' }, { metatype: Paging as never, type: 'query' })).toEqual({ limit: 20 });
    expect(problemOf(() => pipe.transform({ limit: '20' }, body(Paging))).map((e) => e.field)).toEqual(['limit']);
    expect(problemOf(() => pipe.transform({ limit: '500' }, { metatype: Paging as never, type: 'query' }))[0].messages).toEqual(['limit must not be greater than 100']);
  });

  it('refuses a body that is not an object', () => {
    expect(problemOf(() => pipe.transform('text', body(Base)))).toEqual([{ field: '(body)', messages: ['must be an object'] }]);
  });

  it('refuses what no column can store: NUL and lone surrogates, in values and keys, bodies and queries (a 500 from PostgreSQL before)', () => {
    expect(problemOf(() => pipe.transform({ name: 'a\u0000' }, body(Base)))).toEqual([{ field: 'name', messages: ['must not contain NUL characters or unpaired UTF-16 surrogates'] }]);
    expect(problemOf(() => pipe.transform({ inner: { city: 'x\ud800' } }, body(Outer)))[0].field).toBe('inner.city');
    expect(problemOf(() => pipe.transform({ 'k\udfff': 1 }, body(Base)))[0].field).toBe('k\udfff');
    expect(problemOf(() => pipe.transform({ limit: '1\u0000' }, { metatype: Paging as never, type: 'query' }))[0].field).toBe('limit');
    // A well-formed pair (an emoji) and other control characters are text like any other.
    expect(pipe.transform({ name: '\u{1f600}\t' }, body(Base))).toEqual({ name: '\u{1f600}\t' });
  });

  it('refuses a body nested deeper than any DTO, without overflowing the stack (class-transformer did, a 500)', () => {
    let nested: unknown = 1;
    for (let i = 0; i < 100_000; i++) nested = { inner: nested };
    expect(problemOf(() => pipe.transform(nested, body(Outer)))).toEqual([
      { field: Array.from({ length: MAX_INPUT_DEPTH }, () => 'inner').join('.'), messages: [`must not nest deeper than ${MAX_INPUT_DEPTH} levels`] },
    ]);
  });

  it('answers a path parameter no row can hold as a resource that does not exist', () => {
    expect(() => pipe.transform('a\u0000b', { metatype: String as never, type: 'param', data: 'id' })).toThrow(NotFoundException);
    expect(pipe.transform('6f1c1a2e', { metatype: String as never, type: 'param', data: 'id' })).toBe('6f1c1a2e');
  });
});
