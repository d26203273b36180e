import type { Child } from 'hono/jsx';
import type {
  LobbyActivityRow,
  LobbyDetail,
  LobbyFacets,
  LobbyFilter,
  LobbyMatchRow,
  LobbyRow,
} from '../../db/queries/lobbies.ts';
import { LOBBY_OFFICIALS, lobbyRegisterUrl } from '../../domain/lobbies.ts';
import { personName } from '../../domain/text.ts';
import { officialLabel } from '../../server/records/lobbies.ts';
import { ExportLinks, FilterForm, Pager } from '../components.tsx';
import { count, frenchDate, integer } from '../format.ts';
import { Layout } from '../layout.tsx';
import { LobbyDeputies } from './lobby-matches.tsx';

interface ListState {
  filter: LobbyFilter;
  /** The `responsable` slug of the filter (gouvernement, aai). */
  responsable: string | null;
  total: number;
  page: number;
  perPage: number;
  query: string;
}

export interface LobbiesView extends ListState {
  rows: LobbyRow[];
  byCategory: { categorie: string | null; n: number }[];
  tri: string;
}

export interface LobbyActivitiesView extends ListState {
  rows: LobbyActivityRow[];
}

const date = (iso: string | null) => (iso ? frenchDate(iso.slice(0, 10)) : '–');

/** A select of exact values with their counts; the current value kept even when absent. */
function Choice({
  name,
  label,
  value,
  options,
}: {
  name: string;
  label: string;
  value: string | null;
  options: { value: string | null; n: number }[];
}) {
  return (
    <label>
      {label}
      <select name={name}>
        <option value="">Tous</option>
        {options.map((o) =>
          o.value === null ? null : (
            <option value={o.value} selected={value === o.value}>
              {o.value} ({integer(Number(o.n))})
            </option>
          ),
        )}
      </select>
    </label>
  );
}

/** The filters of both lists. */
function LobbyFilters({
  path,
  view,
  facets,
  keyword,
  children,
}: {
  path: string;
  view: ListState;
  facets: LobbyFacets;
  keyword: string;
  children?: Child;
}) {
  const f = view.filter;
  return (
    <FilterForm path={path}>
      <label>
        {keyword}
        <input type="search" name="q" value={f.q ?? ''} maxlength={200} />
      </label>
      <Choice name="categorie" label="Catégorie" value={f.categorie} options={facets.categories} />
      <Choice name="secteur" label="Secteur" value={f.secteur} options={facets.secteurs} />
      <Choice
        name="domaine"
        label="Domaine d'intervention"
        value={f.domaine}
        options={facets.domaines}
      />
      <label>
        Responsables publics visés
        <select name="responsable">
          <option value="">Tous</option>
          {Object.entries(LOBBY_OFFICIALS).map(([slug, label]) => (
            <option value={slug} selected={view.responsable === slug}>
              {officialLabel(label)}
            </option>
          ))}
        </select>
      </label>
      <Choice
        name="ministere"
        label="Ministère ou autorité visé"
        value={f.ministere}
        options={facets.ministeres}
      />
      <label>
        Tranche de dépenses
        <select name="depense">
          <option value="">Toutes</option>
          {facets.depenses.map((d) => (
            <option value={String(d.min)} selected={f.depense === d.min}>
              {d.label} ({integer(Number(d.n))} exercices)
            </option>
          ))}
        </select>
      </label>
      <label>
        Année d'exercice
        <select name="annee">
          <option value="">Toutes</option>
          {facets.annees.map((y) => (
            <option value={String(y)} selected={f.annee === y}>
              {y}
            </option>
          ))}
        </select>
      </label>
      {children}
      <button type="submit">Filtrer</button>
    </FilterForm>
  );
}

