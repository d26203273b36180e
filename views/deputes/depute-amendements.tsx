import type { DeputyAmendementStats } from '../../db/schema/index.ts';
import { MIN_SIGNIFICANT_VOTES } from '../../domain/votes.ts';
import { amendementStatsJson } from '../../server/records/deputes.ts';
import { count, NNBSP, percent } from '../format.ts';

interface RateFigures {
  adoptes_comme_depute: number;
  avec_sort: number;
  taux_adoption: number | null;
  taux_adoption_significatif: boolean | null;
}

/** The mark of a rate on fewer than MIN_SIGNIFICANT_VOTES amendments, which is never ranked. */
function NotSignificant({ figures }: { figures: RateFigures }) {
  if (figures.taux_adoption === null || figures.taux_adoption_significatif) return null;
  return (
    <em class="not-significant">
      {' '}
      Non significatif{NNBSP}: moins de {MIN_SIGNIFICANT_VOTES} amendements examinés.
    </em>
  );
}

/** An adoption rate with its base; under the significance threshold it says so. */
function AdoptionRate({ figures }: { figures: RateFigures }) {
  if (figures.taux_adoption === null)
    return (
      <span class="muted">
        Aucun amendement déposé comme député n'a encore reçu de sort après examen.
      </span>
    );
  return (
    <span class="muted">
      {count(figures.adoptes_comme_depute, 'adopté', 'adoptés')} sur{' '}
      {count(
        figures.avec_sort,
        'amendement examiné (sort connu)',
        'amendements examinés (sort connu)',
      )}
      , déposés comme député.
      <NotSignificant figures={figures} />
    </span>
  );
}

const rateText = (rate: number | null) => (rate === null ? '–' : percent(rate, 1));

/** A rate by place of examination: `28,6 % (2 sur 7)`, marked when not significant. */
function PlaceRate({ figures }: { figures: RateFigures }) {
  return (
    <>
      {rateText(figures.taux_adoption)} ({figures.adoptes_comme_depute} sur {figures.avec_sort})
      <NotSignificant figures={figures} />
    </>
  );
}

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
            {a.irrecevables > 0
              ? `${NNBSP}; ${count(a.irrecevables, 'irrecevable', 'irrecevables')}`
              : ''}
            {a.en_cours > 0 ? `${NNBSP}; ${a.en_cours} en cours` : ''}
            {a.retires_avant_examen > 0
              ? `${NNBSP}; ${count(a.retires_avant_examen, 'retiré', 'retirés')} avant examen`
              : ''}
            . <a href={a.url_deposes}>La liste</a>
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
            parmi ses amendements déposés
            {a.adoptes_rapporteur > 0
              ? `, dont ${a.adoptes_rapporteur} comme rapporteur`
              : ''}. <a href={a.url_adoptes}>La liste</a>
          </span>
        </div>
        <div class="figure">
          Taux d'adoption
          <strong>{rateText(a.taux_adoption)}</strong>
          <AdoptionRate figures={a} />
        </div>
      </div>
      {a.avec_sort > 0 ? (
        <p class="muted">
          En séance publique{NNBSP}: <PlaceRate figures={a.seance} />
          {NNBSP}; en commission{NNBSP}: <PlaceRate figures={a.commission} />.
          {a.deposes_rapporteur > 0
            ? ' Les amendements déposés comme rapporteur ne comptent pas dans ces taux.'
            : null}
        </p>
      ) : null}
      <p>
        <a href="/methodologie#amendements-deputes">Comment ces chiffres sont calculés</a>
      </p>
    </>
  );
}
