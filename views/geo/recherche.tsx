import type { Candidate, DeputyBrief, SearchResult } from '../../db/queries/geo.ts';
import { ABROAD_ZONES, circoLabel, circoPath, singleAnswer } from '../../server/records/geo.ts';
import { ExportLinks, GroupBadge } from '../components.tsx';
import { Layout } from '../layout.tsx';
import { km } from '../format.ts';

/**
 * The single search box: a plain GET form to /recherche; with htmx, suggestions replace
 * #suggestions as the user types.
 */
export function SearchBox({ q }: { q: string }) {
  return (
    <>
      <form class="search" action="/recherche" method="get" role="search">
        <label>
          Code postal, commune, département, pays ou nom d’un député
          <input
            type="search"
            name="q"
            value={q}
            placeholder="ex. 33000, Saint-Émilion, Gironde, Belgique, Dupont"
            maxlength={200}
            autocomplete="off"
            required
            hx-get="/recherche"
            hx-trigger="input changed delay:250ms, search"
            hx-target="#suggestions"
            hx-swap="outerHTML"
            hx-sync="this:replace"
          />
        </label>
        <button type="submit">Trouver</button>
        {/* Shown by /static/locate.js when the browser offers geolocation. */}
        <button type="button" class="locate" data-locate="" hidden>
          Me localiser
        </button>
        <p class="locate-status" role="status" data-locate-status=""></p>
      </form>
      <script src="/static/locate.js" defer></script>
    </>
  );
}

export function DeputyLink({ deputy }: { deputy: DeputyBrief }) {
  return (
    <>
      <a href={`/deputes/${deputy.uid}`}>
        {deputy.first_name} {deputy.last_name}
      </a>{' '}
      <GroupBadge
        abbreviation={deputy.group_abbreviation}
        label={deputy.group_label}
        color={deputy.group_color}
      />
    </>
  );
}

function Part({ candidate }: { candidate: Candidate }) {
  if (candidate.whole === null) return <span class="muted">–</span>;
  if (candidate.place?.basis === 'regards_citoyens')
    return candidate.whole ? <>tout ce code postal</> : <>une partie de ce code postal</>;
  if (candidate.whole)
    return (
      <>
        {candidate.place?.kind === 'arrondissement' ? 'tout l’arrondissement' : 'toute la commune'}
      </>
    );
  if (candidate.place?.basis === 'ville') return <>une partie de la ville</>;
  if (candidate.place?.basis === 'departement') return <>une des circonscriptions du territoire</>;
  return <>une partie de la commune</>;
}

function Place({ candidate }: { candidate: Candidate }) {
  const place = candidate.place;
  if (candidate.position) {
    return candidate.position.inside ? (
      <>Votre position : dans ce contour, à {km(candidate.position.distance_km)} de sa limite</>
    ) : (
      <>Votre position : à {km(candidate.position.distance_km)} de ce contour</>
    );
  }
  if (candidate.abroad) {
    const { city, country } = candidate.abroad;
    return <>{city ? `${city} (${country})` : country}</>;
  }
  if (candidate.match === 'departement' && candidate.circo) {
    return (
      <>
        {candidate.circo.departement_name}{' '}
        <span class="muted">({candidate.circo.departement_code})</span>
      </>
    );
  }
  if (candidate.former) {
    return (
      <>
        ancien{candidate.former.sex === 'F' ? 'ne députée' : ' député'} :{' '}
        <a href={`/deputes/${candidate.former.uid}`}>
          {candidate.former.first_name} {candidate.former.last_name}
        </a>
      </>
    );
  }
  if (!place) {
    if (candidate.match === 'etranger' && candidate.circo)
      return <>{ABROAD_ZONES[candidate.circo.number] ?? '–'}</>;
    return <span class="muted">{candidate.match === 'depute' ? 'nom du député' : '–'}</span>;
  }
  return (
    <>
      {place.name}
      {place.departement_code ? <span class="muted"> ({place.departement_code})</span> : null}
      {candidate.match === 'code_postal' && place.localities ? (
        <span class="muted"> – {place.localities}</span>
      ) : null}
      {candidate.match !== 'code_postal' && place.postcode ? (
        <span class="muted opt">
          {' '}
          – {place.postcode.split(' ').slice(0, 4).join(', ')}
          {place.postcode.split(' ').length > 4 ? '…' : ''}
        </span>
      ) : null}
    </>
  );
}

