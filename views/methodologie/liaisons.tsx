import type { LinkRate, UnresolvedRow } from '../../db/queries/liaisons.ts';
import {
  DOSSIER_METHODS,
  LINK_METHODS,
  UNRESOLVED_REASONS,
  type DossierMethod,
  type LinkMethod,
  type UnresolvedReason,
} from '../../domain/scrutin-links.ts';
import { reasonLabel } from '../../server/records/liaisons.ts';
import { ExportLinks, FilterForm, Pager } from '../components.tsx';
import { count, frenchDate, integer, percent } from '../format.ts';
import { Layout } from '../layout.tsx';

interface LiaisonsView {
  rows: UnresolvedRow[];
  total: number;
  page: number;
  perPage: number;
  query: string;
  rate: LinkRate;
  reason: string | null;
  /** true: every unlinked number of the titles, not only the scrutin's amendment. */
  allNumbers: boolean;
}

/** The linking rate with its three denominators, as on /methodologie and /methodologie/liaisons. */
export function LinkRateFigures({ rate }: { rate: LinkRate }) {
  if (rate.naming === 0) {
    return <p class="muted">Aucun scrutin des données ne porte sur un amendement.</p>;
  }
  return (
    <ul>
      <li>
        <strong>{count(rate.naming, 'scrutin')}</strong> sur {integer(rate.scrutins)}{' '}
        {rate.naming > 1
          ? 'portent sur un amendement (leur intitulé en nomme un)'
          : 'porte sur un amendement (son intitulé en nomme un)'}
        .
      </li>
      <li>
        <strong>Taux de liaison</strong> = scrutins reliés ÷ scrutins portant sur un amendement ={' '}
        {integer(rate.linked)} ÷ {integer(rate.naming)} ={' '}
        <strong>{percent(rate.linked, rate.naming)}</strong>.
      </li>
      <li>
        <strong>Taux de liaison quand le texte est dans l'archive</strong> = scrutins reliés ÷
        scrutins dont l'archive des amendements contient le texte voté ={' '}
        {integer(rate.linkedInArchive)} ÷ {integer(rate.inArchive)} ={' '}
        <strong>
          {rate.inArchive > 0 ? percent(rate.linkedInArchive, rate.inArchive) : 'sans objet'}
        </strong>
        .
      </li>
      <li>
        Non reliés, par motif :{' '}
        {Object.keys(rate.byReason).length === 0
          ? 'aucun'
          : Object.entries(rate.byReason).map(([reason, n], i) => (
              <>
                {i > 0 ? ' ; ' : ''}
                <a href={`/methodologie/liaisons?motif=${reason}`}>
                  {UNRESOLVED_REASONS[reason as UnresolvedReason] ?? reason}
                </a>{' '}
                : {integer(n)}
              </>
            ))}
        .
      </li>
      <li>
        Reliés, par méthode :{' '}
        {Object.entries(rate.byMethod).map(([method, n], i) => (
          <>
            {i > 0 ? ' ; ' : ''}
            {LINK_METHODS[method as LinkMethod] ?? method} : {integer(n)}
          </>
        ))}
        .
      </li>
      <li>
        Scrutins rattachés à un dossier :{' '}
        {Object.entries(rate.dossiers).map(([method, n], i) => (
          <>
            {i > 0 ? ' ; ' : ''}
            {DOSSIER_METHODS[method as DossierMethod] ?? method} : {integer(n)}
          </>
        ))}
        {Object.keys(rate.dossiers).length === 0 ? 'aucun' : ''}.
      </li>
    </ul>
  );
}

export function LiaisonsResults({ rows, total, page, perPage, query, allNumbers }: LiaisonsView) {
  const pages = Math.max(1, Math.ceil(total / perPage));
  return (
    <div id="resultats" aria-live="polite">
      <p class="count">
        {allNumbers
          ? count(total, "numéro non relié d'un intitulé", "numéros non reliés d'intitulés")
          : count(total, 'scrutin non relié', 'scrutins non reliés')}
      </p>
      <ExportLinks path="/methodologie/liaisons" query={query} />
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Scrutin</th>
              <th scope="col">Date</th>
              <th scope="col">Amendement</th>
              <th scope="col">Motif</th>
              <th scope="col" class="opt">
                Intitulé
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <td>
                  <a href={`/scrutins/${r.number}`}>n° {r.number}</a>
                </td>
                <td>{frenchDate(r.date)}</td>
                <td>
                  {r.numero !== null ? `n° ${r.numero}` : '–'}
                  {r.author ? ` (${r.author})` : ''}
                </td>
                <td>{reasonLabel(r.reason)}</td>
                <td class="opt">{r.title}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager path="/methodologie/liaisons" query={query} page={page} pages={pages} />
    </div>
  );
}

export function LiaisonsPage(view: LiaisonsView) {
  return (
    <Layout title="Liaison des scrutins aux amendements" section="methodologie">
      <h1>Liaison des scrutins aux amendements</h1>
      <p>
        Un scrutin sur un amendement est relié à cet amendement à l'import des données (voir{' '}
        <a href="/methodologie#liaisons">la méthode</a>). Un scrutin qui n'a pas pu l'être est listé
        ici avec le motif : rien n'est deviné.
      </p>
      <LinkRateFigures rate={view.rate} />
      <h2>Scrutins non reliés</h2>
      <FilterForm path="/methodologie/liaisons">
        <label>
          Motif
          <select name="motif">
            <option value="">Tous</option>
            {Object.entries(UNRESOLVED_REASONS).map(([reason, label]) => (
              <option value={reason} selected={view.reason === reason}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Numéros
          <select name="numeros">
            <option value="">L'amendement voté (1er numéro de l'intitulé)</option>
            <option value="tous" selected={view.allNumbers}>
              Tous les numéros non reliés (votes communs compris)
            </option>
          </select>
        </label>
        <button type="submit">Filtrer</button>
      </FilterForm>
      <LiaisonsResults {...view} />
    </Layout>
  );
}
