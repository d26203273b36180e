import type { ScrutinRow } from '../../db/queries/scrutins.ts';
import type { AgreementRecord } from '../../server/records/comparer.ts';
import { POSITION_LABELS, TYPE_LABELS } from '../../server/records/scrutins.ts';
import { ExportLinks, GroupBadge } from '../components.tsx';
import { MIN_SIGNIFICANT_VOTES } from '../../domain/votes.ts';
import { count, frenchDate, percent } from '../format.ts';
import { Layout } from '../layout.tsx';

type Answer = 'pour' | 'contre' | 'abstention';

export interface VoteCommeMoiView {
  /** The words of the scrutin search, as typed. */
  words: string;
  /** The scrutins proposed: solemn ones, or those matching the words. */
  proposals: { rows: ScrutinRow[]; total: number; page: number; perPage: number };
  /** Valid answers, by scrutin number. */
  answers: ReadonlyMap<number, Answer>;
  /** The scrutins answered. */
  answered: { number: number; date: string; title: string; type_code: string }[];
  /** Scrutin numbers answered that are not in the data (ignored). */
  unknown: number[];
  error: string | null;
  result: {
    groups: AgreementRecord[];
    /** The deputies shown (the first ones, or all), and how many there are. */
    deputies: AgreementRecord[];
    deputiesTotal: number;
  } | null;
  /** Canonical query string of the answers, for the share link and exports. */
  answersQuery: string;
}

const CHOICES: [Answer | '', string][] = [
  ['pour', 'Pour'],
  ['contre', 'Contre'],
  ['abstention', 'Abstention'],
  ['', 'Sans avis'],
];

/** One proposed scrutin with its four radio buttons. */
function Question({ s, answer }: { s: ScrutinRow; answer: Answer | undefined }) {
  return (
    <fieldset class="question">
      <legend>
        <a href={`/scrutins/${s.number}`}>n° {s.number}</a> · {frenchDate(s.date)} :{' '}
        {s.type_code !== 'SPO' ? (
          <strong>{TYPE_LABELS[s.type_code] ?? s.type_code} : </strong>
        ) : null}
        {s.title} <span class="muted">({s.result_code})</span>
      </legend>
      {CHOICES.map(([value, label]) => (
        <label class="choice">
          <input
            type="radio"
            name={`s${s.number}`}
            value={value}
            checked={(answer ?? '') === value}
          />{' '}
          {label}
        </label>
      ))}
    </fieldset>
  );
}

