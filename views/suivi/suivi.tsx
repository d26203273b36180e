import type { TrackerRow, ReviewItemRow } from '../../db/queries/suivi.ts';
import type { ReviewStatus, Tracker, TrackerSnapshot } from '../../db/schema/index.ts';
import { diffLines } from '../../domain/trackers.ts';
import { frenchDate } from '../format.ts';
import { Layout } from '../layout.tsx';

/** Hidden field carrying the session's synchronizer token in every state-changing form. */
export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}

function AdminNav({ csrf }: { csrf: string }) {
  return (
    <nav class="admin-nav" aria-label="Administration">
      <a href="/suivi">File de revue</a> · <a href="/suivi/pages">Pages suivies</a> ·{' '}
      <a href="/suivi/lobbies">Représentants d'intérêts</a>
      <form method="post" action="/suivi/deconnexion" class="inline">
        <CsrfField token={csrf} />
        <button type="submit">Se déconnecter</button>
      </form>
    </nav>
  );
}

function Errors({ errors }: { errors: string[] }) {
  if (errors.length === 0) return null;
  return (
    <div class="error" role="alert">
      <ul>
        {errors.map((e) => (
          <li>{e}</li>
        ))}
      </ul>
    </div>
  );
}

export function LoginPage({ csrf, error = null }: { csrf: string; error?: string | null }) {
  return (
    <Layout title="Connexion à l'administration">
      <h1>Connexion à l'administration</h1>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      <form method="post" action="/suivi/connexion">
        <CsrfField token={csrf} />
        <label>
          Jeton d'administration
          <input type="password" name="jeton" required autocomplete="current-password" />
        </label>
        <button type="submit">Se connecter</button>
      </form>
    </Layout>
  );
}

/** A readable diff: removed lines struck through, added lines marked; text always escaped. */
export function DiffView({ diff }: { diff: string }) {
  return (
    <pre class="diff">
      {diffLines(diff).map((line) =>
        line.kind === 'removed' ? (
          <del>{`- ${line.text}`}</del>
        ) : line.kind === 'added' ? (
          <ins>{`+ ${line.text}`}</ins>
        ) : line.kind === 'gap' ? (
          <span class="muted">{'…'}</span>
        ) : (
          <span>{`  ${line.text}`}</span>
        ),
      )}
    </pre>
  );
}

const STATUS_LABELS: Record<ReviewStatus, string> = {
  pending: 'à examiner',
  confirmed: 'confirmé',
  dismissed: 'écarté',
};

function ReviewCard({ item, csrf }: { item: ReviewItemRow; csrf: string }) {
  return (
    <article class="review" id={`revue-${item.id}`}>
      <h2>
        {item.tracker_label}{' '}
        <span class="muted">
          ({STATUS_LABELS[item.status]}, détecté le {frenchDate(item.detected_at.slice(0, 10))} à{' '}
          {item.detected_at.slice(11, 16)} UTC)
        </span>
      </h2>
      <p>
        <a href={item.tracker_url} rel="nofollow noopener">
          {item.tracker_url}
        </a>
        {item.acteur_uid ? (
          <>
            {' · '}
            <a href={`/deputes/${item.acteur_uid}`}>{item.acteur_name ?? item.acteur_uid}</a>
          </>
        ) : null}
      </p>
      <DiffView diff={item.diff} />
      {item.status === 'pending' ? (
        <div class="decisions">
          <form method="post" action={`/suivi/revues/${item.id}/confirmer`}>
            <CsrfField token={csrf} />
            <button type="submit">Confirmer le changement</button>
          </form>
          <form method="post" action={`/suivi/revues/${item.id}/ecarter`}>
            <CsrfField token={csrf} />
            <label>
              Raison (faux positif)
              <input type="text" name="raison" required maxlength={500} />
            </label>
            <label>
              Motif de bruit à ajouter à cette page (expression régulière, facultatif)
              <input type="text" name="motif" maxlength={200} />
            </label>
            <button type="submit">Écarter</button>
          </form>
        </div>
      ) : item.status === 'dismissed' ? (
        <p class="muted">Écarté : {item.reason}</p>
      ) : (
        <p class="muted">Confirmé : inscrit au journal des changements.</p>
      )}
    </article>
  );
}

export function ReviewList({ items, csrf }: { items: ReviewItemRow[]; csrf: string }) {
  return (
    <div id="resultats">
      {items.length === 0 ? (
        <p class="muted">Aucun élément.</p>
      ) : (
        items.map((item) => <ReviewCard item={item} csrf={csrf} />)
      )}
    </div>
  );
}

export function QueuePage({
  items,
  csrf,
  status,
  notice = null,
}: {
  items: ReviewItemRow[];
  csrf: string;
  status: ReviewStatus | null;
  notice?: string | null;
}) {
  const tab = (value: ReviewStatus | null, label: string) => (
    <a
      href={value ? `/suivi?statut=${value}` : '/suivi?statut=tous'}
      aria-current={status === value ? 'page' : undefined}
    >
      {label}
    </a>
  );
  return (
    <Layout title="File de revue">
      <AdminNav csrf={csrf} />
      <h1>File de revue</h1>
      {notice ? (
        <p class="notice" role="status">
          {notice}
        </p>
      ) : null}
      <p>
        {tab('pending', 'À examiner')} · {tab('confirmed', 'Confirmés')} ·{' '}
        {tab('dismissed', 'Écartés')} · {tab(null, 'Tous')}
      </p>
      <ReviewList items={items} csrf={csrf} />
    </Layout>
  );
}

