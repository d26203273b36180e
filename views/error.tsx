import { Layout } from './layout.tsx';

const TITLES: Record<number, string> = {
  400: 'Requête invalide',
  404: 'Page introuvable',
  413: 'Requête trop volumineuse',
  414: 'Adresse trop longue',
  500: 'Erreur interne',
};

export function ErrorPage({ status, message }: { status: number; message: string }) {
  return (
    <Layout title={TITLES[status] ?? 'Erreur'}>
      <h1>{TITLES[status] ?? 'Erreur'}</h1>
      <p class="error" role="alert">
        {message}
      </p>
      <p>
        <a href="/">Retour à l'accueil</a> · <a href="/deputes">Liste des députés</a>
      </p>
    </Layout>
  );
}
