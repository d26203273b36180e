import type { DeputyFilter } from '../../db/queries/deputes.ts';
import type { DeputyDeclarations } from '../../db/queries/declarations.ts';
import { SECTIONS } from '../../domain/hatvp-sections.ts';
import { declarationLinks, sectionLabel } from '../../server/records/declarations.ts';
import {
  ItemSections,
  VersionList,
  declarationTitle,
  euros,
} from '../declarations/declaration-parts.tsx';

/** The deputy page's section on HATVP declarations: latest declaration, history, links. */
export function DeputeDeclarations({
  uid,
  data,
}: {
  uid: string;
  data: DeputyDeclarations | null;
}) {
  if (!data) {
    return (
      <>
        <h2>Déclarations à la HATVP</h2>
        <p class="muted">
          Aucune déclaration de ce député dans l'index de la HATVP tel qu'il a été collecté (voir
          les <a href="/declarations/non-liees">déclarants non reliés</a>).
        </p>
      </>
    );
  }
  const { interest, history, items } = data;
  const current = history.find((d) => d.id === interest.current_id) ?? null;
  const links = current ? declarationLinks(current) : null;
  const latest = history[0] ?? null;
  return (
    <>
      <h2>Déclarations à la HATVP</h2>
      {current && links ? (
        <>
          <p>
            Déclaration en vigueur : <a href={links.page}>{declarationTitle(current)}</a>
            {links.pdf ? (
              <>
                {' · '}
                <a href={links.pdf}>PDF</a>
              </>
            ) : null}
            {links.hatvp ? (
              <>
                {' · '}
                <a href={links.hatvp}>page HATVP</a>
              </>
            ) : null}
          </p>
          {interest.update_pending ? (
            <p class="notice" role="status">
              Une version plus récente existe mais n'a pas encore pu être lue (fichier non publié ou
              absent) ; le résumé ci-dessous porte sur la dernière version lisible.
            </p>
          ) : null}
          <ul class="summary">
            {SECTIONS.map((s) => (
              <li>
                {sectionLabel(s)} : <strong>{interest[s] === 0 ? 'néant' : interest[s]}</strong>
                {s === 'participation' && interest.participation_value !== null
                  ? ` (valeur déclarée totale ${euros(interest.participation_value)})`
                  : ''}
              </li>
            ))}
          </ul>
          <details>
            <summary>Détail des éléments déclarés</summary>
            <ItemSections items={items} />
          </details>
        </>
      ) : (
        <p class="muted">
          Aucune déclaration d'intérêts lisible pour l'instant
          {latest ? (
            <>
              {' '}
              (dernière déclaration :{' '}
              <a href={declarationLinks(latest).page}>{declarationTitle(latest)}</a>)
            </>
          ) : null}
          .
        </p>
      )}
      <h3>Historique des déclarations</h3>
      <VersionList rows={history} />
      <p class="exports">
        Télécharger ses éléments déclarés :{' '}
        <a href={`/declarations/items.csv?depute=${uid}&versions=toutes`}>CSV</a> ·{' '}
        <a href={`/declarations/items.json?depute=${uid}&versions=toutes`}>JSON</a> · ses
        déclarations : <a href={`/declarations.csv?depute=${uid}&versions=toutes`}>CSV</a>
      </p>
    </>
  );
}

/** Filters of the deputies list on what their current HATVP declaration holds. */
export function DeclaredFilters({ filter }: { filter: DeputyFilter }) {
  const choice = (name: string, label: string, value: 'oui' | 'non' | null) => (
    <label>
      {label}
      <select name={name}>
        <option value="">Indifférent</option>
        <option value="oui" selected={value === 'oui'}>
          Oui
        </option>
        <option value="non" selected={value === 'non'}>
          Non
        </option>
      </select>
    </label>
  );
  return (
    <>
      {choice('participations', 'Participations financières déclarées', filter.participations)}
      {choice('conseil', 'Activité de conseil déclarée', filter.consulting)}
      <label class="check">
        <input
          type="checkbox"
          name="profession_hatvp"
          value="oui"
          checked={filter.professionDeclared}
        />{' '}
        Profession : chercher aussi dans les activités déclarées à la HATVP
      </label>
    </>
  );
}