/** Values of the tracker form, as typed (re-shown with the errors). */
export interface TrackerFormValues {
  libelle: string;
  url: string;
  selecteur: string;
  intervalle: string;
  depute: string;
  actif: boolean;
  bruit: string;
}

export const emptyTrackerForm: TrackerFormValues = {
  libelle: '',
  url: '',
  selecteur: 'main',
  intervalle: '1440',
  depute: '',
  actif: true,
  bruit: '',
};

export function trackerFormValues(t: Tracker, noise: string[]): TrackerFormValues {
  return {
    libelle: t.label,
    url: t.url,
    selecteur: t.selector,
    intervalle: String(t.interval_minutes),
    depute: t.acteur_uid ?? '',
    actif: t.active === 1,
    bruit: noise.join('\n'),
  };
}

function TrackerForm({
  action,
  values,
  csrf,
  submit,
}: {
  action: string;
  values: TrackerFormValues;
  csrf: string;
  submit: string;
}) {
  return (
    <form method="post" action={action} class="tracker-form">
      <CsrfField token={csrf} />
      <label>
        Libellé
        <input type="text" name="libelle" value={values.libelle} required maxlength={200} />
      </label>
      <label>
        Adresse de la page
        <input type="url" name="url" value={values.url} required maxlength={2000} />
      </label>
      <label>
        Sélecteur CSS de la partie suivie
        <input type="text" name="selecteur" value={values.selecteur} required maxlength={300} />
      </label>
      <label>
        Intervalle entre deux relevés (minutes)
        <input type="number" name="intervalle" value={values.intervalle} min={5} required />
      </label>
      <label>
        Député concerné (identifiant PA…, facultatif)
        <input type="text" name="depute" value={values.depute} maxlength={12} />
      </label>
      <label>
        Motifs de bruit, un par ligne (expressions régulières, sans tenir compte de la casse ; ex.{' '}
        <code>Visiteurs : \d+</code>)
        <textarea name="bruit" rows={4}>
          {values.bruit}
        </textarea>
      </label>
      <label class="check">
        <input type="checkbox" name="actif" value="oui" checked={values.actif} /> Actif
      </label>
      <button type="submit">{submit}</button>
    </form>
  );
}

export function TrackersPage({
  trackers,
  csrf,
  values = emptyTrackerForm,
  errors = [],
}: {
  trackers: TrackerRow[];
  csrf: string;
  values?: TrackerFormValues;
  errors?: string[];
}) {
  return (
    <Layout title="Pages suivies">
      <AdminNav csrf={csrf} />
      <h1>Pages suivies</h1>
      {trackers.length === 0 ? (
        <p class="muted">Aucune page suivie.</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Page</th>
                <th scope="col">Député</th>
                <th scope="col">Intervalle</th>
                <th scope="col">Dernier relevé</th>
                <th scope="col">À examiner</th>
                <th scope="col">Relevés gardés</th>
              </tr>
            </thead>
            <tbody>
              {trackers.map((t) => (
                <tr>
                  <td>
                    <a href={`/suivi/pages/${t.id}`}>{t.label}</a>
                    {t.active ? null : <span class="muted"> (inactive)</span>}
                    <br />
                    <span class="muted">{t.url}</span>
                  </td>
                  <td>{t.acteur_name ?? t.acteur_uid ?? '–'}</td>
                  <td>{t.interval_minutes} min</td>
                  <td>
                    {t.checked_at ? t.checked_at.slice(0, 16).replace('T', ' ') : 'jamais'}
                    {t.last_error ? <p class="error">{t.last_error}</p> : null}
                  </td>
                  <td>{t.pending}</td>
                  <td>{t.snapshots}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>Suivre une nouvelle page</h2>
      <Errors errors={errors} />
      <TrackerForm action="/suivi/pages" values={values} csrf={csrf} submit="Ajouter" />
    </Layout>
  );
}

export function TrackerPage({
  tracker,
  values,
  snapshots,
  csrf,
  errors = [],
}: {
  tracker: Tracker;
  values: TrackerFormValues;
  snapshots: TrackerSnapshot[];
  csrf: string;
  errors?: string[];
}) {
  return (
    <Layout title={`Page suivie : ${tracker.label}`}>
      <AdminNav csrf={csrf} />
      <h1>{tracker.label}</h1>
      {tracker.last_error ? (
        <p class="error" role="alert">
          Dernier relevé en échec : {tracker.last_error}
        </p>
      ) : null}
      <Errors errors={errors} />
      <TrackerForm
        action={`/suivi/pages/${tracker.id}`}
        values={values}
        csrf={csrf}
        submit="Enregistrer"
      />
      <form method="post" action={`/suivi/pages/${tracker.id}/supprimer`}>
        <CsrfField token={csrf} />
        <button type="submit">Ne plus suivre cette page</button>
      </form>
      <h2>Derniers relevés</h2>
      {snapshots.length === 0 ? (
        <p class="muted">Aucun relevé.</p>
      ) : (
        snapshots.map((s) => (
          <details>
            <summary>{s.fetched_at.slice(0, 16).replace('T', ' ')} UTC</summary>
            <pre class="snapshot">{s.text}</pre>
          </details>
        ))
      )}
    </Layout>
  );
}
