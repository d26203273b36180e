import { CHANGE_COLUMNS, KIND_LABELS } from '../../server/records/changements.ts';
import type { Column } from '../../server/lib/export.ts';
import { ColumnsTable } from '../components.tsx';

const PARAMETERS: [string, string][] = [
  [
    'type',
    'nature du changement (voir la liste ci-dessous), répétable : type=group_change&type=left_office',
  ],
  [
    'entite',
    'type d’objet : depute, scrutin, dossier, declaration, source (et page, fact pour les suivis)',
  ],
  ['id', 'identifiant d’un objet : PA1008, VTANR5L17V42, DLR5L17N50198…'],
  ['depute', 'un député (PA…) : ses changements et ceux de ses déclarations HATVP'],
  ['groupe', 'sigle (ex. RN) ou identifiant (PO…) du groupe du député au moment de la détection'],
  ['source', 'an, votes, dossiers, hatvp, geo…'],
  ['du, au', 'dates de détection AAAA-MM-JJ, bornes incluses'],
  [
    'page, per_page',
    'pagination (HTML : 50 par page, JSON : 50 par défaut, 1 000 au plus ; CSV : tout sauf si per_page est donné)',
  ],
];

/** The change log's exports and feeds on /donnees. */
export function ChangesDocs() {
  return (
    <>
      <h2 id="changements">Journal des changements</h2>
      <p>
        <a href="/changements">/changements</a> liste chaque changement détecté, du plus récent au
        plus ancien ; <code>/changements.csv</code>, <code>/changements.json</code> et le flux Atom{' '}
        <code>/changements.atom</code> prennent les mêmes paramètres. Chaque député a son flux :{' '}
        <code>/deputes/&lt;uid&gt;/changements.atom</code>. Le JSON a la forme{' '}
        <code>{'{"total": N, "items": [...]}'}</code> avec <code>source</code>, <code>licence</code>
        , <code>generated_at</code>, <code>page</code> et <code>per_page</code>.
      </p>
      <div
        class="table-wrap"
        tabindex={0}
        role="region"
        aria-label="Paramètres du journal des changements"
      >
        <table>
          <thead>
            <tr>
              <th scope="col">Paramètre</th>
              <th scope="col">Valeurs</th>
            </tr>
          </thead>
          <tbody>
            {PARAMETERS.map(([name, text]) => (
              <tr>
                <td>
                  <code>{name}</code>
                </td>
                <td>{text}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ColumnsTable columns={CHANGE_COLUMNS as Column<never>[]} />
      <p>Natures de changement :</p>
      <ul>
        {Object.entries(KIND_LABELS).map(([kind, label]) => (
          <li>
            <code>{kind}</code> : {label}
          </li>
        ))}
      </ul>
      <p>
        L’état de chaque source (dernière collecte réussie, dernier échec et sa raison, prochaine
        collecte) est sur <a href="/sources">/sources</a>.
      </p>
    </>
  );
}
