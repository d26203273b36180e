import type { DeputyFilter, DeputyFilterOptions, SortKey } from '../../db/queries/deputes.ts';
import type { DeputyListRecord } from '../../server/records/deputes.ts';
import {
  ExportLinks,
  FilterForm,
  GroupBadge,
  Pager,
  htmxLink,
  withParams,
} from '../components.tsx';
import { DeclaredFilters } from './depute-declarations.tsx';
import { count, ordinal, percent } from '../format.ts';
import { Layout } from '../layout.tsx';
import { MIN_SIGNIFICANT_VOTES, isSignificant } from '../../domain/votes.ts';

export interface DeputesView {
  filter: DeputyFilter;
  options: DeputyFilterOptions;
  records: DeputyListRecord[];
  total: number;
  page: number;
  perPage: number;
  /** Voters of the scrutin filter who are not in the referential, so not listed here. */
  outside?: number;
  /** Canonical query string of the current view (without page). */
  query: string;
}

/** Sortable columns; `first`: the order of a first click (figures start with the highest). */
const SORTS: { key: SortKey; label: string; className?: string; first?: 'desc' }[] = [
  { key: 'nom', label: 'Nom' },
  { key: 'groupe', label: 'Groupe' },
  { key: 'departement', label: 'Circonscription' },
  { key: 'profession', label: 'Profession', className: 'opt' },
  { key: 'age', label: 'Âge', className: 'opt' },
  { key: 'participation', label: 'Participation', className: 'num', first: 'desc' },
  {
    key: 'participation-solennelle',
    label: 'Scrutins solennels',
    className: 'num opt',
    first: 'desc',
  },
  { key: 'loyaute', label: 'Loyauté', className: 'num', first: 'desc' },
  { key: 'frondeurs', label: 'Votes frondeurs', className: 'num', first: 'desc' },
  { key: 'amendements', label: 'Amendements déposés', className: 'num', first: 'desc' },
  { key: 'cosignatures', label: 'Cosignés', className: 'num opt', first: 'desc' },
  { key: 'amendements-adoptes', label: 'Adoptés', className: 'num opt', first: 'desc' },
  { key: 'taux-adoption', label: 'Taux d’adoption', className: 'num opt', first: 'desc' },
];

/**
 * A rate as a percentage with its numerator and base in small text; under the significance
 * threshold it says so, and a missing rate says why.
 */
type DeputyCellsRecord = Pick<
  DeputyListRecord,
  | 'uid'
  | 'prenom'
  | 'nom'
  | 'en_exercice'
  | 'groupe'
  | 'groupe_libelle'
  | 'groupe_couleur'
  | 'departement_nom'
  | 'circonscription'
>;

/** A deputy's name, group and seat: the first three cells of /deputes and /synthese rows. */
export function DeputyCells({ d }: { d: DeputyCellsRecord }) {
  return (
    <>
      <td>
        <a href={`/deputes/${d.uid}`}>
          {d.prenom} {d.nom}
        </a>
        {d.en_exercice ? null : <span class="muted"> (ancien)</span>}
      </td>
      <td>
        <GroupBadge abbreviation={d.groupe} label={d.groupe_libelle} color={d.groupe_couleur} />
      </td>
      <td>
        {d.departement_nom ?? ''}
        {d.circonscription ? ` (${ordinal(d.circonscription)})` : ''}
      </td>
    </>
  );
}

function RateCell({
  rate,
  part,
  base,
  unit,
  none,
  className,
}: {
  rate: number | null;
  part: number | null;
  base: number | null;
  /** What the base counts: singular and plural. */
  unit: [string, string];
  /** Why there is no rate. */
  none: string;
  className: string;
}) {
  if (rate === null || part === null || base === null) {
    return (
      <td class={className}>
        <span class="muted" title={none}>
          —
        </span>
        <span class="sr-only"> {none}</span>
      </td>
    );
  }
  const significant = isSignificant(base);
  return (
    <td class={className} title={`${part} sur ${count(base, ...unit)}`}>
      {percent(rate, 1)}
      <br />
      <small class="muted">
        {part}/{base}
        {significant ? null : ' · non significatif'}
      </small>
    </td>
  );
}

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
  const sortLink = (key: SortKey, first: 'asc' | 'desc' = 'asc') => {
    const order = filter.sort === key ? (filter.order === 'asc' ? 'desc' : 'asc') : first;
    return `/deputes?${withParams(query, { tri: key, ordre: order })}`;
  };
  // A column hidden on a phone is shown while the list is sorted by it.
  const cellClass = (key: SortKey) =>
    SORTS.find((s) => s.key === key)!
      .className?.split(' ')
      .filter((c) => c !== 'opt' || filter.sort !== key)
      .join(' ') ?? '';
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
              Page {page} sur {pages}. Un taux dont la base compte moins de {MIN_SIGNIFICANT_VOTES}{' '}
              scrutins ou votes est non significatif et classé après les autres (
              <a href="/methodologie#listes">méthode</a>).
            </caption>
            <thead>
              <tr>
                {SORTS.map((s) => (
                  <th
                    scope="col"
                    class={cellClass(s.key) || undefined}
                    aria-sort={
                      filter.sort === s.key
                        ? filter.order === 'asc'
                          ? 'ascending'
                          : 'descending'
                        : undefined
                    }
                  >
                    <a {...htmxLink(sortLink(s.key, s.first))}>
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
                  <DeputyCells d={d} />
                  <td class={cellClass('profession')}>
                    {d.profession ?? <span class="muted">–</span>}
                  </td>
                  <td class={`${cellClass('age')} num`}>{d.age ?? ''}</td>
                  <RateCell
                    className={cellClass('participation')}
                    rate={d.participation}
                    part={d.votes_participation}
                    base={d.scrutins_de_reference}
                    unit={['scrutin de référence', 'scrutins de référence']}
                    none="pas de scrutin de référence"
                  />
                  <RateCell
                    className={cellClass('participation-solennelle')}
                    rate={d.participation_solennels}
                    part={d.votes_solennels}
                    base={d.scrutins_solennels_de_reference}
                    unit={['scrutin solennel de référence', 'scrutins solennels de référence']}
                    none="pas de scrutin solennel de référence"
                  />
                  <RateCell
                    className={cellClass('loyaute')}
                    rate={d.loyaute}
                    part={d.votes_avec_majorite_du_groupe}
                    base={d.votes_loyaute}
                    unit={[
                      'vote où le groupe avait une majorité',
                      'votes où le groupe avait une majorité',
                    ]}
                    none="aucun vote là où le groupe avait une majorité"
                  />
                  <td class={cellClass('frondeurs')}>
                    {d.votes_frondeurs ?? (
                      <span class="muted" title="aucun vote enregistré">
                        —
                      </span>
                    )}
                  </td>
                  <td class={cellClass('amendements')}>{d.amendements_deposes}</td>
                  <td class={cellClass('cosignatures')}>{d.amendements_cosignes}</td>
                  <td class={cellClass('amendements-adoptes')}>{d.amendements_adoptes}</td>
                  <RateCell
                    className={cellClass('taux-adoption')}
                    rate={d.taux_adoption}
                    part={d.amendements_adoptes_comme_depute}
                    base={d.amendements_avec_sort}
                    unit={['amendement examiné', 'amendements examinés']}
                    none="aucun amendement déposé examiné"
                  />
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

/** A `<select>` of the filter form, with an empty « Tous » choice. */
export function Select({
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
