import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';

export interface LayoutProps {
  title: string;
  children: Child;
  /** Path of the current section, to mark the navigation link. */
  section?:
    | 'deputes'
    | 'synthese'
    | 'agenda'
    | 'scrutins'
    | 'dossiers'
    | 'amendements'
    | 'groupes'
    | 'comparer'
    | 'vote-comme-moi'
    | 'circonscriptions'
    | 'declarations'
    | 'lobbies'
    | 'changements'
    | 'sources'
    | 'donnees'
    | 'methodologie'
    | 'accueil';
  description?: string;
}

const NAV = [
  { href: '/deputes', label: 'Députés', section: 'deputes' },
  { href: '/synthese', label: 'Synthèse', section: 'synthese' },
  { href: '/agenda', label: 'Agenda', section: 'agenda' },
  { href: '/scrutins', label: 'Scrutins', section: 'scrutins' },
  { href: '/dossiers', label: 'Dossiers', section: 'dossiers' },
  { href: '/amendements', label: 'Amendements', section: 'amendements' },
  { href: '/groupes', label: 'Groupes', section: 'groupes' },
  { href: '/comparer', label: 'Comparer', section: 'comparer' },
  { href: '/vote-comme-moi', label: 'Vote comme moi ?', section: 'vote-comme-moi' },
  { href: '/circonscriptions', label: 'Circonscriptions', section: 'circonscriptions' },
  { href: '/declarations', label: 'Déclarations', section: 'declarations' },
  { href: '/lobbies', label: 'Lobbies', section: 'lobbies' },
  { href: '/changements', label: 'Changements', section: 'changements' },
  { href: '/donnees', label: 'Données', section: 'donnees' },
  { href: '/sources', label: 'Sources', section: 'sources' },
  { href: '/methodologie', label: 'Méthodologie', section: 'methodologie' },
] as const;

/** The full HTML page around every view. */
export function Layout({ title, children, section, description }: LayoutProps) {
  return (
    <>
      {raw('<!DOCTYPE html>')}
      <html lang="fr">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="htmx-config" content='{"includeIndicatorStyles":false,"allowEval":false}' />
          <title>{`${title} · Suivi des députés`}</title>
          {description ? <meta name="description" content={description} /> : null}
          <link rel="stylesheet" href="/static/style.css" />
          <script src="/static/htmx.min.js" defer></script>
        </head>
        <body>
          <a class="skip" href="#contenu">
            Aller au contenu
          </a>
          <header class="site">
            <a class="brand" href="/">
              Suivi des députés
            </a>
            <nav aria-label="Navigation principale">
              <ul>
                {NAV.map((item) => (
                  <li>
                    <a
                      href={item.href}
                      aria-current={section === item.section ? 'page' : undefined}
                    >
                      {item.label}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          </header>
          <main id="contenu">{children}</main>
          <footer class="site">
            <p>
              Données : <a href="https://data.assemblee-nationale.fr">Assemblée nationale</a> et{' '}
              <a href="https://www.hatvp.fr/open-data/">HATVP</a>, sous{' '}
              <a href="https://www.etalab.gouv.fr/licence-ouverte-open-licence/">
                Licence Ouverte 2.0
              </a>
              . <a href="/donnees">Téléchargements et documentation</a>.
            </p>
          </footer>
        </body>
      </html>
    </>
  );
}
