// Links each scrutin to the amendment it decides and, failing a dossier step naming it, to
// that amendment's dossier. Recomputed from what is stored, inside the transaction of each
// ingest that can bring a new match: votes (new scrutins), dossiers (rebuilds
// scrutin_dossier) and amendements (new amendments). Writes scrutin_amendement (every
// amendment number a title names, resolved or with the reason it is not) and the
// `reference` and `amendement` rows of scrutin_dossier.
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema/index.ts';
import { sqliteHandle } from '../../db/database.ts';
import { insertRows } from '../../db/insert.ts';
import { fold } from '../../domain/text.ts';
import type { LinkMethod, UnresolvedReason } from '../../domain/scrutin-links.ts';
import {
  parseScrutinTitle,
  type TitleAmendment,
  type TitleAuthor,
  type TitleNumber,
} from './scrutin-title.ts';

/** An amendment that a title's number may name, with what is needed to check it. */
export interface Candidate {
  uid: string;
  numero: number | null;
  numero_rect: number;
  seance: number;
  dossier_uid: string | null;
  seance_ref: string | null;
  date_depot: string | null;
  author_type: string;
  author_first_name: string | null;
  author_last_name: string | null;
  signatories_label: string | null;
  /** The number of the amendment a sub-amendment amends, when stored. */
  parent_numero: number | null;
}

const CIVILITY = /^(?:m|mme|mmes|mm)\s+/;

/** A candidate with its names folded once (see `authorAgrees`). */
interface Folded {
  label: string;
  last: string;
  full: string;
  first: string;
}

const folded = new WeakMap<Candidate, Folded>();

function names(c: Candidate): Folded {
  let f = folded.get(c);
  if (!f) {
    f = {
      label: fold(c.signatories_label ?? ''),
      last: fold(c.author_last_name ?? ''),
      full: fold(`${c.author_first_name ?? ''} ${c.author_last_name ?? ''}`),
      // The first signatory as the AN writes it: "M. Le Fur, M. Ray…", "M. de Courson, rapporteur…".
      first: fold((c.signatories_label ?? '').split(',')[0] ?? '').replace(CIVILITY, ''),
    };
    folded.set(c, f);
  }
  return f;
}

/** What the resolver knows of the scrutin besides its title. */
export interface ScrutinContext {
  date: string;
  sitting_ref: string | null;
  /** Dossiers named by the dossier's steps or by the scrutin file; empty when none. */
  dossiers: string[];
  /**
   * Whether a dossier is the bill the title names (`billAgreement` of their words): true,
   * false, or null when unknown (no bill read, dossier wording not stored, or in between).
   */
  bill: (dossier: string | null) => boolean | null;
  /** The archive holds amendments of the text voted on (its dossier or its bill). */
  textInArchive: boolean;
}

/** Words that say nothing of which bill a title or a dossier is about. */
const BILL_STOP_WORDS = new Set(
  (
    'projet proposition resolution organique europeenne relative relatif visant portant ' +
    'plusieurs collegues adoptee adopte senat apres engagement procedure acceleree lecture ' +
    'premiere deuxieme nouvelle texte commission pour dans leur leurs sont avec entre toutes ' +
    'tous modifiee'
  ).split(' '),
);

/** The words of a bill's name or a dossier's wording that identify it (folded, 4 letters or more). */
export function billWords(text: string): Set<string> {
  return new Set(
    fold(text)
      .split(' ')
      .filter((w) => w.length >= 4 && !BILL_STOP_WORDS.has(w)),
  );
}

/**
 * Whether a dossier (the words of its title and its texts' titles) is the bill a title names:
 * true when at least 80 % of the bill's words are in the dossier's, false under 50 %, null in
 * between or when either has no word.
 */
export function billAgreement(bill: Set<string>, dossier: Set<string>): boolean | null {
  if (bill.size === 0 || dossier.size === 0) return null;
  let shared = 0;
  for (const w of bill) if (dossier.has(w)) shared++;
  const share = shared / bill.size;
  return share >= 0.8 ? true : share < 0.5 ? false : null;
}

export type Resolution =
  | { amendement_uid: string; method: LinkMethod; candidates: number }
  | { amendement_uid: null; reason: UnresolvedReason; candidates: number };

/** True when the stored amendment's author is the one the title names. */
export function authorAgrees(author: TitleAuthor, c: Candidate): boolean {
  if (author.kind === 'gouvernement') return c.author_type === 'Gouvernement';
  const n = names(c);
  if (author.kind === 'commission') {
    return (
      c.author_type === 'Rapporteur' && n.label.includes(fold(author.name!.replace(/^la\s+/i, '')))
    );
  }
  const name = fold(author.name ?? '');
  if (name === '') return false;
  return name === n.last || name === n.full || name === n.first;
}

