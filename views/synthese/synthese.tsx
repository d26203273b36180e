import type { DeputyFilterOptions } from '../../db/queries/deputes.ts';
import {
  MARK_MIN_SEATED,
  MARK_SHARE,
  type GroupActivityRow,
  type MarkedColumn,
  type SyntheseFilter,
  type SyntheseSort,
} from '../../db/queries/synthese.ts';
import type { ActivityWindowTable } from '../../db/schema/agenda.ts';
import {
  ACTIVITY_WINDOW_LABELS,
  ACTIVITY_WINDOWS,
  type ActivityWindow,
} from '../../domain/agenda.ts';
import { isSignificant, MIN_SIGNIFICANT_VOTES } from '../../domain/votes.ts';
import type { Mark, SyntheseRecord } from '../../server/records/synthese.ts';
import { ExportLinks, FilterForm, GroupBadge, htmxLink, withParams } from '../components.tsx';
import { DeputyCells, Select } from '../deputes/deputes.tsx';
import { count, frenchDate, integer, percent } from '../format.ts';
import { Layout } from '../layout.tsx';

export interface SyntheseView {
  filter: SyntheseFilter;
  options: DeputyFilterOptions;
  records: SyntheseRecord[];
  total: number;
  query: string;
  /** The bounds of the chosen window, null before the figures are computed. */
  window: ActivityWindowTable | null;
  groups: GroupActivityRow[];
  descFirst: readonly SyntheseSort[];
}

const SORTS: { key: SyntheseSort; label: string; num?: boolean }[] = [
  { key: 'nom', label: 'Nom' },
  { key: 'groupe', label: 'Groupe' },
  { key: 'departement', label: 'Circonscription' },
  { key: 'semaines', label: 'Semaines d’activité', num: true },
  { key: 'presence', label: 'Présence en commission', num: true },
  { key: 'participation', label: 'Participation aux scrutins', num: true },
  { key: 'amendements', label: 'Amendements déposés', num: true },
  { key: 'adoptes', label: 'Amendements adoptés', num: true },
];

const MARK_TEXT: Record<'bas' | 'haut', string> = {
  bas: 'parmi les plus bas',
  haut: 'parmi les plus hauts',
};

/** A figure's cell, shaded and labelled when marked low or high. */
function MarkedCell({ mark, children }: { mark: Mark; children: unknown }) {
  return (
    <td class={mark ? `num mark-${mark}` : 'num'}>
      {children}
      {mark ? (
        <>
          <br />
          <span class="mark">
            {mark === 'bas' ? '▼ ' : '▲ '}
            {MARK_TEXT[mark]}
          </span>
        </>
      ) : null}
    </td>
  );
}

/** A rate with its numerator and base; under MIN_SIGNIFICANT_VOTES said non significant. */
function Rate({
  rate,
  part,
  base,
  none,
}: {
  rate: number | null;
  part: number | null;
  base: number | null;
  none: string;
}) {
  if (rate === null || part === null || base === null)
    return (
      <>
        <span class="muted" aria-hidden="true">
          —
        </span>
        <span class="sr-only">{none}</span>
      </>
    );
  return (
    <>
      {percent(rate, 1)}
      <br />
      <small class="muted">
        {part}/{base}
        {isSignificant(base) ? null : ' · non significatif'}
      </small>
    </>
  );
}

/** The rule of the marks, as /methodologie#synthese states it. */
export function MarkRule() {
  return (
    <p>
      Une valeur est marquée <strong>▼ parmi les plus basses</strong> quand au plus{' '}
      {MARK_SHARE * 100} % des députés comparés ont une valeur inférieure ou égale, et{' '}
      <strong>▲ parmi les plus hautes</strong> quand au plus {MARK_SHARE * 100} % ont une valeur
      supérieure ou égale (les ex æquo partagent la marque : une valeur que la plupart des députés
      ont n’est jamais marquée). Sont comparés les députés en fonction au moins{' '}
      {MARK_MIN_SEATED * 100} % des semaines hors vacances de la période et, pour un taux, ceux dont
      la base compte au moins {MIN_SIGNIFICANT_VOTES} réunions ou scrutins. Les autres ne sont
      jamais marqués.
    </p>
  );
}

