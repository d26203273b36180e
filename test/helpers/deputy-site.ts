// A deputy's small web site, for the trackers: the page each test serves and changes.

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
