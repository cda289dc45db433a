import { getMetadataStorage, ValidationArguments, ValidationTypes } from 'class-validator';
import { dtoTransforms } from './dto-transforms';

type Dto = new () => object;
type Plain = Record<string, unknown>;
type ValidationStorage = ReturnType<typeof getMetadataStorage>;
type Rule = ReturnType<ValidationStorage['getTargetValidationMetadatas']>[number];
type TypeFunction = NonNullable<ReturnType<typeof dtoTransforms.typeOf>>['typeOf'];
type Check = { validate(value: unknown, args: ValidationArguments): unknown; constraints: unknown[] };

interface Property {
  name: string;
  /** `design:type`, what class-transformer converts a query value to. */
  designType: unknown;
  /** @TypeOf(() => Number) and the like: converts bodies and queries alike. */
  declaredType?: TypeFunction;
  /** @IsOptional / @ValidateIf: the property's checks run only when every one holds. */
  conditions: ((object: object, value: unknown) => boolean)[];
  checks: Check[];
}

/** What class-transformer's conversion makes of a primitive; DECLINE where we don't follow it. */
const DECLINE = Symbol('decline');
function convert(value: unknown, to: unknown): unknown {
  if (to === DECLINE) return DECLINE;
  if (value === null || value === undefined) return value;
  if (to === String) return String(value);
  if (to === Number) return Number(value);
  if (to === Boolean) return Boolean(value);
  if (to === Date || to === Buffer) return DECLINE;
  return value;
}

/**
 * A record of keys and values, as JSON.parse or a query string parser makes it (Fastify's parses
 * into an object whose prototype has no prototype). class-transformer treats arrays, maps, sets,
 * dates, buffers and promises its own ways: those go the full path.
 */
function isPlainRecord(value: object): boolean {
  return !(Array.isArray(value) || value instanceof Map || value instanceof Set || value instanceof Date || ArrayBuffer.isView(value) || typeof (value as { then?: unknown }).then === 'function');
}

/** The kinds of rule the shortcut runs itself; a class with any other kind always takes the full path. */
const HANDLED = new Set<string>([ValidationTypes.CUSTOM_VALIDATION, ValidationTypes.IS_DEFINED, ValidationTypes.CONDITIONAL_VALIDATION, ValidationTypes.WHITELIST]);

/** A property's @TypeOf, when the shortcut can follow it (not on a Map); DECLINE otherwise. */
function declaredTypeOf(cls: Dto, property: string): TypeFunction | undefined | typeof DECLINE {
  const declared = dtoTransforms.typeOf(cls, property);
  if (!declared) return undefined;
  return declared.reflectedType === Map ? DECLINE : declared.typeOf;
}

/** What a @TypeOf function names, for a primitive value: String, Number or Boolean; anything else is DECLINE. */
function declaredConversion(typeOf: TypeFunction): unknown {
  const type = typeOf();
  return type === String || type === Number || type === Boolean ? type : DECLINE;
}

/**
 * The accepting half of `plainToInstance` + `validateSync({whitelist, forbidNonWhitelisted,
 * forbidUnknownValues})` for a flat DTO, worked out once per class from class-validator's public
 * metadata (getMetadataStorage()) and what our DTO decorators recorded (dto-transforms.ts): it builds the instance and runs the very same constraint functions (IsIn, IsUUID,
 * MaxLength…), without re-deriving the class's rules, without a ValidationError per property and
 * without class-transformer's generic walk, which together cost more than the rest of a validated
 * GET. It only ever accepts: any input it is not sure about (an unknown key, a nested value, a
 * failed check, a class with @Trim, @TransformString or nested validation, a @TypeOf other than
 * String, Number or Boolean) returns undefined and goes through class-transformer and
 * class-validator, which also write every error message.
 * `dto-shortcut.spec.ts` checks it against the full path over generated input for every DTO.
 */
export class DtoShortcut {
  private readonly byName: Map<string, Property>;