/**
 * Resolves one number of a title against the stored amendments examined in séance with this
 * number, within the text voted on: the scrutin's dossier when its steps name one; else the
 * amendments of a dossier that is the bill the title names, or discussed at the scrutin's
 * sitting when their dossier's wording is unknown (never one whose dossier is another bill:
 * two bills are often debated in one sitting, and a deputy files the same number on both).
 * Then by the title's author, filed before the vote, under the named parent for a
 * sub-amendment; when several remain, the one discussed at the scrutin's sitting. Never
 * guesses: two candidates left is a reason, not a link.
 */
export function resolveNumber(
  number: TitleNumber,
  title: Pick<TitleAmendment, 'author' | 'parent'>,
  scrutin: ScrutinContext,
  candidates: readonly Candidate[],
): Resolution {
  const sitting = (c: Candidate) =>
    scrutin.sitting_ref !== null && c.seance_ref === scrutin.sitting_ref;
  let pool = candidates.filter((c) => c.seance === 1 && c.numero === number.numero);
  pool =
    scrutin.dossiers.length > 0
      ? pool.filter((c) => c.dossier_uid !== null && scrutin.dossiers.includes(c.dossier_uid))
      : pool.filter((c) => {
          const bill = scrutin.bill(c.dossier_uid);
          return bill === true || (bill === null && sitting(c));
        });
  const count = pool.length;
  const unresolved = (reason: UnresolvedReason): Resolution => ({
    amendement_uid: null,
    reason,
    candidates: count,
  });
  const inArchive = scrutin.textInArchive || count > 0;
  const absent = () => unresolved(inArchive ? 'numero-absent' : 'texte-absent');
  if (pool.length === 0) return absent();
  if (title.author) {
    const author = title.author;
    pool = pool.filter((c) => authorAgrees(author, c));
    if (pool.length === 0) return unresolved('auteur-different');
  }
  pool = pool.filter((c) => c.date_depot === null || c.date_depot <= scrutin.date);
  const parent = title.parent;
  if (parent) {
    pool = pool.filter((c) => c.parent_numero === null || c.parent_numero === parent.number.numero);
  }
  if (pool.length === 0) return absent();
  const method = (c: Candidate): LinkMethod => (sitting(c) ? 'titre-seance' : 'titre-dossier');
  if (pool.length === 1)
    return { amendement_uid: pool[0]!.uid, method: method(pool[0]!), candidates: count };
  const atSitting = pool.filter(sitting);
  if (atSitting.length === 1) {
    return { amendement_uid: atSitting[0]!.uid, method: 'titre-seance', candidates: count };
  }
  return unresolved('plusieurs-candidats');
}

/** The author as the title names them, for display: `M. Tanguy`, `le Gouvernement`. */
function authorText(author: TitleAuthor | null): string | null {
  if (!author) return null;
  if (author.kind === 'gouvernement') return 'le Gouvernement';
  return [author.civility, author.name].filter(Boolean).join(' ');
}

/**
 * Recomputes every scrutin → amendment link of the database and the scrutin → dossier links
 * that do not come from the dossiers' steps. Runs inside the caller's transaction.
 */
