import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import { isCalendarDay } from '../../domain/text.ts';
import type { Position } from '../../domain/votes.ts';

/** Longest accepted value of a free-text query parameter. */
export const MAX_PARAM_LENGTH = 200;

/** A query value as zod receives it: the first of a repeated parameter, blank as absent. */
export const single = (value: unknown) => {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' && first.trim() === '' ? undefined : first;
};

/** An optional text parameter: blank means absent; a repeated one keeps its first value. */
export const textParam = (max = MAX_PARAM_LENGTH) =>
  z.preprocess(single, z.string().trim().max(max, `au plus ${max} caractères`).optional());

/** An optional day, `AAAA-MM-JJ`, that exists in the calendar. */
export const dateParam = z.preprocess(
  single,
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'date AAAA-MM-JJ attendue')
    .refine(isCalendarDay, 'date inexistante')
    .optional(),
);

/** An optional whole number within bounds. */
export const intParam = (min: number, max: number) =>
  z.preprocess(
    single,
    z.coerce
      .number({ message: 'nombre attendu' })
      .int('nombre entier attendu')
      .min(min, `au moins ${min}`)
      .max(max, `au plus ${max}`)
      .optional(),
  );

/** An optional value from a fixed list. */
export const enumParam = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess(
    (v) => (typeof single(v) === 'string' ? (single(v) as string).toLowerCase() : single(v)),
    z.enum(values, { message: `valeurs possibles : ${values.join(', ')}` }).optional(),
  );

/** A parameter that may be repeated (`groupe=RN&groupe=LIOT`) or comma-separated. */
export const listParam = (maxItems: number, pattern: RegExp) =>
  z.preprocess(
    (v) =>
      (Array.isArray(v) ? v : v === undefined ? [] : [v])
        .flatMap((s) => String(s).split(','))
        .map((s) => s.trim())
        .filter(Boolean),
    z
      .array(z.string().max(40).regex(pattern, 'valeur invalide'))
      .max(maxItems, `au plus ${maxItems} valeurs`),
  );

/** zValidator hook: an invalid query string becomes a 400 that names the parameter. */
export function badQuery(result: {
  success: boolean;
  error?: { issues: readonly { path: readonly PropertyKey[]; message: string }[] };
}) {
  if (!result.success && result.error) throw queryError(result.error);
}

/** The 400 of an invalid query string, naming its first problem. */
export function queryError(error: {
  issues: readonly { path: readonly PropertyKey[]; message: string }[];
}): HTTPException {
  const issue = error.issues[0];
  const where = issue?.path.map(String).join('.') || 'requête';
  return new HTTPException(400, { message: `Paramètre « ${where} » invalide : ${issue?.message}` });
}

/** A vote position in a query string: pour, contre, abstention or nonvotant. */
export const positionParam = enumParam(['pour', 'contre', 'abstention', 'nonvotant']);

/** The stored position of a `positionParam` value. */
export const toPosition = (p: string | undefined): Position | null =>
  p === 'nonvotant' ? 'nonVotant' : ((p as Position | undefined) ?? null);
