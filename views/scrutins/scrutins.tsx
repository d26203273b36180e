import type {
  MismatchedGroup,
  ScrutinDetail,
  ScrutinFilter,
  ScrutinVoteRow,
} from '../../db/queries/scrutins.ts';
import {
  CAUSE_LABELS,
  POSITION_LABELS,
  TYPE_LABELS,
  anScrutinUrl,
  groupVotesText,
  type ScrutinListRow,
} from '../../server/records/scrutins.ts';
import { Legend, StackedBar, type Segment } from '../charts.tsx';
import { DateRange, ExportLinks, FilterForm, GroupBadge, Pager } from '../components.tsx';
import { count, frenchDate, NNBSP, numero } from '../format.ts';
import { Layout } from '../layout.tsx';
import { UNKNOWN_GROUP } from '../../domain/votes.ts';
import { personName } from '../../domain/text.ts';
import { sortLabel } from '../../server/records/amendements.ts';
import {
  DOSSIER_METHODS,
  UNRESOLVED_REASONS,
  type DossierMethod,
  type UnresolvedReason,
} from '../../domain/scrutin-links.ts';

export interface ScrutinsView {
  filter: ScrutinFilter;
  rows: ScrutinListRow[];
  total: number;
  page: number;
  perPage: number;
  query: string;
}

/** How a group missing from the referential is named: its id, or a placeholder's meaning. */
function unknownGroupLabel(uid: string): string {
  return uid.startsWith(UNKNOWN_GROUP)
    ? 'Groupe publié sans identifiant'
    : `Groupe ${uid} (absent du référentiel)`;
}

export const resultSegments = (s: {
  for_count: number;
  against_count: number;
  abstention_count: number;
}): Segment[] => [
  { key: 'pour', label: 'Pour', n: s.for_count },
  { key: 'contre', label: 'Contre', n: s.against_count },
  { key: 'abstention', label: 'Abstention', n: s.abstention_count },
];

/** The groups of a scrutin whose published position is not their majority, one per line. */
function MismatchList({ groups }: { groups: MismatchedGroup[] }) {
  return (
    <ul style="margin:0;padding-left:1.1rem">
      {groups.map((g) => (
        <li>
          <strong>{g.abbreviation ?? g.group_uid}</strong> : publiée{' '}
          {POSITION_LABELS[g.position]?.toLowerCase() ?? g.position}, majorité{' '}
          {g.majority_position
            ? POSITION_LABELS[g.majority_position]!.toLowerCase()
            : 'aucune (égalité)'}{' '}
          <span class="muted">({groupVotesText(g)})</span>
        </li>
      ))}
    </ul>
  );
}

