import type { Column } from '../../server/lib/export.ts';
import {
  DECLARATION_COLUMNS,
  ITEM_COLUMNS,
  PROBLEM_COLUMNS,
  UNLINKED_COLUMNS,
} from '../../server/records/declarations.ts';
import { SECTIONS, SECTION_SPECS } from '../../domain/hatvp-sections.ts';
import { ColumnsTable, ParameterList } from '../components.tsx';

const PARAMETERS: [string, string][] = [
  [
    'q',
    'texte cherché dans les éléments (organisme, activité, personne, commentaire), sans tenir compte des accents ni de la casse',
  ],
  ['rubrique', `rubrique des éléments, répétable : ${SECTIONS.join(', ')}`],
  [
    'type_mandat',
    'type de déclarant, répétable : depute, senateur, europe, gouvernement, commune, epci, departement, region, ctsp, autre…',
  ],
  ['groupe', 'sigle du groupe actuel du député lié (ex. RN), répétable'],
  ['depute', 'identifiant AN du député lié (PA…)'],
  ['versions', 'courantes (par défaut : la dernière version de chaque série) ou toutes'],
  [
    'page, per_page',
    'pagination (JSON : 100 par page par défaut, 1 000 au plus ; CSV : tout sauf si per_page est donné)',
  ],
];

/** The HATVP part of /donnees: URLs, parameters, columns and definitions. */
export function DeclarationsDocs() {
  return (
    <>
      <h2>Déclarations d'intérêts (HATVP)</h2>
      <p>
        Recherche : <code>/declarations</code> (page) ; index des déclarations :{' '}
        <code>/declarations.csv</code>, <code>/declarations.json</code> ; éléments déclarés, une
        ligne par élément : <code>/declarations/items.csv</code>,{' '}
        <code>/declarations/items.json</code> ; une déclaration :{' '}
        <code>/declarations/&lt;id&gt;.json</code> (éléments avec leurs montants annuels, versions,
        anomalies) ; déclarants députés non reliés : <code>/declarations/non-liees.csv</code> ;
        anomalies de lecture : <code>/declarations/anomalies.csv?type=absent</code>. Les mêmes
        paramètres valent pour la page, l'index et les éléments, par exemple{' '}
        <a href="/declarations/items.csv?rubrique=participation&groupe=RN">
          /declarations/items.csv?rubrique=participation&amp;groupe=RN
        </a>{' '}
        ; pour un député : <code>?depute=PA…&amp;versions=toutes</code>.
      </p>
      <h3>Paramètres</h3>
      <ParameterList parameters={PARAMETERS} />
      <p>
        Sur <code>/deputes</code> : <code>participations=oui|non</code> (participations financières
        dans la déclaration en vigueur), <code>conseil=oui|non</code> (activité de consultant),{' '}
        <code>profession_hatvp=oui</code> (le filtre <code>profession</code> cherche aussi dans les
        activités professionnelles et de conseil déclarées). Un député sans déclaration lisible ne
        répond ni à <code>oui</code> ni à <code>non</code>.
      </p>
      <h3>Rubriques et colonnes des éléments</h3>
      <ul>
        {SECTIONS.map((s) => (
          <li>
            <code>{s}</code> : {SECTION_SPECS[s].label} (<code>{SECTION_SPECS[s].element}</code>)
          </li>
        ))}
      </ul>
      <ColumnsTable columns={ITEM_COLUMNS as Column<never>[]} />
      <h3>Colonnes de l'index</h3>
      <ColumnsTable columns={DECLARATION_COLUMNS as Column<never>[]} />
      <h3>Déclarants non reliés et anomalies</h3>
      <ColumnsTable columns={UNLINKED_COLUMNS as Column<never>[]} />
      <ColumnsTable columns={PROBLEM_COLUMNS as Column<never>[]} />
      <h3>Définitions</h3>
      <dl class="facts">
        <dt>Série, version en vigueur</dt>
        <dd>
          Les déclarations d'un même déclarant (clé HATVP), pour un même type de mandat et une même
          famille (intérêts ou patrimoine), ordonnées par date de dépôt puis numéro : chacune est
          remplacée par la suivante (une déclaration modificative remplace la précédente). Pour les
          éléments, la version en vigueur est la dernière dont le fichier a pu être lu ; toutes les
          versions sont conservées.
        </dd>
        <dt>Liaison à un député</dt>
        <dd>
          Par l'identifiant AN (<code>id_origine</code>), sinon par la page HATVP (
          <code>url_dossier</code> = <code>uri_hatvp</code> de l'AN), sinon, pour les déclarations
          de député seulement, par le nom (sans accents ni casse) et le département, quand un seul
          député correspond. Toutes les déclarations d'une même personne suivent sa liaison.
        </dd>
        <dt>Montants</dt>
        <dd>
          En euros, tels que déclarés (brut ou net), séparateurs de milliers (espace, espace
          insécable, espace fine) retirés ; un montant illisible reste vide et son texte est
          conservé.
        </dd>
        <dt>Données masquées</dt>
        <dd>
          La HATVP remplace certains textes par « [Données non publiées] » : ils sont vides ici et
          l'élément est marqué <code>donnees_masquees</code>.
        </dd>
        <dt>Fichiers lus</dt>
        <dd>
          Les déclarations d'intérêts (di, dia, dim, diam) ; les déclarations de situation
          patrimoniale figurent dans l'index mais ne sont pas détaillées.
        </dd>
      </dl>
    </>
  );
}
