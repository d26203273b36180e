import { ShapeError, asList, date, int, obj, optObj, requiredText, text } from '../lib/an-json.ts';
import { fold } from '../../domain/text.ts';
import { professionKey, professionLabel } from '../../domain/professions.ts';
import type { Adresse, Deport, Mandat, Organe, Pays } from '../../db/schema/index.ts';

/** An acteur as the file describes it, before anything is derived from its mandates. */
export interface ParsedActeur {
  uid: string;
  civility: string;
  sex: 'F' | 'M';
  first_name: string;
  last_name: string;
  sort_name: string;
  name_key: string;
  birth_date: string | null;
  birth_place: string | null;
  birth_departement: string | null;
  birth_country: string | null;
  death_date: string | null;
  profession_raw: string | null;
  profession_label: string | null;
  profession_key: string | null;
  insee_category: string | null;
  insee_family: string | null;
  hatvp_url: string | null;
  mandats: Mandat[];
  adresses: Adresse[];
}

export interface Referential {
  acteurs: ParsedActeur[];
  organes: Organe[];
  deports: Deport[];
  pays: Pays[];
}

/** Raised for a file of the archive that cannot be read; names the file and the reason. */
export class FileError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = 'FileError';
  }
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Parses every JSON file of the AMO archive (`acteur/`, `organe/`, `deport/`, `pays/`). */
export function parseReferential(files: Iterable<[string, Uint8Array]>): Referential {
  const referential: Referential = { acteurs: [], organes: [], deports: [], pays: [] };
  // The file each record was read from, by folder and uid, to name both files of a duplicate.
  const readFrom = new Map<string, string>();
  for (const [name, bytes] of files) {
    const folder = /(?:^|\/)(acteur|organe|deport|pays)\/[^/]+\.json$/.exec(name)?.[1];
    if (!folder) continue;
    let json: unknown;
    try {
      json = JSON.parse(decoder.decode(bytes));
    } catch (error) {
      throw new FileError(name, `invalid JSON (${(error as Error).message})`);
    }
    let uid: string;
    try {
      if (folder === 'acteur') uid = push(referential.acteurs, parseActeur(json));
      else if (folder === 'organe') uid = push(referential.organes, parseOrgane(json));
      else if (folder === 'deport') uid = push(referential.deports, parseDeport(json));
      else uid = push(referential.pays, parsePays(json));
    } catch (error) {
      if (error instanceof ShapeError)
        throw new FileError(name, `unexpected shape at ${error.message}`);
      throw error;
    }
    const first = readFrom.get(`${folder} ${uid}`);
    if (first) throw new FileError(name, `${folder} ${uid} already read from ${first}`);
    readFrom.set(`${folder} ${uid}`, name);
  }
  if (referential.acteurs.length === 0) throw new FileError('(archive)', 'no acteur/*.json file');
  if (referential.organes.length === 0) throw new FileError('(archive)', 'no organe/*.json file');
  return referential;
}

/** Adds a record to its list and gives its uid. */
function push<T extends { uid: string }>(list: T[], record: T): string {
  list.push(record);
  return record.uid;
}

/** One `acteur/PA….json` file: identity, profession, addresses and embedded mandates. */
export function parseActeur(json: unknown): ParsedActeur {
  const acteur = obj(obj(json, '$').acteur, 'acteur');
  const uid = requiredText(acteur.uid, 'acteur.uid');
  if (!/^PA\d+$/.test(uid)) throw new ShapeError('acteur.uid', `unexpected id "${uid}"`);
  const etatCivil = obj(acteur.etatCivil, 'acteur.etatCivil');
  const ident = obj(etatCivil.ident, 'acteur.etatCivil.ident');
  const naissance = optObj(etatCivil.infoNaissance, 'acteur.etatCivil.infoNaissance');
  const civility = requiredText(ident.civ, 'acteur.etatCivil.ident.civ');
  const first = requiredText(ident.prenom, 'acteur.etatCivil.ident.prenom');
  const last = requiredText(ident.nom, 'acteur.etatCivil.ident.nom');
  const profession = optObj(acteur.profession, 'acteur.profession');
  const insee = profession
    ? optObj(profession.socProcINSEE, 'acteur.profession.socProcINSEE')
    : null;
  const professionRaw = profession
    ? text(profession.libelleCourant, 'acteur.profession.libelleCourant')
    : null;
  const mandats = asList(optObj(acteur.mandats, 'acteur.mandats')?.mandat).map((m, i) =>
    parseMandat(m, uid, `acteur.mandats.mandat[${i}]`),
  );
  const adresses = asList(optObj(acteur.adresses, 'acteur.adresses')?.adresse).map((a, i) =>
    parseAdresse(a, uid, `acteur.adresses.adresse[${i}]`),
  );
  return {
    uid,
    civility,
    sex: /^(mme|mlle|madame)/i.test(civility) ? 'F' : 'M',
    first_name: first,
    last_name: last,
    sort_name: text(ident.alpha, 'acteur.etatCivil.ident.alpha') ?? `${last}${first}`,
    name_key: fold(`${first} ${last}`),
    birth_date: naissance ? date(naissance.dateNais, 'infoNaissance.dateNais') : null,
    birth_place: naissance ? text(naissance.villeNais, 'infoNaissance.villeNais') : null,
    birth_departement: naissance ? text(naissance.depNais, 'infoNaissance.depNais') : null,
    birth_country: naissance ? text(naissance.paysNais, 'infoNaissance.paysNais') : null,
    death_date: date(etatCivil.dateDeces, 'acteur.etatCivil.dateDeces'),
    profession_raw: professionRaw,
    profession_label: professionLabel(professionRaw),
    profession_key: professionKey(professionRaw),
    insee_category: insee ? text(insee.catSocPro, 'socProcINSEE.catSocPro') : null,
    insee_family: insee ? text(insee.famSocPro, 'socProcINSEE.famSocPro') : null,
    hatvp_url: text(acteur.uri_hatvp, 'acteur.uri_hatvp'),
    mandats,
    adresses,
  };
}

