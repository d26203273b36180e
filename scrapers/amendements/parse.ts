// Pure parser of one amendment file of Amendements.json.zip
// (`json/<dossier>/<texte>/AMANR5L17….json`): JSON in, a typed amendment and its co-signers
// out; the HTML of the dispositif and exposé is sanitised here, before anything is stored.
import { fold } from '../../domain/text.ts';
import { AUTHOR_TYPES, sortKey } from '../../domain/amendements.ts';
import type { NewAmendement } from '../../db/schema/index.ts';
import {
  ShapeError,
  asList,
  date,
  int,
  obj,
  optObj,
  requiredInt,
  requiredText,
  text,
} from '../lib/an-json.ts';
import { decodeText, sanitizeAmendementField } from './sanitize.ts';

/** An archive entry of an amendment: its dossier and text folders and its uid. */
export const AMENDEMENT_FILE = /(?:^|\/)json\/([^/]+)\/([^/]+)\/(AMANR[0-9A-Z]+)\.json$/;

export type ParsedAmendement = Omit<NewAmendement, 'content_hash' | 'file_name'> & {
  uid: string;
};

export interface ParsedFile {
  amendement: ParsedAmendement;
  /** Co-signers' acteur uids, in published order. */
  cosignataires: string[];
}

const AUTHOR_TYPE_LABELS = new Set<string>(Object.values(AUTHOR_TYPES));

