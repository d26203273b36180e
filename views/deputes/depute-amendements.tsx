import type { DeputyAmendementStats } from '../../db/schema/index.ts';
import { MIN_SIGNIFICANT_VOTES } from '../../domain/votes.ts';
import { amendementStatsJson } from '../../server/records/deputes.ts';
import { count, percent } from '../format.ts';

/** An adoption rate with its base; under the significance threshold it says so. */
function AdoptionRate({
  figures,
}: {
  figures: {
    adoptes: number;
    avec_sort: number;
    taux_adoption: number | null;
    taux_adoption_significatif: boolean | null;
  };
}) {
  if (figures.taux_adoption === null)
    return <span class="muted">Aucun amendement déposé n’a encore reçu de sort après examen.</span>;
  return (
    <span class="muted">
      {count(figures.adoptes, 'adopté', 'adoptés')} sur{' '}
      {count(
        figures.avec_sort,
        'amendement examiné (sort connu)',
        'amendements examinés (sort connu)',
      )}
      .
      {figures.taux_adoption_significatif ? null : (
        <em class="not-significant">
          {' '}
          Non significatif : moins de {MIN_SIGNIFICANT_VOTES} amendements examinés.
        </em>
      )}
    </span>
  );
}

const rateText = (rate: number | null) => (rate === null ? '–' : percent(rate, 1));

/** A deputy's amendments: filed, co-signed, adopted, the adoption rate, links to the lists. */
export function AmendementFigures({
  uid,
  stats,
}: {
  uid: string;
  stats: DeputyAmendementStats | null;
}) {
  const a = amendementStatsJson(uid, stats);
  return (
    <>
      <div class="figures">
        <div class="figure">
          Déposés
          <strong>{a.deposes}</strong>
          <span class="muted">
            comme auteur
            {a.deposes_rapporteur > 0 ? `, dont ${a.deposes_rapporteur} comme rapporteur` : ''}
            {a.irrecevables > 0 ? ` ; ${count(a.irrecevables, 'irrecevable', 'irrecevables')}` : ''}
            {a.en_cours > 0 ? ` ; ${a.en_cours} en cours` : ''}.{' '}
            <a href={a.url_deposes}>La liste</a>
          </span>
        </div>
        <div class="figure">
          Cosignés
          <strong>{a.cosignes}</strong>
          <span class="muted">
            <a href={a.url_cosignes}>La liste</a>
          </span>
        </div>
        <div class="figure">
          Adoptés
          <strong>{a.adoptes}</strong>
          <span class="muted">
            parmi ses amendements déposés. <a href={a.url_adoptes}>La liste</a>
          </span>
        </div>
        <div class="figure">
          Taux d’adoption
          <strong>{rateText(a.taux_adoption)}</strong>
          <AdoptionRate figures={a} />
        </div>
      </div>
      {a.avec_sort > 0 ? (
        <p class="muted">
          En séance publique : {rateText(a.seance.taux_adoption)} ({a.seance.adoptes} sur{' '}
          {a.seance.avec_sort}) ; en commission : {rateText(a.commission.taux_adoption)} (
          {a.commission.adoptes} sur {a.commission.avec_sort}).
        </p>
      ) : null}
      <p>
        <a href="/methodologie#amendements-deputes">Comment ces chiffres sont calculés</a>
      </p>
    </>
  );
}