function parseMandat(json: unknown, acteurUid: string, path: string): Mandat {
  const m = obj(json, path);
  const qualite = optObj(m.infosQualite, `${path}.infosQualite`);
  const organes = obj(m.organes, `${path}.organes`);
  // A mandate names one organ, sometimes as a one-item list.
  const organeUid = requiredText(asList(organes.organeRef)[0], `${path}.organes.organeRef`);
  const election = optObj(m.election, `${path}.election`);
  const lieu = election ? optObj(election.lieu, `${path}.election.lieu`) : null;
  const mandature = optObj(m.mandature, `${path}.mandature`);
  return {
    uid: requiredText(m.uid, `${path}.uid`),
    acteur_uid: acteurUid,
    organe_uid: organeUid,
    organe_type: requiredText(m.typeOrgane, `${path}.typeOrgane`),
    legislature: int(m.legislature, `${path}.legislature`, 1),
    start_date: date(m.dateDebut, `${path}.dateDebut`),
    end_date: date(m.dateFin, `${path}.dateFin`),
    role_code: qualite ? text(qualite.codeQualite, `${path}.infosQualite.codeQualite`) : null,
    role_label: qualite
      ? (text(qualite.libQualiteSex, `${path}.infosQualite.libQualiteSex`) ??
        text(qualite.libQualite, `${path}.infosQualite.libQualite`))
      : null,
    principal: text(m.nominPrincipale, `${path}.nominPrincipale`) === '1' ? 1 : 0,
    precedence: int(m.preseance, `${path}.preseance`, 0),
    departement_code: lieu
      ? text(lieu.numDepartement, `${path}.election.lieu.numDepartement`)
      : null,
    departement_name: lieu ? text(lieu.departement, `${path}.election.lieu.departement`) : null,
    region: lieu ? text(lieu.region, `${path}.election.lieu.region`) : null,
    circo_number: lieu ? int(lieu.numCirco, `${path}.election.lieu.numCirco`, 1) : null,
    circo_uid: election
      ? text(election.refCirconscription, `${path}.election.refCirconscription`)
      : null,
    election_cause: election ? text(election.causeMandat, `${path}.election.causeMandat`) : null,
    took_office_date: mandature
      ? date(mandature.datePriseFonction, `${path}.mandature.datePriseFonction`)
      : null,
    end_cause: mandature ? text(mandature.causeFin, `${path}.mandature.causeFin`) : null,
    seat: mandature ? text(mandature.placeHemicycle, `${path}.mandature.placeHemicycle`) : null,
  };
}

function addressKind(xsiType: string | null, typeLabel: string | null): string {
  const t = `${xsiType ?? ''} ${typeLabel ?? ''}`.toLowerCase();
  if (t.includes('postale')) return 'postale';
  if (t.includes('mail') || t.includes('mèl')) return 'mail';
  if (t.includes('telephon') || t.includes('téléphone') || t.includes('fax')) return 'telephone';
  if (t.includes('siteweb') || t.includes('site internet')) return 'site';
  if (t.includes('reseau') || t.includes('réseau')) return 'reseau';
  return 'autre';
}

function parseAdresse(json: unknown, acteurUid: string, path: string): Adresse {
  const a = obj(json, path);
  const typeLabel = text(a.typeLibelle, `${path}.typeLibelle`);
  const street = [text(a.numeroRue, `${path}.numeroRue`), text(a.nomRue, `${path}.nomRue`)]
    .filter(Boolean)
    .join(' ');
  const complement = text(a.complementAdresse, `${path}.complementAdresse`);
  return {
    uid: requiredText(a.uid, `${path}.uid`),
    acteur_uid: acteurUid,
    kind: addressKind(text(a['@xsi:type'], `${path}.@xsi:type`), typeLabel),
    type_code: int(a.type, `${path}.type`, 0),
    type_label: typeLabel,
    weight: int(a.poids, `${path}.poids`, 0),
    title: text(a.intitule, `${path}.intitule`),
    street: [street, complement].filter(Boolean).join(', ') || null,
    postcode: text(a.codePostal, `${path}.codePostal`),
    city: text(a.ville, `${path}.ville`),
    value: text(a.valElec, `${path}.valElec`),
  };
}

