import type { DossierDetail, DossierRow, InitiatorRow } from '../../db/queries/dossiers.ts';
import {
  DOSSIER_STATE_LABELS,
  anDossierUrl,
  stepChamber,
  type DossierState,
} from '../../domain/dossiers.ts';
import { personName } from '../../domain/text.ts';
import type { Column } from '../lib/export.ts';

/** An initiator's name: the deputy's, the organ's, or the id when neither is in the referential. */
export function initiatorName(i: InitiatorRow): string {
  if (i.acteur_uid) {
    return personName(i.first_name, i.last_name) ?? i.acteur_uid;
  }
  return i.organe_label ?? i.organe_uid ?? '';
}

export const stateLabel = (s: string) => DOSSIER_STATE_LABELS[s as DossierState] ?? s;

/** A dossier of the list with the AN's page of the dossier. */
export type DossierListRow = DossierRow & { url_an: string | null };

export const dossierListRow = (r: DossierRow): DossierListRow => ({
  ...r,
  url_an: anDossierUrl(r.legislature, r.path_title),
});

/** Columns of `/dossiers.csv` and `/dossiers.json`. */
export const DOSSIER_COLUMNS: Column<DossierListRow>[] = [
  { name: 'uid', description: 'Identifiant AN du dossier (DLR5L17N…)', value: (d) => d.uid },
  { name: 'legislature', description: 'Législature du dossier', value: (d) => d.legislature },
  { name: 'titre', description: 'Titre du dossier', value: (d) => d.title },
  {
    name: 'procedure',
    description: 'Procédure parlementaire (libellé AN : Proposition de loi ordinaire…)',
    value: (d) => d.procedure_label,
  },
  {
    name: 'procedure_code',
    description: 'Code de la procédure (paramètre procedure)',
    value: (d) => d.procedure_code,
  },
  {
    name: 'etat',
    description:
      'État déduit des étapes : en-cours, adopte (lecture unique), promulgue, rejete, retire (voir la méthodologie)',
    value: (d) => d.state,
  },
  {
    name: 'date_depot',
    description: 'Date de la première étape datée, en général le dépôt (AAAA-MM-JJ)',
    value: (d) => d.first_date,
  },
  {
    name: 'date_derniere_etape',
    description: 'Date de la dernière étape datée (AAAA-MM-JJ)',
    value: (d) => d.last_date,
  },
  {
    name: 'derniere_etape',
    description: 'Libellé de la dernière étape datée',
    value: (d) => d.last_step_label,
  },
  {
    name: 'initiateurs',
    description: 'Auteurs (députés, ou organe comme le Gouvernement), séparés par « ; »',
    value: (d) => d.initiators.map(initiatorName).join(' ; ') || null,
  },
  {
    name: 'initiateurs_uid',
    description: 'Identifiants des auteurs (PA… ou PO…), séparés par « ; »',
    value: (d) => d.initiators.map((i) => i.acteur_uid ?? i.organe_uid).join(' ; ') || null,
  },
  {
    name: 'scrutins',
    description:
      'Nombre de scrutins liés au dossier, ceux que liste sa page : nommés par ses étapes (voteRefs), par le fichier du scrutin (dossierLegislatif), ou votes sur un de ses amendements',
    value: (d) => d.scrutins,
  },
  {
    name: 'absorbe_par',
    description: 'Dossier dans lequel celui-ci a été fusionné, vide sinon',
    value: (d) => d.absorbed_by,
  },
  {
    name: 'url_an',
    description: 'Page du dossier sur le site de l’Assemblée nationale, vide sans titreChemin',
    value: (d) => d.url_an,
  },
];

/** The JSON document of `/dossiers/<uid>.json`. */
export function dossierDetailJson(detail: DossierDetail) {
  const { dossier: d } = detail;
  return {
    uid: d.uid,
    legislature: d.legislature,
    titre: d.title,
    procedure: d.procedure_label,
    procedure_code: d.procedure_code,
    etat: d.state,
    date_depot: d.first_date,
    date_derniere_etape: d.last_date,
    derniere_etape: d.last_step_label,
    absorbe_par: d.absorbed_by,
    url_an: anDossierUrl(d.legislature, d.path_title),
    url_senat: d.senat_url,
    initiateurs: detail.initiators.map((i) => ({
      acteur_uid: i.acteur_uid,
      organe_uid: i.organe_uid,
      nom: initiatorName(i),
      groupe: i.group_abbreviation,
    })),
    etapes: detail.steps.map((s) => ({
      position: s.position,
      parent: s.parent_position,
      profondeur: s.depth,
      uid: s.uid,
      code: s.code,
      chambre: stepChamber(s.code),
      type: s.kind,
      libelle: s.label,
      date: s.date,
      organe_uid: s.organe_uid,
      conclusion: s.conclusion,
      textes: detail.texts
        .filter((t) => t.step_position === s.position)
        .map((t) => ({ uid: t.text_uid, role: t.role })),
      scrutins: detail.stepVotes
        .filter((v) => v.step_position === s.position)
        .map((v) => v.scrutin_uid),
    })),
    textes: detail.documents.map((t) => ({
      uid: t.uid,
      type: t.type_code,
      denomination: t.denomination,
      titre: t.title,
      numero: t.numero,
      date_depot: t.deposit_date,
      date_publication: t.publication_date,
    })),
    scrutins: detail.scrutins.map((s) => ({
      uid: s.scrutin_uid,
      numero: s.number,
      date: s.date,
      titre: s.title,
      resultat: s.result_code,
      methode: s.method,
    })),
  };
}
