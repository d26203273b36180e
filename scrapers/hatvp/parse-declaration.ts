// Pure parser of HATVP declaration XML (`<declarations><declaration>…`): XML text in, typed
// declaration and items out. Never touches the database.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import {
  ASSET_SECTIONS,
  COMMON_ITEM_FIELDS,
  HOLDING_FIELDS,
  SECTION_SPECS,
  sectionOfElement,
  type Section,
  type TextColumn,
} from '../../domain/hatvp-sections.ts';
import {
  cleanText,
  isRedacted,
  parseAmount,
  parseBoolean,
  parseFrenchDate,
  parseMonth,
} from './values.ts';

export interface ParsedAmount {
  year: number | null;
  amount: number | null;
  /** The amount as written, kept when it is not a number. */
  text: string | null;
}

export interface ParsedItem extends Record<TextColumn, string | null> {
  section: Section;
  /** 1-based rank within its section, in file order. */
  position: number;
  /** ISO months (`2016-04`). */
  start_month: string | null;
  end_month: string | null;
  /** `conservee`: the activity is kept during the mandate. */
  kept: boolean | null;
  /** `brut` or `net`, for the yearly amounts. */
  gross_net: string | null;
  /** Financial participation: value of the holding (euros), share of capital (%), shares. */
  value: number | null;
  capital_share: number | null;
  shares: number | null;
  /** Financial participation: income it brings, as a number when it is one, and as written. */
  income: number | null;
  income_text: string | null;
  /** Financial participation: the declarant advises the company (`actiConseil`). */
  advisory: boolean | null;
  /** Some text of the item was replaced by `[Données non publiées]`. */
  redacted: boolean;
  amounts: ParsedAmount[];
}

export type WarningKind = 'section' | 'champ' | 'montant' | 'date';

export interface ParseWarning {
  kind: WarningKind;
  message: string;
}

export interface ParsedDeclaration {
  uuid: string | null;
  /** ISO date and time of deposit (`dateDepot`). */
  depositedAt: string | null;
  /** `DI`, `DIA`, `DSP`… as in `typeDeclaration`. */
  type: string | null;
  typeLabel: string | null;
  /** `declarationModificative`; null when the flag is missing. */
  modifying: boolean | null;
  /** How the declarant's office is written on the PDF (`Député/Loir-et-Cher(41)`). */
  office: string | null;
  mandateStart: string | null;
  mandateEnd: string | null;
  civility: string | null;
  firstName: string | null;
  lastName: string | null;
  /** Asset sections present (declarations of assets): recorded, not itemised. */
  assetSections: number;
  items: ParsedItem[];
  warnings: ParseWarning[];
}

/** The file is not a readable declaration (malformed XML, wrong shape). */
export class DeclarationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeclarationError';
  }
}

const KNOWN_TOP_LEVEL = new Set([
  'dateDepot',
  'uuid',
  'origine',
  'complete',
  'attachedFiles',
  'declarationVersion',
  'general',
]);

const parser = new XMLParser({
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
});

type Node = Record<string, unknown>;

const isNode = (value: unknown): value is Node =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A repeated element as a list: one occurrence is an object, none is absent or empty text. */
function asList(value: unknown): unknown[] {
  if (value === undefined || value === null || value === '') return [];
  return Array.isArray(value) ? value : [value];
}

