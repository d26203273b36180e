import { raw } from 'hono/html';
import type { AmendementDetail, AmendementFilter } from '../../db/queries/amendements.ts';
import { sanitizeAmendementHtml } from '../../domain/amendement-html.ts';
import { personName } from '../../domain/text.ts';
import { AMENDEMENT_SORTS, AUTHOR_TYPES, SORT_LABELS } from '../../domain/amendements.ts';
import { sortLabel, type AmendementListRow } from '../../server/records/amendements.ts';
import { DateRange, ExportLinks, FilterForm, GroupBadge, Pager } from '../components.tsx';
import { count, frenchDate } from '../format.ts';
import { Layout } from '../layout.tsx';

export interface AmendementsView {
  filter: AmendementFilter;
  /** The `type_auteur` key of the filter (depute, gouvernement, rapporteur). */
  type: string | null;
  rows: AmendementListRow[];
  total: number;
  page: number;
  perPage: number;
  query: string;
}

export function Author({ a }: { a: AmendementListRow | AmendementDetail['amendement'] }) {
  if (a.author_type === 'Gouvernement') return <>Gouvernement</>;
  const name = personName(a.author_first_name, a.author_last_name) ?? a.author_uid;
  return (
    <>
      {a.author_uid ? <a href={`/deputes/${a.author_uid}`}>{name}</a> : name}
      {a.author_type === 'Rapporteur' ? ' (rapporteur)' : null}{' '}
      <GroupBadge abbreviation={a.group_abbreviation} label={a.group_label} color={a.group_color} />
    </>
  );
}

