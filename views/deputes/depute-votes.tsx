import type { DeputyVoteRow, DeputyVotesFilter } from '../../db/queries/scrutins.ts';
import { CAUSE_LABELS, POSITION_LABELS, TYPE_LABELS } from '../../server/records/scrutins.ts';
import { DateRange, ExportLinks, FilterForm, GroupBadge, Pager } from '../components.tsx';
import { count } from '../format.ts';
import { Layout } from '../layout.tsx';

export interface DeputeVotesView {
  uid: string;
  /** The deputy's name, or how an acteur outside the referential is named. */
  name: string;
  rows: DeputyVoteRow[];
  total: number;
  page: number;
  perPage: number;
  filter: DeputyVotesFilter;
  query: string;
}

/** A table of votes, with rebellions highlighted; shared by the deputy page and its votes page. */
export function VotesTable({ rows }: { rows: DeputyVoteRow[] }) {
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">Scrutin</th>
            <th scope="col">Objet</th>
            <th scope="col">Vote</th>
            <th scope="col" class="opt">
              Groupe
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((v) => (
            <tr class={v.rebel ? 'rebel' : undefined}>
              <td>
                <a href={`/scrutins/${v.number}`}>n° {v.number}</a>
                <br />
                <span class="muted">{v.date}</span>
              </td>
              <td>
                {v.type_code !== 'SPO' ? (
                  <strong>{TYPE_LABELS[v.type_code] ?? v.type_code} : </strong>
                ) : null}
                {v.title} <span class="muted">({v.result_code})</span>
              </td>
              <td>
                {POSITION_LABELS[v.position]}
                {v.cause ? <span class="muted"> ({CAUSE_LABELS[v.cause] ?? v.cause})</span> : null}
                {v.delegation ? <span class="muted"> (délégation)</span> : null}
                {v.rebel && v.group_majority ? (
                  <strong> – majorité du groupe : {POSITION_LABELS[v.group_majority]}</strong>
                ) : null}
              </td>
              <td class="opt">
                <GroupBadge
                  abbreviation={v.group_abbreviation}
                  label={v.group_label}
                  color={v.group_color}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function DeputeVotesResults({ uid, rows, total, page, perPage, query }: DeputeVotesView) {
  const pages = Math.max(1, Math.ceil(total / perPage));
  return (
    <div id="resultats" aria-live="polite">
      <p class="count">{count(total, 'vote')}</p>
      <ExportLinks path={`/deputes/${uid}/votes`} query={query} />
      {total === 0 ? <p>Aucun vote ne correspond à ces critères.</p> : <VotesTable rows={rows} />}
      <Pager path={`/deputes/${uid}/votes`} query={query} page={page} pages={pages} />
    </div>
  );
}

export function DeputeVotesPage(view: DeputeVotesView) {
  const { uid, name, filter } = view;
  const path = `/deputes/${uid}/votes`;
  return (
    <Layout title={`Votes de ${name}`} section="deputes">
      <p>
        <a href={`/deputes/${uid}`}>← {name}</a>
      </p>
      <h1>Votes de {name}</h1>
      <FilterForm path={path}>
        <label>
          Mots de l'intitulé
          <input type="search" name="q" value={filter.words ?? ''} maxlength={200} />
        </label>
        <label>
          Vote
          <select name="position">
            <option value="">Tous</option>
            {Object.entries(POSITION_LABELS).map(([value, label]) => (
              <option value={value.toLowerCase()} selected={filter.position === value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Type
          <select name="type">
            <option value="">Tous</option>
            {Object.entries(TYPE_LABELS).map(([code, label]) => (
              <option value={code.toLowerCase()} selected={filter.type === code}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <DateRange from={filter.from} to={filter.to} />
        <label>
          <input
            type="checkbox"
            name="frondeurs"
            value="oui"
            checked={filter.rebelOnly}
            style="width:auto"
          />{' '}
          Seulement les votes contre le groupe
        </label>
        <button type="submit">Filtrer</button>
      </FilterForm>
      <DeputeVotesResults {...view} />
    </Layout>
  );
}
