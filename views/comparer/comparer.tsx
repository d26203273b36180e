import type { ComparisonRow, Subject, SubjectChoices } from '../../db/queries/comparer.ts';
import { MIN_SIGNIFICANT_VOTES, isSignificant } from '../../domain/votes.ts';
import { subjectName, type ComparisonSummary } from '../../server/records/comparer.ts';
import { POSITION_LABELS, TYPE_LABELS } from '../../server/records/scrutins.ts';
import { ExportLinks, GroupBadge, Pager, withParams } from '../components.tsx';
import { count, percent } from '../format.ts';
import { Layout } from '../layout.tsx';

export interface ComparisonResult {
  a: Subject;
  b: Subject;
  summary: ComparisonSummary;
  disagreementsOnly: boolean;
  /** Rows of the list in all (disagreements, or every common scrutin). */
  total: number;
  rows: ComparisonRow[];
  page: number;
  perPage: number;
  /** Canonical query string (a, b, voir, per_page), for links and exports. */
  query: string;
}

export interface ComparerView {
  /** What the visitor typed, shown back in the form. */
  a: string | null;
  b: string | null;
  choices: SubjectChoices;
  error: string | null;
  result: ComparisonResult | null;
}

/** A deputy or group as a link to its page, with its group badge and status. */
export function SubjectLabel({ s }: { s: Subject }) {
  if (s.kind === 'groupe')
    return (
      <>
        <GroupBadge abbreviation={s.abbreviation} label={s.label} color={s.color} />{' '}
        {subjectName(s)}
        {s.inReferential && !s.inOffice ? <span class="muted"> (groupe dissous)</span> : null}
      </>
    );
  if (!s.inReferential)
    return (
      <>
        {s.uid} <span class="muted">(ancien député, hors du référentiel)</span>
      </>
    );
  return (
    <>
      <a href={`/deputes/${s.uid}`}>{s.name}</a>{' '}
      <GroupBadge abbreviation={s.abbreviation} label={s.label} color={s.color} />
      {s.inOffice ? null : <span class="muted"> (ancien député)</span>}
    </>
  );
}

/** The short name of a side, for table headers. */
const shortName = (s: Subject) =>
  s.kind === 'groupe' ? (s.abbreviation ?? s.uid) : (s.name ?? s.uid);

/** The two-field GET form, with the deputies in office and the groups as suggestions. */
export function CompareForm({
  a,
  b,
  choices,
}: {
  a: string | null;
  b: string | null;
  choices: SubjectChoices;
}) {
  return (
    <form class="filters" id="comparer" action="/comparer" method="get">
      <label>
        Premier député ou groupe (identifiant PA… ou PO…)
        <input name="a" list="choix" value={a ?? ''} maxlength={20} autocomplete="off" />
      </label>
      <label>
        Second député ou groupe
        <input name="b" list="choix" value={b ?? ''} maxlength={20} autocomplete="off" />
      </label>
      <button type="submit">Comparer</button>
      <datalist id="choix">
        {choices.groups.map((g) => (
          <option value={g.uid}>{`Groupe ${g.label} (${g.abbreviation ?? g.uid})`}</option>
        ))}
        {choices.deputies.map((d) => (
          <option value={d.uid}>
            {`${d.first_name} ${d.last_name}${d.group_abbreviation ? ` (${d.group_abbreviation})` : ''}`}
          </option>
        ))}
      </datalist>
    </form>
  );
}