export function AmendementsResults({ rows, total, page, perPage, query }: AmendementsView) {
  const pages = Math.max(1, Math.ceil(total / perPage));
  return (
    <div id="resultats" aria-live="polite">
      <p class="count">{count(total, 'amendement')}</p>
      <ExportLinks path="/amendements" query={query} />
      {total === 0 ? (
        <p>Aucun amendement ne correspond à ces critères.</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption class="muted">
              Page {page} sur {pages}
            </caption>
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
              {rows.map((a) => (
                <tr>
                  <td>
                    <a href={`/amendements/${a.uid}`}>{a.numero_long}</a>
                  </td>
                  <td>{a.date_depot ?? '–'}</td>
                  <td>{a.article ?? '–'}</td>
                  <td>
                    <Author a={a} />
                  </td>
                  <td>{sortLabel(a.sort)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager path="/amendements" query={query} page={page} pages={pages} />
    </div>
  );
}

export function AmendementsPage(view: AmendementsView) {
  const { filter } = view;
  return (
    <Layout title="Amendements" section="amendements">
      <h1>Amendements</h1>
      <FilterForm path="/amendements">
        <label>
          Mots du dispositif ou de l'exposé
          <input type="search" name="q" value={filter.words ?? ''} maxlength={200} />
        </label>
        <label>
          Sort
          <select name="sort">
            <option value="">Tous</option>
            {AMENDEMENT_SORTS.map((s) => (
              <option value={s} selected={filter.sort === s}>
                {SORT_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Auteur
          <select name="type_auteur">
            <option value="">Tous</option>
            {Object.entries(AUTHOR_TYPES).map(([key, label]) => (
              <option value={key} selected={view.type === key}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Examen
          <select name="examen">
            <option value="">Séance et commissions</option>
            <option value="seance" selected={filter.seance === true}>
              Séance publique
            </option>
            <option value="commission" selected={filter.seance === false}>
              Commission
            </option>
          </select>
        </label>
        <label>
          Article
          <input type="search" name="article" value={filter.article ?? ''} maxlength={60} />
        </label>
        <DateRange from={filter.from} to={filter.to} />
        {(
          [
            ['auteur', filter.auteur],
            ['cosignataire', filter.cosignataire],
            ['dossier', filter.dossier],
            ['texte', filter.texte],
            ['groupe', filter.groupe],
          ] as const
        ).map(([name, value]) =>
          value ? <input type="hidden" name={name} value={value} /> : null,
        )}
        <button type="submit">Filtrer</button>
      </FilterForm>
      <AmendementsResults {...view} />
    </Layout>
  );
}

function StoredHtml({ html }: { html: string | null }) {
  // Sanitised at ingest and again here with the same allow-list (domain/amendement-html.ts:
  // p, br, em, strong, lists, sup, sub and table tags, no attribute but a cell's
  // colspan/rowspan), so a row written by other means cannot inject markup. It is the only
  // stored HTML the site outputs as such.
  const clean = sanitizeAmendementHtml(html);
  if (!clean) return <p class="muted">Non publié.</p>;
  return <div class="amendement-texte">{raw(clean)}</div>;
}

export function AmendementPage({
  detail,
  urlAn,
}: {
  detail: AmendementDetail;
  urlAn: string | null;
}) {
  const { amendement: a, cosigners, parent, children } = detail;
  const title = `Amendement n° ${a.numero_long}${a.numero_rect > 0 ? ` (rect. ${a.numero_rect})` : ''}`;
  return (
    <Layout title={title} section="amendements">
      <h1>{title}</h1>
      <dl class="facts">
        <dt>Texte</dt>
        <dd>
          <a href={`/amendements?texte=${a.texte_uid}`}>{a.texte_uid}</a>
          {a.dossier_uid ? (
            <>
              {' '}
              (dossier <a href={`/amendements?dossier=${a.dossier_uid}`}>{a.dossier_uid}</a>)
            </>
          ) : null}
        </dd>
        <dt>Article</dt>
        <dd>{a.article_designation ?? a.article ?? '–'}</dd>
        <dt>Examen</dt>
        <dd>{a.seance ? 'Séance publique' : (a.organe_examen_label ?? a.organe_prefix ?? '–')}</dd>
        <dt>Auteur</dt>
        <dd>
          <Author a={a} />
        </dd>
        <dt>Cosignataires</dt>
        <dd>
          {cosigners.length === 0 ? (
            'aucun'
          ) : (
            <ul>
              {cosigners.map((s) => (
                <li>
                  <a href={`/deputes/${s.acteur_uid}`}>
                    {personName(s.first_name, s.last_name) ?? s.acteur_uid}
                  </a>{' '}
                  <GroupBadge
                    abbreviation={s.group_abbreviation}
                    label={s.group_label}
                    color={s.group_color}
                  />
                </li>
              ))}
            </ul>
          )}
        </dd>
        <dt>Sort</dt>
        <dd>
          <strong>{sortLabel(a.sort)}</strong>
          {a.date_sort ? ` le ${frenchDate(a.date_sort)}` : null}
        </dd>
        <dt>État</dt>
        <dd>{[a.etat_label, a.sous_etat_label].filter(Boolean).join(' — ') || '–'}</dd>
        <dt>Dépôt</dt>
        <dd>{a.date_depot ? frenchDate(a.date_depot) : '–'}</dd>
        {parent ? (
          <>
            <dt>Sous-amendement de</dt>
            <dd>
              <a href={`/amendements/${parent.uid}`}>n° {parent.numero_long}</a> (
              {sortLabel(parent.sort)})
            </dd>
          </>
        ) : null}
        {children.length > 0 ? (
          <>
            <dt>Sous-amendements</dt>
            <dd>
              <ul>
                {children.map((s) => (
                  <li>
                    <a href={`/amendements/${s.uid}`}>n° {s.numero_long}</a> ({sortLabel(s.sort)})
                  </li>
                ))}
              </ul>
            </dd>
          </>
        ) : null}
      </dl>
      <h2>Scrutins sur cet amendement</h2>
      {detail.scrutins.length === 0 ? (
        <p class="muted">
          Aucun scrutin public relié à cet amendement (la plupart des amendements sont votés à main
          levée ; voir <a href="/methodologie/liaisons">la méthode de liaison</a>).
        </p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Scrutin</th>
                <th scope="col">Date</th>
                <th scope="col">Résultat</th>
                <th scope="col" class="num">
                  Pour
                </th>
                <th scope="col" class="num">
                  Contre
                </th>
                <th scope="col" class="num">
                  Abst.
                </th>
              </tr>
            </thead>
            <tbody>
              {detail.scrutins.map((s) => (
                <tr>
                  <td>
                    <a href={`/scrutins/${s.number}`}>n° {s.number}</a>
                  </td>
                  <td>{frenchDate(s.date)}</td>
                  <td>{s.result_code}</td>
                  <td class="num">{s.for_count}</td>
                  <td class="num">{s.against_count}</td>
                  <td class="num">{s.abstention_count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>Dispositif</h2>
      <StoredHtml html={a.dispositif_html} />
      <h2>Exposé sommaire</h2>
      <StoredHtml html={a.expose_html} />
      <p>
        {urlAn ? <a href={urlAn}>Voir l'amendement sur le site de l'Assemblée</a> : null} ·{' '}
        <a href={`/amendements/${a.uid}.json`}>JSON</a>
      </p>
    </Layout>
  );
}
