import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { dtoTransforms, TransformString, Trim, TypeOf } from './dto-transforms';

class Inner {}

class Base {
  @Trim()
  name?: string;

  @TypeOf(() => Number)
  limit?: number;
}

class Child extends Base {
  @TransformString((value) => value.toLowerCase())
  email?: string;

  @TypeOf(() => Inner)
  inner?: Inner;
}

class Plain {
  @TypeOf(() => Number)
  limit?: number;
}

describe('DTO decorators', () => {
  it('tell class-transformer what to do: strings transformed, anything else left for validation to refuse', () => {
    const child = plainToInstance(Child, { name: '  Ann ', email: 'A@B.EXAMPLE', limit: '5' });
    expect(child).toEqual(Object.assign(new Child(), { name: 'Ann', email: 'a@b.example', limit: 5 }));
    expect(plainToInstance(Child, { name: 5, email: ['X'] })).toEqual(Object.assign(new Child(), { name: 5, email: ['X'] }));
    expect(plainToInstance(Child, { inner: {} }).inner).toBeInstanceOf(Inner);
  });

  it('record what they told it, inherited as class-transformer inherits it', () => {
    expect(dtoTransforms.hasStringTransforms(Base)).toBe(true);
    expect(dtoTransforms.hasStringTransforms(Child)).toBe(true);
    expect(dtoTransforms.hasStringTransforms(Plain)).toBe(false);
    expect(dtoTransforms.hasStringTransforms(Inner)).toBe(false);

    expect(dtoTransforms.typeOf(Child, 'limit')?.typeOf()).toBe(Number); // from Base
    expect(dtoTransforms.typeOf(Child, 'inner')?.typeOf()).toBe(Inner);
    expect(dtoTransforms.typeOf(Base, 'inner')).toBeUndefined();
    expect(dtoTransforms.typeOf(Child, 'name')).toBeUndefined();
    expect(dtoTransforms.typeOf(Plain, 'limit')?.reflectedType).toBe(Number);
  });
});
