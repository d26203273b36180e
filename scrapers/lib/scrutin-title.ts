// Reads a scrutin's title ("l'amendement n° 828 de M. Tanguy à l'article 6 du projet de loi
// de finances pour 2025 (première lecture).") into what it says about the amendment voted
// on: numbers (with their rectification), author, parent amendment, article and bill. Pure:
// the linking (scrapers/lib/scrutin-links.ts) resolves this against the stored amendments.

/** One amendment number as the title writes it: `n° 828`, `n° 62 rectifié`, `n° 358 (2e rect.)`. */
export interface TitleNumber {
  numero: number;
  /** Rectifications named by the title (0 when none; `rectifié` and `(rect.)` are 1). */
  rect: number;
}

/** Who the title says filed the amendment. */
export interface TitleAuthor {
  kind: 'depute' | 'gouvernement' | 'commission';
  /** The name as written, civility removed: `Tanguy`, `Jean-Philippe Tanguy`; null for the government. */
  name: string | null;
  /** `M.` or `Mme` when written. */
  civility: 'M.' | 'Mme' | null;
}

export interface TitleAmendment {
  kind: 'amendement';
  /** 1 for a sub-amendment (`le sous-amendement n° 69 … à l'amendement n° 4 …`). */
  sub: boolean;
  /** The numbers voted on, in order: one, or several for a joint vote (`n°s 12 et 34`). */
  numbers: TitleNumber[];
  author: TitleAuthor | null;
  /** The amendment a sub-amendment amends, when named. */
  parent: { number: TitleNumber; author: TitleAuthor | null } | null;
  /** `et l'amendement identique suivant`, `et les amendements identiques suivants`. */
  identical: boolean;
  /** Where in the text: `à l'article 6`, `après l'article 3 quater`, `au titre`…, or null. */
  place: string | null;
  /** The bill as written: `projet de loi de finances pour 2025`, or null. */
  bill: string | null;
  /** The reading when written: `première lecture`, `nouvelle lecture`…, or null. */
  reading: string | null;
}

/** A title whose subject is an amendment but whose number could not be read. */
export interface TitleNotUnderstood {
  kind: 'unreadable';
  reason: string;
}

/** A title whose subject is not an amendment (a whole text, an article, a motion…). */
export interface TitleOther {
  kind: 'other';
}

export type ParsedTitle = TitleAmendment | TitleNotUnderstood | TitleOther;

/** The title's subject is an amendment: `l'amendement …`, `le sous-amendement …` (typos kept). */
const HEAD = /^(?:l'|le\s+|les\s+)(sous-)?amende?m\w*ts?\b/i;

/** `(2e rect.)`, `(2ème rect.)`, `(rect.)`, `rectifié`, `2e rectification`. */
const RECT =
  /^\s*(?:\(\s*(?:(\d+)\s*(?:e|è|ème|eme)\s*)?rect(?:\.|ifi[ée]|ification)?\s*\)|(?:(\d+)\s*(?:e|è|ème|eme)\s+)?rectifi?ée?(?=[\s,.)]|$))/i;

/** Words that may stand between `amendement` and its number. */
const BEFORE_NUMBER =
  /^\s*(?:(?:de\s+suppression|de\s+supression|de\s+r[ée]daction\s+globale|de\s+r[ée][ée]criture\s+globale|rectifi[ée]|\(\s*rect\.?\s*\)|identiques?|de)\s+)*/i;

/** `n° 828`, `n°828`, `n°s 12 et 34`, `nos 12, 13 et 34`, `n° de 2102` (a typo of the data). */
const NUMBER_MARK = /^\s*(?:n°\s*s?|n[o°]s\b|no\b)\s*(?:de\s+)?/i;

