import type { HtmlEscapedString } from 'hono/utils/html';
import type { ChangeRow } from '../../db/queries/changements.ts';
import { CompareLinks } from '../comparer/comparer.tsx';
import type { DeputyDeclarations } from '../../db/queries/declarations.ts';
import { DeputyTimeline } from '../changements/changements.tsx';
import type { DeputyDetail } from '../../db/queries/deputes.ts';
import { groupHistory } from '../../domain/mandates.ts';
import {
  anPageUrl,
  anPhotoUrl,
  deputyRecord,
  ORGAN_TYPES,
  participationReason,
  type ReferentialStatus,
} from '../../server/records/deputes.ts';
import { isSignificant, MIN_SIGNIFICANT_VOTES } from '../../domain/votes.ts';
import { GroupBadge } from '../components.tsx';
import { count, frenchDate, ordinal, percent } from '../format.ts';
import type { DeputyAmendementStats, DeputyVoteStats } from '../../db/schema/index.ts';
import type { DeputyVoteRow } from '../../db/queries/scrutins.ts';
import { VotesTable } from './depute-votes.tsx';
import { AmendementFigures } from './depute-amendements.tsx';
import { DeputeActivite, type DeputyActivity } from './depute-activite.tsx';
import { DeputeDeclarations } from './depute-declarations.tsx';
import { DeputeLobbies } from '../lobbies/lobby-matches.tsx';
import { DeputeFaits } from './depute-faits.tsx';
import type { FactRecordRow } from '../../db/queries/faits.ts';
import { Layout } from '../layout.tsx';

type MandatRow = DeputyDetail['mandats'][number];

const OWN_SECTIONS = new Set(['ASSEMBLEE', 'GP', 'PARPOL']);

function period(m: Pick<MandatRow, 'start_date' | 'end_date'>): string {
  if (m.end_date) return `du ${frenchDate(m.start_date)} au ${frenchDate(m.end_date)}`;
  return m.start_date ? `depuis le ${frenchDate(m.start_date)}` : '';
}

function MandatList({ mandats }: { mandats: MandatRow[] }) {
  const byType = new Map<string, MandatRow[]>();
  for (const m of mandats) byType.set(m.organe_type, [...(byType.get(m.organe_type) ?? []), m]);
  return (
    <>
      {[...byType.entries()].map(([type, rows]) => (
        <>
          <h3>{ORGAN_TYPES[type] ?? type}</h3>
          <ul>
            {rows.map((m) => (
              <li>
                {m.organe_label ?? m.organe_uid}
                {m.role_label && !/^membre/i.test(m.role_label) ? (
                  <strong> – {m.role_label}</strong>
                ) : null}{' '}
                <span class="muted">{period(m)}</span>
              </li>
            ))}
          </ul>
        </>
      ))}
    </>
  );
}

