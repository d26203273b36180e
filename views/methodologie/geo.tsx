import { NEAR_BOUNDARY_KM } from '../../db/queries/geo-point.ts';

/** /methodologie: which table answers "find my deputy", and the near-boundary rule of a point. */
export function GeoMethodology() {
  return (
    <>
      <h2 id="geo-recherche">Trouver son député : quelle table répond</h2>
      <ul>
        <li>
          <strong>Code postal ou commune</strong> : la table de l’INSEE (commune → circonscription)
          jointe à la base des codes postaux de La Poste. Une commune partagée entre plusieurs
          circonscriptions les donne toutes : l’INSEE ne dit pas quelle partie relève de laquelle.
        </li>
        <li>
          <strong>Paris, Lyon et Marseille</strong> : l’INSEE décrit chaque ville en entier (Paris
          dans 18 circonscriptions). Pour un code postal d’arrondissement, la table de Regards
          Citoyens (NosDéputés.fr, <code>circo_insee_2012.csv</code>, ODbL) répond : le code postal
          relève exactement des circonscriptions dont la ligne de la ville le cite (75001 : la 1re
          de Paris ; 75015 : les 12e et 13e). Un arrondissement cherché par son nom (« Paris 15e »)
          a les circonscriptions de ses codes postaux. Un code postal que cette table ne cite pas
          prend celles des autres codes postaux de son arrondissement qu’elle cite (75116 : celles
          du 75016, l’autre code du 16e) ; un arrondissement dont elle ne cite aucun code (69005)
          garde toutes les circonscriptions de la ville. La réponse dit chaque fois d’où elle vient.
          La colonne <code>base</code> des exports nomme la table qui a répondu (
          <code>regards_citoyens</code>, <code>insee</code>, <code>ville</code>…).
        </li>
      </ul>

      <h2 id="geo-position">Recherche par position (« me localiser »)</h2>
      <p>
        <code>/recherche?lat=…&amp;lon=…</code> cherche le contour de circonscription qui contient
        le point (contours 2012 de data.gouv.fr, simplifiés ; calcul plan, en longitude et
        latitude). La position n’est ni enregistrée ni journalisée ; le bouton « Me localiser »
        l’arrondit à 4 décimales (environ 10 m) et ne l’envoie qu’à ce site.
      </p>
      <p>
        Les contours étant simplifiés, une réponse est <strong>incertaine</strong> quand le point
        est à moins de {NEAR_BOUNDARY_KM} km d’une limite : la circonscription dont le contour
        contient le point est donnée en premier, suivie des voisines dont le contour est à moins de{' '}
        {NEAR_BOUNDARY_KM} km, et la réponse le dit. Un point dans aucun contour (en mer, à
        l’étranger) reçoit la circonscription la plus proche à moins de {NEAR_BOUNDARY_KM} km, sinon
        « aucune circonscription ici » (Français établis hors de France : la recherche par pays).
      </p>
      <p>
        Pourquoi {NEAR_BOUNDARY_KM} km : des 34 701 communes que l’INSEE place entièrement dans une
        seule circonscription, 340 (1 %) ont des coordonnées (base de La Poste de 2020) hors du
        contour de cette circonscription ; 305 de ces 340 (9 sur 10) en sont à moins de{' '}
        {NEAR_BOUNDARY_KM} km, 248 à moins de 1 km. Les contours voisins, eux, partagent leurs
        sommets le long de leurs limites communes (aucun chevauchement mesuré). Conséquence : dans
        les petites circonscriptions urbaines (Paris, petite couronne, Lyon), où aucun point n’est à
        plus de {NEAR_BOUNDARY_KM} km d’une limite (63 des 539 de métropole), la recherche par
        position propose toujours les voisines ; le code postal y est plus précis.
      </p>
    </>
  );
}
