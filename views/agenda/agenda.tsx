import type { ReunionDetail, ReunionFilter, ReunionRow } from '../../db/queries/agenda.ts';
import {
  PRESENCE_LABELS,
  PRESENCES,
  REUNION_KIND_LABELS,
  REUNION_KINDS,
  UNCOUNTED_ETATS,
  type ReunionKind,
} from '../../domain/agenda.ts';
import { personName } from '../../domain/text.ts';
import { DateRange, ExportLinks, FilterForm, GroupBadge } from '../components.tsx';
import { Select } from '../deputes/deputes.tsx';
import { count, frenchDate } from '../format.ts';
import { Layout } from '../layout.tsx';

export interface AgendaView {
  filter: ReunionFilter;
  rows: ReunionRow[];
  total: number;
  query: string;
  organes: { uid: string; label: string }[];
  etat: string | null;
}

const kindLabel = (k: string) => REUNION_KIND_LABELS[k as ReunionKind] ?? k;

/** `09:30` of an ISO time stamp as published (the Paris time of the file). */
const hour = (iso: string | null) => (iso ? (/T(\d{2}:\d{2})/.exec(iso)?.[1] ?? '') : '');

/** One meeting of a day's list: time, body, place, state (cancelled struck) and items. */
export function ReunionItem({ r }: { r: ReunionRow }) {
  const cancelled = UNCOUNTED_ETATS.includes(r.etat);
  const title = (
    <>
      {hour(r.start)} · {r.organe_label ?? kindLabel(r.kind)}
    </>
  );
  return (
    <li>
      <a href={`/agenda/${r.uid}`}>{cancelled ? <del>{title}</del> : title}</a>{' '}
      {cancelled ? <strong>({r.etat})</strong> : <span class="muted">({r.etat})</span>}
      {r.place ? <span class="muted"> · {r.place}</span> : null}
      {r.items.length > 0 ? (
        <ul>
          {r.items.map((i) => (
            <li>{i}</li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}

/** Meetings grouped by day. */
export function ReunionDays({ rows }: { rows: ReunionRow[] }) {
  const days = new Map<string, ReunionRow[]>();
  for (const r of rows) days.set(r.day, [...(days.get(r.day) ?? []), r]);
  return (
    <>
      {[...days].map(([day, list]) => (
        <section>
          <h3>{frenchDate(day)}</h3>
          <ul>
            {list.map((r) => (
              <ReunionItem r={r} />
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}

export function AgendaResults({ rows, total, query, filter }: AgendaView) {
  return (
    <div id="resultats" aria-live="polite">
      <p class="count">
        {count(total, 'réunion')} du {frenchDate(filter.from)} au {frenchDate(filter.to)}
      </p>
      <ExportLinks path="/agenda" query={query} />
      {total === 0 ? (
        <p>Aucune réunion ne correspond à ces critères.</p>
      ) : (
        <ReunionDays rows={rows} />
      )}
    </div>
  );
}

export function AgendaPage(view: AgendaView) {
  const { filter } = view;
  return (
    <Layout
      title="Agenda"
      section="agenda"
      description="Réunions des commissions et séances de l'Assemblée nationale"
    >
      <h1>Agenda de l’Assemblée</h1>
      <p>
        Les réunions des commissions et autres organes et les séances publiques, avec leur ordre du
        jour et, quand elle est publiée, la liste de présence. Sans dates : la semaine la plus
        récente qui a des réunions. Une réunion annulée ou supprimée est barrée et ne compte dans
        aucun chiffre (<a href="/methodologie#presence-commission">méthode</a>).
      </p>
      <FilterForm path="/agenda" id="filtres">
        <DateRange from={filter.from} to={filter.to} />
        <Select
          name="organe"
          label="Organe"
          value={filter.organe}
          choices={view.organes.map((o) => ({ value: o.uid, label: o.label }))}
        />
        <Select
          name="type"
          label="Type"
          value={filter.kind}
          choices={REUNION_KINDS.map((k) => ({ value: k, label: REUNION_KIND_LABELS[k] }))}
        />
        <Select
          name="etat"
          label="État"
          value={view.etat}
          choices={[
            { value: 'confirme', label: 'Confirmé' },
            { value: 'annule', label: 'Annulé' },
            { value: 'supprime', label: 'Supprimé' },
            { value: 'eventuel', label: 'Éventuel' },
          ]}
        />
        <label>
          Mots de l’ordre du jour
          <input type="search" name="q" value={filter.words ?? ''} maxlength={200} />
        </label>
        <button type="submit">Filtrer</button>
      </FilterForm>
      <AgendaResults {...view} />
    </Layout>
  );
}

/** A meeting: its items and its attendance list with counts. */
export function ReunionPage({ detail }: { detail: ReunionDetail }) {
  const r = detail.reunion;
  const cancelled = UNCOUNTED_ETATS.includes(r.etat);
  const title = `${r.organe_label ?? kindLabel(r.kind)}, ${frenchDate(r.day)}`;
  return (
    <Layout title={title} section="agenda">
      <h1>{cancelled ? <del>{title}</del> : title}</h1>
      <dl class="facts">
        <dt>Type</dt>
        <dd>{kindLabel(r.kind)}</dd>
        <dt>Heure</dt>
        <dd>
          {hour(r.start)}
          {r.end ? ` – ${hour(r.end)}` : ''}
        </dd>
        <dt>Lieu</dt>
        <dd>{r.place ?? '—'}</dd>
        <dt>État</dt>
        <dd>
          {r.etat}
          {cancelled ? ' : ne compte dans aucun chiffre' : ''}
        </dd>
      </dl>
      <h2>Ordre du jour</h2>
      {detail.items.length ? (
        <ol>
          {detail.items.map((i) => (
            <li>{i}</li>
          ))}
        </ol>
      ) : (
        <p class="muted">Aucun point publié.</p>
      )}
      <h2>Présences</h2>
      {detail.presences.length === 0 ? (
        <p class="muted">Aucune liste de présence publiée.</p>
      ) : (
        PRESENCES.map((p) => {
          const list = detail.presences.filter((x) => x.presence === p);
          return (
            <section>
              <h3>
                {PRESENCE_LABELS[p]}s : {list.length}
              </h3>
              <ul>
                {list.map((x) => (
                  <li>
                    <a href={`/deputes/${x.acteur_uid}`}>
                      {personName(x.first_name, x.last_name) ?? x.acteur_uid}
                    </a>{' '}
                    <GroupBadge
                      abbreviation={x.group_abbreviation}
                      label={x.group_label}
                      color={x.group_color}
                    />
                  </li>
                ))}
              </ul>
            </section>
          );
        })
      )}
      <p>
        <a href={`/agenda/${r.uid}.json`}>JSON</a> ·{' '}
        <a href={`/agenda?du=${r.day}&au=${r.day}`}>Les réunions du jour</a>
      </p>
    </Layout>
  );
}
