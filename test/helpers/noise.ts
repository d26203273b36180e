// Pure formatting noise for AN JSON files, written for the tests: the same content with its
// object keys in another order, its mandate and address lists in another order, and another
// indentation. Nothing here comes from the project code.

type Json = unknown;

/** Keys reversed (odd seed) or rotated by the seed (even seed), recursively. */
function reorder(value: Json, seed: number): Json {
  if (Array.isArray(value)) return value.map((v) => reorder(v, seed));
  if (value === null || typeof value !== 'object') return value;
  const keys = Object.keys(value);
  const shift = keys.length > 0 ? seed % keys.length : 0;
  const order =
    seed % 2 === 1 ? [...keys].reverse() : [...keys.slice(shift), ...keys.slice(0, shift)];
  const out: Record<string, Json> = {};
  for (const key of order) {
    let v = (value as Record<string, Json>)[key];
    // Lists whose order means nothing: the mandates and addresses of an acteur.
    if ((key === 'mandat' || key === 'adresse') && Array.isArray(v)) v = [...v].reverse();
    out[key] = reorder(v, seed);
  }
  return out;
}

/** The JSON re-serialised with reordered keys and lists and a seed-dependent indentation. */
export function noisy(json: Json, seed: number): string {
  const indent = ['\t', 4, 1, '  ', 0][seed % 5]!;
  return JSON.stringify(reorder(json, seed), null, indent) + '\n'.repeat(seed % 3);
}