/** The groups' means and medians of the window. */
function GroupSummary({ groups }: { groups: GroupActivityRow[] }) {
  if (groups.length === 0) return null;
  const weeks = (n: number | null) => (n === null ? '—' : integer(Math.round(n * 10) / 10));
  const rate = (n: number | null) => (n === null ? '—' : percent(n, 1));
  return (
    <section aria-labelledby="groupes-titre">
      <h2 id="groupes-titre">Par groupe</h2>
      <div class="table-wrap" tabindex={0} role="region" aria-labelledby="groupes-titre">
        <table>
          <caption class="muted">
            Moyenne et médiane des membres actuels de chaque groupe ; la présence, sur les membres
            ayant un taux (au moins une réunion).
          </caption>
          <thead>
            <tr>
              <th scope="col">Groupe</th>
              <th scope="col" class="num">
                Députés
              </th>
              <th scope="col" class="num">
                Semaines d’activité (moyenne)
              </th>
              <th scope="col" class="num">
                (médiane)
              </th>
              <th scope="col" class="num">
                Présence en commission (moyenne)
              </th>
              <th scope="col" class="num">
                (médiane)
              </th>
            </tr>
          </thead>
          <tbody>
            {groups.map((g) => (
              <tr>
                <td>
                  <GroupBadge
                    abbreviation={g.abbreviation ?? g.group_uid}
                    label={g.label}
                    color={g.color}
                  />
                </td>
                <td class="num">{g.deputes}</td>
                <td class="num">{weeks(g.mean_active_weeks)}</td>
                <td class="num">{weeks(g.median_active_weeks)}</td>
                <td class="num">
                  {rate(g.mean_presence_rate)}
                  <br />
                  <small class="muted">{count(g.rated, 'député noté', 'députés notés')}</small>
                </td>
                <td class="num">{rate(g.median_presence_rate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** The table, its count and export links: what htmx swaps when a filter changes. */
export function SyntheseResults({
  records,
  total,
  query,
  filter,
  window,
  groups,
  descFirst,
}: SyntheseView) {
  const sortLink = (key: SyntheseSort) => {
    const first = descFirst.includes(key) ? 'desc' : 'asc';
    const order = filter.sort === key ? (filter.order === 'asc' ? 'desc' : 'asc') : first;
    return `/synthese?${withParams(query, { tri: key, ordre: order })}`;
  };
  const mark = (r: SyntheseRecord, col: MarkedColumn) => r.marques[col];
  return (
    <div id="resultats" aria-live="polite">
      <input type="hidden" form="filtres" name="tri" value={filter.sort} />
      <input type="hidden" form="filtres" name="ordre" value={filter.order} />
      <p class="count" id="compte">
        {count(total, 'député')} · {ACTIVITY_WINDOW_LABELS[filter.window].toLowerCase()}
        {window?.start_day && window.end_day
          ? ` (du ${frenchDate(window.start_day)} au ${frenchDate(window.end_day)} : ${count(window.weeks, 'semaine')}, dont ${count(window.vacation_weeks, 'semaine')} de vacances)`
          : ''}
      </p>
      <ExportLinks path="/synthese" query={query} />
      {total === 0 ? (
        <p>Aucun député ne correspond à ces critères.</p>
      ) : (
        <div class="table-wrap" tabindex={0} role="region" aria-labelledby="compte">
          <table>
            <caption class="muted">
              Semaines d’activité : semaines actives ÷ semaines possibles (en fonction, hors
              vacances) ; présence : réunions où présent ÷ réunions des organes dont il est membre (
              <a href="/methodologie#semaines-activite">semaines</a>,{' '}
              <a href="/methodologie#presence-commission">présence</a>). Participation et
              amendements : sur toute la législature. ▼ ▲ : valeurs parmi les plus basses ou hautes
              (<a href="/methodologie#synthese">règle</a>).
            </caption>
            <thead>
              <tr>
                {SORTS.map((s) => (
                  <th
                    scope="col"
                    class={s.num ? 'num' : undefined}
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
              {records.map((r) => {
                const d = r.depute;
                const p = r.presence;
                return (
                  <tr>
                    <DeputyCells d={d} />
                    <MarkedCell mark={mark(r, 'semaines')}>
                      {r.semaines}
                      <small class="muted"> / {r.semaines_possibles}</small>
                    </MarkedCell>
                    <MarkedCell mark={mark(r, 'presence')}>
                      <Rate
                        rate={p.taux}
                        part={p.presents}
                        base={p.reunions}
                        none="aucune réunion avec liste de présence"
                      />
                    </MarkedCell>
                    <MarkedCell mark={mark(r, 'participation')}>
                      <Rate
                        rate={d.participation}
                        part={d.votes_participation}
                        base={d.scrutins_de_reference}
                        none="aucun scrutin de référence"
                      />
                    </MarkedCell>
                    <MarkedCell mark={mark(r, 'amendements')}>{d.amendements_deposes}</MarkedCell>
                    <MarkedCell mark={mark(r, 'adoptes')}>{d.amendements_adoptes}</MarkedCell>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <GroupSummary groups={groups} />
    </div>
  );
}

/** The full synthesis page: filters (a plain GET form, enhanced by htmx), results, groups. */
export function SynthesePage(view: SyntheseView) {
  const { filter, options } = view;
  const f = filter.deputy;
  return (
    <Layout
      title="Synthèse de l’activité"
      section="synthese"
      description="Semaines d’activité, présence en commission, participation et amendements de chaque député"
    >
      <h1>Synthèse de l’activité des députés</h1>
      <p>
        Pour chaque député, côte à côte : ses semaines d’activité, sa présence aux réunions des
        commissions et organes dont il est membre, sa participation aux scrutins publics et ses
        amendements. Chaque chiffre est donné avec son dénominateur ; les définitions sont sur la{' '}
        <a href="/methodologie#synthese">méthodologie</a>.
      </p>
      <MarkRule />
      <FilterForm path="/synthese" id="filtres">
        <label>
          Période
          <select name="fenetre">
            {ACTIVITY_WINDOWS.map((w: ActivityWindow) => (
              <option value={w} selected={filter.window === w}>
                {ACTIVITY_WINDOW_LABELS[w]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Nom
          <input type="search" name="nom" value={f.name ?? ''} maxlength={200} autocomplete="off" />
        </label>
        <Select
          name="groupe"
          label="Groupe"
          value={f.groups[0] ?? null}
          choices={options.groups.map((g) => ({
            value: g.abbreviation ?? g.uid,
            label: `${g.label} (${g.abbreviation})`,
          }))}
        />
        <Select
          name="departement"
          label="Département"
          value={f.departement}
          choices={options.departements.map((d) => ({
            value: d.code,
            label: `${d.code} – ${d.name}`,
          }))}
        />
        <label>
          Mandat
          <select name="en_exercice">
            <option value="oui" selected={f.inOffice === 'oui'}>
              En exercice
            </option>
            <option value="non" selected={f.inOffice === 'non'}>
              Anciens députés
            </option>
            <option value="tous" selected={f.inOffice === 'tous'}>
              Tous
            </option>
          </select>
        </label>
        <button type="submit">Filtrer</button>
      </FilterForm>
      <SyntheseResults {...view} />
    </Layout>
  );
}
