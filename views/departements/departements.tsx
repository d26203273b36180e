import type { HtmlEscapedString } from 'hono/utils/html';
import type { Departement } from '../../db/queries/departements.ts';
import { ABROAD, type Circonscription } from '../../db/queries/geo.ts';
import { departementPath } from '../../server/records/departements.ts';
import { ABROAD_ZONES, circoLabel, circoPath } from '../../server/records/geo.ts';
import { ExportLinks } from '../components.tsx';
import { count } from '../format.ts';
import { Layout } from '../layout.tsx';
import { DeputyLink } from '../geo/recherche.tsx';

/** `/departements`: every département with its circonscriptions. */
export function DepartementsPage({ departements }: { departements: Departement[] }) {
  return (
    <Layout
      title="Départements"
      section="circonscriptions"
      description="Les départements, leurs circonscriptions et leurs députés"
    >
      <h1>Départements</h1>
      <p class="count">
        {count(departements.length, 'département ou collectivité', 'départements et collectivités')}
        ,{' '}
        {count(
          departements.reduce((n, d) => n + d.circonscriptions, 0),
          'circonscription',
        )}
      </p>
      <ExportLinks path="/departements" query="" />
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Département</th>
              <th scope="col" class="num">
                Circonscriptions
              </th>
              <th scope="col" class="num opt">
                Sièges vacants
              </th>
              <th scope="col" class="num opt">
                Communes
              </th>
            </tr>
          </thead>
          <tbody>
            {departements.map((d) => (
              <tr>
                <td>
                  <a href={departementPath(d.code)}>
                    {d.name} ({d.code})
                  </a>
                </td>
                <td class="num">{d.circonscriptions}</td>
                <td class="num opt">{d.vacant}</td>
                <td class="num opt">{d.communes ?? '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}

/** `/departements/<code>`: its map, its circonscriptions and their deputies. */
export function DepartementPage({
  departement,
  circos,
  map,
}: {
  departement: Departement;
  circos: Circonscription[];
  map: HtmlEscapedString | null;
}) {
  const abroad = departement.code === ABROAD;
  const path = departementPath(departement.code);
  return (
    <Layout
      title={departement.name}
      section="circonscriptions"
      description={`Circonscriptions et députés : ${departement.name}`}
    >
      <h1>
        {departement.name} <span class="muted">({departement.code})</span>
      </h1>
      <p class="count">
        {count(departement.circonscriptions, 'circonscription')}
        {departement.vacant > 0
          ? `, dont ${count(departement.vacant, 'siège vacant', 'sièges vacants')}`
          : ''}
        {departement.communes !== null ? ` · ${count(departement.communes, 'commune')}` : ''}
      </p>
      {abroad ? (
        <p>
          Les Français établis hors de France élisent 11 députés, chacun pour une zone du monde ;
          ces circonscriptions n’ont ni commune ni contour sur la carte.
        </p>
      ) : null}
      <p>
        <a href="/departements">Tous les départements</a> ·{' '}
        <a href="/circonscriptions">Toutes les circonscriptions</a>
      </p>
      <div class="departement">
        {map}
        <div>
          <ExportLinks path={path} query="" />
          <div class="table-wrap">
            <table>
              <caption>Circonscriptions et députés en exercice</caption>
              <thead>
                <tr>
                  <th scope="col">Circonscription</th>
                  <th scope="col">Député</th>
                  <th scope="col" class="num opt">
                    Communes
                  </th>
                </tr>
              </thead>
              <tbody>
                {circos.map((c) => (
                  <tr>
                    <td>
                      <a href={circoPath(c)}>{circoLabel(c)}</a>
                      {abroad ? <span class="muted"> – {ABROAD_ZONES[c.number] ?? ''}</span> : null}
                    </td>
                    <td>
                      {c.deputies[0] ? (
                        <DeputyLink deputy={c.deputies[0]} />
                      ) : (
                        <span class="muted">siège vacant</span>
                      )}
                    </td>
                    <td class="num opt">{c.communes ?? '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      </div>
    </Layout>
  );
}
