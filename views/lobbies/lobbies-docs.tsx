import type { Column } from '../../server/lib/export.ts';
import { LOBBY_ACTIVITY_COLUMNS, LOBBY_COLUMNS } from '../../server/records/lobbies.ts';
import { ColumnsTable, ParameterList } from '../components.tsx';

/** The filters both lists take (server/routes/lobbies.tsx). */
const FILTERS: [string, string][] = [
  ['categorie', "catégorie d'organisation, valeur exacte (Association, Société commerciale…)"],
  ['secteur', "secteur d'activité de l'organisation, valeur exacte"],
  ['domaine', "domaine d'intervention d'une activité, valeur exacte"],
  ['responsable', 'gouvernement ou aai : type de responsable public visé par une action'],
  ['ministere', 'ministère ou autorité visé par une action, valeur exacte (reconstituée)'],
  ['depense', "borne basse en euros d'une tranche de dépenses publiée (0, 10000, 25000…)"],
  ['annee', "année de début d'un exercice"],
  [
    'page, per_page',
    'pagination (JSON et HTML : 100 par page par défaut, 1 000 au plus ; CSV : tout sauf si per_page est donné)',
  ],
];

/** The /donnees section of the register of lobbyists. */
export function LobbiesDocs() {
  return (
    <>
      <h2 id="lobbies">Représentants d'intérêts</h2>
      <p>
        <code>/lobbies</code>, <code>/lobbies.csv</code>, <code>/lobbies.json</code> (avec{' '}
        <code>par_categorie</code>, le nombre de représentants par catégorie) ; fiche complète :{' '}
        <code>/lobbies/&lt;id&gt;.json</code> (<code>dirigeants</code>, <code>exercices</code>,{' '}
        <code>activites</code> et leurs actions, <code>rapprochements_candidats</code>) ; les
        activités : <code>/lobbies/activites</code>, <code>.csv</code>, <code>.json</code>. Voir la{' '}
        <a href="/methodologie#lobbies">méthodologie</a>.
      </p>
      <h3>Paramètres</h3>
      <ParameterList
        parameters={[
          ...FILTERS,
          [
            'q (/lobbies)',
            "mots de la dénomination, du nom d'usage ou du sigle, casse et accents ignorés",
          ],
          [
            'q (/lobbies/activites)',
            "recherche plein texte dans l'objet et les domaines ; chaque mot peut commencer un mot",
          ],
          ['tri (/lobbies)', 'nom, activites ou depense (dernière tranche publiée)'],
        ]}
      />
      <h3>Colonnes de /lobbies</h3>
      <ColumnsTable columns={LOBBY_COLUMNS as Column<never>[]} />
      <h3>Colonnes de /lobbies/activites</h3>
      <ColumnsTable columns={LOBBY_ACTIVITY_COLUMNS as Column<never>[]} />
    </>
  );
}
