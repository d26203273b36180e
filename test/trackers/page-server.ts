// A loopback HTTP server serving HTML pages laid out like a SOURCES_MIRROR
// (`/<host>/<path>`), whose content each test replaces between crawls.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface PageServer {
  url: string;
  /** Paths requested, in order. */
  requests: string[];
  /** Serves `html` at `path` (text/html; charset=utf-8) until replaced. */
  page(path: string, html: string): void;
  /** Answers `status` at `path`. */
  fail(path: string, status: number): void;
  close(): Promise<void>;
}

export async function startPageServer(): Promise<PageServer> {
  const pages = new Map<string, { status: number; html: string }>();
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    requests.push(path);
    const page = pages.get(path);
    if (!page) return res.writeHead(404, { 'content-type': 'text/html' }).end('absent');
    res.writeHead(page.status, { 'content-type': 'text/html; charset=utf-8' }).end(page.html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    page: (path, html) => pages.set(path, { status: 200, html }),
    fail: (path, status) => pages.set(path, { status, html: 'erreur' }),
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** A deputy's home page, as a small site would publish it, with a counter and today's date. */
export function deputySite({
  visitors,
  date,
  news,
  token = 'abc123',
}: {
  visitors: number;
  date: string;
  news: string[];
  token?: string;
}): string {
  return `<!DOCTYPE html>
<html lang="fr"><head><title>Site de Mme Dupré</title>
<script>window.session = "${token}";</script></head>
<body>
  <nav><a href="/">Accueil</a> <a href="/contact?sid=${token}">Contact</a></nav>
  <main id="contenu">
    <h1>Alice   Dupré, députée</h1>
    <p>Bienvenue sur mon site. Nous sommes le ${date}.</p>
    <ul class="fonctions">
      ${news.map((n) => `<li>${n}</li>`).join('\n      ')}
    </ul>
    <p class="compteur">Visiteurs : ${visitors}</p>
  </main>
  <footer>Mis à jour le ${date} · jeton ${token}</footer>
</body></html>`;
}
