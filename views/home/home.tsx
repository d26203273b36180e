import type { CrawlState } from '../../server/app.tsx';
import { count, percent } from '../format.ts';
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

export function HomePage({ acteurs, crawl }: { acteurs: number; crawl: CrawlState }) {
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
