import type { DeputyFilter, DeputyFilterOptions, SortKey } from '../../db/queries/deputes.ts';
import type { DeputyRecord } from '../../server/records/deputes.ts';
import {
  ExportLinks,
  FilterForm,
  GroupBadge,
  Pager,
  htmxLink,
  withParams,
} from '../components.tsx';
import { DeclaredFilters } from './depute-declarations.tsx';
import { count, ordinal } from '../format.ts';
import { Layout } from '../layout.tsx';

export interface DeputesView {
  filter: DeputyFilter;
  options: DeputyFilterOptions;
  records: DeputyRecord[];
  total: number;
  page: number;
  perPage: number;
  /** Voters of the scrutin filter who are not in the referential, so not listed here. */
  outside?: number;
  /** Canonical query string of the current view (without page). */
  query: string;
}

const SORTS: { key: SortKey; label: string; className?: string }[] = [
  { key: 'nom', label: 'Nom' },
  { key: 'groupe', label: 'Groupe' },
  { key: 'departement', label: 'Circonscription' },
  { key: 'profession', label: 'Profession', className: 'opt' },
  { key: 'age', label: 'Âge', className: 'opt' },
];

/** The list, its count, export links and pager: what htmx swaps when a filter changes. */
export function DeputesResults({
  records,
  total,
  page,
  perPage,
  query,
  filter,
  outside = 0,
}: DeputesView) {
  const pages = Math.max(1, Math.ceil(total / perPage));
  const sortLink = (key: SortKey) => {
    const order = filter.sort === key && filter.order === 'asc' ? 'desc' : 'asc';
    return `/deputes?${withParams(query, { tri: key, ordre: order })}`;
  };
  return (
    <div id="resultats" aria-live="polite">
      {/* Outside the form but part of it, so that htmx swaps keep the sort order. */}
      <input type="hidden" form="filtres" name="tri" value={filter.sort} />
      <input type="hidden" form="filtres" name="ordre" value={filter.order} />
      {filter.scrutin ? (
        <>
          <input
            type="hidden"
            form="filtres"
            name="scrutin"
            value={String(filter.scrutin.number)}
          />
          {filter.scrutin.position ? (
            <input
              type="hidden"
              form="filtres"
              name="position"
              value={filter.scrutin.position.toLowerCase()}
            />
          ) : null}
          <p class="notice">
            Députés ayant pris part au{' '}
            <a href={`/scrutins/${filter.scrutin.number}`}>scrutin n° {filter.scrutin.number}</a>
            {filter.scrutin.position
              ? ` avec la position « ${filter.scrutin.position} »`
              : ''}.{' '}
            {outside > 0
              ? `${count(outside, 'votant')} de ce scrutin ne ${outside > 1 ? 'figurent' : 'figure'} pas dans le référentiel des députés (anciens députés) : voyez la liste complète sur la page du scrutin. `
              : ''}
            <a href={`/deputes?${withParams(query, { scrutin: null, position: null })}`}>
              Retirer ce critère
            </a>
          </p>
        </>
      ) : null}
      <p class="count" id="compte">
        {count(total, 'député')}
      </p>
      <ExportLinks path="/deputes" query={query} />
      {total === 0 ? (
        <p>Aucun député ne correspond à ces critères.</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption class="muted">
              Page {page} sur {pages}
            </caption>
            <thead>
              <tr>
                {SORTS.map((s) => (
                  <th
                    class={s.className}
                    aria-sort={
                      filter.sort === s.key
                        ? filter.order === 'asc'
                          ? 'ascending'
                          : 'descending'
                        : undefined
                    }
                  >
                    <a {...htmxLink(sortLink(s.key))}>
                      {s.label}
                      {filter.sort === s.key ? (filter.order === 'asc' ? ' ▲' : ' ▼') : ''}
                    </a>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {records.map((d) => (
                <tr>
                  <td>
                    <a href={`/deputes/${d.uid}`}>
                      {d.prenom} {d.nom}
                    </a>
                    {d.en_exercice ? null : <span class="muted"> (ancien)</span>}
                  </td>
                  <td>
                    <GroupBadge
                      abbreviation={d.groupe}
                      label={d.groupe_libelle}
                      color={d.groupe_couleur}
                    />
                  </td>
                  <td>
                    {d.departement_nom ?? ''}
                    {d.circonscription ? ` (${ordinal(d.circonscription)})` : ''}
                  </td>
                  <td class="opt">{d.profession ?? <span class="muted">–</span>}</td>
                  <td class="opt num">{d.age ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager path="/deputes" query={query} page={page} pages={pages} />
    </div>
  );
}

function Select({
  name,
  label,
  value,
  choices,
}: {
  name: string;
  label: string;
  value: string | null;
  choices: { value: string; label: string }[];
}) {
  return (
    <label>
      {label}
      <select name={name}>
        <option value="">Tous</option>
        {choices.map((c) => (
          <option value={c.value} selected={c.value === value}>
            {c.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The full deputies page: filters (a plain GET form, enhanced by htmx) and results. */
export function DeputesPage(view: DeputesView) {
  const { filter, options } = view;
  return (
    <Layout
      title="Députés"
      section="deputes"
      description="Liste filtrable des députés de l'Assemblée nationale"
    >
      <h1>Députés</h1>
      <FilterForm path="/deputes" id="filtres">
        <label>
          Nom
          <input
            type="search"
            name="nom"
            value={filter.name ?? ''}
            maxlength={200}
            autocomplete="off"
          />
        </label>
        <label>
          Profession
          <input
            type="search"
            name="profession"
            value={filter.profession ?? ''}
            maxlength={200}
            placeholder="ex. avocat"
          />
        </label>
        <Select
          name="groupe"
          label="Groupe"
          value={filter.groups[0] ?? null}
          choices={options.groups.map((g) => ({
            value: g.abbreviation ?? g.uid,
            label: `${g.label} (${g.abbreviation})`,
          }))}
        />
        <Select
          name="parti"
          label="Parti"
          value={filter.party}
          choices={options.parties.map((p) => ({ value: p.uid, label: p.label }))}
        />
        <Select
          name="categorie"
          label="Catégorie INSEE"
          value={filter.inseeCategory}
          choices={options.categories.map((c) => ({ value: c, label: c }))}
        />
        <Select
          name="departement"
          label="Département"
          value={filter.departement}
          choices={options.departements.map((d) => ({
            value: d.code,
            label: `${d.code} – ${d.name}`,
          }))}
        />
        <label>
          Sexe
          <select name="sexe">
            <option value="">Tous</option>
            <option value="F" selected={filter.sex === 'F'}>
              Femmes
            </option>
            <option value="H" selected={filter.sex === 'M'}>
              Hommes
            </option>
          </select>
        </label>
        <fieldset class="range">
          <legend class="muted">Âge</legend>
          <label>
            de
            <input type="number" name="age_min" min={18} max={120} value={filter.ageMin ?? ''} />
          </label>
          <label>
            à
            <input type="number" name="age_max" min={18} max={120} value={filter.ageMax ?? ''} />
          </label>
        </fieldset>
        <DeclaredFilters filter={filter} />
        <label>
          Mandat
          <select name="en_exercice">
            <option value="oui" selected={filter.inOffice === 'oui'}>
              En exercice
            </option>
            <option value="non" selected={filter.inOffice === 'non'}>
              Anciens députés
            </option>
            <option value="tous" selected={filter.inOffice === 'tous'}>
              Tous
            </option>
          </select>
        </label>
        <button type="submit">Filtrer</button>
      </FilterForm>
      <DeputesResults {...view} />
    </Layout>
  );
}
