import { ArgumentMetadata, Injectable, NotFoundException, PipeTransform } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import type { FieldProblem } from '@beaker/contracts';
import { ValidationFailed } from '../errors/common.errors';
import { DtoShortcut } from './dto-shortcut';

const PASSTHROUGH = new Set<unknown>([String, Boolean, Number, Array, Object, undefined]);

/** Deeper than any DTO of ours: class-transformer recurses, and a body nested thousands deep overflowed its stack (a 500). */
export const MAX_INPUT_DEPTH = 32;

/**
 * What no text column or jsonb value can hold: NUL (PostgreSQL refuses it in text) and a lone
 * UTF-16 surrogate (JSON.stringify writes it as `\ud800`, which jsonb refuses; in text it would
 * silently become U+FFFD). With the `u` flag a well-formed pair is one code point, so `\p{Cs}`
 * matches only a lone half.
 */
const LONE_SURROGATE = /\p{Cs}/u;
function unstorable(text: string): boolean {
  return text.includes('\u0000') || LONE_SURROGATE.test(text);
}

/**
 * The first field of a request body, query or path parameter that cannot be stored, or that
 * nests too deeply: `(body)`-relative dotted path and what is wrong with it. Iterative, so that
 * the check itself cannot overflow the stack.
 */
export function unstorableField(value: unknown, root = ''): FieldProblem | undefined {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: root, depth: 0 }];
  while (stack.length > 0) {
    const { value: current, path, depth } = stack.pop()!;
    if (typeof current === 'string') {
      if (unstorable(current)) return { field: path || '(body)', messages: ['must not contain NUL characters or unpaired UTF-16 surrogates'] };
    } else if (current !== null && typeof current === 'object') {
      if (depth >= MAX_INPUT_DEPTH) return { field: path || '(body)', messages: [`must not nest deeper than ${MAX_INPUT_DEPTH} levels`] };
      for (const [key, child] of Object.entries(current)) {
        const childPath = path ? `${path}.${key}` : key;
        if (unstorable(key)) return { field: childPath, messages: ['must not contain NUL characters or unpaired UTF-16 surrogates'] };
        stack.push({ value: child, path: childPath, depth: depth + 1 });
      }
    }
  }
  return undefined;
}

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

  transform(value: unknown, { metatype, type, data }: ArgumentMetadata): unknown {
    if (type === 'custom') return value;
    // A path parameter with what no row can hold cannot name one: as for any id that does not exist
    // (Nest's NotFoundException: NOT_FOUND, which a route need not declare for its path).
    if (type === 'param' && typeof value === 'string' && unstorable(value)) throw new NotFoundException(`No such ${data ?? 'resource'}`);
    if (PASSTHROUGH.has(metatype)) return value;
    if (value !== undefined && value !== null && typeof value !== 'object') {
      throw new ValidationFailed('The body must be a JSON object', { errors: [{ field: '(body)', messages: ['must be an object'] }] });
    }
    const badField = unstorableField(value);
    if (badField) throw new ValidationFailed(`${badField.field}: ${badField.messages.join(', ')}`, { errors: [badField] });
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
