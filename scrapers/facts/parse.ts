// Curated facts: a CSV file written by a person who checked each fact against its source
// (party functions, family links with collaborators…). Pure: text in, validated rows out.
import Papa from 'papaparse';
import { z } from 'zod';
import { FACT_KINDS, type FactKind } from '../../domain/facts.ts';
import { isCalendarDay, isHttpUrl } from '../../domain/text.ts';
import { decodeWithFallback } from '../lib/encoding.ts';

/** The columns of a facts file, in this order. */
export const FACT_FILE_COLUMNS = [
  'depute_uid',
  'type',
  'libelle',
  'valeur',
  'source',
  'verifie_le',
] as const;

export interface FactRow {
  /** Line of the file (the header is line 1). */
  line: number;
  acteurUid: string;
  kind: FactKind;
  label: string;
  value: string;
  sourceUrl: string;
  verifiedOn: string;
}

export interface FactProblem {
  line: number;
  message: string;
}

/** The file cannot be imported; every problem names its line. */
export class FactsFileError extends Error {
  constructor(readonly problems: FactProblem[]) {
    super(problems.map((p) => `ligne ${p.line} : ${p.message}`).join('\n'));
    this.name = 'FactsFileError';
  }
}

const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'valeur vide')
    .max(max, `au plus ${max} caractères`)
    .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(s), 'caractère de contrôle');

function rowSchema(today: string) {
  return z.object({
    depute_uid: z
      .string()
      .trim()
      .regex(/^PA\d{1,10}$/, 'identifiant de député attendu (PA suivi de chiffres)'),
    type: z.enum(FACT_KINDS, { message: `valeurs possibles : ${FACT_KINDS.join(', ')}` }),
    libelle: text(200),
    valeur: text(2000),
    source: z
      .string()
      .trim()
      .max(2000, 'au plus 2000 caractères')
      .refine(isHttpUrl, 'adresse http(s) complète attendue'),
    verifie_le: z
      .string()
      .trim()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'date attendue au format AAAA-MM-JJ')
      .refine(isCalendarDay, 'date impossible')
      .refine((s) => s <= today, 'date dans le futur'),
  });
}

/** A facts file's text and the encoding it was read in. */
export interface DecodedFactsFile {
  text: string;
  encoding: 'UTF-8' | 'Windows-1252';
}

/**
 * Decodes a facts file: UTF-8 when its bytes are valid UTF-8, otherwise Windows-1252, the
 * superset of Latin-1 that spreadsheets write on French Windows (`é` as one byte, `œ`, `’`).
 */
export function decodeFactsFile(bytes: Uint8Array): DecodedFactsFile {
  const { text, encoding } = decodeWithFallback(bytes, 'windows-1252');
  return { text, encoding: encoding === 'utf-8' ? 'UTF-8' : 'Windows-1252' };
}

/**
 * Reads a facts file (UTF-8, `,` or `;` separated, header line first). Throws a
 * FactsFileError listing every bad line and why; returns the rows only when all are valid.
 * A deputy may have several facts, but one (uid, type, libelle) only once.
 */
export function parseFactsFile(content: string, today: string): FactRow[] {
  const source = content.replace(/^\uFEFF/, '');
  const problems: FactProblem[] = [];
  const records: { line: number; cells: string[] }[] = [];
  let previousEnd = 0;
  let newlinesBefore = 0;
  let scanned = 0;
  Papa.parse<string[]>(source, {
    delimitersToGuess: [',', ';', '\t'],
    step: (result) => {
      // A row starts where the previous one ended (after its newline).
      for (; scanned < previousEnd; scanned++) if (source[scanned] === '\n') newlinesBefore++;
      const line = newlinesBefore + 1;
      previousEnd = result.meta.cursor;
      for (const error of result.errors)
        problems.push({ line, message: `CSV illisible : ${error.message}` });
      const cells = result.data;
      if (cells.length === 1 && cells[0]!.trim() === '') return;
      records.push({ line, cells });
    },
  });
  const [header, ...body] = records;
  if (!header) throw new FactsFileError([{ line: 1, message: 'fichier vide' }]);
  const names = header.cells.map((c) => c.trim().toLowerCase());
  const expected = FACT_FILE_COLUMNS.join(', ');
  if (names.join(',') !== FACT_FILE_COLUMNS.join(',')) {
    throw new FactsFileError([
      {
        line: header.line,
        message: `en-tête attendu : ${expected} ; trouvé : ${names.join(', ')}`,
      },
    ]);
  }
  const schema = rowSchema(today);
  const rows: FactRow[] = [];
  const seen = new Map<string, number>();
  for (const { line, cells } of body) {
    if (cells.length !== FACT_FILE_COLUMNS.length) {
      problems.push({
        line,
        message: `${cells.length} colonnes au lieu de ${FACT_FILE_COLUMNS.length}`,
      });
      continue;
    }
    const parsed = schema.safeParse(Object.fromEntries(names.map((n, i) => [n, cells[i]])));
    if (!parsed.success) {
      // The first reason for each column is enough.
      const columns = new Set<string>();
      for (const issue of parsed.error.issues) {
        const column = String(issue.path[0]);
        if (columns.has(column)) continue;
        columns.add(column);
        problems.push({ line, message: `colonne « ${column} » : ${issue.message}` });
      }
      continue;
    }
    const r = parsed.data;
    const key = `${r.depute_uid}\u0000${r.type}\u0000${r.libelle.toLowerCase()}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      problems.push({
        line,
        message: `même député, type et libellé qu'à la ligne ${earlier}`,
      });
      continue;
    }
    seen.set(key, line);
    rows.push({
      line,
      acteurUid: r.depute_uid,
      kind: r.type,
      label: r.libelle,
      value: r.valeur,
      sourceUrl: r.source,
      verifiedOn: r.verifie_le,
    });
  }
  if (body.length === 0) problems.push({ line: header.line, message: 'aucune ligne de faits' });
  if (problems.length > 0) throw new FactsFileError(problems.sort((a, b) => a.line - b.line));
  return rows;
}
