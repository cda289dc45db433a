import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import type { FieldProblem } from '@beaker/contracts';
import { ValidationFailed } from '../errors/common.errors';
import { DtoShortcut } from './dto-shortcut';

const PASSTHROUGH = new Set<unknown>([String, Boolean, Number, Array, Object, undefined]);

function flatten(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = e.constraints ? [{ field, messages: Object.values(e.constraints) }] : [];
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/**
 * Validates bodies and queries against their DTO classes. Synchronous on purpose: none of our
 * validators is async, and skipping the promise machinery keeps validated GETs cheap.
 * Unknown fields are refused, each bad field is named.
 *
 * A class's rules are read once, the first time the class is validated (DtoShortcut): decorators
 * run when their modules load, before the app serves. A rule applied by hand to a class after that
 * reaches the full path (class-validator reads its rules on every call) but not the shortcut.
 */
@Injectable()
export class RequestValidationPipe implements PipeTransform {
  private readonly shortcuts = new WeakMap<object, DtoShortcut | null>();

  transform(value: unknown, { metatype, type }: ArgumentMetadata): unknown {
    if (type === 'custom' || PASSTHROUGH.has(metatype)) return value;
    if (value !== undefined && value !== null && typeof value !== 'object') {
      throw new ValidationFailed('The body must be a JSON object', { errors: [{ field: '(body)', messages: ['must be an object'] }] });
    }
    const accepted = this.shortcutFor(metatype as new () => object)?.accept(value ?? {}, type === 'query');
    if (accepted) return accepted;
    const instance = plainToInstance(metatype as new () => object, value ?? {}, { enableImplicitConversion: type === 'query' });
    const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
    if (errors.length > 0) {
      const fields = flatten(errors);
      throw new ValidationFailed(fields.map((f) => `${f.field}: ${f.messages.join(', ')}`).join('; '), { errors: fields });
    }
    return instance;
  }

  /** The class's {@link DtoShortcut}, worked out on first use. */
  private shortcutFor(cls: new () => object): DtoShortcut | null {
    let shortcut = this.shortcuts.get(cls);
    if (shortcut === undefined) this.shortcuts.set(cls, (shortcut = DtoShortcut.compile(cls)));
    return shortcut;
  }
}
