import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import type { DB } from '../../db/database.ts';
import { runCrawl } from '../../scrapers/run.ts';
import { createApp } from '../../server/app.tsx';
import { seededDatabase } from '../helpers/seed.ts';
import { listen } from '../../server/listen.ts';
import { AdminClient, sendFrom } from '../helpers/admin-client.ts';
import { deputySite } from '../helpers/deputy-site.ts';
import { startTestServer, type TestServer } from '../helpers/http.ts';

const TOKEN = 'un-jeton-secret-de-test-2026';
const PAGE = 'https://www.alice-dupre.fr/accueil';
const MIRROR_PATH = '/www.alice-dupre.fr/accueil';

let server: TestServer;
let db: DB;
let close: () => Promise<void>;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());
beforeEach(async () => {
  ({ db, close } = await seededDatabase());
  app = createApp({ db, config: { legislature: 17, adminToken: TOKEN } });
});
afterEach(() => close());

async function crawl() {
  await db.updateTable('tracker').set({ checked_at: null }).execute();
  const config = loadConfig({ DATABASE_PATH: ':memory:', SOURCES_MIRROR: server.url });
  const [summary] = await runCrawl(db, config, {
    only: ['trackers'],
    download: { maxRetries: 0 },
  });
  return summary!;
}

/** Every row of the tables the admin pages write, to prove a refused request changed nothing. */
async function adminState() {
  return {
    tracker: await db.selectFrom('tracker').selectAll().orderBy('id').execute(),
    noise: await db.selectFrom('tracker_noise').selectAll().orderBy('id').execute(),
    review: await db.selectFrom('review_item').selectAll().orderBy('id').execute(),
    events: await db.selectFrom('change_event').selectAll().orderBy('id').execute(),
    sessions: await db.selectFrom('admin_session').selectAll().orderBy('token_hash').execute(),
  };
}

const trackerForm = {
  libelle: 'Site de Alice Dupré',
  url: PAGE,
  selecteur: '#contenu',
  intervalle: '60',
  depute: 'PA1',
  bruit: 'Visiteurs : \\d+',
  actif: 'oui',
};

async function loggedIn(): Promise<AdminClient> {
  const client = new AdminClient(app);
  const res = await client.login(TOKEN);
  expect(res.status).toBe(303);
  expect(res.headers.get('location')).toBe('/suivi');
  await client.page('/suivi');
  return client;
}