export function LobbiesResults(view: LobbiesView) {
  const { rows, total, page, perPage, query } = view;
  const pages = Math.max(1, Math.ceil(total / perPage));
  return (
    <div id="resultats" aria-live="polite">
      <p class="count">{count(total, "représentant d'intérêts", "représentants d'intérêts")}</p>
      {view.byCategory.length > 1 ? (
        <p class="muted">
          Par catégorie :{' '}
          {view.byCategory.map((c, i) => (
            <>
              {i > 0 ? ' · ' : null}
              {c.categorie ?? 'non précisée'} {integer(c.n)}
            </>
          ))}
        </p>
      ) : null}
      <ExportLinks path="/lobbies" query={query} />
      {total === 0 ? (
        <p>Aucun représentant d'intérêts ne correspond à ces critères.</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption class="muted">
              Page {page} sur {pages}
            </caption>
            <thead>
              <tr>
                <th scope="col">Dénomination</th>
                <th scope="col">Catégorie</th>
                <th scope="col">Ville</th>
                <th scope="col" class="num">
                  Activités
                </th>
                <th scope="col">Dernière tranche de dépenses (année)</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr>
                  <td>
                    <a href={`/lobbies/${r.id}`}>{r.denomination}</a>
                  </td>
                  <td>{r.categorie ?? '–'}</td>
                  <td>{r.ville ?? '–'}</td>
                  <td class="num">{integer(r.activites ?? 0)}</td>
                  <td>
                    {r.derniere_depense
                      ? `${r.derniere_depense} (${r.derniere_annee ?? '?'})`
                      : '–'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager path="/lobbies" query={query} page={page} pages={pages} />
    </div>
  );
}

const Intro = () => (
  <p>
    Le répertoire des représentants d'intérêts de la HATVP : qui exerce une influence sur les
    décisions publiques, pour qui, sur quels sujets, auprès de quels responsables, avec quels moyens
    (déclarés par les représentants eux-mêmes). Voir <a href="/methodologie#lobbies">la méthode</a>.
  </p>
);

export function LobbiesPage(view: LobbiesView & { facets: LobbyFacets }) {
  return (
    <Layout title="Représentants d'intérêts" section="lobbies">
      <h1>Représentants d'intérêts</h1>
      <Intro />
      <p>
        <a href="/lobbies/activites">Rechercher dans les activités déclarées</a>
      </p>
      <LobbyFilters
        path="/lobbies"
        view={view}
        facets={view.facets}
        keyword="Nom, nom d'usage ou sigle"
      >
        <label>
          Tri
          <select name="tri">
            <option value="nom" selected={view.tri === 'nom'}>
              Nom
            </option>
            <option value="activites" selected={view.tri === 'activites'}>
              Activités déclarées
            </option>
            <option value="depense" selected={view.tri === 'depense'}>
              Dernière tranche de dépenses
            </option>
          </select>
        </label>
      </LobbyFilters>
      <LobbiesResults {...view} />
    </Layout>
  );
}

export function LobbyActivitiesResults(view: LobbyActivitiesView) {
  const { rows, total, page, perPage, query } = view;
  const pages = Math.max(1, Math.ceil(total / perPage));
  return (
    <div id="resultats" aria-live="polite">
      <p class="count">{count(total, 'activité')}</p>
      <ExportLinks path="/lobbies/activites" query={query} />
      {total === 0 ? (
        <p>Aucune activité ne correspond à ces critères.</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption class="muted">
              Page {page} sur {pages}
            </caption>
            <thead>
              <tr>
                <th scope="col">Publication</th>
                <th scope="col">Représentant</th>
                <th scope="col">Objet</th>
                <th scope="col">Domaines</th>
                <th scope="col">Ministères ou autorités visés</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr>
                  <td>{date(r.date_publication)}</td>
                  <td>
                    <a href={`/lobbies/${r.organisation_id}`}>{r.denomination}</a>
                  </td>
                  <td>{r.objet}</td>
                  <td>{r.domaines ?? '–'}</td>
                  <td>{r.ministeres ?? '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager path="/lobbies/activites" query={query} page={page} pages={pages} />
    </div>
  );
}

export function LobbyActivitiesPage(view: LobbyActivitiesView & { facets: LobbyFacets }) {
  return (
    <Layout title="Activités des représentants d'intérêts" section="lobbies">
      <h1>Activités des représentants d'intérêts</h1>
      <Intro />
      <p>
        <a href="/lobbies">Liste des représentants</a>
      </p>
      <LobbyFilters
        path="/lobbies/activites"
        view={view}
        facets={view.facets}
        keyword="Mots de l'objet ou des domaines"
      />
      <LobbyActivitiesResults {...view} />
    </Layout>
  );
}

function People({ people }: { people: LobbyDetail['dirigeants'] }) {
  if (people.length === 0) return <p class="muted">Aucun déclaré.</p>;
  return (
    <ul>
      {people.map((p) => (
        <li>
          {personName(p.prenom, p.nom)}
          {p.fonction ? `, ${p.fonction}` : null}
        </li>
      ))}
    </ul>
  );
}

function Related({ items }: { items: LobbyDetail['clients'] }) {
  if (items.length === 0) return <p class="muted">Aucun déclaré.</p>;
  return (
    <ul>
      {items.map((c) => (
        <li>
          {c.denomination}
          {c.identifiant_national
            ? ` (${c.type_identifiant ?? 'identifiant'} ${c.identifiant_national})`
            : null}
        </li>
      ))}
    </ul>
  );
}

export function LobbyPage({ detail, matches }: { detail: LobbyDetail; matches: LobbyMatchRow[] }) {
  const o = detail.organisation;
  const register = lobbyRegisterUrl(o.identifiant_national);
  return (
    <Layout title={o.denomination} section="lobbies">
      <h1>{o.denomination}</h1>
      <dl class="facts">
        <dt>Catégorie</dt>
        <dd>{o.categorie ?? '–'}</dd>
        {o.nom_usage || o.sigle ? (
          <>
            <dt>Nom d'usage, sigle</dt>
            <dd>{[o.nom_usage, o.sigle].filter(Boolean).join(' · ')}</dd>
          </>
        ) : null}
        <dt>Identifiant</dt>
        <dd>
          {o.identifiant_national
            ? `${o.type_identifiant ?? ''} ${o.identifiant_national}`.trim()
            : '–'}
        </dd>
        <dt>Adresse</dt>
        <dd>{[o.adresse, o.code_postal, o.ville, o.pays].filter(Boolean).join(', ') || '–'}</dd>
        {o.site_web ? (
          <>
            <dt>Site</dt>
            <dd>{o.site_web}</dd>
          </>
        ) : null}
        <dt>Inscrit au répertoire</dt>
        <dd>{date(o.date_premiere_publication)}</dd>
        <dt>Secteurs</dt>
        <dd>{detail.secteurs.join(', ') || '–'}</dd>
        <dt>Niveaux d'intervention</dt>
        <dd>{detail.niveaux.join(', ') || '–'}</dd>
        <dt>Agit pour des tiers</dt>
        <dd>{o.declaration_tiers ? 'oui' : 'non'}</dd>
      </dl>
      <h2>Dirigeants</h2>
      <People people={detail.dirigeants} />
      <h2>Personnes chargées de la représentation d'intérêts</h2>
      <People people={detail.collaborateurs} />
      <h2>Clients</h2>
      <Related items={detail.clients} />
      <h2>Organisations d'appartenance</h2>
      <Related items={detail.affiliations} />
      <LobbyDeputies matches={matches} />
      <h2>Exercices : dépenses et moyens déclarés</h2>
      {detail.exercices.length === 0 ? (
        <p class="muted">Aucun exercice déclaré.</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Période</th>
                <th scope="col">Dépenses de représentation d'intérêts</th>
                <th scope="col" class="num">
                  Personnes employées
                </th>
                <th scope="col">Chiffre d'affaires</th>
                <th scope="col" class="num">
                  Activités
                </th>
              </tr>
            </thead>
            <tbody>
              {detail.exercices.map((e) => (
                <tr>
                  <td>
                    {date(e.date_debut)} – {date(e.date_fin)}
                  </td>
                  <td>
                    {e.montant_depense ?? (e.sans_activite ? 'sans activité' : 'non publiée')}
                  </td>
                  <td class="num">{e.nombre_salaries ?? '–'}</td>
                  <td>{e.chiffre_affaires ?? '–'}</td>
                  <td class="num">{e.nombre_activites ?? '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>Activités déclarées ({integer(detail.activites.length)})</h2>
      {detail.activites.length === 0 ? <p class="muted">Aucune activité déclarée.</p> : null}
      {detail.activites.map((a) => (
        <article class="lobby-activite">
          <h3>{a.objet}</h3>
          <p class="muted">
            Publiée le {date(a.date_publication)}
            {a.domaines.length > 0 ? ` · ${a.domaines.join(', ')}` : null}
          </p>
          {a.actions.map((x) => (
            <dl class="facts">
              <dt>Actions menées</dt>
              <dd>
                {x.types
                  .map((t) => (t.autre ? `${t.action_menee} : ${t.autre}` : t.action_menee))
                  .join(' ; ') || '–'}
              </dd>
              <dt>Décisions concernées</dt>
              <dd>{x.decisions.join(' ; ') || '–'}</dd>
              <dt>Responsables publics visés</dt>
              <dd>
                {x.cibles.length === 0 ? (
                  '–'
                ) : (
                  <ul>
                    {x.cibles.map((t) => (
                      <li>
                        {officialLabel(t.responsable)}
                        {t.ministere ? ` : ${t.ministere}` : null}
                        {t.autre ? ` (${t.autre})` : null}
                      </li>
                    ))}
                  </ul>
                )}
              </dd>
              <dt>Pour le compte de</dt>
              <dd>{x.beneficiaires.map((b) => b.beneficiaire).join(' ; ') || '–'}</dd>
              {x.observation ? (
                <>
                  <dt>Observation</dt>
                  <dd>{x.observation}</dd>
                </>
              ) : null}
            </dl>
          ))}
        </article>
      ))}
      <p>
        {register ? <a href={register}>Voir la fiche au répertoire de la HATVP</a> : null}
        {register ? ' · ' : null}
        <a href={`/lobbies/${o.id}.json`}>JSON</a>
      </p>
    </Layout>
  );
}
