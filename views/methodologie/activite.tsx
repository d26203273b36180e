// The methodology of the activity figures: committee attendance and weeks of activity, their
// formulas, denominators, windows, and the vacation weeks of the legislature by name.
import { MIN_SIGNIFICANT_VOTES } from '../../domain/votes.ts';
import { frenchDate } from '../format.ts';

export interface ActivityMethod {
  windows: Partial<
    Record<
      'legislature' | '12_mois',
      { start_day: string | null; end_day: string | null; weeks: number; vacation_weeks: number }
    >
  >;
  vacations: { week: string; start_day: string }[];
}

const bounds = (w?: {
  start_day: string | null;
  end_day: string | null;
  weeks: number;
  vacation_weeks: number;
}) =>
  w?.start_day && w.end_day
    ? `du ${frenchDate(w.start_day)} au ${frenchDate(w.end_day)} : ${w.weeks} semaines, dont ${w.vacation_weeks} de vacances`
    : 'pas encore de données';

/** The two sections (`presence-commission`, `semaines-activite`) of /methodologie. */
export function ActivityMethodology({ data }: { data: ActivityMethod }) {
  return (
    <>
      <h2 id="presence-commission">Présence en commission</h2>
      <ul>
        <li>
          Source : le fichier des réunions de l'Assemblée (<code>Agenda.json.zip</code>), où chaque
          réunion de commission ou d'un autre organe liste, quand elle est publiée, chaque membre
          noté <em>présent</em>, <em>absent</em> ou <em>excusé</em>. Les séances publiques ne
          publient pas de liste de présence.
        </li>
        <li>
          <strong>Réunions comptées</strong> : celles qui ont eu lieu, c'est-à-dire dont l'état
          n'est ni « Annulé » ni « Supprimé » ; une réunion annulée ne compte jamais, même quand sa
          liste est publiée. Le jour d'une réunion est celui de son début, à l'heure de Paris.
        </li>
        <li>
          <strong>Dénominateur</strong> (<code>reunions</code>) : les réunions comptées, avec liste
          de présence publiée, des commissions et organes dont le député était membre ce jour-là (un
          mandat sur cet organe couvrant ce jour, tel que le référentiel de l'Assemblée le publie,
          toutes fonctions confondues).
        </li>
        <li>
          <strong>Présences, absences, excuses</strong> : comptées sur ces mêmes réunions. Une
          réunion dont la liste ne nomme pas le député (<code>reunions_non_listees</code>) reste
          dans le dénominateur et compte comme non présent. Un membre nommé deux fois sur une même
          liste (cela arrive) compte une fois, avec la mention la plus favorable : présent, sinon
          excusé, sinon absent.
        </li>
        <li>
          <strong>Taux de présence</strong> = présences ÷ réunions ; pas de taux quand il n'y a
          aucune réunion. Sous {MIN_SIGNIFICANT_VOTES} réunions, il est marqué « non significatif ».
        </li>
        <li>
          <strong>Périodes</strong> : la fin est le dernier jour où l'Assemblée s'est réunie dans
          les données (dernière réunion comptée ou dernier scrutin, jamais après aujourd'hui) : les
          vacances se lisent aux séances, et un amendement déposé plus tard n'allonge pas la période
          ; « 12 derniers mois » commence un an avant (fin − 1 an + 1 jour), « législature » au
          début de la législature. Législature : {bounds(data.windows.legislature)}. 12 derniers
          mois : {bounds(data.windows['12_mois'])}.
        </li>
        <li>
          Par groupe : moyenne et médiane des taux de ses membres actuels (en fonction) qui ont un
          taux.
        </li>
      </ul>

      <h2 id="semaines-activite">Semaines d'activité</h2>
      <ul>
        <li>
          Comme NosDéputés : une <strong>semaine d'activité</strong> est une semaine ISO (du lundi
          au dimanche) où le député a été présent à une réunion comptée, a voté (pour, contre ou
          abstention) dans un scrutin public, ou a déposé un amendement comme auteur (date de
          dépôt).
        </li>
        <li>
          <strong>Dénominateur</strong> (<code>semaines_possibles_…</code>) : les semaines de la
          période où le député était en fonction (un mandat de député couvrant au moins un jour de
          la semaine), <strong>hors vacances parlementaires</strong>. Seules ces semaines peuvent
          être des semaines d'activité.
        </li>
        <li>
          <strong>Semaine de vacances</strong> : une semaine sans aucune séance publique tenue ni
          aucun scrutin. Elle est exclue de tout dénominateur et grisée sur les graphiques.
        </li>
        <li>Par groupe : moyenne et médiane des semaines d'activité de ses membres actuels.</li>
        <li>
          Sur le graphique d'un député, la ligne est, chaque semaine, la médiane de tous les députés
          en fonction cette semaine-là (ceux sans activité comptent pour 0).
        </li>
      </ul>
      <h3 id="semaines-vacances">Les semaines de vacances de la législature</h3>
      {data.vacations.length === 0 ? (
        <p class="muted">Aucune pour l'instant.</p>
      ) : (
        <ul>
          {data.vacations.map((v) => (
            <li>
              {v.week} (semaine du {frenchDate(v.start_day)})
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
