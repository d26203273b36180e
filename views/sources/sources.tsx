import { isHttpUrl } from '../../domain/text.ts';
import type { SourceHealth } from '../../db/queries/sources.ts';
import type { CrawlRun } from '../../db/schema/index.ts';
import type { ScheduledStatus, SourceInfo } from '../../domain/sources.ts';
import type { CrawlState } from '../../server/app.tsx';
import { frenchDate, percent } from '../format.ts';
import { Layout } from '../layout.tsx';

export interface SourceView {
  id: string;
  info: SourceInfo | null;
  health: SourceHealth;
  schedule: ScheduledStatus | null;
}

export interface SourcesView {
  sources: SourceView[];
  runs: CrawlRun[];
  crawl: CrawlState;
  /** Whether a scheduler runs in this process (`npm start`), or the site only serves. */
  scheduled: boolean;
  now: string;
}

const STATUS_LABELS: Record<string, string> = {
  running: 'en cours',
  ok: 'réussie',
  unchanged: 'rien de nouveau',
  partial: 'partielle',
  failed: 'échec',
  interrupted: 'interrompue',
};

/** `2025-11-21T17:52:00.000Z` → `21 novembre 2025 à 17 h 52 UTC`. */
function at(iso: string | null | undefined): string {
  if (!iso) return '—';
  return `${frenchDate(iso)} à ${iso.slice(11, 16).replace(':', ' h ')} UTC`;
}