const IDENTICAL =
  /^\s*(?:,\s*)?et\s+(?:à\s+|aux\s+)?(?:l'|le\s+|les\s+)?(?:sous-)?am\w+\s+(?:identiques?\s+)?suivant\w*/i;

/** Where the author's name stops. */
const AUTHOR_END =
  /\s+(?=(?:et\s+(?:à\s+|aux\s+)?(?:l'|le\s+|les\s+)?(?:sous-)?am\w+\b)|(?:à|a|après|avant)\s+(?:l'|la\s|le\s|les\s)|au\s+titre|aux\s+amendements|au\s+projet|à\s+l'amendement|l'article\b|de\s+(?:suppression|supression|r[ée]tablissement|r[ée]daction|r[ée][ée]criture)\b|tendant\s|portant\s|visant\s|(?:du|de\s+la|de\s+l')\s+(?:projet|proposition)\b)|\s*[,.(]|$/i;

const PLACE =
  /(?:^|\s)((?:de\s+(?:r[ée]tablissement|r[ée]daction\s+globale|r[ée][ée]criture\s+globale)\s+de\s+l'article|l'article|(?:à|a|après|avant)\s+l'(?:article|intitulé|annexe|état|ensemble)|au\s+titre|à\s+l'intitul[ée]|de\s+suppression\s+de\s+l'article|(?:à|a)\s+l'état|à\s+la\s+(?:mission|division|section|seconde|première|partie)|aux\s+articles?)\b.*?)(?=\s+(?:du|de\s+la|de\s+l'|des)\s+(?:projet|proposition)s?\b|\s*\(|\s*\.?$)/i;

const BILL =
  /\b((?:projet|proposition)s?\s+de\s+(?:loi|r[ée]solution)\b.*?)(?:\s*\(([^()]*lecture[^()]*)\))?\s*\.?\s*$/i;

/** Normalises the typography of a title: curly quotes, non-breaking and repeated spaces. */
export function normaliseTitle(title: string): string {
  return title
    .replace(/[’‘`]/g, "'")
    .replace(/[\u00a0\u202f\t\r\n]+/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
}

function readNumbers(text: string): { numbers: TitleNumber[]; rest: string } | null {
  const mark = NUMBER_MARK.exec(text);
  if (!mark) return null;
  let rest = text.slice(mark[0].length);
  const numbers: TitleNumber[] = [];
  for (;;) {
    const n = /^\s*(?:[A-Z]{1,4}-)?(\d{1,6})\b/.exec(rest);
    if (!n) break;
    rest = rest.slice(n[0].length);
    let rect = 0;
    const r = RECT.exec(rest);
    if (r) {
      rect = Number(r[1] ?? r[2] ?? 1);
      rest = rest.slice(r[0].length);
    }
    numbers.push({ numero: Number(n[1]), rect });
    // A joint vote: `n°s 12 et 34`, `n°s 12, 13 et 34`, `n° 12 et n° 34`, `n° 12 et l'amendement n° 34`.
    const more =
      /^\s*(?:,|et)\s*(?:(?:l'amendement|le\s+sous-amendement)\s+)?(?:n°\s*s?\s*)?(?=(?:[A-Z]{1,4}-)?\d)/i.exec(
        rest,
      );
    if (!more) break;
    rest = rest.slice(more[0].length);
  }
  return numbers.length > 0 ? { numbers, rest } : null;
}

function readAuthor(text: string): { author: TitleAuthor | null; rest: string } {
  const m = /^\s*(?:de\s+suppression\s+)?(du|de\s+la|de\s+l'|des|de)\s+/i.exec(text);
  if (!m) return { author: null, rest: text };
  let after = text.slice(m[0].length);
  const article = m[1]!.toLowerCase().replace(/\s+/g, ' ');
  // `de l'article`, `du projet…` are not authors.
  if (/^(?:article|projet|proposition)\b/i.test(after)) return { author: null, rest: text };
  if (article === 'du' && /^gouvernement\b/i.test(after)) {
    return {
      author: { kind: 'gouvernement', name: null, civility: null },
      rest: after.slice('gouvernement'.length),
    };
  }
  const civ = /^(M\.|Mme|MM\.|Mmes)\s*/.exec(after);
  const civility = civ ? (civ[1] === 'Mme' || civ[1] === 'Mmes' ? 'Mme' : 'M.') : null;
  if (civ) after = after.slice(civ[0].length);
  const end = AUTHOR_END.exec(after);
  const name = (end ? after.slice(0, end.index) : after).trim();
  after = end ? after.slice(end.index) : '';
  if (name === '') return { author: null, rest: text };
  if (!civ && article === 'de la' && /^(?:commission|délégation)\b/i.test(name)) {
    return { author: { kind: 'commission', name: `la ${name}`, civility: null }, rest: after };
  }
  return { author: { kind: 'depute', name, civility }, rest: after };
}

/**
 * What a scrutin's title says about the amendment it decides: `other` when its subject is
 * not an amendment (a whole text, an article, a motion, a request for a second deliberation);
 * `unreadable` when it is but no number can be read; else the numbers, author, parent,
 * place and bill.
 */
export function parseScrutinTitle(title: string): ParsedTitle {
  const t = normaliseTitle(title);
  const head = HEAD.exec(t);
  if (!head) return { kind: 'other' };
  const sub = head[1] !== undefined;
  let rest = t.slice(head[0].length);
  rest = rest.slice(BEFORE_NUMBER.exec(rest)![0].length);
  const read = readNumbers(rest);
  if (!read) return { kind: 'unreadable', reason: 'no amendment number in the title' };
  rest = read.rest;
  let identical = false;
  const ident = () => {
    const i = IDENTICAL.exec(rest);
    if (i) {
      identical = true;
      rest = rest.slice(i[0].length);
    }
  };
  ident();
  const { author, rest: afterAuthor } = readAuthor(rest);
  rest = afterAuthor;
  ident();
  let parent: TitleAmendment['parent'] = null;
  if (sub) {
    const p = /^\s*(?:à|a)\s+l'amendement\s+/i.exec(rest);
    if (p) {
      const pn = readNumbers(rest.slice(p[0].length));
      if (pn) {
        const pa = readAuthor(pn.rest);
        parent = { number: pn.numbers[0]!, author: pa.author };
        rest = pa.rest;
        const more =
          /^\s*et\s+(?:aux\s+amendements\s+identiques\s+suivants|à\s+l'amendement\s+identique\s+suivant|l'amendement\s+identique\s+suivant|les\s+amendements\s+identiques\s+suivants)/i.exec(
            rest,
          );
        if (more) rest = rest.slice(more[0].length);
      }
    }
  }
  const place = PLACE.exec(rest);
  const bill = BILL.exec(rest);
  return {
    kind: 'amendement',
    sub,
    numbers: read.numbers,
    author,
    parent,
    identical,
    place: place ? place[1]!.trim() : null,
    bill: bill ? bill[1]!.trim() : null,
    reading: bill?.[2]?.trim() ?? null,
  };
}
