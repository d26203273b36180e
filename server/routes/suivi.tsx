import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import type { DB } from '../../db/database.ts';
import {
  confirmReview,
  createSession,
  createTracker,
  deleteSession,
  deleteTracker,
  dismissReview,
  failedLogins,
  findSession,
  getTracker,
  latestSnapshots,
  listReviewItems,
  listTrackers,
  randomToken,
  recordLogin,
  ReviewError,
  type TrackerInput,
  updateTracker,
} from '../../db/queries/suivi.ts';
import type { AdminSession, ReviewStatus } from '../../db/schema/index.ts';
import { compileNoise } from '../../domain/trackers.ts';
import { isHttpUrl } from '../../domain/text.ts';
import { forbiddenHost } from '../../domain/addresses.ts';
import { checkSelector } from '../../domain/page-text.ts';
import {
  LoginPage,
  QueuePage,
  ReviewList,
  TrackerPage,
  TrackersPage,
  trackerFormValues,
  type TrackerFormValues,
} from '../../views/suivi/suivi.tsx';
import type { AppEnv } from '../app.tsx';
import { pageOrFragment } from '../lib/htmx.ts';
import { isHttps, sameOrigin, sameSecret } from '../lib/session.ts';
import { LOBBY_QUEUE_PAGE, dismissLobbyMatch, lobbyMatchQueue } from '../../db/queries/lobbies.ts';
import { LobbyQueuePage } from '../../views/lobbies/lobby-matches.tsx';

export const SESSION_COOKIE = 'suivi_session';
export const LOGIN_COOKIE = 'suivi_connexion';
const SESSION_TTL_MS = 12 * 3_600_000;
/**
 * Failed logins allowed per client address within the window. There is no limit in all: a
 * flood of wrong tokens from some addresses never locks the right token out for the others.
 */
export const LOGIN_LIMIT = { perClient: 5, windowMs: 15 * 60_000 };

type SuiviEnv = AppEnv & {
  Variables: AppEnv['Variables'] & { session: AdminSession; form: Record<string, unknown> };
};

const cookieOptions = (c: Context) =>
  ({
    path: '/suivi',
    httpOnly: true,
    sameSite: 'Strict',
    secure: isHttps(c),
  }) as const;

const field = (form: Record<string, unknown>, name: string): string => {
  const value = form[name];
  return typeof value === 'string' ? value : '';
};

const idParam = (c: Context) => {
  const id = Number(c.req.param('id'));
  if (!Number.isSafeInteger(id) || id < 1 || !/^\d+$/.test(c.req.param('id') ?? ''))
    throw new HTTPException(404, { message: 'Élément inconnu.' });
  return id;
};

/** What the admin pages are given: the token, and the settings they apply. */
export interface SuiviOptions {
  adminToken: string;
  /** PUBLIC_URL: the one origin admin forms may be posted from. */
  publicUrl: string;
  /** TRACKERS_ALLOW_PRIVATE: a tracker may watch a loopback or private address. */
  allowPrivate: boolean;
}

const trackerSchema = z.object({
  libelle: z.string().trim().min(1, 'libellé vide').max(200, 'libellé trop long'),
  url: z
    .string()
    .trim()
    .max(2000, 'adresse trop longue')
    .refine(isHttpUrl, 'adresse http(s) complète attendue'),
  selecteur: z
    .string()
    .trim()
    .min(1, 'sélecteur vide')
    .max(300, 'sélecteur trop long')
    .superRefine((s, ctx) => {
      try {
        checkSelector(s);
      } catch (error) {
        ctx.addIssue({
          code: 'custom',
          message: `sélecteur invalide : ${(error as Error).message}`,
        });
      }
    }),
  intervalle: z.coerce
    .number({ message: 'nombre de minutes attendu' })
    .int('nombre entier de minutes attendu')
    .min(5, 'au moins 5 minutes')
    .max(525_600, 'au plus un an'),
  depute: z
    .string()
    .trim()
    .regex(/^(PA\d{1,10})?$/, 'identifiant de député attendu (PA…)'),
  bruit: z
    .string()
    .max(10_000, 'motifs trop longs')
    .transform((s) =>
      s
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter(Boolean),
    )
    .superRefine((patterns, ctx) => {
      if (patterns.length > 50) ctx.addIssue({ code: 'custom', message: 'au plus 50 motifs' });
      for (const p of patterns) {
        try {
          compileNoise(p);
        } catch (error) {
          ctx.addIssue({ code: 'custom', message: `motif « ${p} » : ${(error as Error).message}` });
        }
      }
    }),
});

