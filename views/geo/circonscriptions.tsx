import type { HtmlEscapedString } from 'hono/utils/html';
import type { Circonscription, CirconscriptionDetail } from '../../db/queries/geo.ts';
import { ABROAD } from '../../db/queries/geo.ts';
import { ABROAD_ZONES, circoLabel, circoPath } from '../../server/records/geo.ts';
import { ExportLinks } from '../components.tsx';
import { count, frenchDate } from '../format.ts';
import { Layout } from '../layout.tsx';
import { DeputyLink } from './recherche.tsx';

function Seat({ circo }: { circo: Circonscription }) {
  const deputy = circo.deputies[0];
  if (!deputy) return <span class="muted">siège vacant</span>;
  return <DeputyLink deputy={deputy} />;
}

/** `/circonscriptions`: every circonscription with its deputy in office, or vacant. */
export function CirconscriptionsPage({
  circos,
  departement,
  query,
  map = null,
}: {
  circos: Circonscription[];
  departement: string | null;
  query: string;
  /** The map of the list: France, or the département asked for. */
  map?: HtmlEscapedString | null;
}) {
  const vacant = circos.filter((c) => c.deputies.length === 0);
  return (
    <Layout
      title="Circonscriptions"
      section="circonscriptions"
      description="Les circonscriptions législatives et leurs députés"
    >
      <h1>Circonscriptions{departement ? ` (${departement})` : ''}</h1>
      <p class="count">
        {count(circos.length, 'circonscription')}, dont{' '}
        {count(vacant.length, 'siège vacant', 'sièges vacants')}
      </p>
      <p>
        <a href="/recherche">Trouver son député par code postal ou commune</a>
      </p>
      <p>
        {departement ? (
          <a href={`/departements/${encodeURIComponent(departement)}`}>La page du département</a>
        ) : (
          <a href="/departements">Les circonscriptions par département</a>
        )}
      </p>
      {map}
      <ExportLinks path="/circonscriptions" query={query} />
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Circonscription</th>
              <th scope="col">Député</th>
              <th scope="col" class="num opt">
                Communes
              </th>
              <th scope="col" class="num opt">
                Codes postaux
              </th>
            </tr>
          </thead>
          <tbody>
            {circos.map((c) => (
              <tr>
                <td>
                  <a href={circoPath(c)}>{circoLabel(c)}</a>
                  {c.departement_code === ABROAD ? (
                    <span class="muted"> – {ABROAD_ZONES[c.number] ?? ''}</span>
                  ) : null}
                </td>
                <td>
                  <Seat circo={c} />
                </td>
                <td class="num opt">{c.communes ?? '–'}</td>
                <td class="num opt">{c.postcodes ?? '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}

/** `/circonscriptions/<dep>-<n>`: deputy, communes and postcodes. */
export function CirconscriptionPage({
  detail,
  siblings,
  locator = null,
}: {
  detail: CirconscriptionDetail;
  /** The map locating it in its département, when it has a contour. */
  locator?: HtmlEscapedString | null;
  /** The other circonscriptions of the département (all eleven abroad). */
  siblings: Circonscription[];
}) {
  const { circo, communes, postcodes, departementCommunes, formerDeputy } = detail;
  const deputy = circo.deputies[0];
  const abroad = circo.departement_code === ABROAD;
  const byPostcode = new Map<string, { names: string[]; whole: boolean }>();
  for (const p of postcodes) {
    const entry = byPostcode.get(p.postcode) ?? { names: [], whole: true };
    if (!entry.names.includes(p.name)) entry.names.push(p.name);
    entry.whole &&= p.whole === 1;
    byPostcode.set(p.postcode, entry);
  }
  return (
    <Layout
      title={circoLabel(circo)}
      section="circonscriptions"
      description={`Député, communes et codes postaux : ${circoLabel(circo)}`}
    >
      <h1>{circoLabel(circo)}</h1>
      {deputy ? (
        <p class="answer">
          Député{deputy.sex === 'F' ? 'e' : ''} en exercice : <DeputyLink deputy={deputy} />
        </p>
      ) : (
        <p class="notice" role="status">
          Siège vacant : aucun député en exercice n’est élu dans cette circonscription.
          {formerDeputy ? (
            <>
              {' '}
              Dernier élu :{' '}
              <a href={`/deputes/${formerDeputy.uid}`}>
                {formerDeputy.first_name} {formerDeputy.last_name}
              </a>
              {formerDeputy.mandate_end
                ? `, mandat terminé le ${frenchDate(formerDeputy.mandate_end)}`
                : ''}
              .
            </>
          ) : null}
        </p>
      )}
      {circo.deputies.length > 1 ? (
        <p class="error" role="alert">
          Les données de l’Assemblée nationale indiquent {circo.deputies.length} députés en exercice
          pour cette circonscription.
        </p>
      ) : null}
      <p>
        <a href={`${circoPath(circo)}.json`}>Données (JSON)</a> ·{' '}
        <a href={`/departements/${encodeURIComponent(circo.departement_code)}`}>
          Le département : ses circonscriptions et sa carte
        </a>
      </p>
      {locator}

      {abroad ? (
        <>
          <p>
            Cette circonscription élit le député des Français établis hors de France qui résident
            dans la zone : <strong>{ABROAD_ZONES[circo.number] ?? 'non précisée'}</strong>. Elle n’a
            ni commune ni code postal.
          </p>
          <h2>Les {siblings.length} circonscriptions des Français établis hors de France</h2>
          <ol>
            {siblings.map((s) => (
              <li value={s.number}>
                {s.number === circo.number ? (
                  <strong>{ABROAD_ZONES[s.number] ?? circoLabel(s)}</strong>
                ) : (
                  <a href={circoPath(s)}>{ABROAD_ZONES[s.number] ?? circoLabel(s)}</a>
                )}{' '}
                – <Seat circo={s} />
              </li>
            ))}
          </ol>
        </>
      ) : null}

      {!abroad ? <h2>Communes</h2> : null}
      {communes.length > 0 ? (
        <>
          <p>
            {count(communes.length, 'commune')}, dont{' '}
            {count(communes.filter((c) => c.whole === 1).length, 'entière', 'entières')} ; les
            autres sont partagées avec d’autres circonscriptions (la table de l’INSEE ne dit pas
            quelle partie).
          </p>
          <ul class="columns">
            {communes.map((c) => (
              <li>
                {c.name} <span class="muted">({c.code})</span>
                {c.whole === 1 ? null : <em> – en partie</em>}
              </li>
            ))}
          </ul>
        </>
      ) : !abroad && departementCommunes.length > 0 ? (
        <>
          <p>
            La table de l’INSEE ne décrit pas ce territoire commune par commune.{' '}
            {siblings.length === 1
              ? 'Il forme une seule circonscription, qui comprend les communes suivantes (La Poste) :'
              : `Il compte ${siblings.length} circonscriptions ; ses communes (La Poste) relèvent de l’une d’elles :`}
          </p>
          <ul class="columns">
            {departementCommunes.map((c) => (
              <li>
                {c.name} <span class="muted">({c.postcodes.split(' ').join(', ')})</span>
              </li>
            ))}
          </ul>
        </>
      ) : !abroad ? (
        <p class="muted">Aucune commune connue pour cette circonscription.</p>
      ) : null}

      {byPostcode.size > 0 ? (
        <>
          <h2>Codes postaux</h2>
          <p>
            {count(byPostcode.size, 'code postal', 'codes postaux')} desservent ces communes ; un
            code marqué « en partie » dessert une commune partagée entre plusieurs circonscriptions.
          </p>
          <ul class="columns">
            {[...byPostcode.entries()].map(([postcode, e]) => (
              <li>
                <a href={`/recherche?q=${postcode}`}>{postcode}</a>{' '}
                <span class="muted">{e.names.join(', ')}</span>
                {e.whole ? null : <em> – en partie</em>}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {!abroad && siblings.length > 1 ? (
        <>
          <h2>Autres circonscriptions du département</h2>
          <ul class="columns">
            {siblings
              .filter((s) => s.number !== circo.number)
              .map((s) => (
                <li>
                  <a href={circoPath(s)}>{circoLabel(s)}</a> – <Seat circo={s} />
                </li>
              ))}
          </ul>
        </>
      ) : null}
    </Layout>
  );
}
