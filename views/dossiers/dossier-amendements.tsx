import type { DossierAmendements } from '../../db/queries/amendements.ts';
import { AMENDEMENT_SORTS, SORT_LABELS, type AmendementSort } from '../../domain/amendements.ts';
import { dossierAmendementsUrl, sortLabel } from '../../server/records/amendements.ts';
import { Author } from '../amendements/amendements.tsx';
import { GroupBadge } from '../components.tsx';
import { count, NNBSP } from '../format.ts';

/** The outcomes shown as their own column in the by-group table; the others are summed. */
const MAIN_SORTS: AmendementSort[] = ['adopte', 'rejete', 'irrecevable'];

const Num = ({ n, href }: { n: number; href: string | null }) =>
  n > 0 && href ? <a href={href}>{n}</a> : <>{n}</>;

/**
 * A dossier's amendments: counts by outcome (each a link to the filtered list), a table by the
 * author's group at filing, and the latest filed. Plain links: the page works without JS.
 */
export function DossierAmendementsSection({
  uid,
  data,
}: {
  uid: string;
  data: DossierAmendements;
}) {
  if (data.total === 0)
    return <p class="muted">Aucun amendement de ce dossier dans les données.</p>;
  const present = AMENDEMENT_SORTS.filter((s) => (data.bySort[s] ?? 0) > 0);
  const others = (by: Partial<Record<AmendementSort, number>>) =>
    AMENDEMENT_SORTS.filter((s) => !MAIN_SORTS.includes(s)).reduce((t, s) => t + (by[s] ?? 0), 0);
  return (
    <>
      <p>
        <a href={dossierAmendementsUrl(uid)!}>{count(data.total, 'amendement')}</a>
        {NNBSP}:{' '}
        {present.map((s, i) => (
          <>
            {i > 0 ? ', ' : ''}
            <a href={dossierAmendementsUrl(uid, { sort: s })!}>
              {data.bySort[s]} {SORT_LABELS[s].toLowerCase()}
              {data.bySort[s]! > 1 && !SORT_LABELS[s].endsWith('s') ? 's' : ''}
            </a>
          </>
        ))}
        .
      </p>
      <div class="table-wrap">
        <table>
          <caption class="muted">Par groupe de l'auteur au dépôt</caption>
          <thead>
            <tr>
              <th scope="col">Groupe</th>
              <th scope="col" class="num">
                Déposés
              </th>
              {MAIN_SORTS.map((s) => (
                <th scope="col" class="num">
                  {SORT_LABELS[s]}s
                </th>
              ))}
              <th scope="col" class="num" title="Tombés, retirés, non soutenus, en cours">
                Autres
              </th>
            </tr>
          </thead>
          <tbody>
            {data.groups.map((g) => (
              <tr>
                <td>
                  {g.group_uid ? (
                    <GroupBadge abbreviation={g.abbreviation} label={g.label} color={g.color} />
                  ) : g.author_type === 'Gouvernement' ? (
                    'Gouvernement'
                  ) : (
                    <span class="muted">Sans groupe publié ({g.author_type})</span>
                  )}
                  {g.group_uid && !g.abbreviation ? <code>{g.group_uid}</code> : null}
                </td>
                <td class="num">
                  <Num n={g.total} href={dossierAmendementsUrl(uid, { group: g })} />
                </td>
                {MAIN_SORTS.map((s) => (
                  <td class="num">
                    <Num
                      n={g.bySort[s] ?? 0}
                      href={dossierAmendementsUrl(uid, { group: g, sort: s })}
                    />
                  </td>
                ))}
                <td class="num">{others(g.bySort)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="muted">
        Groupe au dépôt{NNBSP}: celui que l'Assemblée publie pour l'auteur le jour du dépôt, pas son
        groupe actuel{NNBSP}; « Autres »{NNBSP}: tombés, retirés, non soutenus et en cours.{' '}
        <a href="/methodologie#amendements-dossier">Comment ces comptes sont faits</a>
      </p>
      <h3>Derniers amendements déposés</h3>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">N°</th>
              <th scope="col">Dépôt</th>
              <th scope="col">Article</th>
              <th scope="col">Auteur (groupe au dépôt)</th>
              <th scope="col">Sort</th>
            </tr>
          </thead>
          <tbody>
            {data.latest.map((a) => (
              <tr>
                <td>
                  <a href={`/amendements/${a.uid}`}>{a.numero_long}</a>
                </td>
                <td>{a.date_depot ?? '–'}</td>
                <td>{a.article ?? '–'}</td>
                <td>
                  <Author a={{ ...a, url_an: null }} />
                </td>
                <td>{sortLabel(a.sort)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>
        <a href={dossierAmendementsUrl(uid)!}>Tous les amendements du dossier, à filtrer</a>
      </p>
    </>
  );
}
