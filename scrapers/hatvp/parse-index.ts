// Pure parser of HATVP's index `liste.csv`: `;`-separated, no quoting, one line per published
// (or announced) declaration. Bytes in, typed rows and per-line problems out.
import { createHash } from 'node:crypto';

/** Columns the index must have, by name (their order is read from the header). */
export const INDEX_COLUMNS = [
  'civilite',
  'prenom',
  'nom',
  'classement',
  'type_mandat',
  'qualite',
  'type_document',
  'departement',
  'date_publication',
  'date_depot',
  'nom_fichier',
  'url_dossier',
  'open_data',
  'statut_publication',
  'id_origine',
  'url_photo',
] as const;

type IndexColumn = (typeof INDEX_COLUMNS)[number];

export interface IndexRow {
  /** Stable id: the XML file name without `.xml`, or `attente-<hash>` before publication. */
  id: string;
  /** SHA-256 of the line: a changed line means the declaration must be read again. */
  rowHash: string;
  /** 1-based line number in the file. */
  line: number;
  civility: string | null;
  firstName: string;
  lastName: string;
  /** HATVP's key of the person (`classement`), shared by all their declarations. */
  declarantKey: string;
  mandateType: string;
  qualite: string | null;
  /** Lower case, as in the index: `di`, `dia`, `dim`, `diam`, `dsp`, `dspm`, `dspfm`… */
  documentType: string;
  /** `interets` (di…), `patrimoine` (dsp…) or `autre`. */
  family: 'interets' | 'patrimoine' | 'autre';
  /** The declaration number in the file name (`dia31320` → 31320). */
  number: number | null;
  departement: string | null;
  publishedOn: string | null;
  depositedOn: string | null;
  pdfFile: string | null;
  hatvpPath: string | null;
  xmlFile: string | null;
  publicationStatus: string | null;
  /** `id_origine`: for deputies, usually the AN acteur number without `PA`. */
  originId: string | null;
}

export interface IndexProblem {
  line: number;
  message: string;
}

export interface ParsedIndex {
  rows: IndexRow[];
  problems: IndexProblem[];
  /** Lines read (header and blank lines excluded). */
  lines: number;
  /** Exact duplicate lines, kept once. */
  duplicates: number;
}

/** The index as a whole cannot be read (not a CSV, missing columns). */
export class IndexError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IndexError';
  }
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const XML_FILE = /^[A-Za-z0-9][A-Za-z0-9._-]*\.xml$/;

/** The family of a document type: declarations of interests or of assets. */
export function documentFamily(type: string): IndexRow['family'] {
  if (type.startsWith('di')) return 'interets';
  if (type.startsWith('dsp')) return 'patrimoine';
  return 'autre';
}

export function parseIndex(bytes: Uint8Array | string): ParsedIndex {
  const text = (typeof bytes === 'string' ? bytes : new TextDecoder('utf-8').decode(bytes)).replace(
    /^\uFEFF/,
    '',
  );
  const lines = text.split(/\r?\n/);
  const header = (lines[0] ?? '').split(';').map((h) => h.trim());
  const missing = INDEX_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    throw new IndexError(
      `en-tête inattendu : colonne(s) ${missing.join(', ')} absente(s) (lu : ${header.slice(0, 5).join(';').slice(0, 120)})`,
    );
  }
  const position = Object.fromEntries(INDEX_COLUMNS.map((c) => [c, header.indexOf(c)])) as Record<
    IndexColumn,
    number
  >;
  const rows: IndexRow[] = [];
  const problems: IndexProblem[] = [];
  const seenLines = new Set<string>();
  const seenIds = new Map<string, number>();
  let read = 0;
  let duplicates = 0;
  for (let i = 1; i < lines.length; i++) {
    const raw = lines[i]!;
    if (raw.trim() === '') continue;
    read++;
    const line = i + 1;
    if (seenLines.has(raw)) {
      duplicates++;
      continue;
    }
    seenLines.add(raw);
    const fields = raw.split(';');
    if (fields.length !== header.length) {
      problems.push({
        line,
        message: `${fields.length} champs au lieu de ${header.length}, ligne ignorée`,
      });
      continue;
    }
    const get = (column: IndexColumn) => {
      const value = fields[position[column]]!.trim();
      return value === '' ? null : value;
    };
    const firstName = get('prenom');
    const lastName = get('nom');
    const mandateType = get('type_mandat');
    const documentType = get('type_document')?.toLowerCase() ?? null;
    if (!lastName || !mandateType || !documentType) {
      problems.push({
        line,
        message: `nom, type de mandat ou type de document vide, ligne ignorée`,
      });
      continue;
    }
    let xmlFile = get('open_data');
    if (xmlFile !== null && !XML_FILE.test(xmlFile)) {
      problems.push({ line, message: `nom de fichier XML inattendu (${xmlFile}), ignoré` });
      xmlFile = null;
    }
    const rowHash = createHash('sha256').update(raw).digest('hex');
    const id = xmlFile
      ? xmlFile.replace(/\.xml$/i, '').toLowerCase()
      : `attente-${rowHash.slice(0, 16)}`;
    const earlier = seenIds.get(id);
    if (earlier !== undefined) {
      problems.push({
        line,
        message: `fichier ${xmlFile} déjà listé ligne ${earlier} avec d'autres valeurs, ligne ignorée`,
      });
      continue;
    }
    seenIds.set(id, line);
    const date = (column: IndexColumn) => {
      const value = get(column);
      if (value !== null && !ISO_DATE.test(value)) {
        problems.push({ line, message: `${column} illisible (${value}), laissé vide` });
        return null;
      }
      return value;
    };
    const number = /-(?:di|dsp)[a-z]*(\d+)-/i.exec(xmlFile ?? get('nom_fichier') ?? '');
    rows.push({
      id,
      rowHash,
      line,
      civility: get('civilite'),
      firstName: firstName ?? '',
      lastName,
      declarantKey: get('classement') ?? `${lastName} ${firstName ?? ''}`.trim(),
      mandateType: mandateType.toLowerCase(),
      qualite: get('qualite'),
      documentType,
      family: documentFamily(documentType),
      number: number ? Number(number[1]) : null,
      departement: get('departement')?.toUpperCase() ?? null,
      publishedOn: date('date_publication'),
      depositedOn: date('date_depot'),
      pdfFile: get('nom_fichier'),
      hatvpPath: get('url_dossier'),
      xmlFile,
      publicationStatus: get('statut_publication'),
      originId: get('id_origine'),
    });
  }
  return { rows, problems, lines: read, duplicates };
}
