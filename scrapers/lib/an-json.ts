// Readers for the Assemblée nationale's JSON, converted from XML with these quirks:
// a one-item list is an object, an absent list is null, a missing value is null or
// {"@xsi:nil": "true"}, numbers are strings and some ids are {"#text": …} objects.
import { isCalendarDay } from '../../domain/text.ts';

/** Raised when a file does not have the shape the parser expects; `path` says where. */
export class ShapeError extends Error {
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`${path}: ${reason}`);
    this.name = 'ShapeError';
  }
}

type Json = unknown;

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNil(value: Json): boolean {
  return (
    value === null ||
    value === undefined ||
    (isObject(value) && value['@xsi:nil'] === 'true' && !('#text' in value))
  );
}

/** A list whatever its encoding: null → [], object → [object], array → array without nils. */
export function asList(value: Json): Json[] {
  if (isNil(value)) return [];
  return (Array.isArray(value) ? value : [value]).filter((item) => !isNil(item));
}

/** An object field, or throws a ShapeError naming the path. */
export function obj(value: Json, path: string): Record<string, Json> {
  if (!isObject(value)) throw new ShapeError(path, `expected an object, got ${describe(value)}`);
  return value;
}

/** An object field that may be nil. */
export function optObj(value: Json, path: string): Record<string, Json> | null {
  return isNil(value) ? null : obj(value, path);
}

/** A trimmed text value or null (nil, empty); unwraps {"#text": …}; rejects nested objects. */
export function text(value: Json, path: string): string | null {
  if (isNil(value)) return null;
  if (isObject(value) && '#text' in value) return text(value['#text'], path);
  if (typeof value === 'string') {
    const trimmed = value.trim();
    return trimmed === '' ? null : trimmed;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new ShapeError(path, `expected a text value, got ${describe(value)}`);
}

/** A required text value. */
export function requiredText(value: Json, path: string): string {
  const result = text(value, path);
  if (result === null) throw new ShapeError(path, 'missing value');
  return result;
}

/** An integer written as text, or null; `min` is the smallest value that makes sense there. */
export function int(value: Json, path: string, min = Number.MIN_SAFE_INTEGER): number | null {
  const raw = text(value, path);
  if (raw === null) return null;
  if (!/^-?\d+$/.test(raw)) throw new ShapeError(path, `expected an integer, got "${raw}"`);
  const number = Number(raw);
  if (!Number.isSafeInteger(number)) throw new ShapeError(path, `integer out of range "${raw}"`);
  if (number < min)
    throw new ShapeError(path, `expected an integer of at least ${min}, got "${raw}"`);
  return number;
}

/** A date `YYYY-MM-DD` (time part dropped) that names a day of the calendar, or null. */
export function date(value: Json, path: string): string | null {
  const raw = text(value, path);
  if (raw === null) return null;
  const match = /^(\d{4}-\d{2}-\d{2})/.exec(raw);
  if (!match) throw new ShapeError(path, `expected a date, got "${raw}"`);
  if (!isCalendarDay(match[1]!)) throw new ShapeError(path, `not a day of the calendar "${raw}"`);
  return match[1]!;
}

function describe(value: Json): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (value === undefined) return 'nothing (field absent)';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}

/** A required integer, at least `min`. */
export function requiredInt(value: Json, path: string, min?: number): number {
  const result = int(value, path, min);
  if (result === null) throw new ShapeError(path, 'missing value');
  return result;
}

/** A required date. */
export function requiredDate(value: Json, path: string): string {
  const result = date(value, path);
  if (result === null) throw new ShapeError(path, 'missing value');
  return result;
}