/** One `organe/PO….json` file. */
export function parseOrgane(json: unknown): Organe {
  const o = obj(obj(json, '$').organe, 'organe');
  const vimode = optObj(o.viMoDe, 'organe.viMoDe');
  const lieu = optObj(o.lieu, 'organe.lieu');
  const departement = lieu ? optObj(lieu.departement, 'organe.lieu.departement') : null;
  const region = lieu ? optObj(lieu.region, 'organe.lieu.region') : null;
  return {
    uid: requiredText(o.uid, 'organe.uid'),
    code_type: requiredText(o.codeType, 'organe.codeType'),
    label: requiredText(o.libelle, 'organe.libelle'),
    short_label: text(o.libelleAbrege, 'organe.libelleAbrege'),
    abbreviation: text(o.libelleAbrev, 'organe.libelleAbrev'),
    start_date: vimode ? date(vimode.dateDebut, 'organe.viMoDe.dateDebut') : null,
    end_date: vimode ? date(vimode.dateFin, 'organe.viMoDe.dateFin') : null,
    legislature: int(o.legislature, 'organe.legislature', 1),
    color: text(o.couleurAssociee, 'organe.couleurAssociee'),
    parent_uid: text(o.organeParent, 'organe.organeParent'),
    departement_code: departement ? text(departement.code, 'organe.lieu.departement.code') : null,
    departement_name: departement
      ? text(departement.libelle, 'organe.lieu.departement.libelle')
      : null,
    region: region ? text(region.libelle, 'organe.lieu.region.libelle') : null,
    number: int(o.numero, 'organe.numero', 0),
  };
}

/** HTML of a déport's explanation reduced to plain text (entities decoded, tags dropped). */
export function htmlToText(html: string | null): string | null {
  if (html === null) return null;
  const named: Record<string, string> = {
    nbsp: ' ',
    amp: '&',
    lt: '<',
    gt: '>',
    quot: '"',
    apos: "'",
    // Typographic entities the AN's HTML uses (e.g. &rsquo; and &deg; in real déports).
    rsquo: '\u2019',
    lsquo: '\u2018',
    rdquo: '\u201d',
    ldquo: '\u201c',
    laquo: '\u00ab',
    raquo: '\u00bb',
    deg: '\u00b0',
    hellip: '\u2026',
    ndash: '\u2013',
    mdash: '\u2014',
    euro: '\u20ac',
  };
  const decoded = html
    .replace(/<\s*(br|\/p|\/li)\s*\/?>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&([a-z]+);/gi, (entity, name: string) => {
      const lower = name.toLowerCase();
      if (lower in named) return named[lower]!;
      // Latin accented letters: &eacute; &Egrave; &ccedil; …
      const accent = /^([a-z])(acute|grave|circ|uml|cedil)$/i.exec(name);
      if (!accent) return entity;
      const marks: Record<string, string> = {
        acute: '\u0301',
        grave: '\u0300',
        circ: '\u0302',
        uml: '\u0308',
        cedil: '\u0327',
      };
      return (accent[1]! + marks[accent[2]!.toLowerCase()]!).normalize('NFC');
    })
    .replace(/[ \t]+/g, ' ')
    .replace(/\s*\n\s*/g, '\n')
    .trim();
  return decoded === '' ? null : decoded;
}

/** One `deport/DPTR….json` file: a deputy's declared abstention on a subject. */
export function parseDeport(json: unknown): Deport {
  const d = obj(obj(json, '$').deport, 'deport');
  const label = (field: string) => {
    const value = optObj(d[field], `deport.${field}`);
    return value ? text(value.libelle, `deport.${field}.libelle`) : null;
  };
  const cible = optObj(d.cible, 'deport.cible');
  const cibleType = cible ? optObj(cible.type, 'deport.cible.type') : null;
  return {
    uid: requiredText(d.uid, 'deport.uid'),
    acteur_uid: requiredText(d.refActeur, 'deport.refActeur'),
    legislature: int(d.legislature, 'deport.legislature', 1),
    created_at: date(d.dateCreation, 'deport.dateCreation'),
    published_at: date(d.datePublication, 'deport.datePublication'),
    scope: label('portee'),
    instance: label('instance'),
    target_type: cibleType ? text(cibleType.libelle, 'deport.cible.type.libelle') : null,
    target_text: cible ? text(cible.referenceTextuelle, 'deport.cible.referenceTextuelle') : null,
    explanation: htmlToText(text(d.explication, 'deport.explication')),
  };
}

/** One `pays/….json` file. */
export function parsePays(json: unknown): Pays {
  const p = obj(obj(json, '$').pays, 'pays');
  return {
    uid: requiredText(p.uid, 'pays.uid'),
    insee_code: text(p.code_insee, 'pays.code_insee'),
    name:
      text(p.libelleANCourt, 'pays.libelleANCourt') ??
      requiredText(p.nomCourant, 'pays.nomCourant'),
    official_name: text(p.libelleANLong, 'pays.libelleANLong'),
    iso3: text(p.code_iso3A, 'pays.code_iso3A'),
  };
}