describe('admin access', () => {
  it('does not exist without ADMIN_TOKEN', async () => {
    const off = createApp({ db, config: { legislature: 17 } });
    for (const path of ['/suivi', '/suivi/connexion', '/suivi/pages'])
      expect((await off.request(path)).status, path).toBe(404);
    const post = await off.request('/suivi/connexion', {
      method: 'POST',
      body: `jeton=${TOKEN}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(post.status).toBe(404);
    expect(() => loadConfig({ ADMIN_TOKEN: 'court' })).toThrow(/16 characters/);
    expect(loadConfig({ ADMIN_TOKEN: TOKEN }).adminToken).toBe(TOKEN);
    expect(loadConfig({}).adminToken).toBeNull();
  });

  it('logs in with the token into an HttpOnly, SameSite=Strict session cookie, Secure over https', async () => {
    const client = new AdminClient(app, 'https://suivi.example.org');
    const res = await client.login(TOKEN);
    expect(res.status).toBe(303);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('suivi_session='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/Path=\/suivi/);
    expect((await client.get('/suivi')).status).toBe(200);

    const plain = new AdminClient(app);
    const plainRes = await plain.login(TOKEN);
    const plainCookie = plainRes.headers
      .getSetCookie()
      .find((c) => c.startsWith('suivi_session='))!;
    expect(plainCookie).not.toMatch(/Secure/);

    // Logging out ends the session on the server, not only in the browser.
    const stolen = client.cookies.get('suivi_session')!;
    await client.page('/suivi');
    expect((await client.post('/suivi/deconnexion', {})).status).toBe(303);
    const again = await app.request('https://suivi.example.org/suivi', {
      headers: { cookie: `suivi_session=${stolen}` },
    });
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toBe('/suivi/connexion');
  });

  it('refuses a wrong token and rate-limits failed attempts, even with the right token after', async () => {
    const client = new AdminClient(app);
    for (let i = 0; i < 5; i++) {
      const res = await client.login(`mauvais-jeton-${i}-xxxxxxxx`);
      expect(res.status).toBe(401);
      expect(await res.text()).toContain('Jeton incorrect');
    }
    const blocked = await client.login(TOKEN);
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toBe('900');
    expect(await db.selectFrom('admin_session').selectAll().execute()).toEqual([]);
  });

  it('refuses a login form posted without its CSRF cookie', async () => {
    const res = await app.request('/suivi/connexion', {
      method: 'POST',
      body: `jeton=${TOKEN}&_csrf=x`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(403);
    expect(await db.selectFrom('admin_session').selectAll().execute()).toEqual([]);
  });

  it('refuses every state-changing request without a session or without a valid CSRF token, changing nothing', async () => {
    // A tracker with a pending review item, so that confirm and dismiss have something to act on.
    const admin = await loggedIn();
    await admin.page('/suivi/pages');
    expect((await admin.post('/suivi/pages', trackerForm)).status).toBe(303);
    server.page(MIRROR_PATH, deputySite({ visitors: 1, date: '3 mars', news: ['A'] }));
    await crawl();
    server.page(MIRROR_PATH, deputySite({ visitors: 2, date: '3 mars', news: ['B'] }));
    await crawl();
    const { id: itemId } = await db
      .selectFrom('review_item')
      .select('id')
      .executeTakeFirstOrThrow();
    const { id: trackerId } = await db.selectFrom('tracker').select('id').executeTakeFirstOrThrow();
    const before = await adminState();
    expect(before.review).toHaveLength(1);

    const posts: [string, Record<string, string>][] = [
      ['/suivi/pages', { ...trackerForm, libelle: 'Autre' }],
      [`/suivi/pages/${trackerId}`, { ...trackerForm, libelle: 'Modifié' }],
      [`/suivi/pages/${trackerId}/supprimer`, {}],
      [`/suivi/revues/${itemId}/confirmer`, {}],
      [`/suivi/revues/${itemId}/ecarter`, { raison: 'bruit', motif: 'B' }],
      ['/suivi/deconnexion', {}],
    ];
    const stranger = new AdminClient(app);
    const otherSession = await loggedIn();
    for (const [path, fields] of posts) {
      // No session at all (with or without a token copied from a page).
      expect((await stranger.post(path, fields, { csrf: admin.csrf })).status, path).toBe(403);
      // A session, but no token, a wrong token, or another session's token.
      expect((await admin.post(path, fields, { csrf: null })).status, path).toBe(403);
      expect((await admin.post(path, fields, { csrf: 'faux' })).status, path).toBe(403);
      expect((await admin.post(path, fields, { csrf: otherSession.csrf })).status, path).toBe(403);
      // The right token, from another site.
      const cross = await admin.post(path, fields, {
        headers: { origin: 'https://evil.example' },
      });
      expect(cross.status, path).toBe(403);
    }
    const after = await adminState();
    // The second login added a session; nothing else moved.
    expect({ ...after, sessions: [] }).toEqual({ ...before, sessions: [] });
    expect(after.sessions).toHaveLength(before.sessions.length + 1);

    // Reading admin pages without a session sends to the login form.
    for (const path of ['/suivi', '/suivi/pages', `/suivi/pages/${trackerId}`]) {
      const res = await stranger.get(path);
      expect(res.status, path).toBe(303);
      expect(res.headers.get('location')).toBe('/suivi/connexion');
    }
  });
});

describe('review queue end to end', () => {
  it('confirms a real change into the change log and dismisses a false positive with a new noise pattern', async () => {
    const admin = await loggedIn();
    await admin.page('/suivi/pages');
    const created = await admin.post('/suivi/pages', trackerForm);
    expect(created.status).toBe(303);
    const trackerPath = created.headers.get('location')!;
    expect(await admin.page(trackerPath)).toContain('Visiteurs : \\d+');

    const news = ['Secrétaire nationale du Parti A'];
    server.page(MIRROR_PATH, deputySite({ visitors: 10, date: '3 mars 2026', news }));
    expect(await crawl()).toMatchObject({ added: 1, failed: 0 });
    // Only the counter changes: nothing to review.
    server.page(MIRROR_PATH, deputySite({ visitors: 11, date: '3 mars 2026', news }));
    expect(await crawl()).toMatchObject({ unchanged: 1, changed: 0 });
    expect(await admin.page('/suivi')).toContain('Aucun élément.');

    // A real change, with markup-like text that must come out escaped.
    const changed = ['Trésorière du Parti A &lt;script&gt;alert(1)&lt;/script&gt;'];
    server.page(MIRROR_PATH, deputySite({ visitors: 12, date: '3 mars 2026', news: changed }));
    expect(await crawl()).toMatchObject({ changed: 1 });
    const queue = await admin.page('/suivi');
    expect(queue).toContain('<del>- Secrétaire nationale du Parti A</del>');
    expect(queue).toContain(
      '<ins>+ Trésorière du Parti A &lt;script&gt;alert(1)&lt;/script&gt;</ins>',
    );
    expect(queue).not.toContain('<script>alert(1)');
    const [item] = await db.selectFrom('review_item').selectAll().execute();

    // htmx asks for the list only.
    const fragment = await admin.get('/suivi', { 'HX-Request': 'true' });
    const fragmentHtml = await fragment.text();
    expect(fragmentHtml).not.toContain('<html');
    expect(fragmentHtml).toContain('Trésorière');

    const confirm = await admin.post(`/suivi/revues/${item!.id}/confirmer`, {});
    expect(confirm.status).toBe(303);
    expect(confirm.headers.get('location')).toBe('/suivi?ok=confirme');
    const events = await db.selectFrom('change_event').selectAll().execute();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      run_id: null,
      source: 'trackers',
      entity_type: 'depute',
      entity_id: 'PA1',
      entity_label: 'Alice Dupré',
      kind: 'page_change',
      field: 'Site de Alice Dupré',
      detail: item!.diff,
      old_value: item!.old_text,
      new_value: item!.new_text,
      detected_at: item!.detected_at,
      source_url: PAGE,
    });
    expect(events[0]!.detail).toContain('+ Trésorière du Parti A <script>alert(1)</script>');
    const confirmed = await db
      .selectFrom('review_item')
      .selectAll()
      .where('id', '=', item!.id)
      .executeTakeFirstOrThrow();
    expect(confirmed).toMatchObject({ status: 'confirmed', change_event_id: events[0]!.id });
    // Deciding twice is refused.
    await admin.page('/suivi');
    expect((await admin.post(`/suivi/revues/${item!.id}/confirmer`, {})).status).toBe(409);
    expect((await admin.post('/suivi/revues/999/confirmer', {})).status).toBe(404);

    // The date in the watched part changes: a false positive, dismissed with a pattern.
    server.page(MIRROR_PATH, deputySite({ visitors: 13, date: '4 mars 2026', news: changed }));
    expect(await crawl()).toMatchObject({ changed: 1 });
    const pending = await db
      .selectFrom('review_item')
      .selectAll()
      .where('status', '=', 'pending')
      .execute();
    expect(pending).toHaveLength(1);
    expect(pending[0]!.diff).toContain('- Bienvenue sur mon site. Nous sommes le 3 mars 2026.');
    await admin.page('/suivi');
    // A pattern that is not a usable regular expression is refused, and nothing changes.
    const bad = await admin.post(`/suivi/revues/${pending[0]!.id}/ecarter`, {
      raison: 'date du jour',
      motif: '(',
    });
    expect(bad.status).toBe(400);
    expect(
      (await admin.post(`/suivi/revues/${pending[0]!.id}/ecarter`, { raison: '' })).status,
    ).toBe(400);
    const dismiss = await admin.post(`/suivi/revues/${pending[0]!.id}/ecarter`, {
      raison: 'date du jour',
      motif: 'Nous sommes le [^.]+',
    });
    expect(dismiss.status).toBe(303);
    const dismissed = await db
      .selectFrom('review_item')
      .selectAll()
      .where('id', '=', pending[0]!.id)
      .executeTakeFirstOrThrow();
    expect(dismissed).toMatchObject({
      status: 'dismissed',
      reason: 'date du jour',
      change_event_id: null,
    });
    const noise = await db.selectFrom('tracker_noise').selectAll().orderBy('id').execute();
    expect(noise.map((n) => [n.pattern, n.review_item_id])).toEqual([
      ['Visiteurs : \\d+', null],
      ['Nous sommes le [^.]+', pending[0]!.id],
    ]);
    // A dismissal writes nothing to the change log.
    expect(await db.selectFrom('change_event').selectAll().execute()).toHaveLength(1);
    expect(await admin.page('/suivi?statut=dismissed')).toContain('date du jour');

    // The next day's date is now noise.
    server.page(MIRROR_PATH, deputySite({ visitors: 14, date: '5 mars 2026', news: changed }));
    expect(await crawl()).toMatchObject({ unchanged: 1, changed: 0 });
    expect(
      await db.selectFrom('review_item').selectAll().where('status', '=', 'pending').execute(),
    ).toEqual([]);
  });

  it('edits and deletes a tracker; an invalid form is shown again and writes nothing', async () => {
    const admin = await loggedIn();
    await admin.page('/suivi/pages');
    const bad = await admin.post('/suivi/pages', {
      ...trackerForm,
      url: 'javascript:alert(1)',
      selecteur: 'div[',
      intervalle: '1',
      depute: 'PA999',
      bruit: '(',
    });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    for (const reason of [
      'Adresse : adresse http(s) complète attendue',
      'Sélecteur : sélecteur invalide',
      'Intervalle : au moins 5 minutes',
      'Motifs de bruit : motif « ( » : expression régulière invalide',
    ])
      expect(html).toContain(reason);
    expect(await db.selectFrom('tracker').selectAll().execute()).toEqual([]);
    const unknown = await admin.post('/suivi/pages', { ...trackerForm, depute: 'PA999' });
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain('aucun député PA999');

    const created = await admin.post('/suivi/pages', trackerForm);
    const path = created.headers.get('location')!;
    await admin.page(path);
    const edited = await admin.post(path, {
      ...trackerForm,
      libelle: 'Site personnel',
      intervalle: '1440',
      bruit: 'Visiteurs : \\d+\nMis à jour le .*',
      actif: '',
    });
    expect(edited.status).toBe(303);
    const tracker = await db.selectFrom('tracker').selectAll().executeTakeFirstOrThrow();
    expect(tracker).toMatchObject({ label: 'Site personnel', interval_minutes: 1440, active: 0 });
    const patterns = await db.selectFrom('tracker_noise').select('pattern').orderBy('id').execute();
    expect(patterns.map((p) => p.pattern)).toEqual(['Visiteurs : \\d+', 'Mis à jour le .*']);
    expect(await admin.page('/suivi/pages')).toContain('Site personnel');

    await admin.page(path);
    expect((await admin.post(`${path}/supprimer`, {})).status).toBe(303);
    expect(await db.selectFrom('tracker').selectAll().execute()).toEqual([]);
    expect(await db.selectFrom('tracker_noise').selectAll().execute()).toEqual([]);
    expect((await admin.get(path)).status).toBe(404);
  });
});

describe('admin pages against hostile clients', () => {
  /** The app with these settings served on loopback over real HTTP, for `test`. */
  async function served(
    config: Partial<Parameters<typeof createApp>[0]['config']>,
    test: (url: string) => Promise<void>,
  ) {
    const server = await listen(
      createApp({ db, config: { legislature: 17, adminToken: TOKEN, ...config } }),
      0,
      '127.0.0.1',
    );
    try {
      await test(server.url);
    } finally {
      await server.close();
    }
  }

  it('throttles failed logins per client address: 50 wrong tokens never lock out the right one elsewhere', async () => {
    await served({}, async (url) => {
      // 10 addresses × 5 wrong tokens: each of them is throttled…
      for (let a = 2; a < 12; a++) {
        const client = new AdminClient(app, url, sendFrom(`127.0.0.${a}`));
        for (let i = 0; i < 5; i++)
          expect((await client.login(`mauvais-jeton-${a}-${i}-xxxxxxxx`)).status).toBe(401);
      }
      const throttled = await new AdminClient(app, url, sendFrom('127.0.0.2')).login(TOKEN);
      expect(throttled.status).toBe(429);
      expect(throttled.headers.get('retry-after')).toBe('900');
      // …and the right token from another address still opens a session.
      const other = await new AdminClient(app, url, sendFrom('127.0.0.12')).login(TOKEN);
      expect(other.status).toBe(303);
      expect(other.headers.get('location')).toBe('/suivi');
    });
    const clients = await db.selectFrom('login_attempt').select('client').distinct().execute();
    expect(clients.map((c) => c.client).sort()).toEqual(
      [...Array(11).keys()].map((i) => `127.0.0.${i + 2}`).sort(),
    );
  });

  it('reads X-Forwarded-For only from a TRUST_PROXY proxy', async () => {
    await served({ trustProxy: ['127.0.0.1'] }, async (url) => {
      const proxy = new AdminClient(app, url, sendFrom('127.0.0.1'));
      // The proxy appends the client's address; a client's own forged entries come before it.
      const via = (client: string) => ({ 'x-forwarded-for': `10.9.9.9, ${client}` });
      for (let i = 0; i < 5; i++)
        expect((await proxy.login(`mauvais-jeton-${i}-xxxxxxxx`, via('198.51.100.7'))).status).toBe(
          401,
        );
      expect((await proxy.login(TOKEN, via('198.51.100.7'))).status).toBe(429);
      expect(
        (await new AdminClient(app, url, sendFrom('127.0.0.1')).login(TOKEN, via('198.51.100.8')))
          .status,
      ).toBe(303);

      // A client that is not the proxy cannot pick its address with the header.
      for (let i = 0; i < 5; i++) {
        const res = await new AdminClient(app, url, sendFrom('127.0.0.3')).login(
          `mauvais-jeton-${i}-xxxxxxxx`,
          { 'x-forwarded-for': `203.0.113.${i}` },
        );
        expect(res.status).toBe(401);
      }
      const forged = await new AdminClient(app, url, sendFrom('127.0.0.3')).login(TOKEN, {
        'x-forwarded-for': '203.0.113.99',
      });
      expect(forged.status).toBe(429);
    });
    expect(() => loadConfig({ TRUST_PROXY: 'mon-proxy' })).toThrow(/TRUST_PROXY/);
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.0/33' })).toThrow(/TRUST_PROXY/);
    expect(loadConfig({ TRUST_PROXY: '127.0.0.1, ::1, 10.0.0.0/8' }).trustProxy).toEqual([
      '127.0.0.1',
      '::1',
      '10.0.0.0/8',
    ]);
  });

  it('accepts admin forms from the PUBLIC_URL origin only, whatever the Host header says', async () => {
    const site = createApp({
      db,
      config: { legislature: 17, adminToken: TOKEN, publicUrl: 'https://suivi.example.org' },
    });
    const forged = new AdminClient(site, 'http://evil.example');
    const refused = await forged.login(TOKEN, {
      host: 'evil.example',
      origin: 'http://evil.example',
    });
    expect(refused.status).toBe(403);
    expect(await db.selectFrom('admin_session').selectAll().execute()).toEqual([]);

    const own = new AdminClient(site, 'https://suivi.example.org');
    const ok = await own.login(TOKEN, { origin: 'https://suivi.example.org' });
    expect(ok.status).toBe(303);
    expect(() => loadConfig({ PUBLIC_URL: 'https://example.org/suivi' })).toThrow(/PUBLIC_URL/);
    expect(() => loadConfig({ PUBLIC_URL: 'ftp://example.org' })).toThrow(/PUBLIC_URL/);
    expect(loadConfig({ PUBLIC_URL: 'https://example.org/' }).publicUrl).toBe(
      'https://example.org',
    );
    expect(loadConfig({ PORT: '8080' }).publicUrl).toBe('http://localhost:8080');
  });

  it('refuses a tracker on a loopback, private or link-local address, or with a pattern RE2 cannot run', async () => {
    const admin = await loggedIn();
    await admin.page('/suivi/pages');
    for (const [url, reason] of [
      ['http://127.0.0.1:8080/admin', '127.0.0.1 est une adresse de bouclage (loopback)'],
      ['http://localhost/', 'localhost est une adresse de bouclage (loopback)'],
      ['http://LOCALHOST./', 'localhost. est une adresse de bouclage (loopback)'],
      ['http://[::1]/', '[::1] est une adresse de bouclage (loopback)'],
      ['http://169.254.169.254/latest/meta-data', '169.254.169.254 est une adresse locale au lien'],
      ['https://192.168.1.1/', '192.168.1.1 est une adresse privée'],
    ]) {
      const res = await admin.post('/suivi/pages', { ...trackerForm, url: url! });
      expect(res.status, url).toBe(400);
      expect(await res.text(), url).toContain(`Adresse : ${reason}`);
    }
    const lookahead = await admin.post('/suivi/pages', {
      ...trackerForm,
      bruit: '(?=Visiteurs)\\w+',
    });
    expect(lookahead.status).toBe(400);
    expect(await lookahead.text()).toContain(
      'Motifs de bruit : motif « (?=Visiteurs)\\w+ » : expression régulière invalide ou non prise en charge',
    );
    expect(await db.selectFrom('tracker').selectAll().execute()).toEqual([]);

    // TRACKERS_ALLOW_PRIVATE lets an intranet page be watched.
    const intranet = new AdminClient(
      createApp({ db, config: { legislature: 17, adminToken: TOKEN, trackersAllowPrivate: true } }),
    );
    await intranet.login(TOKEN);
    await intranet.page('/suivi/pages');
    const res = await intranet.post('/suivi/pages', { ...trackerForm, url: 'http://192.168.1.1/' });
    expect(res.status).toBe(303);
    expect(() => loadConfig({ TRACKERS_ALLOW_PRIVATE: 'peut-être' })).toThrow(
      /TRACKERS_ALLOW_PRIVATE/,
    );
  });
});