function RankingTable({
  id,
  caption,
  rows,
  kind,
}: {
  id: string;
  caption: string;
  rows: AgreementRecord[];
  kind: 'groupe' | 'depute';
}) {
  return (
    <div class="table-wrap">
      <table id={id}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col" class="num">
              Rang
            </th>
            <th scope="col">{kind === 'groupe' ? 'Groupe' : 'Député'}</th>
            {kind === 'depute' ? <th scope="col">Groupe actuel</th> : null}
            <th scope="col" class="num">
              Accord
            </th>
            <th scope="col" class="num">
              Scrutins communs
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr data-uid={r.uid}>
              <td class="num">{r.rank ?? '–'}</td>
              <td>
                {kind === 'groupe' ? (
                  <>
                    <GroupBadge abbreviation={r.abbreviation} label={r.label} color={r.color} />{' '}
                    {r.name}
                  </>
                ) : r.inReferential ? (
                  <>
                    <a href={`/deputes/${r.uid}`}>{r.name}</a>
                    {r.inOffice ? null : <span class="muted"> (ancien député)</span>}
                  </>
                ) : (
                  <>
                    {r.uid} <span class="muted">(ancien député, hors du référentiel)</span>
                  </>
                )}
              </td>
              {kind === 'depute' ? (
                <td>
                  <GroupBadge abbreviation={r.abbreviation} label={r.label} color={r.color} />
                </td>
              ) : null}
              <td class="num">
                {percent(r.agreements, r.common)}
                {r.significant ? null : <span class="muted"> (non significatif)</span>}
              </td>
              <td class="num">
                {r.agreements} sur {r.common}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Results({
  result,
  answers,
  answered,
  answersQuery,
}: Pick<VoteCommeMoiView, 'answers' | 'answered' | 'answersQuery'> & {
  result: NonNullable<VoteCommeMoiView['result']>;
}) {
  const { groups, deputies, deputiesTotal } = result;
  return (
    <section id="resultats" aria-labelledby="resultat-titre">
      <h2 id="resultat-titre">Qui vote comme vous ?</h2>
      <p class="count" id="compte">
        {count(answers.size, 'réponse')}
      </p>
      <details>
        <summary>Vos réponses</summary>
        <ul>
          {answered.map((s) => (
            <li>
              <a href={`/scrutins/${s.number}`}>n° {s.number}</a> ({s.date}) {s.title} :{' '}
              <strong>{POSITION_LABELS[answers.get(s.number)!]}</strong>
            </li>
          ))}
        </ul>
      </details>
      <p>
        <a href={`/vote-comme-moi?${answersQuery}`} id="partage">
          Lien vers ce résultat
        </a>{' '}
        <span class="muted">
          (vos réponses sont dans l'adresse : la partager montre ce résultat)
        </span>
      </p>
      <ExportLinks path="/vote-comme-moi" query={answersQuery} />
      <p class="muted">
        Accord = scrutins où sa position est votre réponse ÷ scrutins communs (ceux de vos réponses
        où le député a voté pour, contre ou abstention, ou le groupe avait une majorité). Classement
        par accord décroissant ; ex aequo au même rang, listés par nombre de scrutins communs puis
        par nom. Avec moins de {count(MIN_SIGNIFICANT_VOTES, 'scrutin commun', 'scrutins communs')},
        un accord est <strong>non significatif</strong> : listé après les autres, sans rang (
        <a href="/methodologie#vote-comme-moi">méthode</a>).
      </p>
      {answers.size < MIN_SIGNIFICANT_VOTES ? (
        <p class="notice" id="trop-peu">
          Répondez à au moins {count(MIN_SIGNIFICANT_VOTES, 'scrutin')} pour obtenir un classement :
          avec {count(answers.size, 'réponse')}, aucun accord n'est significatif, et ceux-ci ne sont
          donnés qu'à titre indicatif.
        </p>
      ) : null}
      <RankingTable id="classement-groupes" caption="Groupes" rows={groups} kind="groupe" />
      <RankingTable
        id="classement-deputes"
        caption={`Députés (${count(deputiesTotal, 'député')} ayant voté sur au moins un de ces scrutins${deputies.length < deputiesTotal ? `, les ${deputies.length} premiers ici` : ''})`}
        rows={deputies}
        kind="depute"
      />
      {deputies.length < deputiesTotal ? (
        <p>
          <a href={`/vote-comme-moi?${answersQuery}&tous=1#classement-deputes`}>
            Voir les {count(deputiesTotal, 'député')}
          </a>{' '}
          <span class="muted">(ou téléchargez le classement complet ci-dessus)</span>
        </p>
      ) : null}
    </section>
  );
}

export function VoteCommeMoiPage(view: VoteCommeMoiView) {
  const { words, proposals, answers, unknown, error, result } = view;
  const shown = new Set(proposals.rows.map((s) => s.number));
  const pages = Math.max(1, Math.ceil(proposals.total / proposals.perPage));
  return (
    <Layout
      title="Quel député vote comme moi ?"
      section="vote-comme-moi"
      description="Donnez votre position sur des scrutins de l'Assemblée : les députés et les groupes classés selon leur accord avec vous."
    >
      <h1>Quel député vote comme moi ?</h1>
      <p>
        Dites ce que vous auriez voté sur quelques scrutins (les scrutins solennels de la
        législature sont proposés ; cherchez-en d'autres par mots de l'intitulé ou du dossier). Les
        députés et les groupes sont classés selon la part de ces scrutins où ils ont voté comme
        vous.
      </p>
      <p class="notice">
        Rien n'est enregistré : ni compte, ni cookie, ni trace de vos réponses sur ce site. Elles ne
        sont que dans l'adresse de la page, que vous pouvez garder ou partager (elle reste dans
        l'historique de votre navigateur, et un hébergeur peut journaliser les adresses demandées
        comme pour toute page).
      </p>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      {unknown.length > 0 ? (
        <p class="notice" role="status">
          Réponses ignorées, scrutins absents des données :{' '}
          {unknown.map((n) => `n° ${n}`).join(', ')}.
        </p>
      ) : null}
      <form id="questionnaire" action="/vote-comme-moi" method="get">
        <div class="filters">
          <label>
            Chercher d'autres scrutins (mots de l'intitulé ou du dossier)
            <input
              type="search"
              name="q"
              value={words}
              maxlength={200}
              placeholder="ex. retraites"
            />
          </label>
          <button type="submit">Chercher</button>
        </div>
        {[...answers]
          .filter(([n]) => !shown.has(n))
          .map(([n, p]) => (
            <input type="hidden" name={`s${n}`} value={p} />
          ))}
        <p class="count">
          {words
            ? `${count(proposals.total, 'scrutin')} pour « ${words} »`
            : `${count(proposals.total, 'scrutin solennel', 'scrutins solennels')}`}
          {pages > 1 ? ` · page ${proposals.page} sur ${pages}` : ''}
        </p>
        {proposals.rows.length === 0 ? <p>Aucun scrutin ne correspond à ces mots.</p> : null}
        {proposals.rows.map((s) => (
          <Question s={s} answer={answers.get(s.number)} />
        ))}
        {pages > 1 ? (
          <p class="pager">
            {proposals.page > 1 ? (
              <button
                type="submit"
                name="page"
                value={String(proposals.page - 1)}
                class="secondary"
              >
                ← Scrutins précédents
              </button>
            ) : null}
            {proposals.page < pages ? (
              <button
                type="submit"
                name="page"
                value={String(proposals.page + 1)}
                class="secondary"
              >
                Scrutins suivants →
              </button>
            ) : null}
          </p>
        ) : null}
        <p>
          <button type="submit" id="voir-resultat">
            Voir qui vote comme moi
          </button>
        </p>
      </form>
      {result ? <Results {...view} result={result} /> : null}
    </Layout>
  );
}
