import { AMENDEMENT_SORTS, AUTHOR_TYPES } from '../../domain/amendements.ts';
import type { Column } from '../../server/lib/export.ts';
import {
  AMENDEMENT_COLUMNS,
  COSIGNATURE_COLUMNS,
  amendementDumpColumns,
} from '../../server/records/amendements.ts';
import { AMENDEMENT_STATS_FIELDS } from '../../server/records/deputes.ts';
import { ColumnsTable, ParameterList } from '../components.tsx';

/** The parameters of /amendements, .csv and .json (server/routes/amendements.tsx). */
const LIST_PARAMETERS: [string, string][] = [
  ['auteur', "identifiant de l'auteur (PA…)"],
  ['cosignataire', "identifiant d'un cosignataire (PA…)"],
  ['dossier', 'identifiant du dossier législatif (DLR…)'],
  ['texte', 'identifiant du texte amendé (PIONANR…, PRJLANR…)'],
  ['article', "mots de l'article visé (art 3, apres art 5), casse et accents ignorés"],
  ['groupe', "groupe de l'auteur au dépôt (PO…)"],
  ['type_auteur', Object.keys(AUTHOR_TYPES).join(', ')],
  ['sort', AMENDEMENT_SORTS.join(', ')],
  ['examen', 'seance ou commission'],
  ['du, au', 'dates de dépôt AAAA-MM-JJ, bornes incluses'],
  [
    'q',
    "mots du dispositif et de l'exposé sommaire, tous requis, casse et accents ignorés ; un mot de deux lettres ou plus vaut aussi pour les mots qui commencent par lui",
  ],
  [
    'page, per_page',
    'pagination (JSON et HTML : 100 par page par défaut, 1 000 au plus ; CSV : tout sauf si per_page est donné)',
  ],
  ['excel', 'CSV seulement : excel=1 pour un fichier séparé par des points-virgules avec BOM'],
];

/** The /donnees section of the amendments list, a deputy's amendment figures and the dumps. */
export function AmendementsDocs() {
  return (
    <>
      <h2 id="amendements">Amendements</h2>
      <p>
        <code>/amendements</code>, <code>/amendements.csv</code>, <code>/amendements.json</code>{' '}
        (les plus récemment déposés d'abord ; les filtres se combinent) ; fiche détaillée, avec le
        dispositif, l'exposé sommaire, les cosignataires et les scrutins :{' '}
        <code>/amendements/&lt;uid&gt;.json</code>.
      </p>
      <h3>Paramètres</h3>
      <ParameterList parameters={LIST_PARAMETERS} />
      <h3>Colonnes</h3>
      <ColumnsTable columns={AMENDEMENT_COLUMNS as Column<never>[]} />
      <h2 id="amendements-exports">Amendements : chiffres par député et fichiers complets</h2>
      <p>
        <code>/deputes/&lt;uid&gt;.json</code> donne les chiffres d'amendements du député sous{' '}
        <code>amendements</code> (voir la{' '}
        <a href="/methodologie#amendements-deputes">méthodologie</a>) ; <code>/deputes.csv</code> et{' '}
        <code>.json</code> en ont les colonnes <code>amendements_deposes</code>,{' '}
        <code>amendements_cosignes</code>, <code>amendements_adoptes</code>,{' '}
        <code>amendements_avec_sort</code> et <code>taux_adoption</code>, triables par{' '}
        <code>tri=amendements</code>, <code>cosignatures</code>, <code>amendements-adoptes</code> ou{' '}
        <code>taux-adoption</code>.
      </p>
      <h3>
        Champs de <code>amendements</code>
      </h3>
      <ParameterList parameters={AMENDEMENT_STATS_FIELDS} />
      <p>
        <code>/dossiers/&lt;uid&gt;.json</code> donne sous <code>amendements</code> le total, les
        comptes par sort (<code>par_sort</code>), par groupe de l'auteur au dépôt (
        <code>par_groupe</code>, chacun avec ses comptes par sort et le lien vers la liste filtrée),
        et les dix derniers déposés (<code>derniers</code>).
      </p>
      <h3>Tous les amendements</h3>
      <p>
        <a href="/exports/amendements.csv">/exports/amendements.csv</a> : une ligne par amendement
        de la législature, envoyée au fil de l'eau. Le dispositif et l'exposé sommaire n'y sont pas
        (ils multiplieraient la taille du fichier) : ils sont sur la page de chaque amendement
        (colonne <code>url</code>) et dans <code>/amendements/&lt;uid&gt;.json</code>.
      </p>
      <ColumnsTable columns={amendementDumpColumns('') as Column<never>[]} />
      <h3>Cosignatures</h3>
      <p>
        <a href="/exports/cosignatures.csv">/exports/cosignatures.csv</a> : une ligne par couple
        (auteur, cosignataire), triée par auteur puis cosignataire.
      </p>
      <ColumnsTable columns={COSIGNATURE_COLUMNS as Column<never>[]} />
    </>
  );
}
