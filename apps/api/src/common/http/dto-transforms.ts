// The only file that may import class-transformer's decorators (eslint.config.mjs says so): the
// validation shortcut (dto-shortcut.ts) has to know every conversion a DTO asks for, and
// class-transformer publishes no way to read its decorators back.
import { Transform, Type } from 'class-transformer';

type Class = abstract new (...args: never[]) => unknown;
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- what class-transformer's @Type asks for
type TypeFunction = () => Function;

interface PropertyRecord {
  /** What @TypeOf names (class-transformer converts to it, in bodies and queries alike). */
  typeOf?: TypeFunction;
  /** `design:type` where @TypeOf was applied (class-transformer treats a Map property its own way). */
  reflectedType?: unknown;
  /** Whether the property has a @TransformString or @Trim. */
  transformed: boolean;
}

/** What our decorators told class-transformer, per class and property. */
const registry = new WeakMap<object, Map<string, PropertyRecord>>();

function recordOf(target: object, property: string | symbol): PropertyRecord {
  if (typeof property !== 'string') throw new Error('DTO decorators apply to string-named properties only');
  const cls = target.constructor;
  let properties = registry.get(cls);
  if (!properties) registry.set(cls, (properties = new Map()));
  let record = properties.get(property);
  if (!record) properties.set(property, (record = { transformed: false }));
  return record;
}

/** The class and its ancestors, nearest first, as class-transformer walks them. */
function lineage(cls: Class): object[] {
  const chain: object[] = [];
  for (let c: object | null = cls; c && c !== Function.prototype; c = Object.getPrototypeOf(c)) chain.push(c);
  return chain;
}

/**
 * A string value goes through `fn` when a body or query is turned into the DTO (class-transformer's
 * @Transform, on strings only: any other value passes as it is, for validation to refuse).
 */
export function TransformString(fn: (value: string) => string): PropertyDecorator {
  const transform = Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? fn(value) : value));
  return (target, property) => {
    transform(target, property as string);
    recordOf(target, property).transformed = true;
  };
}

/** Surrounding whitespace removed from a string value. */
export const Trim = (): PropertyDecorator => TransformString((value) => value.trim());

/**
 * The value is converted to what `type()` names before it is validated, in bodies and queries
 * alike (class-transformer's @Type): `TypeOf(() => Number)` for a number in a query string,
 * `TypeOf(() => AddressDto)` for a nested object.
 */
export function TypeOf(type: TypeFunction): PropertyDecorator {
  const decorate = Type(type);
  return (target, property) => {
    decorate(target, property as string);
    const record = recordOf(target, property);
    record.typeOf = type;
    record.reflectedType = Reflect.getMetadata('design:type', target, property);
  };
}

/** What the decorators above recorded for a DTO class, read as class-transformer reads its own. */
export const dtoTransforms = {
  /** True when the class or an ancestor has a @TransformString or @Trim on any property. */
  hasStringTransforms(cls: Class): boolean {
    return lineage(cls).some((c) => [...(registry.get(c)?.values() ?? [])].some((r) => r.transformed));
  },

  /** A property's @TypeOf (the class's own, else the nearest ancestor's), or undefined. */
  typeOf(cls: Class, property: string): { typeOf: TypeFunction; reflectedType: unknown } | undefined {
    for (const c of lineage(cls)) {
      const record = registry.get(c)?.get(property);
      if (record?.typeOf) return { typeOf: record.typeOf, reflectedType: record.reflectedType };
    }
    return undefined;
  },
};