const FIELD_LABELS: Record<string, string> = {
  libelle: 'Libellé',
  url: 'Adresse',
  selecteur: 'Sélecteur',
  intervalle: 'Intervalle',
  depute: 'Député',
  bruit: 'Motifs de bruit',
};

/** Reads the tracker form: its values as typed, and the input or the errors. */
async function readTrackerForm(db: DB, form: Record<string, unknown>, allowPrivate: boolean) {
  const values: TrackerFormValues = {
    libelle: field(form, 'libelle'),
    url: field(form, 'url'),
    selecteur: field(form, 'selecteur'),
    intervalle: field(form, 'intervalle'),
    depute: field(form, 'depute'),
    actif: field(form, 'actif') === 'oui',
    bruit: field(form, 'bruit'),
  };
  const parsed = trackerSchema.safeParse(values);
  if (!parsed.success) {
    return {
      values,
      errors: parsed.error.issues.map(
        (i) => `${FIELD_LABELS[String(i.path[0])] ?? String(i.path[0])} : ${i.message}`,
      ),
    };
  }
  const p = parsed.data;
  const forbidden = allowPrivate ? null : forbiddenHost(new URL(p.url));
  if (forbidden)
    return { values, errors: [`Adresse : ${new URL(p.url).hostname} est une ${forbidden}`] };
  if (p.depute) {
    const acteur = await db
      .selectFrom('acteur')
      .select('uid')
      .where('uid', '=', p.depute)
      .executeTakeFirst();
    if (!acteur) return { values, errors: [`Député : aucun député ${p.depute} dans la base`] };
  }
  const input: TrackerInput = {
    label: p.libelle,
    url: p.url,
    selector: p.selecteur,
    intervalMinutes: p.intervalle,
    acteurUid: p.depute || null,
    active: values.actif,
    noise: p.bruit,
  };
  return { values, input, errors: [] as string[] };
}

const STATUSES = { pending: 'pending', confirmed: 'confirmed', dismissed: 'dismissed' } as const;
const statusQuery = z.object({
  statut: z.enum(['pending', 'confirmed', 'dismissed', 'tous']).optional(),
  ok: z.enum(['confirme', 'ecarte']).optional(),
});

/**
 * Admin pages under /suivi, mounted only when ADMIN_TOKEN is set: login, the review queue
 * (confirm or dismiss), and the trackers (create, edit, delete). Every page but the login
 * form needs a session; every POST needs the session's CSRF token.
 */