const escape = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** A PLF credits amendment (dispositifAmdtCreditPLF) as a table: programme, AE, CP. */
function creditsTable(value: unknown, path: string): string | null {
  const credits = optObj(value, path);
  if (!credits) return null;
  const programmes = asList(optObj(credits.listeProgrammes, `${path}.listeProgrammes`)?.programme);
  if (programmes.length === 0) return null;
  const rows = programmes.map((p, i) => {
    const at = `${path}.listeProgrammes.programme[${i}]`;
    const row = obj(p, at);
    const cells = [
      text(row.libelle, `${at}.libelle`) ?? '',
      text(row.autorisationEngagement, `${at}.autorisationEngagement`) ?? '',
      text(row.creditPaiement, `${at}.creditPaiement`) ?? '',
    ];
    return `<tr>${cells.map((c) => `<td>${escape(c)}</td>`).join('')}</tr>`;
  });
  return `<table><thead><tr><th>Programme</th><th>Autorisations d'engagement (€)</th><th>Crédits de paiement (€)</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** The organ of an examen uid (EXANR5L17PO59051B1105P0D1 → PO59051). */
function examenOrgane(examen: string | null): string | null {
  return examen ? (/(PO\d+)/.exec(examen)?.[1] ?? null) : null;
}

/**
 * Parses one amendment file. `name` is its path in the archive: the dossier comes from it
 * (`json/<dossier>/<texte>/<uid>.json`), and it must agree with the file's uid and text.
 */
export function parseAmendement(name: string, json: unknown): ParsedFile {
  const match = AMENDEMENT_FILE.exec(name);
  if (!match) throw new ShapeError('(file name)', `not json/<dossier>/<texte>/AMANR….json`);
  const [, dossierFolder, texteFolder, fileUid] = match as unknown as [
    string,
    string,
    string,
    string,
  ];
  const a = obj(obj(json, '$').amendement, 'amendement');
  const uid = requiredText(a.uid, 'amendement.uid');
  if (uid !== fileUid) throw new ShapeError('amendement.uid', `${uid}, not ${fileUid} as named`);
  const texteUid = requiredText(a.texteLegislatifRef, 'amendement.texteLegislatifRef');
  if (texteUid !== texteFolder) {
    throw new ShapeError(
      'amendement.texteLegislatifRef',
      `${texteUid}, not ${texteFolder} as in its path`,
    );
  }
  const id = obj(a.identification, 'amendement.identification');
  const signataires = obj(a.signataires, 'amendement.signataires');
  const auteur = obj(signataires.auteur, 'amendement.signataires.auteur');
  const authorType = requiredText(auteur.typeAuteur, 'amendement.signataires.auteur.typeAuteur');
  if (!AUTHOR_TYPE_LABELS.has(authorType)) {
    throw new ShapeError(
      'amendement.signataires.auteur.typeAuteur',
      `unknown type "${authorType}"`,
    );
  }
  const authorUid = text(auteur.acteurRef, 'amendement.signataires.auteur.acteurRef');
  if (authorType !== 'Gouvernement' && authorUid === null) {
    throw new ShapeError('amendement.signataires.auteur.acteurRef', `missing for a ${authorType}`);
  }
  const cosignataires = asList(
    optObj(signataires.cosignataires, 'amendement.signataires.cosignataires')?.acteurRef,
  ).map((c, i) => requiredText(c, `amendement.signataires.cosignataires.acteurRef[${i}]`));
  const division = optObj(
    optObj(a.pointeurFragmentTexte, 'amendement.pointeurFragmentTexte')?.division,
    'amendement.pointeurFragmentTexte.division',
  );
  const corps = optObj(a.corps, 'amendement.corps');
  const contenu = optObj(corps?.contenuAuteur, 'amendement.corps.contenuAuteur');
  const dispositif =
    sanitizeAmendementField(
      text(contenu?.dispositif, 'amendement.corps.contenuAuteur.dispositif'),
    ) ??
    sanitizeAmendementField(
      creditsTable(
        contenu?.dispositifAmdtCreditPLF,
        'amendement.corps.contenuAuteur.dispositifAmdtCreditPLF',
      ),
    );
  const expose = sanitizeAmendementField(
    text(contenu?.exposeSommaire, 'amendement.corps.contenuAuteur.exposeSommaire'),
  );
  const cycle = obj(a.cycleDeVie, 'amendement.cycleDeVie');
  const etats = optObj(cycle.etatDesTraitements, 'amendement.cycleDeVie.etatDesTraitements');
  const etat = optObj(etats?.etat, 'amendement.cycleDeVie.etatDesTraitements.etat');
  const sousEtat = optObj(etats?.sousEtat, 'amendement.cycleDeVie.etatDesTraitements.sousEtat');
  const etatCode = text(etat?.code, 'amendement.cycleDeVie.etatDesTraitements.etat.code');
  const etatLabel = text(etat?.libelle, 'amendement.cycleDeVie.etatDesTraitements.etat.libelle');
  const sortLabel = text(cycle.sort, 'amendement.cycleDeVie.sort');
  const examen = text(a.examenRef, 'amendement.examenRef');
  const prefix = text(id.prefixeOrganeExamen, 'amendement.identification.prefixeOrganeExamen');
  const parent = text(a.amendementParentRef, 'amendement.amendementParentRef');
  return {
    amendement: {
      uid,
      legislature: requiredInt(a.legislature, 'amendement.legislature', 1),
      numero: int(id.numeroOrdreDepot, 'amendement.identification.numeroOrdreDepot', 0),
      numero_long: requiredText(id.numeroLong, 'amendement.identification.numeroLong'),
      numero_rect: int(id.numeroRect, 'amendement.identification.numeroRect', 0) ?? 0,
      texte_uid: texteUid,
      dossier_uid: dossierFolder,
      examen_uid: examen,
      organe_examen_uid: examenOrgane(examen),
      organe_prefix: prefix,
      seance: prefix === 'AN' ? 1 : 0,
      article: text(division?.articleDesignationCourte, 'division.articleDesignationCourte'),
      article_designation: text(division?.articleDesignation, 'division.articleDesignation'),
      author_type: authorType,
      author_uid: authorUid,
      author_group_uid: text(
        auteur.groupePolitiqueRef,
        'amendement.signataires.auteur.groupePolitiqueRef',
      ),
      gouvernement_uid: text(
        auteur.gouvernementRef,
        'amendement.signataires.auteur.gouvernementRef',
      ),
      signatories_label: decodeText(text(signataires.libelle, 'amendement.signataires.libelle')),
      parent_uid: parent,
      sort_label: sortLabel,
      sort: sortKey(sortLabel, etatCode, etatLabel),
      etat_code: etatCode,
      etat_label: etatLabel,
      sous_etat_code: text(
        sousEtat?.code,
        'amendement.cycleDeVie.etatDesTraitements.sousEtat.code',
      ),
      sous_etat_label: text(
        sousEtat?.libelle,
        'amendement.cycleDeVie.etatDesTraitements.sousEtat.libelle',
      ),
      date_depot: date(cycle.dateDepot, 'amendement.cycleDeVie.dateDepot'),
      date_publication: date(cycle.datePublication, 'amendement.cycleDeVie.datePublication'),
      date_sort: date(cycle.dateSort, 'amendement.cycleDeVie.dateSort'),
      seance_ref: text(a.seanceDiscussionRef, 'amendement.seanceDiscussionRef'),
      dispositif_html: dispositif?.html ?? null,
      expose_html: expose?.html ?? null,
      text_key: fold(`${dispositif?.text ?? ''} ${expose?.text ?? ''}`),
    },
    cosignataires,
  };
}