function ComparisonResults({ result }: { result: ComparisonResult }) {
  const { a, b, summary, rows, total, page, perPage, query, disagreementsOnly } = result;
  const pages = Math.max(1, Math.ceil(total / perPage));
  const disagreements = summary.common - summary.agreements;
  return (
    <section id="resultats" aria-labelledby="resultat-titre">
      <h2 id="resultat-titre">
        <SubjectLabel s={a} /> et <SubjectLabel s={b} />
      </h2>
      <p class="count" id="compte">
        Même position dans {count(summary.agreements, 'scrutin')} sur{' '}
        {count(summary.common, 'scrutin commun', 'scrutins communs')}
      </p>
      <p id="taux">
        {summary.common === 0 ? (
          <>Aucun scrutin commun : pas de taux d'accord.</>
        ) : (
          <>
            Taux d'accord : <strong>{percent(summary.agreements, summary.common)}</strong>
            {isSignificant(summary.common) ? null : (
              <strong>
                {' '}
                (non significatif : moins de {MIN_SIGNIFICANT_VOTES} scrutins communs)
              </strong>
            )}
          </>
        )}{' '}
        <span class="muted">
          (scrutins où les deux ont pris la même position ÷ scrutins communs ;{' '}
          <a href="/methodologie#comparer">méthode</a>)
        </span>
      </p>
      <p>
        {disagreementsOnly ? (
          <>
            <strong>{count(disagreements, 'désaccord')}</strong> ·{' '}
            <a href={`/comparer?${withParams(query, { voir: 'tous', page: null })}`}>
              voir tous les scrutins communs
            </a>
          </>
        ) : (
          <>
            <strong>{count(summary.common, 'scrutin commun', 'scrutins communs')}</strong> ·{' '}
            <a href={`/comparer?${withParams(query, { voir: null, page: null })}`}>
              voir seulement les désaccords
            </a>
          </>
        )}
      </p>
      <ExportLinks path="/comparer" query={query} />
      {rows.length === 0 ? (
        <p>{disagreementsOnly ? 'Aucun désaccord.' : 'Aucun scrutin commun.'}</p>
      ) : (
        <div class="table-wrap">
          <table id="desaccords">
            <caption class="muted">
              {disagreementsOnly ? 'Désaccords' : 'Scrutins communs'}, du plus récent au plus ancien
              · page {page} sur {pages}
            </caption>
            <thead>
              <tr>
                <th scope="col">Scrutin</th>
                <th scope="col">Objet</th>
                <th scope="col">{shortName(a)}</th>
                <th scope="col">{shortName(b)}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr class={r.position_a === r.position_b ? undefined : 'rebel'}>
                  <td>
                    <a href={`/scrutins/${r.number}`}>n° {r.number}</a>
                    <br />
                    <span class="muted">{r.date}</span>
                  </td>
                  <td>
                    {r.type_code !== 'SPO' ? (
                      <strong>{TYPE_LABELS[r.type_code] ?? r.type_code} : </strong>
                    ) : null}
                    {r.title} <span class="muted">({r.result_code})</span>
                  </td>
                  <td>{POSITION_LABELS[r.position_a] ?? r.position_a}</td>
                  <td>{POSITION_LABELS[r.position_b] ?? r.position_b}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager path="/comparer" query={query} page={page} pages={pages} htmx={false} />
    </section>
  );
}

export function ComparerPage({ a, b, choices, error, result }: ComparerView) {
  return (
    <Layout
      title={result ? `Comparer ${shortName(result.a)} et ${shortName(result.b)}` : 'Comparer'}
      section="comparer"
      description="Sur combien de scrutins deux députés, un député et un groupe, ou deux groupes ont voté de même, et la liste de leurs désaccords."
    >
      <h1>Comparer les votes</h1>
      <p>
        Deux députés, un député et un groupe, ou deux groupes : sur combien de scrutins communs
        ont-ils pris la même position, et lesquels les séparent ? Vous pouvez aussi comparer vos
        propres positions : <a href="/vote-comme-moi">Quel député vote comme moi ?</a>
      </p>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      <CompareForm a={a} b={b} choices={choices} />
      {result ? <ComparisonResults result={result} /> : null}
    </Layout>
  );
}

/** Links of a deputy's page: compared with their current group, and the visitor's quiz. */
export function CompareLinks({ uid, groupUid }: { uid: string; groupUid: string | null }) {
  return (
    <p>
      {groupUid ? (
        <>
          <a href={`/comparer?a=${uid}&b=${groupUid}`}>
            Comparer ses votes avec ceux de son groupe
          </a>{' '}
          (ou avec un autre député ou groupe) ·{' '}
        </>
      ) : null}
      <a href="/vote-comme-moi">Quel député vote comme moi ?</a>
    </p>
  );
}