  private constructor(
    private readonly cls: Dto,
    private readonly properties: Property[],
  ) {
    this.byName = new Map(properties.map((p) => [p.name, p]));
  }

  /** The shortcut for a class, or null when the class needs the full path for every input. */
  static compile(cls: Dto, storage: ValidationStorage = getMetadataStorage()): DtoShortcut | null {
    // What class-transformer is told goes through dto-transforms.ts (a lint rule keeps it so).
    if (dtoTransforms.hasStringTransforms(cls)) return null;
    // The same lookup validateSync makes (no schema, no groups).
    const rules = storage.getTargetValidationMetadatas(cls, undefined as unknown as string, false, false, undefined);
    if (rules.length === 0) return null; // forbidUnknownValues: the full path refuses it
    const byProperty = new Map<string, Rule[]>();
    for (const rule of rules) {
      if (!HANDLED.has(rule.type) || rule.each || rule.always || (rule.groups && rule.groups.length > 0)) return null;
      const list = byProperty.get(rule.propertyName) ?? [];
      list.push(rule);
      byProperty.set(rule.propertyName, list);
    }
    const properties: Property[] = [];
    for (const [name, list] of byProperty) {
      const declaredType = declaredTypeOf(cls, name);
      if (declaredType === DECLINE) return null;
      const property: Property = { name, designType: Reflect.getMetadata('design:type', cls.prototype, name), declaredType, conditions: [], checks: [] };
      for (const rule of list) {
        if (rule.type === ValidationTypes.CONDITIONAL_VALIDATION) property.conditions.push(rule.constraints[0] as Property['conditions'][number]);
        if (rule.type !== ValidationTypes.CUSTOM_VALIDATION && rule.type !== ValidationTypes.IS_DEFINED) continue;
        for (const constraint of storage.getTargetValidatorConstraints(rule.constraintCls)) {
          if (constraint.async) return null;
          const instance = constraint.instance as Check;
          property.checks.push({ validate: instance.validate.bind(instance), constraints: rule.constraints });
        }
      }
      properties.push(property);
    }
    // A getter without a setter or a method in the way: class-transformer skips the key; so do we, by declining.
    const probe = new cls() as Plain;
    for (const { name } of properties) {
      const descriptor = Object.getOwnPropertyDescriptor(cls.prototype, name);
      if ((descriptor && !descriptor.set) || probe[name] instanceof Function) return null;
    }
    return new DtoShortcut(cls, properties);
  }

  /**
   * The validated instance, as the full path would make it from `plain` (a JSON body, or a query
   * with `implicitConversion`), or undefined when the full path must decide.
   */
  accept(plain: unknown, implicitConversion: boolean): object | undefined {
    if (typeof plain !== 'object' || plain === null || !isPlainRecord(plain)) return undefined;
    const object = new this.cls() as Plain;
    for (const key of Object.keys(plain)) {
      const property = this.byName.get(key);
      if (!property) return undefined; // unknown (or __proto__/constructor): refused with a message
      const raw = (plain as Plain)[key];
      if (raw !== null && typeof raw === 'object') return undefined;
      const value = property.declaredType
        ? convert(raw, declaredConversion(property.declaredType))
        : implicitConversion
          ? convert(raw, property.designType)
          : raw;
      if (value === DECLINE) return undefined;
      object[key] = value;
    }
    // A field initializer may have set a key the rules don't know: whitelisting refuses it.
    for (const key of Object.keys(object)) if (!this.byName.has(key)) return undefined;
    for (const property of this.properties) {
      const value = object[property.name];
      let applies = true;
      for (const condition of property.conditions) applies = condition(object, value) && applies;
      if (!applies) continue;
      for (const check of property.checks) {
        const ok = check.validate(value, { targetName: this.cls.name, property: property.name, object, value, constraints: check.constraints });
        if (!ok || typeof (ok as Promise<unknown>).then === 'function') return undefined;
      }
    }
    return object;
  }
}