export function ScrutinsResults({ rows, total, page, perPage, query, filter }: ScrutinsView) {
  const pages = Math.max(1, Math.ceil(total / perPage));
  const mismatch = filter.positionMismatch;
  return (
    <div id="resultats" aria-live="polite">
      <p class="count">
        {count(total, 'scrutin')}
        {mismatch ? (
          <>
            {' '}
            où la position publiée par l'Assemblée pour au moins un groupe n'est pas la majorité des
            votes de ses membres (<a href="/methodologie#loyaute">méthode</a>)
          </>
        ) : null}
      </p>
      <ExportLinks path="/scrutins" query={query} />
      {total === 0 ? (
        <p>Aucun scrutin ne correspond à ces critères.</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption class="muted">
              Page {page} sur {pages}
            </caption>
            <thead>
              <tr>
                <th scope="col">N°</th>
                <th scope="col">Date</th>
                <th scope="col">Objet</th>
                <th scope="col">Résultat</th>
                {mismatch ? (
                  <th scope="col">Groupes en écart (position publiée ≠ majorité)</th>
                ) : (
                  <th scope="col" class="opt">
                    Pour / contre / abst.
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {rows.map((s) => (
                <tr>
                  <td>
                    <a href={`/scrutins/${s.number}`}>{s.number}</a>
                  </td>
                  <td>{s.date}</td>
                  <td>
                    {s.type_code !== 'SPO' ? (
                      <strong>{TYPE_LABELS[s.type_code] ?? s.type_code} : </strong>
                    ) : null}
                    <a href={`/scrutins/${s.number}`}>{s.title}</a>
                  </td>
                  <td>{s.result_code}</td>
                  {mismatch ? (
                    <td style="min-width:14rem">
                      <MismatchList groups={s.mismatches} />
                      <a href={s.url_an}>Vérifier sur le site de l'Assemblée</a>
                    </td>
                  ) : (
                    <td class="opt" style="min-width:8rem">
                      <StackedBar segments={resultSegments(s)} label={`Scrutin ${s.number}`} />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager path="/scrutins" query={query} page={page} pages={pages} />
    </div>
  );
}

export function ScrutinsPage(view: ScrutinsView) {
  const { filter } = view;
  return (
    <Layout title="Scrutins" section="scrutins">
      <h1>Scrutins publics</h1>
      <FilterForm path="/scrutins">
        <label>
          Mots de l'intitulé
          <input
            type="search"
            name="q"
            value={filter.words ?? ''}
            maxlength={200}
            placeholder="ex. budget"
          />
        </label>
        <DateRange from={filter.from} to={filter.to} />
        <label>
          Type
          <select name="type">
            <option value="">Tous</option>
            {Object.entries(TYPE_LABELS).map(([code, label]) => (
              <option value={code} selected={filter.type === code}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Résultat
          <select name="resultat">
            <option value="">Tous</option>
            <option value="adopte" selected={filter.result === 'adopté'}>
              Adopté
            </option>
            <option value="rejete" selected={filter.result === 'rejeté'}>
              Rejeté
            </option>
          </select>
        </label>
        <label>
          <input
            type="checkbox"
            name="ecart_position"
            value="oui"
            checked={filter.positionMismatch}
            style="width:auto"
          />{' '}
          Position publiée d'un groupe ≠ majorité de ses votes
        </label>
        <label>
          Vote sur un amendement
          <select name="amendement">
            <option value="">Tous les scrutins</option>
            <option value="lie" selected={filter.amendement === 'lie'}>
              Relié à son amendement
            </option>
            <option value="non-lie" selected={filter.amendement === 'non-lie'}>
              Amendement non relié
            </option>
          </select>
        </label>
        <label>
          Tri
          <select name="tri">
            <option value="numero-desc">Plus récents d'abord</option>
            <option value="numero-asc" selected={filter.order === 'asc'}>
              Plus anciens d'abord
            </option>
          </select>
        </label>
        <button type="submit">Filtrer</button>
      </FilterForm>
      <ScrutinsResults {...view} />
    </Layout>
  );
}

export interface ScrutinView {
  detail: ScrutinDetail;
  votes: ScrutinVoteRow[];
  legislature: number;
  groupFilter: string | null;
  positionFilter: string | null;
  /** Only the votes against the group's majority. */
  rebelOnly: boolean;
}

/** A group with at most this many listed votes is shown open. */
const OPEN_GROUP_MAX_VOTES = 5;

type ScrutinGroupRow = ScrutinDetail['groups'][number];

/** The group's majority as a word: a position, a tie, or none when nobody voted. */
function majorityLabel(g: ScrutinGroupRow): string {
  if (g.majority_position) return POSITION_LABELS[g.majority_position]!.toLowerCase();
  return g.for_count + g.against_count + g.abstention_count > 0 ? 'égalité' : 'aucune';
}

/** One group's listed votes, folded under a summary of its counts, rebels first. */
function GroupVotes({
  group: g,
  votes,
  open,
  filtered,
}: {
  group: ScrutinGroupRow;
  votes: ScrutinVoteRow[];
  open: boolean;
  /** A filter narrows the list: say how many of the group's votes are listed. */
  filtered: boolean;
}) {
  const rebels = Number(g.rebels ?? 0);
  const safeColor = g.color && /^#[0-9a-fA-F]{3,8}$/.test(g.color) ? g.color : '#999';
  // Stable: the query's name order is kept inside the rebels and the others.
  const ordered = [...votes.filter((v) => v.rebel), ...votes.filter((v) => !v.rebel)];
  return (
    <details class="group-votes" open={open}>
      <summary>
        {g.abbreviation ? (
          <span class="badge" style={`--group:${safeColor}`}>
            {g.abbreviation}
          </span>
        ) : null}{' '}
        <strong>{g.label ?? unknownGroupLabel(g.group_uid)}</strong>
        <span class="group-counts">
          {g.for_count} pour · {g.against_count} contre · {count(g.abstention_count, 'abstention')}{' '}
          · {count(g.non_voting_count, 'non-votant')} · majorité : {majorityLabel(g)} ·{' '}
          {rebels > 0 ? <strong>{count(rebels, 'frondeur')}</strong> : count(rebels, 'frondeur')}
          {filtered
            ? ` · ${count(votes.length, 'député')} ${votes.length > 1 ? 'listés' : 'listé'}`
            : null}
        </span>
      </summary>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Député</th>
              <th scope="col">Vote</th>
            </tr>
          </thead>
          <tbody>
            {ordered.map((v) => (
              <tr class={v.rebel ? 'rebel' : undefined}>
                <td>
                  <a href={`/deputes/${v.acteur_uid}`}>
                    {v.first_name ? `${v.first_name} ${v.last_name}` : v.acteur_uid}
                  </a>
                </td>
                <td>
                  {POSITION_LABELS[v.position]}
                  {v.cause ? (
                    <span class="muted"> ({CAUSE_LABELS[v.cause] ?? v.cause})</span>
                  ) : null}
                  {v.delegation ? <span class="muted"> (par délégation)</span> : null}
                  {v.rebel ? (
                    // The group's majority is in the summary above.
                    <strong title="contre la majorité des votes de son groupe"> · frondeur</strong>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

/**
 * The per-deputy votes, one folded section per group (in the order of the group table):
 * closed unless a filter narrows the list or the group has few listed votes.
 */
export function ScrutinVotesList({
  votes,
  detail,
  groupFilter,
  positionFilter,
  rebelOnly,
}: ScrutinView) {
  const query = new URLSearchParams();
  if (groupFilter) query.set('groupe', groupFilter);
  if (positionFilter) query.set('position', positionFilter.toLowerCase());
  if (rebelOnly) query.set('frondeurs', 'oui');
  const filtered = groupFilter !== null || positionFilter !== null || rebelOnly;
  const byGroup = new Map<string, ScrutinVoteRow[]>();
  for (const v of votes) {
    const list = byGroup.get(v.group_uid);
    if (list) list.push(v);
    else byGroup.set(v.group_uid, [v]);
  }
  const shown = detail.groups.filter((g) => byGroup.has(g.group_uid));
  return (
    <div id="votes" aria-live="polite">
      <p class="count">{count(votes.length, 'député')}</p>
      <ExportLinks path={`/scrutins/${detail.scrutin.number}/votes`} query={query.toString()} />
      {votes.length === 0 ? (
        <p>Aucun vote ne correspond à ces critères.</p>
      ) : (
        shown.map((g) => {
          const listed = byGroup.get(g.group_uid)!;
          return (
            <GroupVotes
              group={g}
              votes={listed}
              open={filtered || listed.length <= OPEN_GROUP_MAX_VOTES}
              filtered={filtered}
            />
          );
        })
      )}
    </div>
  );
}

/** The amendments a scrutin decides: each linked one, or why it is not linked. */
function VotedAmendements({ amendements }: { amendements: ScrutinDetail['amendements'] }) {
  if (amendements.length === 0) return null;
  return (
    <section class="voted-amendements">
      <h2>{amendements.length === 1 ? 'Amendement voté' : 'Amendements votés'}</h2>
      <ul>
        {amendements.map((a) => {
          if (a.amendement_uid === null) {
            return (
              <li>
                Amendement {a.numero !== null ? numero(a.numero) : 'sans numéro lisible'}
                {a.title_author ? ` (${a.title_author})` : ''}
                {NNBSP}: non relié, {UNRESOLVED_REASONS[a.reason as UnresolvedReason] ?? a.reason} (
                <a href="/methodologie/liaisons">méthode</a>).
              </li>
            );
          }
          const government = a.author_type === 'Gouvernement';
          const name = personName(a.author_first_name, a.author_last_name) ?? a.author_uid;
          return (
            <li>
              <a href={`/amendements/${a.amendement_uid}`}>
                Amendement {numero(a.numero_long ?? a.numero ?? '')}
              </a>{' '}
              {government ? (
                'du Gouvernement'
              ) : (
                <>
                  de{' '}
                  {a.author_uid ? <a href={`/deputes/${a.author_uid}`}>{name}</a> : (name ?? '–')}
                </>
              )}
              {a.author_type === 'Rapporteur' ? ' (rapporteur)' : ''}
              {a.article_designation || a.article
                ? `, ${a.article_designation ?? a.article}`
                : ''}{' '}
              · sort{NNBSP}: <strong>{a.sort ? sortLabel(a.sort) : '–'}</strong>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

export function ScrutinPage(view: ScrutinView) {
  const { scrutin: s, groups } = view.detail;
  const segments: Segment[] = [
    ...resultSegments(s),
    { key: 'nonVotant', label: 'Non-votants', n: s.non_voting_count },
  ];
  return (
    <Layout title={`Scrutin ${numero(s.number)}`} section="scrutins">
      <p class="muted">
        Scrutin {numero(s.number)} · {frenchDate(s.date)} ·{' '}
        {TYPE_LABELS[s.type_code] ?? s.type_label ?? s.type_code}
      </p>
      <h1>{s.title}</h1>
      <p>
        <strong>{s.result_label ?? s.result_code}</strong>
        {s.required !== null
          ? ` (${count(s.expressed ?? 0, 'suffrage exprimé', 'suffrages exprimés')}, ${s.required} requis)`
          : ''}
        .{s.requesters ? ` Demandé par : ${s.requesters}.` : ''}
      </p>
      <VotedAmendements amendements={view.detail.amendements} />
      {view.detail.dossiers.length > 0 ? (
        <p>
          {view.detail.dossiers.length === 1 ? 'Dossier législatif' : 'Dossiers législatifs'} :{' '}
          {view.detail.dossiers.map((d, i) => (
            <>
              {i > 0 ? ' · ' : ''}
              <a href={`/dossiers/${encodeURIComponent(d.dossier_uid)}`}>
                {d.title ?? d.dossier_uid}
              </a>
              {d.method !== 'etapes' ? (
                <span class="muted">
                  {' '}
                  ({DOSSIER_METHODS[d.method as DossierMethod] ?? d.method})
                </span>
              ) : null}
            </>
          ))}
        </p>
      ) : null}
      <StackedBar segments={segments} label="Résultat" />
      <Legend segments={segments} />
      {s.counts_mismatch ? (
        <p class="notice">
          Écart entre les listes nominatives et le décompte officiel : {s.counts_mismatch}.
        </p>
      ) : null}
      <p>
        <a href={anScrutinUrl(view.legislature, s.number)}>
          Analyse du scrutin sur le site de l'Assemblée nationale
        </a>{' '}
        · <a href={`/scrutins/${s.number}.json`}>Données (JSON)</a>
      </p>

      <h2>Par groupe</h2>
      <div class="table-wrap">
        <table>
          <caption class="muted">
            Groupe au moment du vote, majorité des votes de ses membres (et position publiée par
            l'Assemblée quand elle en diffère), votes de ses membres
          </caption>
          <thead>
            <tr>
              <th scope="col">Groupe</th>
              <th scope="col">Majorité</th>
              <th scope="col" class="num">
                Pour
              </th>
              <th scope="col" class="num">
                Contre
              </th>
              <th scope="col" class="num">
                Abst.
              </th>
              <th scope="col" class="num opt">
                Non-votants
              </th>
              <th scope="col" class="opt" style="min-width:8rem">
                Répartition
              </th>
            </tr>
          </thead>
          <tbody>
            {groups.map((g) => (
              <tr>
                <td>
                  {g.abbreviation ? (
                    <GroupBadge abbreviation={g.abbreviation} label={g.label} color={g.color} />
                  ) : (
                    <span class="muted">{unknownGroupLabel(g.group_uid)}</span>
                  )}{' '}
                  {g.members !== null ? (
                    <span class="muted">({count(g.members, 'membre')})</span>
                  ) : null}
                </td>
                <td>
                  {g.majority_position
                    ? POSITION_LABELS[g.majority_position]
                    : g.for_count + g.against_count + g.abstention_count > 0
                      ? 'Égalité'
                      : '–'}
                  {g.position_mismatch ? (
                    <small class="muted">
                      {' '}
                      (publiée : {POSITION_LABELS[g.position]},{' '}
                      <a href="/methodologie#loyaute">pourquoi cet écart</a>)
                    </small>
                  ) : null}
                </td>
                <td class="num">{g.for_count}</td>
                <td class="num">{g.against_count}</td>
                <td class="num">{g.abstention_count}</td>
                <td class="num opt">{g.non_voting_count}</td>
                <td class="opt">
                  <StackedBar segments={resultSegments(g)} label={g.abbreviation ?? 'Groupe'} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2>Votes des députés</h2>
      <p class="muted">
        Par groupe, au moment du vote ; {count(s.rebels, 'vote frondeur', 'votes frondeurs')}{' '}
        (contre la majorité des votes de leur groupe), surlignés et placés en tête de leur groupe.
      </p>
      <FilterForm path={`/scrutins/${s.number}`} target="#votes" trigger="change, submit">
        <label>
          Groupe
          <select name="groupe">
            <option value="">Tous</option>
            {groups
              .filter((g) => g.abbreviation)
              .map((g) => (
                <option
                  value={g.abbreviation!}
                  selected={view.groupFilter?.toUpperCase() === g.abbreviation!.toUpperCase()}
                >
                  {g.abbreviation}
                </option>
              ))}
          </select>
        </label>
        <label>
          Vote
          <select name="position">
            <option value="">Tous</option>
            {Object.entries(POSITION_LABELS).map(([value, label]) => (
              <option value={value} selected={view.positionFilter === value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label class="check">
          <input type="checkbox" name="frondeurs" value="oui" checked={view.rebelOnly} />
          Frondeurs seulement
        </label>
        <button type="submit">Filtrer</button>
      </FilterForm>
      <ScrutinVotesList {...view} />
    </Layout>
  );
}
