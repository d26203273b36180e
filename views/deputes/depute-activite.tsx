// The "Présence et activité" section of a deputy's page: committee attendance over both
// windows (counts, formula, denominator) and the weeks of activity, with a chart per week
// over the legislature drawn on the server (SVG) against the median of all deputies, and
// the same figures as a table.
import type { DeputyWeek } from '../../db/queries/activite.ts';
import type { DeputyActivityStats } from '../../db/schema/index.ts';
import {
  ACTIVITY_WINDOW_LABELS,
  ACTIVITY_WINDOWS,
  type ActivityWindow,
} from '../../domain/agenda.ts';
import { MIN_SIGNIFICANT_VOTES } from '../../domain/votes.ts';
import { activiteJson, presenceJson } from '../../server/records/activite.ts';
import { count, frenchDate, integer, NNBSP, percent } from '../format.ts';

export interface DeputyActivity {
  stats: Partial<Record<ActivityWindow, DeputyActivityStats>>;
  weeks: DeputyWeek[];
}

function Attendance({ stats, window }: { stats?: DeputyActivityStats; window: ActivityWindow }) {
  const p = presenceJson(stats, window);
  return (
    <li>
      <strong>{ACTIVITY_WINDOW_LABELS[window]}</strong>
      {NNBSP}:{' '}
      {p.taux === null ? (
        <span class="muted">
          aucune réunion avec liste de présence publiée des commissions et organes dont il ou elle
          était membre.
        </span>
      ) : (
        <>
          <strong>{percent(p.presents, p.reunions)}</strong> (
          {count(p.presents, 'présence', 'présences')} sur{' '}
          {count(p.reunions, 'réunion', 'réunions')}) — {count(p.absents, 'absence', 'absences')},{' '}
          {count(p.excuses, 'excuse', 'excuses')},{' '}
          {count(p.reunions_non_listees, 'réunion', 'réunions')} sans mention sur la liste
          {p.taux_significatif ? null : (
            <em class="not-significant">
              {' '}
              Non significatif{NNBSP}: moins de {MIN_SIGNIFICANT_VOTES} réunions.
            </em>
          )}
        </>
      )}
    </li>
  );
}

interface Series {
  key: 'presences' | 'votes' | 'amendements';
  median: 'median_presences' | 'median_votes' | 'median_amendements';
  title: string;
  color: string;
}

const SERIES: Series[] = [
  { key: 'presences', median: 'median_presences', title: 'Présences en réunion', color: '#1565c0' },
  { key: 'votes', median: 'median_votes', title: 'Votes', color: '#2e7d32' },
  {
    key: 'amendements',
    median: 'median_amendements',
    title: 'Amendements déposés',
    color: '#6a1b9a',
  },
];

const WIDTH = 600;
const HEIGHT = 80;

/** One series per week: the deputy's bars, the median as a line, vacation weeks shaded. */
function WeekChart({ weeks, series, id }: { weeks: DeputyWeek[]; series: Series; id: string }) {
  const max = Math.max(1, ...weeks.map((w) => Math.max(w[series.key], w[series.median] ?? 0)));
  const step = WIDTH / weeks.length;
  const y = (v: number) => HEIGHT - (HEIGHT * v) / max;
  const total = weeks.reduce((n, w) => n + w[series.key], 0);
  const active = weeks.filter((w) => w[series.key] > 0).length;
  const median = weeks
    .map(
      (w, i) =>
        `${i === 0 ? 'M' : 'L'}${(i * step + step / 2).toFixed(1)},${y(w[series.median] ?? 0).toFixed(1)}`,
    )
    .join(' ');
  const label = `${series.title} par semaine : ${integer(total)} au total, sur ${count(active, 'semaine', 'semaines')} ; maximum ${integer(max)} par semaine. Ligne : médiane de tous les députés en fonction.`;
  return (
    <figure class="week-chart">
      <figcaption id={`${id}-title`}>
        {series.title} <span class="muted">(maximum {integer(max)} par semaine)</span>
      </figcaption>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        preserveAspectRatio="none"
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
      >
        <desc id={`${id}-desc`}>{label}</desc>
        {weeks.map((w, i) =>
          w.vacation ? (
            <rect class="vacation" x={i * step} y={0} width={step} height={HEIGHT}></rect>
          ) : null,
        )}
        {weeks.map((w, i) =>
          w[series.key] > 0 ? (
            <rect
              x={i * step + step * 0.1}
              y={y(w[series.key])}
              width={step * 0.8}
              height={HEIGHT - y(w[series.key])}
              fill={series.color}
            ></rect>
          ) : null,
        )}
        <path class="median" d={median}></path>
      </svg>
    </figure>
  );
}

