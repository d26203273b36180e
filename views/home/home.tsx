import type { HtmlEscapedString } from 'hono/utils/html';
import type { ReunionRow } from '../../db/queries/agenda.ts';
import { ReunionDays } from '../agenda/agenda.tsx';
import type { CrawlState } from '../../server/app.tsx';
import { count, frenchDate, percent } from '../format.ts';
import { Layout } from '../layout.tsx';
import { SearchBox } from '../geo/recherche.tsx';

function Loading({ crawl, empty }: { crawl: CrawlState; empty: boolean }) {
  if (!crawl.running && !empty) return null;
  if (!crawl.running) {
    return (
      <p class="notice" role="status">
        La base est vide : aucune collecte n'a encore abouti. Lancez <code>npm run crawl</code> ou
        attendez la prochaine collecte planifiée.
      </p>
    );
  }
  return (
    <p class="notice" role="status">
      {empty ? 'Chargement des données en cours' : 'Mise à jour des données en cours'} (
      {crawl.source}, {crawl.phase}
      {crawl.total > 0 ? ` : ${percent(crawl.done, crawl.total)}` : ''}).{' '}
      {empty ? 'Rechargez la page dans quelques instants.' : ''}
    </p>
  );
}

/** How many meetings of the week the home page lists before linking to /agenda. */
const WEEK_SHOWN = 8;

/** « Cette semaine à l'Assemblée »: the meetings of this week, or of the latest one with some. */
function ThisWeek({ week }: { week: HomeWeek | null }) {
  if (!week) return null;
  const href = `/agenda?du=${week.from}&au=${week.to}`;
  return (
    <section aria-labelledby="semaine-titre">
      <h2 id="semaine-titre">Cette semaine à l’Assemblée</h2>
      {week.current ? null : (
        <p class="muted">
          Pas de réunion publiée cette semaine : voici la dernière semaine qui en a, du{' '}
          {frenchDate(week.from)} au {frenchDate(week.to)}.
        </p>
      )}
      <ReunionDays rows={week.rows.slice(0, WEEK_SHOWN)} />
      <p>
        <a href={href}>
          {week.rows.length > WEEK_SHOWN
            ? `Les ${count(week.rows.length, 'réunion')} de la semaine`
            : 'L’agenda de la semaine'}
        </a>
      </p>
    </section>
  );
}

export interface HomeWeek {
  from: string;
  to: string;
  current: boolean;
  rows: ReunionRow[];
}

export function HomePage({
  acteurs,
  crawl,
  week,
  map = null,
}: {
  acteurs: number;
  crawl: CrawlState;
  week: HomeWeek | null;
  /** The map of France's circonscriptions, when the contours are known. */
  map?: HtmlEscapedString | null;
}) {
  return (
    <Layout
      title="Accueil"
      section="accueil"
      description="Qui sont les députés, à quel groupe appartiennent-ils, que font-ils ?"
    >
      <h1>Suivi des députés de l'Assemblée nationale</h1>
      <Loading crawl={crawl} empty={acteurs === 0} />
      <SearchBox q="" />
      <div id="suggestions" aria-live="polite"></div>
      {acteurs > 0 ? (
        <p class="muted">
          {count(acteurs, 'personne')} dans le référentiel de l'Assemblée nationale.
        </p>
      ) : null}
      {map ? (
        <section aria-labelledby="carte-titre">
          <h2 id="carte-titre">Les 577 circonscriptions et le groupe de leur député</h2>
          {map}
        </section>
      ) : null}
      <ThisWeek week={week} />
      <div class="cards">
        <section class="card">
          <h2>Citoyens</h2>
          <p>
            Retrouvez votre député : son groupe, sa circonscription, ses fonctions, sa profession et
            comment le contacter.
          </p>
          <p>
            <a href="/deputes">Tous les députés</a> · <a href="/groupes">Les groupes politiques</a>
          </p>
        </section>
        <section class="card">
          <h2>Journalistes</h2>
          <p>
            Croisez les critères (groupe, profession, catégorie INSEE, département, sexe, âge) et
            comptez.
          </p>
          <p>
            <a href="/deputes?profession=avocat">Exemple : les avocats en exercice</a>
          </p>
        </section>
        <section class="card">
          <h2>Développeurs</h2>
          <p>
            Chaque liste existe en CSV et en JSON avec les mêmes filtres dans l'adresse ; les
            colonnes sont documentées.
          </p>
          <p>
            <a href="/donnees">Données et documentation</a>
          </p>
        </section>
      </div>
    </Layout>
  );
}
