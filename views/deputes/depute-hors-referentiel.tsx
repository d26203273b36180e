// The page of an acteur who voted in the legislature but is not in the referential (a former
// deputy: a minister, a death, a resignation): what the scrutins say of them, and nothing the
// referential alone could tell (name, mandate, circonscription).
import type { ChangeRow } from '../../db/queries/changements.ts';
import type { NameCandidate } from '../../db/queries/deputes.ts';
import type { VotingGroupRow } from '../../db/queries/scrutins.ts';
import type { DeputyAmendementStats } from '../../db/schema/index.ts';
import { personName } from '../../domain/text.ts';
import { anPageUrl, candidateEvidence, REFERENTIAL_NAME } from '../../server/records/deputes.ts';
import { DeputyTimeline } from '../changements/changements.tsx';
import { GroupBadge } from '../components.tsx';
import { count, frenchDate } from '../format.ts';
import { Layout } from '../layout.tsx';
import { AmendementFigures } from './depute-amendements.tsx';
import { VoteFigures, type DeputyVotesSummary } from './depute.tsx';

/** How pages name an acteur outside the referential: by their uid, never by a guessed name. */
export function formerVoterName(uid: string): string {
  return `l'ancien député ${uid}`;
}

function Candidates({ uid, candidates }: { uid: string; candidates: NameCandidate[] }) {
  if (candidates.length === 0)
    return (
      <p class="muted">
        Aucune autre donnée enregistrée (journal des changements, déclarations à la HATVP) ne donne
        de nom pour cet identifiant : il n'est désigné ici que par celui-ci.
      </p>
    );
  return (
    <>
      <p>
        D'autres données enregistrées associent un nom à cet identifiant. Ce sont des{' '}
        <strong>pistes, non confirmées</strong> par le référentiel de l'Assemblée :
      </p>
      <ul>
        {candidates.map((c) => (
          <li>
            <strong>{personName(c.first_name, c.last_name)}</strong>{' '}
            <span class="muted">– {candidateEvidence(uid, c)}</span>
          </li>
        ))}
      </ul>
    </>
  );
}

function VotingGroups({ groups }: { groups: VotingGroupRow[] }) {
  return (
    <div class="table-wrap">
      <table>
        <caption class="muted">
          Groupe indiqué dans chaque scrutin où il figure (groupe au moment du vote)
        </caption>
        <thead>
          <tr>
            <th scope="col">Groupe</th>
            <th scope="col" class="num">
              Votes
            </th>
            <th scope="col">Premier scrutin</th>
            <th scope="col">Dernier scrutin</th>
          </tr>
        </thead>
        <tbody>
          {groups.map((g) => (
            <tr>
              <td>
                {g.abbreviation ? (
                  <>
                    <GroupBadge abbreviation={g.abbreviation} label={g.label} color={g.color} />{' '}
                    {g.label}
                  </>
                ) : (
                  <span class="muted">Groupe {g.group_uid} (absent du référentiel)</span>
                )}
              </td>
              <td class="num">
                {count(g.votes, 'vote')} <span class="muted">({count(g.scrutins, 'scrutin')})</span>
              </td>
              <td>{frenchDate(g.first_date)}</td>
              <td>{frenchDate(g.last_date)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function FormerVoterPage({
  uid,
  groups,
  candidates,
  votes,
  changes,
  amendements = null,
}: {
  uid: string;
  groups: VotingGroupRow[];
  candidates: NameCandidate[];
  votes: DeputyVotesSummary;
  changes: { rows: ChangeRow[]; total: number };
  amendements?: DeputyAmendementStats | null;
}) {
  return (
    <Layout
      title={`Ancien député ${uid}`}
      section="deputes"
      description={`Votes de l'ancien député ${uid}, absent du référentiel de l'Assemblée`}
    >
      <h1>Ancien député {uid}</h1>
      <p class="notice">
        Ancien député : hors du {REFERENTIAL_NAME}. Ce référentiel ne publiant que les députés en
        exercice, son nom, sa circonscription et les dates de son mandat n'y figurent pas ; ses
        votes, publiés dans chaque scrutin avec son groupe du moment, sont conservés.
      </p>
      <dl class="facts">
        <dt>Identifiant</dt>
        <dd>
          <code>{uid}</code>
        </dd>
        <dt>Liens</dt>
        <dd>
          <a href={anPageUrl(uid)}>Sa page sur le site de l'Assemblée nationale</a> ·{' '}
          <a href={`/deputes/${uid}.json`}>Données (JSON)</a>
        </dd>
      </dl>

      <h2>Nom</h2>
      <Candidates uid={uid} candidates={candidates} />

      <h2>Groupes lors de ses votes</h2>
      <VotingGroups groups={groups} />

      <h2>Votes</h2>
      <VoteFigures uid={uid} votes={votes} />

      <h2>Amendements</h2>
      <AmendementFigures uid={uid} stats={amendements} />

      {changes.total > 0 ? (
        <DeputyTimeline uid={uid} rows={changes.rows} total={changes.total} />
      ) : null}
    </Layout>
  );
}