/** How long ago, in words, for the freshness of the data. */
function ago(iso: string | null | undefined, now: string): string {
  if (!iso) return 'jamais';
  const minutes = Math.max(0, Math.round((Date.parse(now) - Date.parse(iso)) / 60_000));
  if (minutes < 1) return 'à l’instant';
  if (minutes < 60) return `il y a ${minutes} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `il y a ${hours} h`;
  return `il y a ${Math.round(hours / 24)} jours`;
}

function Progress({ crawl, id }: { crawl: CrawlState; id: string }) {
  if (!crawl.running || crawl.source !== id) return null;
  return (
    <p class="notice" role="status">
      Collecte en cours : {crawl.phase}
      {crawl.total > 0 ? (
        <>
          {' '}
          <progress max={crawl.total} value={crawl.done}>
            {percent(crawl.done, crawl.total)}
          </progress>{' '}
          {crawl.done} / {crawl.total} ({percent(crawl.done, crawl.total)})
        </>
      ) : null}
    </p>
  );
}

function SourceCard({
  source,
  crawl,
  now,
}: {
  source: SourceView;
  crawl: CrawlState;
  now: string;
}) {
  const { id, info, health, schedule } = source;
  const failing = health.failuresSince > 0;
  return (
    <section class={`card source${failing ? ' failing' : ''}`} id={`source-${id}`}>
      <h2>
        {info?.name ?? id} <span class="muted">({id})</span>
      </h2>
      {failing ? (
        <p class="error" role="alert">
          En échec depuis {health.failuresSince} collecte{health.failuresSince > 1 ? 's' : ''} :{' '}
          {health.lastFailure?.error ?? 'raison inconnue'}
        </p>
      ) : null}
      <Progress crawl={crawl} id={id} />
      <dl>
        {info ? (
          <>
            <dt>Adresse</dt>
            <dd>
              {isHttpUrl(info.url) ? (
                <a href={info.url}>{info.url}</a>
              ) : (
                'une adresse par page suivie'
              )}
            </dd>
            <dt>Éditeur et licence</dt>
            <dd>
              {info.publisher}, <a href={info.licenceUrl}>{info.licence}</a>
            </dd>
            {info.files && info.files.length > 1 ? (
              <>
                <dt>Fichiers</dt>
                <dd>
                  <ul>
                    {info.files.map((f) => (
                      <li>
                        <a href={f.url}>{f.name}</a> : {f.publisher},{' '}
                        <a href={f.licenceUrl}>{f.licence}</a>
                      </li>
                    ))}
                  </ul>
                </dd>
              </>
            ) : null}
          </>
        ) : null}
        <dt>Dernière collecte réussie</dt>
        <dd>
          {health.lastSuccess
            ? `${at(health.lastSuccess.finished_at ?? health.lastSuccess.started_at)} (${STATUS_LABELS[health.lastSuccess.status]}, ${health.lastSuccess.events} changement${health.lastSuccess.events > 1 ? 's' : ''})`
            : 'aucune'}
        </dd>
        <dt>Dernier échec</dt>
        <dd>
          {health.lastFailure
            ? `${at(health.lastFailure.finished_at ?? health.lastFailure.started_at)} : ${health.lastFailure.error ?? STATUS_LABELS[health.lastFailure.status]}`
            : 'aucun'}
        </dd>
        <dt>Fraîcheur des données</dt>
        <dd>
          dernière modification du contenu : {ago(health.sync?.changed_at, now)} ; dernière
          vérification : {ago(health.sync?.checked_at, now)}
        </dd>
        <dt>Prochaine collecte</dt>
        <dd>
          {schedule === null
            ? 'pas de planificateur dans ce processus (npm run serve)'
            : schedule.running
              ? 'en cours'
              : schedule.queued
                ? 'en file d’attente'
                : schedule.nextRunAt
                  ? `${at(schedule.nextRunAt)}${schedule.failures > 0 ? ' (nouvel essai après échec)' : ''}`
                  : 'désactivée'}
          {schedule?.cron ? (
            <span class="muted">
              {' '}
              · planification <code>{schedule.cron}</code>
            </span>
          ) : null}
        </dd>
      </dl>
    </section>
  );
}

/** The source cards and the latest runs; polls itself while a crawl runs. */
export function SourcesResults({ sources, runs, crawl, now }: SourcesView) {
  const polling = crawl.running || sources.some((s) => s.schedule?.queued);
  return (
    <div
      id="resultats"
      aria-live="polite"
      hx-get={polling ? '/sources' : undefined}
      hx-trigger={polling ? 'every 2s' : undefined}
      hx-swap={polling ? 'outerHTML' : undefined}
    >
      <div class="cards">
        {sources.map((s) => (
          <SourceCard source={s} crawl={crawl} now={now} />
        ))}
      </div>
      <h2>Dernières collectes</h2>
      {runs.length === 0 ? (
        <p>Aucune collecte enregistrée.</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">N°</th>
                <th scope="col">Source</th>
                <th scope="col">Début</th>
                <th scope="col">Fin</th>
                <th scope="col">État</th>
                <th scope="col" class="opt">
                  Lus / inchangés / ajoutés / modifiés / retirés / en échec
                </th>
                <th scope="col">Changements</th>
                <th scope="col">Erreur</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((r) => (
                <tr>
                  <td>{r.id}</td>
                  <td>{r.source}</td>
                  <td>{at(r.started_at)}</td>
                  <td>{at(r.finished_at)}</td>
                  <td>
                    {STATUS_LABELS[r.status] ?? r.status}
                    <span class="muted"> ({r.trigger})</span>
                  </td>
                  <td class="opt">
                    {r.fetched} / {r.unchanged} / {r.added} / {r.changed} / {r.removed} / {r.failed}
                  </td>
                  <td>
                    {r.events > 0 ? (
                      <a href={`/changements?source=${encodeURIComponent(r.source)}`}>{r.events}</a>
                    ) : (
                      0
                    )}
                  </td>
                  <td>{r.error ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

export function SourcesPage(view: SourcesView) {
  return (
    <Layout
      title="Sources"
      section="sources"
      description="L'état de chaque source de données : dernière collecte, erreurs, prochaine collecte."
    >
      <h1>Sources des données</h1>
      <p>
        Chaque source est collectée selon sa propre planification ; une source en échec est
        réessayée avec un délai croissant sans retarder les autres. Les changements détectés sont
        dans le <a href="/changements">journal des changements</a>.
      </p>
      <SourcesResults {...view} />
    </Layout>
  );
}
