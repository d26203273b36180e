import { count, percent } from '../format.ts';
import { MIN_SIGNIFICANT_VOTES } from '../../domain/votes.ts';
import { Layout } from '../layout.tsx';

/**
 * Every figure of the site with its formula and denominator; `positions`: the (scrutin, group)
 * pairs where the group voted, and those where the AN's published position is not its majority.
 */
export function MethodologiePage({
  positions,
}: {
  positions: { pairs: number; disagreements: number };
}) {
  return (
    <Layout title="Méthodologie" section="methodologie">
      <h1>Méthodologie : comment chaque chiffre est calculé</h1>
      <p>
        Les chiffres sont calculés à l'import des données, à partir des fichiers publiés par
        l'Assemblée nationale, et non à la demande. Les votes pris en compte sont ceux des scrutins
        publics de la législature en cours, avec pour chaque député{' '}
        <strong>le groupe auquel il appartenait au moment du vote</strong> (tel que publié dans le
        scrutin), jamais son groupe actuel.
      </p>

      <h2 id="participation">Participation</h2>
      <p class="formula">participation = votes exprimés ÷ scrutins de référence</p>
      <ul>
        <li>
          <strong>Votes exprimés</strong> : pour, contre ou abstention, y compris les votes par
          délégation (comptés aussi à part).
        </li>
        <li>
          <strong>Scrutins de référence</strong> (le dénominateur) : les scrutins tenus pendant que
          le député était en fonction, c'est-à-dire datés entre sa prise de fonction et la fin de
          son mandat de député (bornes incluses), d'après les dates du mandat dans le référentiel ;{' '}
          <strong>moins</strong> ceux où il était non-votant du fait de sa fonction : président de
          l'Assemblée (PAN), président de séance (PSE) ou membre du Gouvernement (MG).
        </li>
        <li>
          <strong>Participation aux scrutins solennels</strong> : la même formule restreinte aux
          scrutins publics solennels (SPS).
        </li>
        <li>
          Un député dont le mandat n'est pas dans le référentiel (ancien député) n'a pas de taux de
          participation : son dénominateur est inconnu. Sa loyauté, qui ne dépend que de ses votes,
          est calculée.
        </li>
        <li>
          Le référentiel ne publie que le mandat en cours : pour un député qui a quitté l'Assemblée
          puis y est revenu (par exemple après avoir été membre du Gouvernement), seuls les scrutins
          de son mandat actuel comptent dans la participation, alors que la loyauté porte sur tous
          ses votes de la législature.
        </li>
        <li>
          Les motions de censure (MOC) ne publient que les voix « pour » : ne pas signer une motion
          y compte comme une absence de vote exprimé.
        </li>
      </ul>

      <h2 id="loyaute">Loyauté envers le groupe</h2>
      <p class="formula">
        loyauté = votes exprimés égaux à la majorité du groupe ÷ votes exprimés dans les scrutins où
        le groupe avait une majorité
      </p>
      <p>
        La <strong>majorité du groupe</strong> dans un scrutin est calculée à partir des votes
        nominatifs de ses membres (groupe au moment du vote) : la position, pour, contre ou
        abstention, qui réunit le plus de votes exprimés, votes par délégation compris, non-votants
        exclus. En cas d'<strong>égalité</strong> en tête, le groupe n'a pas de majorité : personne
        n'y est frondeur et ce scrutin sort du dénominateur de ses membres. Un vote exprimé
        différent de la majorité est un <strong>vote frondeur</strong> ; un non-votant n'est jamais
        frondeur. Pour les non-inscrits, le « groupe » est l'ensemble des non-inscrits.
      </p>
      <p>
        L'Assemblée publie aussi pour chaque groupe une « position majoritaire ». Elle contredit les
        votes du groupe dans{' '}
        <strong>
          {count(positions.disagreements, 'cas', 'cas')} sur{' '}
          {count(positions.pairs, 'couple', 'couples')} (scrutin, groupe ayant voté)
        </strong>
        {positions.pairs > 0 ? ` (${percent(positions.disagreements / positions.pairs, 1)})` : ''}{' '}
        dans les données importées (par exemple un groupe publié « contre » avec 29 voix pour et 3
        contre). Nous calculons donc la majorité à partir des votes, et gardons la position publiée
        à côté : page et JSON de chaque scrutin (<code>position_majoritaire</code>,{' '}
        <code>position_publiee</code>, <code>ecart_position</code>), et une loyauté calculée contre
        elle sous son propre nom (<code>loyaute_position_publiee</code> : votes exprimés égaux à la
        position publiée ÷ tous les votes exprimés).
      </p>

      <h2 id="cohesion">Cohésion d'un groupe</h2>
      <p class="formula">
        indice d'accord = (max(P, C, A) − ½ × (P + C + A − max(P, C, A))) ÷ (P + C + A)
      </p>
      <p>
        L'indice d'accord (Agreement Index de Hix, Noury et Roland) se calcule pour chaque groupe
        dans chaque scrutin à partir des voix pour (P), contre (C) et abstentions (A) de ses membres
        ; il vaut 1 quand tous votent de même et 0 quand les voix se partagent également en trois.
        La cohésion du groupe est la <strong>moyenne</strong> de cet indice sur les scrutins où au
        moins un de ses membres a exprimé un vote (dénominateur : ce nombre de scrutins).
      </p>

      <h2 id="proximite">Proximité entre groupes</h2>
      <p class="formula">
        proximité(A, B) = scrutins où A et B ont la même majorité ÷ scrutins comparés
      </p>
      <p>
        Sont comparés les scrutins où les deux groupes ont chacun une majorité (voir ci-dessus : au
        moins un vote exprimé, pas d'égalité en tête).
      </p>

      <h2 id="listes">Chiffres dans les listes et classements</h2>
      <p>
        La liste des députés (<code>/deputes</code>, <code>.csv</code>, <code>.json</code>) donne
        pour chacun sa participation (<code>participation</code>, sur{' '}
        <code>scrutins_de_reference</code>), sa participation aux scrutins solennels (
        <code>participation_solennels</code>, sur <code>scrutins_solennels_de_reference</code>), sa
        loyauté (<code>loyaute</code>, sur <code>votes_exprimes_loyaute</code>) et son nombre de
        votes frondeurs (<code>votes_frondeurs</code>), calculés comme ci-dessus et publiés avec
        leur numérateur et leur base. Les taux vont de 0 à 1 dans les exports, en pourcentage sur la
        page.
      </p>
      <ul>
        <li>
          <strong>Taux non significatif</strong> : un taux dont la base compte moins de{' '}
          {MIN_SIGNIFICANT_VOTES} scrutins ou votes est affiché avec ses nombres et la mention « non
          significatif », mais <strong>jamais classé</strong> : trié par ce taux (
          <code>tri=participation</code>, <code>participation-solennelle</code> ou{' '}
          <code>loyaute</code>, <code>ordre=asc</code> ou <code>desc</code>), il vient après tous
          les taux significatifs, dans un sens comme dans l'autre, par ordre alphabétique, comme les
          députés sans taux (sans scrutin de référence, ou sans vote là où leur groupe avait une
          majorité).
        </li>
        <li>
          <strong>Votes frondeurs</strong> (<code>tri=frondeurs</code>) : un nombre, non un taux ;
          tous les députés qui ont des chiffres de vote sont classés, ceux qui n'en ont aucun
          viennent en dernier.
        </li>
        <li>
          <strong>Groupes</strong> (<code>/groupes</code>, <code>.csv</code>, <code>.json</code>) :
          la cohésion (<code>cohesion</code>, moyenne de l'indice d'accord sur{' '}
          <code>scrutins_cohesion</code> scrutins) et la <strong>participation des membres</strong>{' '}
          (<code>participation_membres</code>), un taux cumulé et non une moyenne de taux :
        </li>
      </ul>
      <p class="formula">
        participation des membres = Σ votes exprimés ÷ Σ scrutins de référence, sur les membres en
        exercice du groupe
      </p>
      <p>
        Chaque membre y compte pour tous les scrutins de son mandat, y compris ceux votés dans un
        autre groupe ; un ancien membre n'y compte pas. Un député très présent pèse donc autant que
        ses scrutins, et un député arrivé récemment moins qu'un autre (
        <code>votes_exprimes_membres</code> ÷ <code>scrutins_de_reference_membres</code>).
      </p>
      <p>
        Sur la page d'un scrutin, les votes sont regroupés par groupe (au moment du vote) ; le
        filtre « frondeurs seulement » (<code>frondeurs=oui</code>, aussi sur{' '}
        <code>/scrutins/&lt;numero&gt;/votes.csv</code> et <code>.json</code>) ne garde que les
        votes exprimés contraires à la majorité du groupe.
      </p>

      <h2 id="decompte">Contrôle des décomptes</h2>
      <p>
        Pour chaque scrutin, le nombre de députés des listes nominatives (pour, contre, abstention,
        non-votants) est comparé au décompte officiel publié dans la synthèse. Tout écart est
        conservé et affiché sur la page du scrutin, jamais corrigé en silence. Certains fichiers
        publient des groupes sans identifiant (PO0) : chacun reçoit le groupe auquel appartenait la
        majorité de ses votants dans le scrutin le plus proche où leur groupe est nommé (25 scrutins
        de part et d'autre au plus) ; à défaut il reste « non identifié ».
      </p>

      <h2 id="deputes">Députés</h2>
      <ul>
        <li>
          <strong>En exercice</strong> : un mandat de député (organe ASSEMBLEE) de la législature
          courante sans date de fin.
        </li>
        <li>
          <strong>Groupe actuel</strong> : le mandat de groupe (GP) ouvert ; un mandat publié deux
          fois ne compte qu'une fois.
        </li>
        <li>
          <strong>Âge</strong> : en années révolues au jour de la consultation.
        </li>
      </ul>

      <h2 id="changements">Détection des changements</h2>
      <p>
        À chaque collecte, l'état enregistré de chaque député est comparé au nouvel état, champ par
        champ : en exercice ou non, groupe, parti, fonctions ouvertes en commission, délégation,
        mission ou au Bureau, profession, coordonnées (par type), nom, circonscription. Les valeurs
        sont comparées après normalisation : l'ordre des clés et des listes (mandats, adresses) ne
        compte pas, les espaces sont réduits, une valeur vide, nulle ou absente est la même. Un
        fichier republié avec une autre mise en forme ne produit donc aucun changement.
      </p>
      <ul>
        <li>
          <strong>Scrutins</strong> : un scrutin qui apparaît est un « nouveau scrutin » ; un
          fichier modifié ne produit un changement que si l'intitulé, le type, la date, le résultat
          ou un décompte officiel diffère.
        </li>
        <li>
          <strong>Déclarations HATVP</strong> : une ligne nouvelle de l'index est une « nouvelle
          déclaration », ou une « nouvelle version » quand la même personne en avait déjà une pour
          le même type de mandat et la même famille (intérêts, patrimoine).
        </li>
        <li>
          <strong>Premier import</strong> : un seul événement « import initial » par source, pas un
          par enregistrement.
        </li>
        <li>
          Les changements sont écrits dans la même transaction que les données qu'ils décrivent :
          une collecte interrompue n'en laisse aucun à moitié. Le journal ne fait que s'allonger (la
          base refuse toute modification ou suppression).
        </li>
        <li>
          La date d'un changement est celle de sa détection (début de la collecte), pas celle de
          l'événement réel, que la source ne publie pas toujours.
        </li>
      </ul>
    </Layout>
  );
}