/** The answers to a search and why there are several: what htmx swaps while typing. */
export function SearchResults({ result, reason }: { result: SearchResult; reason: string | null }) {
  if (result.kind === 'vide') return <div id="suggestions" aria-live="polite"></div>;
  const single = singleAnswer(result);
  const first = result.candidates[0];
  const suggested = first?.former?.uid ?? first?.circo?.deputies[0]?.uid;
  return (
    <div id="suggestions" aria-live="polite">
      {single ? (
        <p class="answer">
          {single.deputies[0] ? (
            <>
              Votre député{single.deputies[0].sex === 'F' ? 'e' : ''} :{' '}
              <DeputyLink deputy={single.deputies[0]} />,{' '}
            </>
          ) : (
            <>Siège vacant, </>
          )}
          <a href={circoPath(single)}>{circoLabel(single)}</a>.
        </p>
      ) : null}
      {result.suggestion && suggested ? (
        <p class="suggestion">
          Vouliez-vous dire : <a href={`/deputes/${suggested}`}>{result.suggestion}</a> ?
        </p>
      ) : null}
      {reason ? <p class="reason">{reason}</p> : null}
      {result.departement ? (
        <p>
          <a href={`/departements/${result.departement.code}`}>
            Le département : {result.departement.name} ({result.departement.code})
          </a>
        </p>
      ) : null}
      {result.postcodePrefix ? (
        <p>
          Codes postaux commençant par {result.postcodePrefix.prefix} :{' '}
          {result.postcodePrefix.postcodes.map((p, i) => (
            <>
              {i > 0 ? ', ' : ''}
              <a href={`/recherche?${new URLSearchParams({ q: p })}`}>{p}</a>
            </>
          ))}
          {result.postcodePrefix.count > result.postcodePrefix.postcodes.length
            ? ` … (${result.postcodePrefix.count.toLocaleString('fr-FR')} au total)`
            : ''}
        </p>
      ) : null}
      {result.candidates.length > 0 ? (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Lieu</th>
                <th scope="col">Circonscription</th>
                <th scope="col">Député</th>
                <th scope="col" class="opt">
                  Partie
                </th>
              </tr>
            </thead>
            <tbody>
              {result.candidates.map((c) => (
                <tr>
                  <td>
                    <Place candidate={c} />
                  </td>
                  <td>
                    {c.circo ? (
                      <a href={circoPath(c.circo)}>{circoLabel(c.circo)}</a>
                    ) : (
                      <span class="muted">aucune connue</span>
                    )}
                  </td>
                  <td>
                    {c.circo?.deputies[0] ? (
                      <DeputyLink deputy={c.circo.deputies[0]} />
                    ) : c.circo ? (
                      <span class="muted">siège vacant</span>
                    ) : (
                      <span class="muted">–</span>
                    )}
                  </td>
                  <td class="opt">
                    <Part candidate={c} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {result.candidates.some((c) => c.place && c.place.departement_code === null) ? (
        <p>
          <a href="/circonscriptions?departement=099">
            Les circonscriptions des Français établis hors de France
          </a>
        </p>
      ) : null}
      {result.kind === 'position' && result.candidates.length === 0 ? (
        <p>
          Vous résidez hors de France ?{' '}
          <a href="/circonscriptions?departement=099">
            Les circonscriptions des Français établis hors de France
          </a>
          , ou cherchez votre pays : <a href="/recherche?q=Belgique">Belgique</a>,{' '}
          <a href="/recherche?q=Canada">Canada</a>…
        </p>
      ) : null}
      {result.kind === 'nom' ? (
        <p class="muted">
          <a href={`/deputes?${new URLSearchParams({ nom: result.query, en_exercice: 'tous' })}`}>
            Chercher « {result.query} » parmi tous les députés, anciens compris
          </a>
        </p>
      ) : null}
    </div>
  );
}

/** `/recherche`: the search box and its answers (when the answer is not a single deputy). */
export function RecherchePage({
  result,
  reason,
  query,
}: {
  result: SearchResult;
  reason: string | null;
  /** The canonical query string of the search, for the export links. */
  query: string;
}) {
  const position = result.kind === 'position';
  return (
    <Layout
      title={
        position
          ? 'Recherche par position'
          : result.query
            ? `Recherche : ${result.query}`
            : 'Trouver son député'
      }
      section="circonscriptions"
      description="Trouver son député par code postal, commune ou nom"
    >
      <h1>Trouver son député</h1>
      <SearchBox q={position ? '' : result.query} />
      <SearchResults result={result} reason={reason} />
      {result.kind !== 'vide' && result.candidates.length > 0 && query ? (
        <ExportLinks path="/recherche" query={query} />
      ) : null}
      <p class="muted">
        Sources : table des circonscriptions de l’INSEE, base des codes postaux de La Poste, table
        des codes postaux de Paris, Lyon et Marseille par circonscription de Regards Citoyens
        (NosDéputés), contours des circonscriptions (data.gouv.fr), référentiel des députés de
        l’Assemblée nationale. <a href="/circonscriptions">Toutes les circonscriptions</a>.
      </p>
    </Layout>
  );
}