export async function linkScrutins(trx: Transaction<Database>): Promise<void> {
  await trx.deleteFrom('scrutin_amendement').execute();
  await trx.deleteFrom('scrutin_dossier').where('method', '<>', 'etapes').execute();
  const scrutins = await trx
    .selectFrom('scrutin')
    .select(['uid', 'title', 'date', 'sitting_ref', 'amendement_ref', 'dossier_ref'])
    .orderBy('legislature')
    .orderBy('number')
    .execute();
  const stepDossiers = new Map<string, string[]>();
  for (const r of await trx
    .selectFrom('scrutin_dossier')
    .select(['scrutin_uid', 'dossier_uid'])
    .execute()) {
    stepDossiers.set(r.scrutin_uid, [...(stepDossiers.get(r.scrutin_uid) ?? []), r.dossier_uid]);
  }
  // The dossier a scrutin file names, when no step does.
  const referenced = scrutins
    .filter((s) => s.dossier_ref !== null && !stepDossiers.has(s.uid))
    .map((s) => ({ scrutin_uid: s.uid, dossier_uid: s.dossier_ref!, method: 'reference' }));
  await insertRows(trx, 'scrutin_dossier', referenced);
  for (const r of referenced) stepDossiers.set(r.scrutin_uid, [r.dossier_uid]);

  // The wording of each dossier that has séance amendments: its title and its texts' titles.
  const wording = new Map<string, Set<string>>();
  const addWords = (dossier: string, text: string | null) => {
    if (!text) return;
    const set = wording.get(dossier) ?? new Set<string>();
    for (const w of billWords(text)) set.add(w);
    wording.set(dossier, set);
  };
  const withAmendements = (
    await trx
      .selectFrom('amendement')
      .select('dossier_uid')
      .distinct()
      .where('seance', '=', 1)
      .where('dossier_uid', 'is not', null)
      .execute()
  ).map((r) => r.dossier_uid!);
  const dossiersWithAmendements = new Set(withAmendements);
  for (const r of await trx.selectFrom('dossier').select(['uid', 'title']).execute()) {
    if (dossiersWithAmendements.has(r.uid)) addWords(r.uid, r.title);
  }
  for (const r of await trx
    .selectFrom('document')
    .select(['dossier_uid', 'title'])
    .where('dossier_uid', 'is not', null)
    .execute()) {
    if (dossiersWithAmendements.has(r.dossier_uid!)) addWords(r.dossier_uid!, r.title);
  }
  // Séance amendments by number, read once per number. A raw statement prepared once: kysely
  // would build and compile the query again at each of these thousands of lookups.
  const statement = sqliteHandle(trx).prepare(`
    select a.uid, a.numero, a.numero_rect, a.seance, a.dossier_uid, a.seance_ref, a.date_depot,
      a.author_type, p.first_name as author_first_name, p.last_name as author_last_name,
      a.signatories_label, parent.numero as parent_numero
    from amendement a
    left join acteur p on p.uid = a.author_uid
    left join amendement parent on parent.uid = a.parent_uid
    where a.numero = ? and a.seance = 1`);
  const byNumber = new Map<number, Candidate[]>();
  const candidatesOf = (numero: number) => {
    let found = byNumber.get(numero);
    if (!found) byNumber.set(numero, (found = statement.all(numero) as Candidate[]));
    return found;
  };
  const known = sqliteHandle(trx).prepare('select 1 from amendement where uid = ?');

  const rows: Database['scrutin_amendement'][] = [];
  const row = (scrutin_uid: string, fields: Partial<Database['scrutin_amendement']>) =>
    rows.push({
      scrutin_uid,
      position: 1,
      numero: null,
      rect: 0,
      author: null,
      amendement_uid: null,
      method: null,
      reason: null,
      candidates: 0,
      text_in_archive: 0,
      ...fields,
    });
  for (const s of scrutins) {
    const dossiers = stepDossiers.get(s.uid) ?? [];
    if (s.amendement_ref !== null && known.get(s.amendement_ref) !== undefined) {
      row(s.uid, {
        amendement_uid: s.amendement_ref,
        method: 'reference',
        candidates: 1,
        text_in_archive: 1,
      });
      continue;
    }
    const title = parseScrutinTitle(s.title);
    if (title.kind === 'other') continue;
    const named =
      title.kind === 'amendement' && title.bill ? billWords(title.bill) : new Set<string>();
    const bill = (dossier: string | null) => {
      const words = dossier === null ? undefined : wording.get(dossier);
      return words ? billAgreement(named, words) : null;
    };
    const textInArchive =
      dossiers.some((d) => dossiersWithAmendements.has(d)) ||
      (dossiers.length === 0 && withAmendements.some((d) => bill(d) === true));
    if (title.kind === 'unreadable') {
      row(s.uid, { reason: 'titre-incompris', text_in_archive: textInArchive ? 1 : 0 });
      continue;
    }
    const context: ScrutinContext = {
      date: s.date,
      sitting_ref: s.sitting_ref,
      dossiers,
      bill,
      textInArchive,
    };
    for (const [i, number] of title.numbers.entries()) {
      const r = resolveNumber(number, title, context, candidatesOf(number.numero));
      row(s.uid, {
        position: i + 1,
        numero: number.numero,
        rect: number.rect,
        author: authorText(title.author),
        amendement_uid: r.amendement_uid,
        method: r.amendement_uid !== null ? r.method : null,
        reason: r.amendement_uid === null ? r.reason : null,
        candidates: r.candidates,
        text_in_archive: textInArchive || r.candidates > 0 ? 1 : 0,
      });
    }
  }
  await insertRows(trx, 'scrutin_amendement', rows);

  // A scrutin that no step and no reference ties to a dossier gets its amendment's dossier.
  const fromAmendement = await trx
    .selectFrom('scrutin_amendement as l')
    .innerJoin('amendement as a', 'a.uid', 'l.amendement_uid')
    .select(['l.scrutin_uid', 'a.dossier_uid'])
    .where('l.position', '=', 1)
    .where('a.dossier_uid', 'is not', null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('scrutin_dossier as sd')
            .select('sd.dossier_uid')
            .whereRef('sd.scrutin_uid', '=', 'l.scrutin_uid'),
        ),
      ),
    )
    .execute();
  await insertRows(
    trx,
    'scrutin_dossier',
    fromAmendement.map((r) => ({
      scrutin_uid: r.scrutin_uid,
      dossier_uid: r.dossier_uid!,
      method: 'amendement',
    })),
  );
}
