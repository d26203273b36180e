import type { FactRecordRow } from '../../db/queries/faits.ts';
import { FACT_KIND_LABELS } from '../../server/records/faits.ts';
import { frenchDate } from '../format.ts';

/** Only http(s) links are rendered as links. */
function safeHref(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** A list of verified facts, each with its source and the date it was checked. */
export function FactList({
  facts,
  withDeputy = false,
}: {
  facts: FactRecordRow[];
  withDeputy?: boolean;
}) {
  return (
    <ul class="facts-list">
      {facts.map((f) => {
        const href = safeHref(f.source_url);
        return (
          <li>
            {withDeputy ? (
              <>
                <a href={`/deputes/${f.acteur_uid}`}>{`${f.first_name} ${f.last_name}`}</a>
                {' – '}
              </>
            ) : null}
            <span class="muted">{FACT_KIND_LABELS[f.kind]}</span> · <strong>{f.label}</strong> :{' '}
            {f.value}{' '}
            <span class="muted">
              (source :{' '}
              {href ? (
                <a href={href} rel="nofollow noopener">
                  {new URL(href).hostname}
                </a>
              ) : (
                f.source_url
              )}
              , vérifié le {frenchDate(f.verified_on)})
            </span>
          </li>
        );
      })}
    </ul>
  );
}

/** The deputy page's section of curated facts (shown only when there are some). */
export function DeputeFaits({ uid, facts }: { uid: string; facts: FactRecordRow[] }) {
  if (facts.length === 0) return null;
  return (
    <section id="faits">
      <h2>Faits vérifiés</h2>
      <p class="muted">
        Informations absentes des données ouvertes, vérifiées par une personne à la source indiquée.
      </p>
      <FactList facts={facts} />
      <p class="exports">
        Télécharger : <a href={`/faits.csv?depute=${uid}`}>CSV</a> ·{' '}
        <a href={`/faits.json?depute=${uid}`}>JSON</a>
      </p>
    </section>
  );
}
