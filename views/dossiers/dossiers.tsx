import type { DossierAmendements } from '../../db/queries/amendements.ts';
import { DossierAmendementsSection } from './dossier-amendements.tsx';
import type { DossierDetail, DossierFilter, InitiatorRow } from '../../db/queries/dossiers.ts';
import {
  CHAMBER_LABELS,
  DOSSIER_STATES,
  DOSSIER_STATE_LABELS,
  anDossierUrl,
  stepChamber,
} from '../../domain/dossiers.ts';
import { initiatorName, stateLabel, type DossierListRow } from '../../server/records/dossiers.ts';
import { DOSSIER_METHODS, type DossierMethod } from '../../domain/scrutin-links.ts';
import { isHttpUrl } from '../../domain/text.ts';
import { DateRange, ExportLinks, FilterForm, GroupBadge, Pager } from '../components.tsx';
import { count, frenchDate, NNBSP, numero } from '../format.ts';
import { Layout } from '../layout.tsx';
import type { DossierLobbyRow } from '../../db/queries/lobbies.ts';
import { DossierLobbies } from '../lobbies/lobby-matches.tsx';

export interface DossiersView {
  filter: DossierFilter;
  rows: DossierListRow[];
  total: number;
  page: number;
  perPage: number;
  query: string;
  procedures: { code: string; label: string | null; n: number }[];
}

/** The initiators of a dossier: deputies linked to their page with their current group. */
function Initiators({ initiators }: { initiators: InitiatorRow[] }) {
  if (initiators.length === 0) return <span class="muted">–</span>;
  return (
    <>
      {initiators.map((i, n) => (
        <>
          {n > 0 ? ', ' : ''}
          {i.acteur_uid && i.last_name ? (
            <a href={`/deputes/${encodeURIComponent(i.acteur_uid)}`}>{initiatorName(i)}</a>
          ) : (
            initiatorName(i)
          )}
          {i.group_abbreviation ? (
            <>
              {' '}
              <GroupBadge
                abbreviation={i.group_abbreviation}
                label={i.group_label}
                color={i.group_color}
              />
            </>
          ) : null}
        </>
      ))}
    </>
  );
}

