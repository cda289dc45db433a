import 'reflect-metadata';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ValidationFailed } from '../errors/common.errors';
import { TypeOf } from './dto-transforms';
import { RequestValidationPipe } from './validation.pipe';

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
});
