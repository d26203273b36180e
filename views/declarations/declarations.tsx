import type { DeclarationFilter, ItemRow, ProblemRow } from '../../db/queries/declarations.ts';
import type { Declarant } from '../../db/schema/index.ts';
import { SECTIONS } from '../../domain/hatvp-sections.ts';
import { MANDATE_TYPES, sectionLabel } from '../../server/records/declarations.ts';
import { hatvpUrls } from '../../domain/sources.ts';
import { FilterForm, GroupBadge, Pager, htmxLink, withParams } from '../components.tsx';
import { ItemCells, declarationTitle } from './declaration-parts.tsx';
import { count } from '../format.ts';
import { Layout } from '../layout.tsx';

export interface DeclarationsView {
  filter: DeclarationFilter;
  options: {
    mandateTypes: { value: string; n: number }[];
    groups: { uid: string; abbreviation: string | null; label: string }[];
  };
  result: {
    total: number;
    declarations: number;
    declarants: number;
    sections: Partial<Record<string, number>>;
    rows: ItemRow[];
  };
  page: number;
  perPage: number;
  /** Canonical query string of the current view (without page). */
  query: string;
  /** Declarations in the index, linked deputies: context for the introduction. */
  totals: { declarations: number; linked: number; unlinked: number };
}

/** Matching items grouped by declaration, counts per section, exports and pager. */
export function DeclarationsResults({ filter, result, page, perPage, query }: DeclarationsView) {
  const pages = Math.max(1, Math.ceil(result.total / perPage));
  const q = query ? `?${query}` : '';
  const groups: ItemRow[][] = [];
  for (const row of result.rows) {
    const last = groups.at(-1);
    if (last && last[0]!.declaration_id === row.declaration_id) last.push(row);
    else groups.push([row]);
  }
  return (
    <div id="resultats" aria-live="polite">
      <p class="count" id="compte">
        {count(result.total, 'élément')} dans {count(result.declarations, 'déclaration')} de{' '}
        {count(result.declarants, 'déclarant')}
      </p>
      <nav class="facets" aria-label="Rubriques">
        <a
          {...htmxLink(`/declarations?${withParams(query, { rubrique: null })}`)}
          aria-current={filter.sections.length === 0 ? 'true' : undefined}
        >
          Toutes les rubriques
        </a>
        {SECTIONS.filter((s) => result.sections[s]).map((s) => (
          <a
            {...htmxLink(`/declarations?${withParams(query, { rubrique: s })}`)}
            aria-current={filter.sections.includes(s) ? 'true' : undefined}
          >
            {sectionLabel(s)} ({result.sections[s]!.toLocaleString('fr-FR')})
          </a>
        ))}
      </nav>
      <p class="exports">
        Télécharger ces éléments : <a href={`/declarations/items.csv${q}`}>CSV</a> ·{' '}
        <a href={`/declarations/items.csv${q ? `${q}&` : '?'}excel=1`}>CSV pour Excel</a> ·{' '}
        <a href={`/declarations/items.json${q}`}>JSON</a> — les déclarations correspondantes :{' '}
        <a href={`/declarations.csv${q}`}>CSV</a> · <a href={`/declarations.json${q}`}>JSON</a>
      </p>
      {result.total === 0 ? (
        <p>Aucun élément déclaré ne correspond à ces critères.</p>
      ) : (
        groups.map((items) => {
          const d = items[0]!;
          return (
            <article class="declaration">
              <h2>
                <a href={`/declarations/${encodeURIComponent(d.declaration_id)}`}>
                  {d.first_name} {d.last_name}
                </a>{' '}
                <GroupBadge
                  abbreviation={d.group_abbreviation}
                  label={d.group_label}
                  color={d.group_color}
                />
              </h2>
              <p class="muted">
                {d.qualite ?? MANDATE_TYPES[d.mandate_type] ?? d.mandate_type} ·{' '}
                {declarationTitle(d)}
                {d.current === 1 ? '' : ' · version remplacée'}
                {d.acteur_uid ? (
                  <>
                    {' · '}
                    <a href={`/deputes/${d.acteur_uid}`}>fiche du député</a>
                  </>
                ) : null}
              </p>
              <div class="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">Rubrique</th>
                      <th scope="col">Organisme</th>
                      <th scope="col">Activité</th>
                      <th scope="col" class="opt">
                        Période
                      </th>
                      <th scope="col" class="num">
                        Montants
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {items.map((item) => (
                      <tr>
                        <td>{sectionLabel(item.section)}</td>
                        <ItemCells item={item} />
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </article>
          );
        })
      )}
      <Pager path="/declarations" query={query} page={page} pages={pages} />
    </div>
  );
}

/** The search across declared items: a plain GET form enhanced by htmx, and the results. */
export function DeclarationsPage(view: DeclarationsView) {
  const { filter, options, totals } = view;
  return (
    <Layout
      title="Déclarations d'intérêts"
      section="declarations"
      description="Recherche dans les déclarations d'intérêts et d'activités publiées par la HATVP"
    >
      <h1>Déclarations d'intérêts et d'activités</h1>
      <p>
        Ce que les responsables publics déclarent à la{' '}
        <a href="https://www.hatvp.fr">Haute Autorité pour la transparence de la vie publique</a> :
        activités des cinq dernières années, activités de conseil, fonctions de dirigeant,
        participations financières, activité du conjoint, fonctions bénévoles, mandats,
        collaborateurs. {count(totals.declarations, 'déclaration')} dans l'index ;{' '}
        {count(totals.linked, 'député')} reliés à leur fiche,{' '}
        <a href="/declarations/non-liees">
          {count(totals.unlinked, 'déclarant député', 'déclarants députés')} non relié
          {totals.unlinked > 1 ? 's' : ''}
        </a>
        . <a href="/declarations/anomalies">Anomalies de lecture</a>.
      </p>
      <FilterForm path="/declarations" id="filtres">
        <label>
          Rechercher
          <input
            type="search"
            name="q"
            value={filter.q ?? ''}
            maxlength={200}
            placeholder="ex. Société Générale, conseil, avocat"
          />
        </label>
        <label>
          Rubrique
          <select name="rubrique">
            <option value="">Toutes</option>
            {SECTIONS.map((s) => (
              <option value={s} selected={filter.sections.includes(s)}>
                {sectionLabel(s)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Déclarant
          <select name="type_mandat">
            <option value="">Tous</option>
            {options.mandateTypes.map((t) => (
              <option value={t.value} selected={filter.mandateTypes.includes(t.value)}>
                {MANDATE_TYPES[t.value] ?? t.value}
              </option>
            ))}
          </select>
        </label>
        <label>
          Groupe (députés)
          <select name="groupe">
            <option value="">Tous</option>
            {options.groups.map((g) => (
              <option
                value={g.abbreviation ?? g.uid}
                selected={filter.groups.some((x) => [g.abbreviation, g.uid].includes(x))}
              >
                {g.label} ({g.abbreviation})
              </option>
            ))}
          </select>
        </label>
        <label>
          Versions
          <select name="versions">
            <option value="courantes" selected={filter.versions === 'courantes'}>
              Déclarations en vigueur
            </option>
            <option value="toutes" selected={filter.versions === 'toutes'}>
              Toutes les versions
            </option>
          </select>
        </label>
        {filter.deputy ? <input type="hidden" name="depute" value={filter.deputy} /> : null}
        <button type="submit">Rechercher</button>
      </FilterForm>
      {filter.deputy ? (
        <p class="muted">
          Limité au député <a href={`/deputes/${filter.deputy}`}>{filter.deputy}</a> ·{' '}
          <a href={`/declarations?${withParams(view.query, { depute: null })}`}>retirer</a>
        </p>
      ) : null}
      <DeclarationsResults {...view} />
    </Layout>
  );
}

/** Deputy declarants that no acteur of the referential matched. */
export function UnlinkedPage({ rows }: { rows: Declarant[] }) {
  return (
    <Layout title="Déclarants non reliés" section="declarations">
      <h1>Déclarants députés non reliés à une fiche</h1>
      <p>
        {count(rows.length, 'déclarant')} de l'index de la HATVP, ayant déposé au moins une
        déclaration comme député, ne correspondent à aucun député du référentiel de l'Assemblée
        nationale selon les trois règles : identifiant AN (<code>id_origine</code>), page HATVP (
        <code>url_dossier</code> = <code>uri_hatvp</code>), puis nom et département.
      </p>
      <p class="exports">
        Télécharger : <a href="/declarations/non-liees.csv">CSV</a> ·{' '}
        <a href="/declarations/non-liees.json">JSON</a>
      </p>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Déclarant</th>
              <th scope="col">Département</th>
              <th scope="col">Identifiant AN</th>
              <th scope="col">Raison</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((d) => (
              <tr>
                <td>
                  {d.hatvp_path ? (
                    <a href={hatvpUrls.page(d.hatvp_path)}>
                      {d.first_name} {d.last_name}
                    </a>
                  ) : (
                    `${d.first_name} ${d.last_name}`
                  )}{' '}
                  <span class="muted">({count(d.declarations, 'déclaration')})</span>
                </td>
                <td>{d.departement ?? ''}</td>
                <td>{d.origin_id ?? <span class="muted">–</span>}</td>
                <td>{d.unlinked_reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}

/** Problems met while reading the index and the files, by kind. */
export function ProblemsPage({
  rows,
  total,
  kinds,
  kind,
  page,
  perPage,
  query,
}: {
  rows: ProblemRow[];
  total: number;
  kinds: { kind: string; n: number }[];
  kind: string | null;
  page: number;
  perPage: number;
  query: string;
}) {
  const pages = Math.max(1, Math.ceil(total / perPage));
  const q = query ? `?${query}` : '';
  return (
    <Layout title="Anomalies de lecture" section="declarations">
      <h1>Anomalies de lecture des déclarations</h1>
      <p>
        Lignes de l'index illisibles, fichiers absents ou illisibles, rubriques ou champs inconnus,
        montants et dates illisibles : chaque anomalie concerne une ligne ou une déclaration, les
        autres sont lues normalement.
      </p>
      <nav class="facets" aria-label="Types d'anomalie">
        <a href="/declarations/anomalies" aria-current={kind === null ? 'true' : undefined}>
          Toutes
        </a>
        {kinds.map((k) => (
          <a
            href={`/declarations/anomalies?type=${encodeURIComponent(k.kind)}`}
            aria-current={kind === k.kind ? 'true' : undefined}
          >
            {k.kind} ({k.n.toLocaleString('fr-FR')})
          </a>
        ))}
      </nav>
      <p class="count">{count(total, 'anomalie')}</p>
      <p class="exports">
        Télécharger : <a href={`/declarations/anomalies.csv${q}`}>CSV</a> ·{' '}
        <a href={`/declarations/anomalies.json${q}`}>JSON</a>
      </p>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Type</th>
              <th scope="col">Concerne</th>
              <th scope="col">Raison</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((p) => (
              <tr>
                <td>{p.kind}</td>
                <td>
                  {p.declaration_id ? (
                    <a href={`/declarations/${encodeURIComponent(p.declaration_id)}`}>
                      {p.first_name} {p.last_name}
                    </a>
                  ) : (
                    `liste.csv, ligne ${p.line}`
                  )}
                </td>
                <td>{p.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager path="/declarations/anomalies" query={query} page={page} pages={pages} htmx={false} />
    </Layout>
  );
}