export function suiviRoutes(db: DB, options: SuiviOptions) {
  const { adminToken, publicUrl, allowPrivate } = options;
  const app = new Hono<SuiviEnv>();

  app.use('/suivi/*', async (c, next) => {
    c.header('Cache-Control', 'no-store');
    c.header('X-Robots-Tag', 'noindex');
    await next();
  });
  app.use(
    '/suivi/*',
    bodyLimit({
      maxSize: 64 * 1024,
      onError: () => {
        throw new HTTPException(413, { message: 'Formulaire trop volumineux.' });
      },
    }),
  );

  // Every state-changing request: a same-origin form post.
  app.use('/suivi/*', async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      if (c.req.method !== 'POST') throw new HTTPException(405, { message: 'Méthode refusée.' });
      if (!sameOrigin(c, publicUrl)) throw new HTTPException(403, { message: 'Origine refusée.' });
      const type = c.req.header('content-type') ?? '';
      if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type))
        throw new HTTPException(415, { message: 'Formulaire attendu.' });
      c.set('form', (await c.req.parseBody()) as Record<string, unknown>);
    }
    await next();
  });

  app.get('/suivi/connexion', (c) => {
    const csrf = randomToken();
    setCookie(c, LOGIN_COOKIE, csrf, { ...cookieOptions(c), maxAge: 3600 });
    return c.html(<LoginPage csrf={csrf} />);
  });

  app.post('/suivi/connexion', async (c) => {
    const form = c.get('form');
    const expected = getCookie(c, LOGIN_COOKIE);
    if (!expected || !sameSecret(field(form, '_csrf'), expected))
      throw new HTTPException(403, { message: 'Formulaire expiré : rechargez la page.' });
    const now = new Date();
    const client = c.get('client');
    const failures = await failedLogins(db, client, new Date(now.getTime() - LOGIN_LIMIT.windowMs));
    if (failures >= LOGIN_LIMIT.perClient) {
      c.header('Retry-After', String(LOGIN_LIMIT.windowMs / 1000));
      c.status(429);
      return c.html(
        <LoginPage csrf={expected} error="Trop de tentatives : réessayez dans un quart d'heure." />,
      );
    }
    const ok = sameSecret(field(form, 'jeton'), adminToken);
    await recordLogin(db, client, ok, now);
    if (!ok) {
      c.status(401);
      return c.html(<LoginPage csrf={expected} error="Jeton incorrect." />);
    }
    const { token } = await createSession(db, now, SESSION_TTL_MS);
    deleteCookie(c, LOGIN_COOKIE, { path: '/suivi' });
    setCookie(c, SESSION_COOKIE, token, {
      ...cookieOptions(c),
      maxAge: SESSION_TTL_MS / 1000,
    });
    return c.redirect('/suivi', 303);
  });

  // Everything else needs a session, and a POST its CSRF token.
  app.use('/suivi/*', async (c, next) => {
    if (c.req.path === '/suivi/connexion') return next();
    const token = getCookie(c, SESSION_COOKIE);
    const session = token ? await findSession(db, token, new Date()) : undefined;
    if (!session) {
      if (c.req.method === 'GET' || c.req.method === 'HEAD')
        return c.redirect('/suivi/connexion', 303);
      throw new HTTPException(403, { message: 'Session requise : connectez-vous.' });
    }
    if (c.req.method === 'POST' && !sameSecret(field(c.get('form'), '_csrf'), session.csrf_token))
      throw new HTTPException(403, {
        message: 'Jeton de formulaire invalide : rechargez la page.',
      });
    c.set('session', session);
    await next();
  });

  app.post('/suivi/deconnexion', async (c) => {
    await deleteSession(db, getCookie(c, SESSION_COOKIE)!);
    deleteCookie(c, SESSION_COOKIE, { path: '/suivi' });
    return c.redirect('/', 303);
  });

  app.get('/suivi', async (c) => {
    const parsed = statusQuery.safeParse(c.req.query());
    if (!parsed.success)
      throw new HTTPException(400, { message: 'Paramètre « statut » invalide.' });
    const status: ReviewStatus | null =
      parsed.data.statut === 'tous' ? null : STATUSES[parsed.data.statut ?? 'pending'];
    const items = await listReviewItems(db, status);
    const csrf = c.get('session').csrf_token;
    const notice =
      parsed.data.ok === 'confirme'
        ? 'Changement confirmé et inscrit au journal.'
        : parsed.data.ok === 'ecarte'
          ? 'Élément écarté.'
          : null;
    return pageOrFragment(
      c,
      () => <QueuePage items={items} csrf={csrf} status={status} notice={notice} />,
      () => <ReviewList items={items} csrf={csrf} />,
    );
  });

  const decide = async (action: () => Promise<unknown>) => {
    try {
      await action();
    } catch (error) {
      if (error instanceof ReviewError)
        throw new HTTPException(error.status, { message: error.message });
      throw error;
    }
  };

  app.post('/suivi/revues/:id/confirmer', async (c) => {
    const id = idParam(c);
    await decide(() => confirmReview(db, id, new Date().toISOString()));
    return c.redirect('/suivi?ok=confirme', 303);
  });

  app.post('/suivi/revues/:id/ecarter', async (c) => {
    const id = idParam(c);
    const form = c.get('form');
    const reason = field(form, 'raison').trim();
    const pattern = field(form, 'motif').trim();
    if (reason === '' || reason.length > 500)
      throw new HTTPException(400, { message: 'Raison requise (500 caractères au plus).' });
    if (pattern) {
      try {
        compileNoise(pattern);
      } catch (error) {
        throw new HTTPException(400, { message: `Motif de bruit : ${(error as Error).message}` });
      }
    }
    await decide(() => dismissReview(db, id, reason, pattern || null, new Date().toISOString()));
    return c.redirect('/suivi?ok=ecarte', 303);
  });

  // The lobbies cross-checks: candidates a person can dismiss as false matches.
  app.get('/suivi/lobbies', async (c) => {
    const dismissed = c.req.query('statut') === 'dismissed';
    const rawPage = c.req.query('page') ?? '1';
    const page = /^[1-9]\d{0,5}$/.test(rawPage) ? Number(rawPage) : null;
    if (page === null) throw new HTTPException(400, { message: 'Numéro de page invalide.' });
    const { total, items } = await lobbyMatchQueue(db, dismissed, page);
    const notice = c.req.query('ok') === 'ecarte' ? 'Rapprochement écarté.' : null;
    const csrf = c.get('session').csrf_token;
    return c.html(
      <LobbyQueuePage
        items={items}
        total={total}
        page={page}
        pages={Math.max(1, Math.ceil(total / LOBBY_QUEUE_PAGE))}
        csrf={csrf}
        dismissed={dismissed}
        notice={notice}
      />,
    );
  });

  // A candidate is named by its natural key, never by lobby_match.id: the candidates are
  // rebuilt whole and their ids restart, so a form older than a rebuild would name another.
  app.post('/suivi/lobbies/ecarter', async (c) => {
    const form = c.get('form');
    const reason = field(form, 'raison').trim();
    if (reason === '' || reason.length > 500)
      throw new HTTPException(400, { message: 'Raison requise (500 caractères au plus).' });
    const organisation = field(form, 'organisation_id');
    const key = {
      kind: field(form, 'kind'),
      organisation_id: Number(organisation),
      acteur_uid: field(form, 'acteur_uid'),
      evidence_key: field(form, 'evidence_key'),
    };
    if (
      !/^\d{1,12}$/.test(organisation) ||
      [key.kind, key.acteur_uid, key.evidence_key].some((v) => v === '' || v.length > 1000)
    )
      throw new HTTPException(400, { message: 'Rapprochement mal désigné.' });
    if (!(await dismissLobbyMatch(db, key, reason, new Date().toISOString())))
      throw new HTTPException(404, { message: 'Aucun tel rapprochement à écarter.' });
    return c.redirect('/suivi/lobbies?ok=ecarte', 303);
  });

  app.get('/suivi/pages', async (c) =>
    c.html(<TrackersPage trackers={await listTrackers(db)} csrf={c.get('session').csrf_token} />),
  );

  app.post('/suivi/pages', async (c) => {
    const { values, input, errors } = await readTrackerForm(db, c.get('form'), allowPrivate);
    if (!input) {
      c.status(400);
      return c.html(
        <TrackersPage
          trackers={await listTrackers(db)}
          csrf={c.get('session').csrf_token}
          values={values}
          errors={errors}
        />,
      );
    }
    const id = await createTracker(db, input, new Date().toISOString());
    return c.redirect(`/suivi/pages/${id}`, 303);
  });

  const trackerOr404 = async (id: number) => {
    const tracker = await getTracker(db, id);
    if (!tracker) throw new HTTPException(404, { message: `Aucune page suivie n° ${id}.` });
    return tracker;
  };

  app.get('/suivi/pages/:id', async (c) => {
    const tracker = await trackerOr404(idParam(c));
    return c.html(
      <TrackerPage
        tracker={tracker}
        values={trackerFormValues(tracker, tracker.noise)}
        snapshots={await latestSnapshots(db, tracker.id)}
        csrf={c.get('session').csrf_token}
      />,
    );
  });

  app.post('/suivi/pages/:id', async (c) => {
    const tracker = await trackerOr404(idParam(c));
    const { values, input, errors } = await readTrackerForm(db, c.get('form'), allowPrivate);
    if (!input) {
      c.status(400);
      return c.html(
        <TrackerPage
          tracker={tracker}
          values={values}
          snapshots={await latestSnapshots(db, tracker.id)}
          csrf={c.get('session').csrf_token}
          errors={errors}
        />,
      );
    }
    await updateTracker(db, tracker.id, input, new Date().toISOString());
    return c.redirect(`/suivi/pages/${tracker.id}`, 303);
  });

  app.post('/suivi/pages/:id/supprimer', async (c) => {
    const id = idParam(c);
    if (!(await deleteTracker(db, id)))
      throw new HTTPException(404, { message: `Aucune page suivie n° ${id}.` });
    return c.redirect('/suivi/pages', 303);
  });

  return app;
}