export function DossiersResults({ rows, total, page, perPage, query }: DossiersView) {
  const pages = Math.max(1, Math.ceil(total / perPage));
  return (
    <div id="resultats" aria-live="polite">
      <p class="count">{count(total, 'dossier législatif', 'dossiers législatifs')}</p>
      <ExportLinks path="/dossiers" query={query} />
      {total === 0 ? (
        <p>Aucun dossier ne correspond à ces critères.</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption class="muted">
              Page {page} sur {pages}
            </caption>
            <thead>
              <tr>
                <th scope="col">Dossier</th>
                <th scope="col">État</th>
                <th scope="col">Dernière étape</th>
                <th scope="col" class="opt">
                  Initiateurs
                </th>
                <th scope="col" class="num opt">
                  Scrutins
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((d) => (
                <tr>
                  <td style="min-width:14rem">
                    <a href={`/dossiers/${encodeURIComponent(d.uid)}`}>{d.title}</a>
                    <br />
                    <span class="muted">
                      {d.procedure_label ?? 'Procédure non précisée'}
                      {d.first_date ? ` · déposé le ${frenchDate(d.first_date)}` : ''}
                    </span>
                  </td>
                  <td>{stateLabel(d.state)}</td>
                  <td>
                    {d.last_step_label ?? '–'}
                    {d.last_date ? (
                      <>
                        <br />
                        <span class="muted">{frenchDate(d.last_date)}</span>
                      </>
                    ) : null}
                  </td>
                  <td class="opt">
                    <Initiators initiators={d.initiators} />
                  </td>
                  <td class="num opt">{d.scrutins}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager path="/dossiers" query={query} page={page} pages={pages} />
    </div>
  );
}

export function DossiersPage(view: DossiersView) {
  const { filter } = view;
  return (
    <Layout
      title="Dossiers législatifs"
      section="dossiers"
      description="Les dossiers législatifs de l'Assemblée nationale : procédure, auteurs, étapes, textes et scrutins."
    >
      <h1>Dossiers législatifs</h1>
      <FilterForm path="/dossiers">
        <label>
          Mots du titre
          <input
            type="search"
            name="q"
            value={filter.words ?? ''}
            maxlength={200}
            placeholder="ex. logement"
          />
        </label>
        <label>
          Procédure
          <select name="procedure">
            <option value="">Toutes</option>
            {view.procedures.map((p) => (
              <option value={p.code} selected={filter.procedure === p.code}>
                {`${p.label ?? p.code} (${p.n})`}
              </option>
            ))}
          </select>
        </label>
        <label>
          État
          <select name="etat">
            <option value="">Tous</option>
            {DOSSIER_STATES.map((s) => (
              <option value={s} selected={filter.state === s}>
                {DOSSIER_STATE_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
        <DateRange from={filter.from} to={filter.to} />
        <label>
          Groupe d'un initiateur
          <input
            type="text"
            name="groupe"
            value={filter.group ?? ''}
            maxlength={40}
            placeholder="ex. RN"
          />
        </label>
        <label>
          Tri
          <select name="tri">
            <option value="activite-desc">Activité la plus récente</option>
            <option
              value="depot-desc"
              selected={filter.sort === 'depot' && filter.order === 'desc'}
            >
              Dépôt le plus récent
            </option>
            <option value="depot-asc" selected={filter.sort === 'depot' && filter.order === 'asc'}>
              Dépôt le plus ancien
            </option>
          </select>
        </label>
        <button type="submit">Filtrer</button>
      </FilterForm>
      <p class="muted">
        Dates du filtre : date de dépôt (première étape datée). État : déduit des étapes publiées (
        <a href="/methodologie#dossiers">méthode</a>).
      </p>
      <DossiersResults {...view} />
    </Layout>
  );
}

type Step = DossierDetail['steps'][number];

/** How each scrutin of a dossier was linked to it (scrutin_dossier.method), in page order. */
const SCRUTIN_GROUPS: { method: DossierMethod | null; title: string }[] = [
  { method: 'etapes', title: 'Nommés par les étapes du dossier' },
  { method: 'reference', title: 'Dont le fichier du scrutin nomme le dossier' },
  { method: 'amendement', title: "Votes sur un amendement du dossier (qu'aucune étape ne nomme)" },
  // A method of a later version, never hidden.
  { method: null, title: 'Autrement reliés' },
];
const KNOWN_METHODS: readonly string[] = Object.keys(DOSSIER_METHODS);

/** Every scrutin linked to the dossier, grouped by how it was linked: the list's count. */
function DossierScrutins({ scrutins }: { scrutins: DossierDetail['scrutins'] }) {
  if (scrutins.length === 0) return <p>Aucun scrutin lié à ce dossier.</p>;
  return (
    <>
      <p>
        {count(scrutins.length, 'scrutin lié', 'scrutins liés')} à ce dossier (
        <a href="/methodologie#liaisons">comment les scrutins sont reliés</a>).
      </p>
      {SCRUTIN_GROUPS.map(({ method, title }) => {
        const rows = scrutins.filter((v) =>
          method === null ? !KNOWN_METHODS.includes(v.method) : v.method === method,
        );
        if (rows.length === 0) return null;
        return (
          <>
            <h3>
              {title} ({rows.length})
            </h3>
            <ul>
              {rows.map((v) => (
                <li>
                  {v.number !== null ? (
                    <a href={`/scrutins/${v.number}`}>
                      Scrutin {numero(v.number)} du {frenchDate(v.date)} — {v.title}
                    </a>
                  ) : (
                    <span class="muted">
                      {v.scrutin_uid} (absent des scrutins de la législature)
                    </span>
                  )}
                  {v.result_code ? `${NNBSP}: ${v.result_code}` : ''}
                </li>
              ))}
            </ul>
          </>
        );
      })}
    </>
  );
}

/** The texts and scrutins of one step, under it in the timeline. */
function StepLinks({ detail, step }: { detail: DossierDetail; step: Step }) {
  const texts = detail.texts.filter((t) => t.step_position === step.position);
  const votes = detail.stepVotes.filter((v) => v.step_position === step.position);
  if (texts.length === 0 && votes.length === 0) return null;
  return (
    <ul>
      {texts.map((t) => (
        <li>
          {t.role === 'adopte' ? 'Texte adopté : ' : 'Texte : '}
          {t.title ? (
            <>
              {t.denomination ?? t.type_label ?? ''}
              {t.numero ? ` n° ${t.numero}` : ''} — {t.title}
            </>
          ) : (
            <span class="muted">{t.text_uid} (absent des données)</span>
          )}
        </li>
      ))}
      {votes.map((v) => (
        <li>
          Scrutin :{' '}
          {v.number !== null ? (
            <a href={`/scrutins/${v.number}`}>
              n° {v.number} du {frenchDate(v.date)} — {v.title} ({v.result_code})
            </a>
          ) : (
            <span class="muted">{v.scrutin_uid} (absent des scrutins de la législature)</span>
          )}
        </li>
      ))}
    </ul>
  );
}

export function DossierPage({
  detail,
  amendements = null,
  lobbies = [],
}: {
  detail: DossierDetail;
  /** Its amendments' counts and latest filed (issue 15). */
  amendements?: DossierAmendements | null;
  /** The register's activities naming its title (issue 17). */
  lobbies?: DossierLobbyRow[];
}) {
  const { dossier: d } = detail;
  const urlAn = anDossierUrl(d.legislature, d.path_title);
  // Top-level steps are the phases (1ère lecture AN, Sénat, CMP, promulgation…).
  const phases = detail.steps.filter((s) => s.parent_position === null);
  const under = (phase: Step) => {
    const inside = new Set([phase.position]);
    return detail.steps.filter((s) => {
      if (s.parent_position !== null && inside.has(s.parent_position)) {
        inside.add(s.position);
        return true;
      }
      return false;
    });
  };
  return (
    <Layout title={d.title} section="dossiers">
      <p class="muted">
        Dossier législatif · {d.procedure_label ?? 'procédure non précisée'} · {d.legislature}
        <sup>e</sup> législature
      </p>
      <h1>{d.title}</h1>
      <p>
        État : <strong>{stateLabel(d.state)}</strong>
        {d.last_step_label
          ? ` · dernière étape : ${d.last_step_label}${d.last_date ? ` (${frenchDate(d.last_date)})` : ''}`
          : ''}
      </p>
      <p>
        Initiateurs : <Initiators initiators={detail.initiators} />
      </p>
      {d.absorbed_by ? (
        <p class="notice">
          Fusionné dans le dossier{' '}
          <a href={`/dossiers/${encodeURIComponent(d.absorbed_by)}`}>{d.absorbed_by}</a>.
        </p>
      ) : null}
      <p>
        {urlAn ? (
          <>
            <a href={urlAn}>Dossier sur le site de l'Assemblée nationale</a> ·{' '}
          </>
        ) : null}
        {d.senat_url && isHttpUrl(d.senat_url) ? (
          <>
            <a href={d.senat_url}>Dossier sur le site du Sénat</a> ·{' '}
          </>
        ) : null}
        <a href={`/dossiers/${encodeURIComponent(d.uid)}.json`}>Données (JSON)</a>
      </p>

      <h2>Étapes</h2>
      {phases.length === 0 ? <p>Aucune étape publiée.</p> : null}
      <ol class="timeline">
        {phases.map((phase) => (
          <li>
            <h3>
              {CHAMBER_LABELS[stepChamber(phase.code)]} — {phase.label ?? phase.code}
            </h3>
            <StepLinks detail={detail} step={phase} />
            <ul>
              {under(phase).map((s) => (
                <li style={`margin-left:${Math.min(s.depth - 1, 4)}rem`}>
                  {s.date ? <strong>{frenchDate(s.date)}</strong> : null}
                  {s.date ? ' · ' : ''}
                  {s.label ?? s.code}
                  {s.organe_label && s.organe_uid !== phase.organe_uid ? (
                    <span class="muted"> ({s.organe_label})</span>
                  ) : null}
                  {s.conclusion ? <> : {s.conclusion}</> : null}
                  <StepLinks detail={detail} step={s} />
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>

      <h2 id="scrutins">Scrutins du dossier</h2>
      <DossierScrutins scrutins={detail.scrutins} />

      {amendements ? (
        <>
          <h2>Amendements</h2>
          <DossierAmendementsSection uid={d.uid} data={amendements} />
        </>
      ) : null}

      <h2>Textes</h2>
      {detail.documents.length === 0 ? (
        <p>Aucun texte de ce dossier dans les données.</p>
      ) : (
        <ul>
          {detail.documents.map((t) => (
            <li>
              <strong>
                {t.denomination ?? t.type_label ?? t.type_code ?? 'Texte'}
                {t.numero ? ` n° ${t.numero}` : ''}
              </strong>{' '}
              — {t.title ?? t.uid}
              {t.deposit_date ? (
                <span class="muted"> (déposé le {frenchDate(t.deposit_date)})</span>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <DossierLobbies rows={lobbies} />
    </Layout>
  );
}
