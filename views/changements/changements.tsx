import type { ChangeFilter, ChangeRow } from '../../db/queries/changements.ts';
import { entityLabel, entityPath, kindLabel } from '../../server/records/changements.ts';
import { DateRange, ExportLinks, FilterForm, Pager } from '../components.tsx';
import { count, frenchDate } from '../format.ts';
import { Layout } from '../layout.tsx';

export interface ChangesView {
  filter: ChangeFilter;
  rows: ChangeRow[];
  total: number;
  page: number;
  perPage: number;
  query: string;
  options: {
    kinds: string[];
    entityTypes: string[];
    sources: string[];
    groups: { uid: string; abbreviation: string | null; label: string }[];
  };
}

/** `2025-11-21T17:52:00.000Z` → `21 novembre 2025, 17 h 52 (UTC)`. */
function when(iso: string): string {
  const time = iso.slice(11, 16);
  return time ? `${frenchDate(iso)}, ${time.replace(':', ' h ')} UTC` : frenchDate(iso);
}

/** Old → new value of an event, or its detail alone. */
function Values({ row }: { row: ChangeRow }) {
  if (row.old_value === null && row.new_value === null) return null;
  return (
    <>
      {row.old_value !== null ? <del>{row.old_value}</del> : <span class="muted">(aucune)</span>} →{' '}
      {row.new_value !== null ? <ins>{row.new_value}</ins> : <span class="muted">(aucune)</span>}
    </>
  );
}

/** One event as a list item, for the change log and a deputy's timeline. */
export function ChangeItem({ row, showEntity = true }: { row: ChangeRow; showEntity?: boolean }) {
  const path = entityPath(row);
  const label = row.entity_label ?? row.entity_id;
  return (
    <li class="change">
      <time datetime={row.detected_at}>{when(row.detected_at)}</time> —{' '}
      <strong>{kindLabel(row.kind)}</strong>
      {showEntity ? (
        <>
          {' '}
          · {entityLabel(row.entity_type)} {path ? <a href={path}>{label}</a> : label}{' '}
          <span class="muted">({row.entity_id})</span>
        </>
      ) : null}
      {row.group_abbreviation ? <span class="muted"> · {row.group_abbreviation}</span> : null}
      {row.field || row.old_value !== null || row.new_value !== null ? (
        <div>
          {row.field ? <span class="muted">{row.field} : </span> : null}
          <Values row={row} />
        </div>
      ) : null}
      {row.detail ? <div class="muted">{row.detail}</div> : null}
      {row.source_url ? (
        <div class="muted">
          Source : <a href={row.source_url}>{row.source}</a>
          {row.run_id !== null ? ` (collecte n° ${row.run_id})` : ''}
        </div>
      ) : null}
    </li>
  );
}

export function ChangesResults({ rows, total, page, perPage, query }: ChangesView) {
  const pages = Math.max(1, Math.ceil(total / perPage));
  const feed = `/changements.atom${query ? `?${query}` : ''}`;
  return (
    <div id="resultats" aria-live="polite">
      <p class="count">{count(total, 'changement')}</p>
      <ExportLinks path="/changements" query={query} />
      <p class="exports">
        S'abonner à ces changements : <a href={feed}>flux Atom</a>
      </p>
      {total === 0 ? (
        <p>Aucun changement ne correspond à ces critères.</p>
      ) : (
        <ol class="changes">
          {rows.map((row) => (
            <ChangeItem row={row} />
          ))}
        </ol>
      )}
      <Pager path="/changements" query={query} page={page} pages={pages} />
    </div>
  );
}

export function ChangesPage(view: ChangesView) {
  const { filter, options } = view;
  const select = (
    name: string,
    label: string,
    values: string[],
    chosen: string[],
    text: (v: string) => string,
  ) => (
    <label>
      {label}
      <select name={name}>
        <option value="">Tous</option>
        {values.map((v) => (
          <option value={v} selected={chosen.includes(v)}>
            {text(v)}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <Layout
      title="Changements"
      section="changements"
      description="Chaque changement détecté dans les données : groupes, mandats, scrutins, déclarations."
    >
      <h1>Journal des changements</h1>
      <p>
        Chaque collecte compare les données publiées à celles déjà enregistrées, champ par champ,
        après normalisation (l'ordre des clés et des listes, les espaces et l'absence d'une valeur
        ne comptent pas). Le journal ne fait que s'allonger : rien n'y est modifié ni effacé. Voir{' '}
        <a href="/sources">l'état des sources</a> et{' '}
        <a href="/methodologie#changements">la méthode</a>.
      </p>
      <FilterForm path="/changements">
        {filter.deputy ? <input type="hidden" name="depute" value={filter.deputy} /> : null}
        {select('type', 'Nature', options.kinds, filter.kinds, kindLabel)}
        {select('entite', 'Objet', options.entityTypes, filter.entityTypes, entityLabel)}
        <label>
          Groupe
          <select name="groupe">
            <option value="">Tous</option>
            {options.groups.map((g) => (
              <option
                value={g.abbreviation ?? g.uid}
                selected={filter.groups.includes(g.abbreviation ?? g.uid)}
              >
                {g.abbreviation ?? g.label}
              </option>
            ))}
          </select>
        </label>
        {select('source', 'Source', options.sources, filter.sources, (s) => s)}
        <label>
          Identifiant
          <input
            type="search"
            name="id"
            value={filter.entityId ?? ''}
            maxlength={120}
            placeholder="ex. PA1008"
          />
        </label>
        <DateRange from={filter.from} to={filter.to} />
        <button type="submit">Filtrer</button>
      </FilterForm>
      <ChangesResults {...view} />
    </Layout>
  );
}

/** A deputy's timeline on their page: latest events, links to all of them and to the feed. */
export function DeputyTimeline({
  uid,
  rows,
  total,
}: {
  uid: string;
  rows: ChangeRow[];
  total: number;
}) {
  return (
    <section id="changements">
      <h2>Historique des changements</h2>
      {total === 0 ? (
        <p class="muted">Aucun changement détecté depuis le premier import.</p>
      ) : (
        <ol class="changes">
          {rows.map((row) => (
            <ChangeItem row={row} showEntity={row.entity_type !== 'depute'} />
          ))}
        </ol>
      )}
      <p class="exports">
        {total > rows.length ? (
          <>
            <a href={`/changements?depute=${uid}`}>Les {total} changements</a> ·{' '}
          </>
        ) : null}
        <a href={`/deputes/${uid}/changements.atom`}>Flux Atom de ce député</a>
      </p>
    </section>
  );
}
