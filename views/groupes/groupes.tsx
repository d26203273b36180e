import type { HtmlEscapedString } from 'hono/utils/html';
import type { GroupRow } from '../../db/queries/groupes.ts';
import type { Organe } from '../../db/schema/index.ts';
import type { DeputyRecord } from '../../server/records/deputes.ts';
import { ExportLinks, GroupBadge } from '../components.tsx';
import { count, frenchDate, ordinal, percent } from '../format.ts';
import { Layout } from '../layout.tsx';
import { Histogram, ShadedCell } from '../charts.tsx';
import { isSignificant, MIN_SIGNIFICANT_VOTES } from '../../domain/votes.ts';
import type {
  groupVoteFigures,
  participationOfDeputiesInOffice,
  proximityMatrix,
} from '../../db/queries/scrutins.ts';

export interface Composition {
  total: number;
  sex: { label: string; n: number }[];
  age: { label: string; n: number }[];
  family: { label: string; n: number }[];
}

/** A horizontal bar of shares, with the same figures as text for screen readers. */
function ShareTable({
  caption,
  rows,
  total,
}: {
  caption: string;
  rows: { label: string; n: number }[];
  total: number;
}) {
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Catégorie</th>
          <th scope="col" class="num">
            Députés
          </th>
          <th scope="col" class="num">
            Part
          </th>
          <th scope="col" class="opt" aria-hidden="true"></th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr>
            <td>{r.label}</td>
            <td class="num">{r.n}</td>
            <td class="num">{percent(r.n, total)}</td>
            <td class="opt" aria-hidden="true" style="width:40%">
              <div class="bar">
                <span
                  style={`width:${total ? (100 * r.n) / total : 0}%;background:var(--accent)`}
                ></span>
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

type Matrix = Awaited<ReturnType<typeof proximityMatrix>>;
type Rates = Awaited<ReturnType<typeof participationOfDeputiesInOffice>>;

/** The rates a histogram counts: those computed on enough votes to be significant. */
function significantRates(
  rows: Rates,
  rate: 'participation' | 'loyalty',
  base: 'eligible' | 'loyalty_base',
): number[] {
  return rows.flatMap((r) => {
    const value = r[rate];
    return value !== null && isSignificant(r[base]) ? [value] : [];
  });
}

/** Proximity between the groups in office, as a shaded table. */
function ProximityMatrix({ groups, matrix }: { groups: GroupRow[]; matrix: Matrix }) {
  const shown = groups.filter((g) => g.members > 0 && matrix.some((m) => m.group_a === g.uid));
  if (shown.length === 0) return null;
  const cell = new Map(matrix.map((m) => [`${m.group_a}|${m.group_b}`, m]));
  return (
    <>
      <h2>Proximité entre groupes</h2>
      <p class="muted">
        Part des scrutins où la majorité des votes des deux groupes a été la même (
        <a href="/methodologie#proximite">méthode</a>).
      </p>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Groupe</th>
              {shown.map((g) => (
                <th scope="col" class="num">
                  {g.abbreviation}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((a) => (
              <tr>
                <th scope="row">{a.abbreviation}</th>
                {shown.map((b) => {
                  if (a.uid === b.uid) return <td class="num muted">–</td>;
                  const m = cell.get(`${a.uid}|${b.uid}`);
                  return (
                    <ShadedCell
                      value={m?.proximity ?? null}
                      significant={m ? isSignificant(m.common) : true}
                      title={
                        m
                          ? `${a.abbreviation} et ${b.abbreviation} : même majorité dans ${count(m.agreements, 'scrutin')} sur ${m.common}`
                          : ''
                      }
                    />
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

export function GroupesPage({
  groups,
  matrix,
  participation,
}: {
  groups: GroupRow[];
  matrix: Matrix;
  participation: Rates;
}) {
  const active = groups.filter((g) => g.members > 0 || g.end_date === null);
  const total = active.reduce((n, g) => n + g.members, 0);
  return (
    <Layout title="Groupes politiques" section="groupes">
      <h1>Groupes politiques</h1>
      <p>
        {count(total, 'député')} en exercice, répartis en {count(active.length, 'groupe')}.
      </p>
      <ExportLinks path="/groupes" query="" />
      <div class="table-wrap">
        <table>
          <caption class="muted">
            Cohésion : indice d'accord moyen des votes du groupe ; participation des membres : votes
            de ses membres en exercice ÷ leurs scrutins de référence, cumulés (
            <a href="/methodologie#listes">méthode</a>).
          </caption>
          <thead>
            <tr>
              <th scope="col">Groupe</th>
              <th scope="col" class="num">
                Membres
              </th>
              <th scope="col" class="num opt">
                Part
              </th>
              <th scope="col" class="num">
                Femmes
              </th>
              <th scope="col" class="num">
                Cohésion
              </th>
              <th scope="col" class="num">
                Participation des membres
              </th>
            </tr>
          </thead>
          <tbody>
            {active.map((g) => (
              <tr>
                <td>
                  <GroupBadge abbreviation={g.abbreviation} label={g.label} color={g.color} />{' '}
                  {g.label}
                  {g.end_date ? (
                    <span class="muted"> (dissous le {frenchDate(g.end_date)})</span>
                  ) : null}
                </td>
                <td class="num">{g.members}</td>
                <td class="num opt">{percent(g.members, total)}</td>
                <td class="num">
                  {g.women} <span class="muted">({percent(g.women, g.members)})</span>
                </td>
                <td class="num">
                  {g.cohesion === null || g.cohesion_scrutins === null ? (
                    <span class="muted" title="aucun vote enregistré">
                      –
                    </span>
                  ) : (
                    <>
                      {percent(g.cohesion, 1)}
                      <br />
                      <small class="muted">
                        {count(g.cohesion_scrutins, 'scrutin')}
                        {isSignificant(g.cohesion_scrutins) ? null : ' · non significatif'}
                      </small>
                    </>
                  )}
                </td>
                <td class="num">
                  {g.members_participation === null ? (
                    <span class="muted" title="aucun scrutin de référence">
                      –
                    </span>
                  ) : (
                    <>
                      {percent(g.members_participation, 1)}
                      <br />
                      <small class="muted">
                        {g.members_cast.toLocaleString('fr-FR')}/
                        {g.members_eligible.toLocaleString('fr-FR')}
                        {isSignificant(g.members_eligible) ? null : ' · non significatif'}
                      </small>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ProximityMatrix groups={groups} matrix={matrix} />
      <Histogram
        values={significantRates(participation, 'participation', 'eligible')}
        caption={`Participation des députés en exercice (nombre de députés par tranche de 10 points ; taux sur au moins ${MIN_SIGNIFICANT_VOTES} scrutins)`}
      />
    </Layout>
  );
}

export function GroupePage({
  group,
  members,
  composition,
  votes,
  rates,
  map = null,
}: {
  group: Organe;
  members: DeputyRecord[];
  composition: Composition;
  votes: Awaited<ReturnType<typeof groupVoteFigures>>;
  rates: Rates;
  /** France with the group's seats in its colour. */
  map?: HtmlEscapedString | null;
}) {
  const abbreviation = group.abbreviation ?? group.uid;
  return (
    <Layout title={group.label} section="groupes">
      <h1>
        <GroupBadge abbreviation={group.abbreviation} label={group.label} color={group.color} />{' '}
        {group.label}
      </h1>
      <p>
        {count(composition.total, 'député')} en exercice
        {group.start_date ? ` · groupe constitué le ${frenchDate(group.start_date)}` : ''}
        {group.end_date ? ` · dissous le ${frenchDate(group.end_date)}` : ''}.
      </p>
      {map ? (
        <section aria-labelledby="carte-groupe">
          <h2 id="carte-groupe">Ses circonscriptions</h2>
          {map}
        </section>
      ) : null}
      <h2>Composition</h2>
      <div class="cards">
        <ShareTable caption="Par sexe" rows={composition.sex} total={composition.total} />
        <ShareTable caption="Par âge" rows={composition.age} total={composition.total} />
      </div>
      <ShareTable
        caption="Par famille socioprofessionnelle (INSEE)"
        rows={composition.family}
        total={composition.total}
      />
      <h2>Votes</h2>
      {votes.stats ? (
        <p>
          <strong>
            Cohésion : {votes.stats.cohesion === null ? '–' : percent(votes.stats.cohesion, 1)}
          </strong>{' '}
          <span class="muted">
            (indice d'accord moyen sur {count(votes.stats.scrutins, 'scrutin')},{' '}
            <a href="/methodologie#cohesion">méthode</a>)
          </span>
        </p>
      ) : (
        <p class="muted">Aucun vote enregistré pour ce groupe.</p>
      )}
      <Histogram
        values={significantRates(rates, 'loyalty', 'loyalty_base')}
        caption={`Loyauté des membres envers le groupe (nombre de députés par tranche de 10 points ; taux sur au moins ${MIN_SIGNIFICANT_VOTES} votes)`}
      />
      <Histogram
        values={significantRates(rates, 'participation', 'eligible')}
        caption={`Participation des membres (nombre de députés par tranche de 10 points ; taux sur au moins ${MIN_SIGNIFICANT_VOTES} scrutins)`}
      />
      {votes.proximity.length > 0 ? (
        <div class="table-wrap">
          <table>
            <caption>Proximité avec les autres groupes</caption>
            <thead>
              <tr>
                <th scope="col">Groupe</th>
                <th scope="col" class="num">
                  Même majorité
                </th>
                <th scope="col" class="num">
                  Scrutins comparés
                </th>
              </tr>
            </thead>
            <tbody>
              {votes.proximity.map((p) => (
                <tr>
                  <td>
                    <GroupBadge abbreviation={p.abbreviation} label={p.label} color={p.color} />{' '}
                    {p.label}
                  </td>
                  <ShadedCell
                    value={p.proximity}
                    significant={isSignificant(p.common)}
                    title={`${count(p.agreements, 'scrutin')} sur ${p.common}`}
                  />
                  <td class="num">
                    <a
                      href={`/comparer?a=${group.uid}&b=${p.group_b}`}
                      title={`Comparer ${abbreviation} et ${p.abbreviation ?? p.group_b} scrutin par scrutin`}
                    >
                      {p.common}
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}

      <h2>Membres</h2>
      <ExportLinks path={`/groupes/${encodeURIComponent(abbreviation)}`} query="" />
      <p>
        <a href={`/deputes?groupe=${encodeURIComponent(abbreviation)}`}>
          Filtrer ces députés (profession, département, âge…)
        </a>
      </p>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Nom</th>
              <th scope="col">Circonscription</th>
              <th scope="col" class="opt">
                Profession
              </th>
            </tr>
          </thead>
          <tbody>
            {members.map((d) => (
              <tr>
                <td>
                  <a href={`/deputes/${d.uid}`}>
                    {d.prenom} {d.nom}
                  </a>
                </td>
                <td>
                  {d.departement_nom ?? ''}
                  {d.circonscription ? ` (${ordinal(d.circonscription)})` : ''}
                </td>
                <td class="opt">{d.profession ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}