/** Text of a leaf element; null when absent or empty, and for an element with children. */
function leaf(value: unknown): string | null {
  if (typeof value === 'string') return value === '' ? null : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

function at(node: unknown, ...path: string[]): unknown {
  let current = node;
  for (const key of path) current = isNode(current) ? current[key] : undefined;
  return current;
}

function parseItem(
  section: Section,
  position: number,
  raw: unknown,
  warn: (kind: WarningKind, message: string) => void,
): ParsedItem {
  const spec = SECTION_SPECS[section];
  const where = `${spec.element} n° ${position}`;
  const item: ParsedItem = {
    section,
    position,
    organisation: null,
    description: null,
    person: null,
    comment: null,
    advisory_org: null,
    start_month: null,
    end_month: null,
    kept: null,
    gross_net: null,
    value: null,
    capital_share: null,
    shares: null,
    income: null,
    income_text: null,
    advisory: null,
    redacted: false,
    amounts: [],
  };
  if (!isNode(raw)) {
    if (leaf(raw) !== null) warn('champ', `${where} : élément sans champs`);
    return item;
  }
  const text = (field: string) => {
    const value = raw[field];
    if (value !== undefined && value !== '' && leaf(value) === null) {
      warn('champ', `${where} : « ${field} » n'est pas un texte`);
    }
    const cleaned = cleanText(leaf(value));
    if (cleaned.redacted) item.redacted = true;
    return cleaned.value;
  };
  const amount = (field: string) => {
    const written = text(field);
    const value = parseAmount(written);
    if (written !== null && value === null) {
      warn('montant', `${where} : « ${field} » illisible (${written})`);
    }
    return value;
  };
  const month = (field: string) => {
    const written = text(field);
    const value = parseMonth(written);
    if (written !== null && value === null) {
      warn('date', `${where} : « ${field} » n'est pas un mois MM/AAAA (${written})`);
    }
    return value;
  };

  const known = new Set([...COMMON_ITEM_FIELDS, ...Object.keys(spec.text)]);
  for (const [field, column] of Object.entries(spec.text)) item[column] = text(field);
  item.comment = text('commentaire');
  if (spec.period) {
    known.add('dateDebut').add('dateFin');
    item.start_month = month('dateDebut');
    item.end_month = month('dateFin');
  }
  if (spec.kept) {
    known.add('conservee');
    item.kept = parseBoolean(text('conservee'));
  }
  if (spec.yearly) {
    known.add('remuneration');
    const remuneration = raw.remuneration;
    if (isNode(remuneration)) {
      item.gross_net = cleanText(leaf(remuneration.brutNet)).value?.toLowerCase() ?? null;
      item.amounts = asList(at(remuneration, 'montant', 'montant')).map((entry) => {
        const yearText = cleanText(leaf(at(entry, 'annee'))).value;
        // Kept as written (separators included); only the redaction marker is dropped.
        const raw = leaf(at(entry, 'montant'))?.trim() || null;
        if (isRedacted(raw)) item.redacted = true;
        const written = isRedacted(raw) ? null : raw;
        const year = yearText !== null && /^\d{4}$/.test(yearText) ? Number(yearText) : null;
        const value = parseAmount(written);
        if (yearText !== null && year === null) {
          warn('date', `${where} : année illisible (${yearText})`);
        }
        if (written !== null && value === null) {
          warn('montant', `${where} : montant ${yearText ?? ''} illisible (${written})`);
        }
        return { year, amount: value, text: written };
      });
    }
  }
  if (spec.holding) {
    for (const field of HOLDING_FIELDS) known.add(field);
    item.value = amount('evaluation');
    item.capital_share = amount('capitalDetenu');
    item.shares = amount('nombreParts');
    item.income_text = text('remuneration');
    item.income = parseAmount(item.income_text);
    item.advisory = parseBoolean(text('actiConseil'));
  }
  for (const field of Object.keys(raw)) {
    if (!known.has(field)) warn('champ', `${where} : champ inconnu « ${field} » ignoré`);
  }
  return item;
}

function parseOne(raw: unknown): ParsedDeclaration {
  if (!isNode(raw)) throw new DeclarationError('élément <declaration> vide');
  const warnings: ParseWarning[] = [];
  const warn = (kind: WarningKind, message: string) => warnings.push({ kind, message });
  const general = raw.general;
  const text = (...path: string[]) => cleanText(leaf(at(general, ...path))).value;
  const items: ParsedItem[] = [];
  let assetSections = 0;
  for (const [element, content] of Object.entries(raw)) {
    if (KNOWN_TOP_LEVEL.has(element)) continue;
    if (ASSET_SECTIONS.has(element)) {
      assetSections++;
      continue;
    }
    const section = sectionOfElement(element);
    if (!section) {
      const count = asList(at(content, 'items', 'items')).length;
      warn('section', `section inconnue « ${element} » ignorée (${count} élément(s))`);
      continue;
    }
    if (content !== '' && !isNode(content)) {
      warn('section', `section « ${element} » illisible, ignorée`);
      continue;
    }
    asList(at(content, 'items', 'items')).forEach((entry, i) =>
      items.push(parseItem(section, i + 1, entry, warn)),
    );
  }
  const depositText = cleanText(leaf(raw.dateDepot)).value;
  const depositedAt = parseFrenchDate(depositText);
  if (depositText !== null && depositedAt === null) {
    warn('date', `dateDepot illisible (${depositText})`);
  }
  return {
    uuid: cleanText(leaf(raw.uuid)).value,
    depositedAt,
    type: text('typeDeclaration', 'id')?.toUpperCase() ?? null,
    typeLabel: text('typeDeclaration', 'label'),
    modifying: parseBoolean(text('declarationModificative')),
    office: text('qualiteDeclarantForPDF'),
    mandateStart: parseFrenchDate(text('dateDebutMandat')),
    mandateEnd: parseFrenchDate(text('dateFinMandat')),
    civility: text('declarant', 'civilite'),
    firstName: text('declarant', 'prenom'),
    lastName: text('declarant', 'nom'),
    assetSections,
    items,
    warnings,
  };
}

/** Every declaration of an XML file (HATVP once published them all in one file). */
export function parseDeclarations(xml: string | Uint8Array): ParsedDeclaration[] {
  const source = typeof xml === 'string' ? xml : new TextDecoder('utf-8').decode(xml);
  const text = source.replace(/^\uFEFF/, '');
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    // A truncated file leaves elements open: the validator lists them, outermost first.
    const open = /^Invalid '\[(.*)\]' found/s.exec(valid.err.msg);
    const names = open ? [...open[1]!.matchAll(/"([^"]+)"/g)].map((m) => m[1]) : [];
    throw new DeclarationError(
      names.length > 0
        ? `XML incomplet : élément(s) jamais fermé(s) ${names.map((n) => `<${n}>`).join(' › ')}`
        : `XML mal formé (ligne ${valid.err.line}, colonne ${valid.err.col}) : ${valid.err.msg}`,
    );
  }
  const document: unknown = parser.parse(text);
  const roots = isNode(document) ? Object.keys(document) : [];
  if (roots.length !== 1 || roots[0] !== 'declarations') {
    throw new DeclarationError(
      `élément racine <declarations> attendu, trouvé ${roots.map((r) => `<${r}>`).join(', ') || 'rien'}`,
    );
  }
  const list = asList(at(document, 'declarations', 'declaration'));
  if (list.length === 0) throw new DeclarationError('aucun élément <declaration>');
  return list.map(parseOne);
}

/** The one declaration of a HATVP dossier file. */
export function parseDeclarationFile(xml: string | Uint8Array): ParsedDeclaration {
  const all = parseDeclarations(xml);
  if (all.length !== 1) {
    throw new DeclarationError(`une déclaration attendue, ${all.length} trouvées`);
  }
  return all[0]!;
}