function safeWebUrl(value: string | null): string | null {
  if (!value) return null;
  const url = /^https?:\/\//i.test(value) ? value : `https://${value}`;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}

function Contacts({ adresses }: { adresses: DeputyDetail['adresses'] }) {
  if (adresses.length === 0) return <p class="muted">Aucune adresse publiée.</p>;
  return (
    <ul>
      {adresses.map((a) => {
        if (a.kind === 'postale') {
          return (
            <li>
              <strong>{a.type_label}</strong> :{' '}
              {[a.title, a.street, [a.postcode, a.city].filter(Boolean).join(' ')]
                .filter(Boolean)
                .join(', ')}
            </li>
          );
        }
        const href =
          a.kind === 'mail' && a.value
            ? `mailto:${a.value}`
            : a.kind === 'telephone' && a.value
              ? `tel:${a.value.replace(/[^\d+]/g, '')}`
              : a.kind === 'site' || /^https?:\/\//i.test(a.value ?? '')
                ? safeWebUrl(a.value)
                : null;
        return (
          <li>
            <strong>{a.type_label}</strong> :{' '}
            {href ? (
              <a href={href} rel="nofollow noopener">
                {a.value}
              </a>
            ) : (
              a.value
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** A deputy's votes as their page shows them: figures, latest votes and rebellions. */
export interface DeputyVotesSummary {
  stats: DeputyVoteStats | null;
  /** Whether the acteur is in the referential and has a mandate there (participation needs it). */
  who: ReferentialStatus;
  recent: DeputyVoteRow[];
  rebellions: DeputyVoteRow[];
  total: number;
}

/** The mark of a rate computed on too few votes (or scrutins), which is never ranked. */
function NotSignificant({ base, unit }: { base: number; unit: 'votes' | 'scrutins' }) {
  if (isSignificant(base)) return null;
  return (
    <em class="not-significant">
      {' '}
      Non significatif : calculé sur {count(base, unit.slice(0, -1), unit)}, moins de{' '}
      {MIN_SIGNIFICANT_VOTES}.
    </em>
  );
}

function rateText(rate: number | null): string {
  return rate === null ? '–' : percent(rate, 1);
}

/** A deputy's participation, solemn participation and loyalty, with their counts. */
export function VoteFigures({ uid, votes }: { uid: string; votes: DeputyVotesSummary }) {
  const { stats, who } = votes;
  if (votes.total === 0 && !stats)
    return <p class="muted">Aucun vote enregistré pour ce député.</p>;
  return (
    <>
      {stats ? (
        <div class="figures">
          <div class="figure">
            Participation
            <strong>{rateText(stats.participation)}</strong>
            {stats.participation === null ? (
              <span class="muted">{participationReason(stats.participation, who)}</span>
            ) : (
              <span class="muted">
                {count(stats.cast, 'vote')} (pour, contre ou abstention) sur{' '}
                {count(stats.eligible, 'scrutin tenu', 'scrutins tenus')} pendant son mandat
                {stats.function_excluded > 0
                  ? ` (hors ${stats.function_excluded} où sa fonction l'empêchait de voter)`
                  : ''}
                {stats.delegated > 0 ? `, dont ${stats.delegated} par délégation` : ''}.
                <NotSignificant base={stats.eligible} unit="scrutins" />
              </span>
            )}
          </div>
          <div class="figure">
            Scrutins solennels
            <strong>{rateText(stats.participation_solemn)}</strong>
            {stats.participation_solemn === null ? (
              <span class="muted">
                {participationReason(stats.participation_solemn, who, true)}
              </span>
            ) : (
              <span class="muted">
                {count(stats.cast_solemn, 'vote')} sur{' '}
                {count(stats.eligible_solemn, 'scrutin solennel', 'scrutins solennels')}.
                <NotSignificant base={stats.eligible_solemn} unit="scrutins" />
              </span>
            )}
          </div>
          <div class="figure">
            Loyauté envers son groupe
            <strong>{rateText(stats.loyalty)}</strong>
            <span class="muted">
              {count(stats.loyal, 'vote conforme', 'votes conformes')} à la majorité des votes de
              son groupe sur {count(stats.loyalty_base, 'vote')} là où le groupe en avait une ;{' '}
              {count(stats.rebellions, 'vote frondeur', 'votes frondeurs')}.
              <NotSignificant base={stats.loyalty_base} unit="votes" /> Selon la position publiée
              par l’Assemblée : {rateText(stats.loyalty_published)} (
              {count(stats.loyal_published, 'vote conforme', 'votes conformes')} sur{' '}
              {count(stats.loyalty_base_published, 'vote')}).
              <NotSignificant base={stats.loyalty_base_published} unit="votes" />
            </span>
          </div>
        </div>
      ) : null}
      <p>
        <a href="/methodologie">Comment ces chiffres sont calculés</a> ·{' '}
        <a href={`/deputes/${uid}/votes`}>Tous ses votes ({votes.total})</a> ·{' '}
        <a href={`/deputes/${uid}/votes.csv`}>CSV</a>
      </p>
      {votes.recent.length > 0 ? (
        <>
          <h3>Derniers votes</h3>
          <VotesTable rows={votes.recent} />
        </>
      ) : null}
      {votes.rebellions.length > 0 ? (
        <>
          <h3>Derniers votes contre la majorité de son groupe</h3>
          <VotesTable rows={votes.rebellions} />
          <p>
            <a href={`/deputes/${uid}/votes?frondeurs=oui`}>Tous ses votes frondeurs</a>
          </p>
        </>
      ) : null}
    </>
  );
}

/** A deputy's page: identity, group and history, circonscription, roles, contacts, profession. */
export function DeputePage({
  detail,
  today,
  legislature,
  votes,
  declarations = null,
  facts = [],
  changes = null,
  amendements = null,
  activite = null,
  lobbies = [],
  locator = null,
}: {
  detail: DeputyDetail;
  today: string;
  legislature: number;
  votes: DeputyVotesSummary;
  declarations?: DeputyDeclarations | null;
  facts?: FactRecordRow[];
  /** The latest change events of this deputy and their declarations, with their count. */
  changes?: { rows: ChangeRow[]; total: number } | null;
  /** The stored amendment figures, null when they filed and co-signed nothing. */
  amendements?: DeputyAmendementStats | null;
  /** The attendance and weeks of activity, null when not loaded. */
  activite?: DeputyActivity | null;
  /** Registered lobbyists that may be what they declared (candidates, not facts). */
  lobbies?: Parameters<typeof DeputeLobbies>[0]['matches'];
  /** The map locating their circonscription, when it has a contour. */
  locator?: HtmlEscapedString | null;
}) {
  const { acteur, mandats, adresses, deports } = detail;
  const d = deputyRecord(acteur, today);
  const name = `${d.prenom} ${d.nom}`;
  const history = groupHistory(mandats);
  const open = mandats.filter((m) => m.end_date === null && !OWN_SECTIONS.has(m.organe_type));
  const past = mandats.filter((m) => m.end_date !== null && m.organe_type !== 'GP');
  const born = acteur.sex === 'F' ? 'Née' : 'Né';
  return (
    <Layout
      title={name}
      section="deputes"
      description={`Fiche de ${name}, député${acteur.sex === 'F' ? 'e' : ''}`}
    >
      <div class="identity">
        <img
          src={anPhotoUrl(d.uid, legislature)}
          alt={`Photo officielle de ${name}`}
          width={120}
          height={150}
          loading="lazy"
        />
        <div>
          <h1>{name}</h1>
          <p>
            {d.en_exercice ? (
              <>
                Député{acteur.sex === 'F' ? 'e' : ''} en exercice
                {d.departement_nom ? (
                  <>
                    {' de la '}
                    <a href={`/circonscriptions/${d.departement}-${d.circonscription}`}>
                      {`${ordinal(d.circonscription ?? 0)} circonscription (${d.departement_nom}, ${d.departement})`}
                    </a>
                  </>
                ) : (
                  ''
                )}
                {d.debut_mandat ? `, depuis le ${frenchDate(d.debut_mandat)}` : ''}.
              </>
            ) : (
              <>
                Ancien{acteur.sex === 'F' ? 'ne' : ''} député{acteur.sex === 'F' ? 'e' : ''}
                {d.fin_mandat ? `, mandat terminé le ${frenchDate(d.fin_mandat)}` : ''}.
              </>
            )}
          </p>
          <p>
            <GroupBadge abbreviation={d.groupe} label={d.groupe_libelle} color={d.groupe_couleur} />{' '}
            {d.groupe_libelle ?? 'Sans groupe'}
          </p>
        </div>
        {locator}
      </div>

      <h2>Identité</h2>
      <dl class="facts">
        <dt>Naissance</dt>
        <dd>
          {d.date_naissance
            ? `${born} le ${frenchDate(d.date_naissance)}`
            : 'Date de naissance non publiée'}
          {acteur.birth_place ? ` à ${acteur.birth_place}` : ''}
          {acteur.birth_departement && acteur.birth_departement !== acteur.birth_place
            ? ` (${acteur.birth_departement})`
            : ''}
          {d.age !== null ? ` – ${d.age} ans` : ''}
        </dd>
        <dt>Profession</dt>
        <dd>
          {acteur.profession_raw ?? <span class="muted">non renseignée</span>}
          {acteur.profession_key ? (
            <span class="muted"> (forme normalisée : {acteur.profession_key})</span>
          ) : null}
        </dd>
        <dt>Catégorie INSEE</dt>
        <dd>
          {d.categorie_insee ?? '–'}
          {d.famille_insee ? <span class="muted"> · {d.famille_insee}</span> : null}
        </dd>
        <dt>Parti de rattachement</dt>
        <dd>{d.parti_libelle ?? '–'}</dd>
        <dt>Liens</dt>
        <dd>
          <a href={anPageUrl(d.uid)}>Page sur le site de l'Assemblée nationale</a>
          {d.url_hatvp && safeWebUrl(d.url_hatvp) ? (
            <>
              {' · '}
              <a href={safeWebUrl(d.url_hatvp)!}>Déclarations à la HATVP</a>
            </>
          ) : null}
          {' · '}
          <a href={`/deputes/${d.uid}.json`}>Données (JSON)</a>
        </dd>
      </dl>

      <h2>Groupes politiques</h2>
      {history.length === 0 ? (
        <p class="muted">Aucune appartenance à un groupe dans les données.</p>
      ) : (
        <ul>
          {history.map((m) => (
            <li>
              <GroupBadge
                abbreviation={m.organe_abbreviation}
                label={m.organe_label}
                color={null}
              />{' '}
              {m.organe_label}
              {m.role_label && !/^membre( du)?$/i.test(m.role_label)
                ? ` (${m.role_label})`
                : ''}{' '}
              <span class="muted">{period(m)}</span>
            </li>
          ))}
        </ul>
      )}

      <h2>Votes</h2>
      <VoteFigures uid={d.uid} votes={votes} />
      <CompareLinks uid={acteur.uid} groupUid={acteur.group_uid} />

      <h2>Amendements</h2>
      <AmendementFigures uid={d.uid} stats={amendements} />

      {activite ? <DeputeActivite data={activite} /> : null}

      <h2>Fonctions et commissions</h2>
      {open.length === 0 ? (
        <p class="muted">Aucune fonction en cours.</p>
      ) : (
        <MandatList mandats={open} />
      )}

      <DeputeDeclarations uid={d.uid} data={declarations} />
      <DeputeLobbies matches={lobbies} />

      <DeputeFaits uid={d.uid} facts={facts} />

      <h2>Contact</h2>
      <Contacts adresses={adresses} />

      {deports.length > 0 ? (
        <>
          <h2>Déports</h2>
          <p class="muted">
            Sujets sur lesquels le député a déclaré s'abstenir de participer, pour prévenir un
            conflit d'intérêts.
          </p>
          <ul>
            {deports.map((x) => (
              <li>
                <strong>{frenchDate(x.created_at)}</strong> – {x.instance} : {x.target_text}
                {x.explanation ? <p class="muted">{x.explanation}</p> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}

      <h2>Mandats et fonctions passés</h2>
      {past.length === 0 ? (
        <p class="muted">Aucun mandat terminé dans les données.</p>
      ) : (
        <MandatList mandats={past} />
      )}

      {changes ? (
        <DeputyTimeline uid={acteur.uid} rows={changes.rows} total={changes.total} />
      ) : null}
    </Layout>
  );
}
