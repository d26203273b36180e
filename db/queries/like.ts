/** Escapes LIKE wildcards so user text matches literally; use with `escape '\'`. */
export function likeEscape(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