/** The section: attendance, weeks of activity, the charts and their table. */
export function DeputeActivite({ data }: { data: DeputyActivity }) {
  const a = activiteJson(data.stats);
  const weeks = data.weeks;
  return (
    <section aria-labelledby="activite">
      <h2 id="activite">Présence et activité</h2>
      <h3>Présence en commission</h3>
      <p class="muted">
        Taux = réunions où le député est noté présent ÷ réunions tenues (ni annulées ni supprimées),
        avec liste de présence publiée, des commissions et organes dont il était membre ce jour-là.{' '}
        <a href="/methodologie#presence-commission">Méthode</a>
      </p>
      <ul>
        {ACTIVITY_WINDOWS.map((w) => (
          <Attendance stats={data.stats[w]} window={w} />
        ))}
      </ul>
      <h3>Semaines d'activité</h3>
      <p>
        <strong>{integer(a.semaines_legislature)}</strong> sur{' '}
        {count(a.semaines_possibles_legislature, 'semaine', 'semaines')} depuis le début de la
        législature ; <strong>{integer(a.semaines_12_mois)}</strong> sur{' '}
        {count(a.semaines_possibles_12_mois, 'semaine', 'semaines')} sur les 12 derniers mois.
      </p>
      <p class="muted">
        Une semaine d'activité est une semaine, hors vacances parlementaires (aucune séance publique
        ni aucun scrutin) et le député en fonction, où il a été présent à une réunion, a voté ou a
        déposé un amendement. <a href="/methodologie#semaines-activite">Méthode</a>
      </p>
      {weeks.length === 0 ? (
        <p class="muted">Aucune semaine d'activité calculée pour l'instant.</p>
      ) : (
        <>
          <p class="legend">
            <span>
              <i class="legend-vacation"></i> semaine de vacances
            </span>
            <span>
              <i class="legend-median"></i> médiane de tous les députés en fonction
            </span>
            <span>
              du {frenchDate(weeks[0]!.start_day)} à la semaine du{' '}
              {frenchDate(weeks[weeks.length - 1]!.start_day)}
            </span>
          </p>
          {SERIES.map((s) => (
            <WeekChart weeks={weeks} series={s} id={`activite-${s.key}`} />
          ))}
          <details>
            <summary>Les chiffres semaine par semaine</summary>
            <div class="table-wrap" tabindex={0} role="region" aria-label="Activité par semaine">
              <table>
                <caption>Activité par semaine, et médiane de tous les députés en fonction</caption>
                <thead>
                  <tr>
                    <th scope="col">Semaine du</th>
                    <th scope="col">Présences</th>
                    <th scope="col">Votes</th>
                    <th scope="col">Amendements</th>
                    <th scope="col">Médianes (présences, votes, amendements)</th>
                  </tr>
                </thead>
                <tbody>
                  {weeks.map((w) => (
                    <tr>
                      <th scope="row">
                        {frenchDate(w.start_day)}
                        {w.vacation ? ' (vacances)' : ''}
                      </th>
                      <td>{w.presences}</td>
                      <td>{w.votes}</td>
                      <td>{w.amendements}</td>
                      <td>
                        {[w.median_presences, w.median_votes, w.median_amendements]
                          .map((m) => (m === null ? '–' : String(m).replace('.', ',')))
                          .join(' ; ')}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </>
      )}
    </section>
  );
}
