import type { DeclarationDetail } from '../../db/queries/declarations.ts';
import {
  MANDATE_TYPES,
  XML_STATUSES,
  declarationLinks,
} from '../../server/records/declarations.ts';
import { GroupBadge } from '../components.tsx';
import { ItemSections, VersionList, declarationTitle } from './declaration-parts.tsx';
import { frenchDate } from '../format.ts';
import { Layout } from '../layout.tsx';

/** One declaration: who, what type, its state, its items by section, its other versions. */
export function DeclarationPage({ detail }: { detail: DeclarationDetail }) {
  const { declaration: d, items, problems, history } = detail;
  const links = declarationLinks(d);
  const name = `${d.first_name} ${d.last_name}`;
  const next = d.superseded_by ? history.find((h) => h.id === d.superseded_by) : null;
  return (
    <Layout
      title={`${name} – ${declarationTitle(d)}`}
      section="declarations"
      description={`Déclaration de ${name} à la HATVP`}
    >
      <h1>
        {name}{' '}
        <GroupBadge
          abbreviation={d.group_abbreviation}
          label={d.group_label}
          color={d.group_color}
        />
      </h1>
      <p>{declarationTitle(d)}</p>
      {next ? (
        <p class="notice" role="status">
          Cette version a été remplacée par la{' '}
          <a href={declarationLinks(next).page}>{declarationTitle(next).toLowerCase()}</a>.
        </p>
      ) : null}
      <dl class="facts">
        <dt>Mandat</dt>
        <dd>
          {MANDATE_TYPES[d.mandate_type] ?? d.mandate_type}
          {d.qualite ? ` – ${d.qualite}` : ''}
          {d.mandate_start ? `, depuis le ${frenchDate(d.mandate_start)}` : ''}
        </dd>
        <dt>Député</dt>
        <dd>
          {d.acteur_uid ? (
            <a href={`/deputes/${d.acteur_uid}`}>
              {d.acteur_first_name} {d.acteur_last_name}
            </a>
          ) : (
            <span class="muted">non relié à une fiche de député</span>
          )}
        </dd>
        <dt>Publication</dt>
        <dd>
          {d.published_on
            ? `publiée le ${frenchDate(d.published_on)}`
            : (d.publication_status ?? '–')}
        </dd>
        <dt>Lecture du fichier</dt>
        <dd>
          {XML_STATUSES[d.xml_status] ?? d.xml_status}
          {d.xml_error ? <span class="muted"> ({d.xml_error})</span> : null}
        </dd>
        <dt>Documents</dt>
        <dd>
          {[
            links.pdf ? <a href={links.pdf}>PDF (HATVP)</a> : null,
            links.xml ? <a href={links.xml}>XML (HATVP)</a> : null,
            links.hatvp ? (
              <a href={links.hatvp}>Page du déclarant sur le site de la HATVP</a>
            ) : null,
            <a href={`${links.page}.json`}>Données (JSON)</a>,
          ]
            .filter(Boolean)
            .map((link, i) => (
              <>
                {i > 0 ? ' · ' : ''}
                {link}
              </>
            ))}
        </dd>
      </dl>

      {d.family === 'interets' ? (
        <>
          <h2>Éléments déclarés</h2>
          {d.parsed === 1 ? (
            <ItemSections items={items} />
          ) : (
            <p class="muted">
              Le fichier XML de cette déclaration n'a pas pu être lu ; voir le PDF.
            </p>
          )}
        </>
      ) : (
        <p class="muted">
          Les déclarations de situation patrimoniale ne sont pas détaillées ici ; voir le PDF.
        </p>
      )}

      {problems.length > 0 ? (
        <>
          <h2>Anomalies de lecture</h2>
          <ul>
            {problems.map((p) => (
              <li>
                <strong>{p.kind}</strong> : {p.message}
              </li>
            ))}
          </ul>
        </>
      ) : null}

      <h2>Toutes les déclarations de {name}</h2>
      <VersionList rows={history} current={d.id} />
    </Layout>
  );
}
