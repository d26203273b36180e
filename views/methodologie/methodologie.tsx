import { MarkRule } from '../synthese/synthese.tsx';
import { MIN_SIGNIFICANT_VOTES } from '../../domain/votes.ts';
import { DEPRECATED_VOTE_FIELDS } from '../../server/records/deputes.ts';
import { count, percent } from '../format.ts';
import { Layout } from '../layout.tsx';
import type { LinkRate } from '../../db/queries/liaisons.ts';
import { LinkRateFigures } from './liaisons.tsx';
import { ActivityMethodology, type ActivityMethod } from './activite.tsx';
import { GeoMethodology } from './geo.tsx';

/**
 * Every figure of the site with its formula and denominator; `positions`: the (scrutin, group)
 * pairs where the group voted, those where the AN's published position is not its majority,
 * and the scrutins with at least one such pair.
 */
export function MethodologiePage({
  positions,
  dossierLinks,
  links,
  activity,
}: {
  positions: { pairs: number; disagreements: number; scrutins: number };
  /** Scrutins of the legislature, and those that a dossier's steps name. */
  dossierLinks: { scrutins: number; linked: number };
  /** The scrutin → amendment linking rate (db/queries/liaisons.ts). */
  links: LinkRate;
  /** The windows of the activity figures and the vacation weeks. */
  activity: ActivityMethod;
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
      <p class="formula">
        participation = votes (pour, contre ou abstention) ÷ scrutins de référence
      </p>
      <ul>
        <li>
          <strong>Votes</strong> : pour, contre ou abstention, y compris les votes par délégation
          (comptés aussi à part). Une abstention est un vote, mais pas un suffrage exprimé : au sens
          de l'Assemblée, les <strong>suffrages exprimés</strong> sont les seuls pour et contre
          (c'est sur eux que se calcule la majorité d'adoption d'un scrutin).
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
          participation : son dénominateur est inconnu, et sa page le dit. Sa loyauté, qui ne dépend
          que de ses votes, est calculée (voir <a href="#anciens">anciens députés</a>).
        </li>
        <li>
          Le référentiel ne publie que le mandat en cours : pour un député qui a quitté l'Assemblée
          puis y est revenu (par exemple après avoir été membre du Gouvernement), seuls les scrutins
          de son mandat actuel comptent dans la participation, alors que la loyauté porte sur tous
          ses votes de la législature.
        </li>
        <li>
          Les motions de censure (MOC) ne publient que les voix « pour » : ne pas signer une motion
          y compte comme une absence de vote.
        </li>
      </ul>

      <h2 id="loyaute">Loyauté envers le groupe</h2>
      <p class="formula">
        loyauté = votes égaux à la majorité du groupe ÷ votes dans les scrutins où le groupe avait
        une majorité
      </p>
      <p>
        La <strong>majorité du groupe</strong> dans un scrutin est calculée à partir des votes
        nominatifs de ses membres (groupe au moment du vote) : la position, pour, contre ou
        abstention, qui réunit le plus de votes, votes par délégation compris, non-votants exclus
        (les abstentions comptent ici comme des votes). En cas d'<strong>égalité</strong> en tête,
        le groupe n'a pas de majorité : personne n'y est frondeur et ce scrutin sort du dénominateur
        de ses membres. Un vote (pour, contre ou abstention) différent de la majorité est un{' '}
        <strong>vote frondeur</strong> ; un non-votant n'est jamais frondeur. Pour les non-inscrits,
        le « groupe » est l'ensemble des non-inscrits.
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
        contre), répartis sur {count(positions.scrutins, 'scrutin')} :{' '}
        <a href="/scrutins?ecart_position=oui">la liste de ces scrutins</a> (aussi en{' '}
        <a href="/scrutins.csv?ecart_position=oui">CSV</a> et{' '}
        <a href="/scrutins.json?ecart_position=oui">JSON</a>) donne pour chacun les groupes
        concernés, leur position publiée, leur majorité calculée et leurs votes, avec un lien vers
        la page du scrutin sur le site de l'Assemblée pour vérifier. Nous calculons donc la majorité
        à partir des votes, et gardons la position publiée à côté : page et JSON de chaque scrutin (
        <code>position_majoritaire</code>, <code>position_publiee</code>,{' '}
        <code>ecart_position</code>), et une loyauté calculée contre elle sous son propre nom (
        <code>loyaute_position_publiee</code> : votes égaux à la position publiée ÷ tous les votes).
      </p>

      <h2 id="significativite">Taux non significatifs</h2>
      <p>
        Un taux calculé sur moins de <strong>{MIN_SIGNIFICANT_VOTES} votes</strong> (pour la
        participation : moins de {MIN_SIGNIFICANT_VOTES} scrutins de référence) est affiché avec son
        décompte et marqué « non significatif » : un député entré en fonction la veille du dernier
        scrutin aurait sinon 0 % ou 100 %. Un tel taux n'est jamais classé ni comparé aux autres ;
        dans le JSON de chaque député, chaque taux a son indicateur (
        <code>participation_significative</code>, <code>participation_solennels_significative</code>
        , <code>loyaute_significative</code>, <code>loyaute_position_publiee_significative</code> :{' '}
        <code>false</code> sous le seuil, <code>null</code> sans taux) et le seuil (
        <code>seuil_significativite</code>). Les histogrammes de participation et de loyauté des
        pages de groupes ne comptent que les taux significatifs.
      </p>

      <h2 id="anciens">Anciens députés hors du référentiel</h2>
      <p>
        Le référentiel de l'Assemblée (AMO40) ne liste que les députés en exercice et quelques
        autres acteurs. Des députés qui ont voté pendant la législature en sont sortis (entrés au
        Gouvernement, décédés, démissionnaires) : leurs votes restent dans les scrutins, avec leur
        groupe à chaque vote. Ils ont donc une page (<code>/deputes/&lt;uid&gt;</code> et{' '}
        <code>.json</code>, <code>"dans_le_referentiel": false</code>) avec les groupes de leurs
        votes (premier et dernier scrutin dans chacun), leur loyauté et leurs votes frondeurs,
        calculés comme pour tous ; mais <strong>pas de participation</strong>, faute de dates de
        mandat (<code>participation_raison</code> dit pourquoi). Le référentiel ne donnant pas leur
        nom, ils sont désignés par leur identifiant ; quand d'autres données enregistrées en
        suggèrent un (le nom publié par le référentiel quand il les listait, relevé dans le journal
        des changements, ou les déclarations à la HATVP portant leur identifiant AN dans{' '}
        <code>id_origine</code>), il est donné comme une piste, avec sa source, jamais comme un fait
        (<code>noms_candidats</code>).
      </p>

      <h2 id="noms-obsoletes">Noms obsolètes du JSON</h2>
      <p>
        Des champs du JSON des députés disaient « exprimés » pour des décomptes qui incluent les
        abstentions. Ils ont reçu un nom juste ; l'ancien reste, avec la même valeur, pour les
        programmes qui le lisent, et disparaîtra plus tard :
      </p>
      <ul>
        {Object.entries(DEPRECATED_VOTE_FIELDS).map(([old, name]) => (
          <li>
            <code>{old}</code> → <code>{name}</code>
          </li>
        ))}
      </ul>

      <h2 id="cohesion">Cohésion d'un groupe</h2>
      <p class="formula">
        indice d'accord = (max(P, C, A) − ½ × (P + C + A − max(P, C, A))) ÷ (P + C + A)
      </p>
      <p>
        L'indice d'accord (Agreement Index de Hix, Noury et Roland) se calcule pour chaque groupe
        dans chaque scrutin à partir des voix pour (P), contre (C) et abstentions (A) de ses membres
        ; il vaut 1 quand tous votent de même et 0 quand les voix se partagent également en trois.
        La cohésion du groupe est la <strong>moyenne</strong> de cet indice sur les scrutins où au
        moins un de ses membres a voté pour, contre ou abstention (dénominateur : ce nombre de
        scrutins).
      </p>

      <h2 id="proximite">Proximité entre groupes</h2>
      <p class="formula">
        proximité(A, B) = scrutins où A et B ont la même majorité ÷ scrutins comparés
      </p>
      <p>
        Sont comparés les scrutins où les deux groupes ont chacun une majorité (voir ci-dessus : au
        moins un vote, pas d'égalité en tête).
      </p>

      <h2 id="comparer">Comparer deux députés ou groupes</h2>
      <p class="formula">
        taux d'accord(a, b) = scrutins où a et b ont la même position ÷ scrutins communs
      </p>
      <ul>
        <li>
          <strong>Position</strong> d'un député : son vote (pour, contre ou abstention) ; un
          non-votant ou un absent n'a pas de position. Position d'un groupe : sa majorité calculée
          (voir <a href="#loyaute">Loyauté</a>), le groupe étant celui enregistré au moment de
          chaque vote ; un groupe à égalité n'a pas de position.
        </li>
        <li>
          <strong>Scrutins communs</strong> (le dénominateur) : les scrutins de la législature où a
          et b ont chacun une position. Une abstention face à une abstention est un accord ; une
          abstention face à un pour ou un contre, un désaccord.
        </li>
        <li>
          Tout député qui a voté compte, y compris un ancien député absent du référentiel (nommé par
          son identifiant). Avec moins de {MIN_SIGNIFICANT_VOTES} scrutins communs, le taux est
          affiché comme <strong>non significatif</strong>.
        </li>
        <li>
          Calculé à la demande à partir des votes enregistrés (il dépend des deux choisis). Entre
          deux groupes, il est égal à la <a href="#proximite">proximité</a>.
        </li>
      </ul>

      <h2 id="vote-comme-moi">Quel député vote comme moi ?</h2>
      <p class="formula">accord = scrutins où sa position est votre réponse ÷ scrutins communs</p>
      <ul>
        <li>
          Vos réponses : pour, contre ou abstention (« sans avis » n'est pas une réponse) sur les
          scrutins que vous choisissez. <strong>Scrutins communs</strong> (le dénominateur) : ceux
          de vos réponses où le député a voté (pour, contre ou abstention), ou où le groupe avait
          une majorité (mêmes positions que ci-dessus).
        </li>
        <li>
          Sont classés tous ceux qui ont voté sur au moins un de ces scrutins, anciens députés
          compris (marqués comme tels) ; le groupe affiché d'un député est son groupe actuel, mais
          chaque groupe est compté tel qu'il était au moment du vote.
        </li>
        <li>
          <strong>Classement</strong> : accord décroissant ; à accord égal, même rang (1, 2, 2, 4),
          et listés par nombre de scrutins communs décroissant puis par nom. Un accord calculé sur
          moins de {MIN_SIGNIFICANT_VOTES} scrutins communs est <strong>non significatif</strong> :
          listé après tous les autres, sans rang ; avec moins de {MIN_SIGNIFICANT_VOTES} réponses,
          personne n'est classé.
        </li>
        <li>
          Rien n'est enregistré : le calcul se fait à chaque demande à partir des votes enregistrés,
          et vos réponses ne sont que dans l'adresse de la page.
        </li>
      </ul>

      <h2 id="listes">Chiffres dans les listes et classements</h2>
      <p>
        La liste des députés (<code>/deputes</code>, <code>.csv</code>, <code>.json</code>) donne
        pour chacun sa participation (<code>participation</code>, sur{' '}
        <code>scrutins_de_reference</code>), sa participation aux scrutins solennels (
        <code>participation_solennels</code>, sur <code>scrutins_solennels_de_reference</code>), sa
        loyauté (<code>loyaute</code>, sur <code>votes_loyaute</code>) et son nombre de votes
        frondeurs (<code>votes_frondeurs</code>), calculés comme ci-dessus et publiés avec leur
        numérateur et leur base. Les taux vont de 0 à 1 dans les exports, en pourcentage sur la
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
          <strong>Votes frondeurs</strong> (<code>tri=frondeurs</code>) : un nombre, compté sur les
          votes de la loyauté (<code>votes_loyaute</code>) ; comme elle, il n'est classé que sur au
          moins {MIN_SIGNIFICANT_VOTES} votes : 0 frondeur sur 3 votes ne vaut pas 0 sur 3 000.
        </li>
        <li>
          <strong>Groupes</strong> (<code>/groupes</code>, <code>.csv</code>, <code>.json</code>) :
          la cohésion (<code>cohesion</code>, moyenne de l'indice d'accord sur{' '}
          <code>scrutins_cohesion</code> scrutins) et la <strong>participation des membres</strong>{' '}
          (<code>participation_membres</code>), un taux cumulé et non une moyenne de taux :
        </li>
      </ul>
      <p class="formula">
        participation des membres = Σ votes (pour, contre ou abstention) ÷ Σ scrutins de référence,
        sur les membres en exercice du groupe
      </p>
      <p>
        Chaque membre y compte pour tous les scrutins de son mandat, y compris ceux votés dans un
        autre groupe ; un ancien membre n'y compte pas. Un député très présent pèse donc autant que
        ses scrutins, et un député arrivé récemment moins qu'un autre (<code>votes_membres</code> ÷{' '}
        <code>scrutins_de_reference_membres</code>).
      </p>
      <p>
        Sur la page d'un scrutin, les votes sont regroupés par groupe (au moment du vote) ; le
        filtre « frondeurs seulement » (<code>frondeurs=oui</code>, aussi sur{' '}
        <code>/scrutins/&lt;numero&gt;/votes.csv</code> et <code>.json</code>) ne garde que les
        votes (pour, contre ou abstention) contraires à la majorité du groupe.
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

      <h2 id="cartes">Cartes des circonscriptions</h2>
      <p>
        La couleur d’une circonscription est celle que l’Assemblée nationale associe au groupe
        (organe GP) du député en exercice qui y est élu ; un siège sans député en exercice est
        hachuré de gris, un député sans groupe ou un groupe sans couleur publiée est en gris neutre.
        Sur la page d’un groupe, ses sièges sont dans sa couleur et tous les autres en gris clair.
        La légende compte les sièges de chaque groupe parmi les circonscriptions de la carte (toute
        la France, les 11 circonscriptions des Français établis hors de France comprises, pour la
        carte de France).
      </p>
      <p>
        Les contours sont ceux des circonscriptions de 2012 (redécoupage de 2010, toujours en
        vigueur), publiés simplifiés sur data.gouv.fr (Atelier de cartographie de Sciences Po) :
        près d’une limite, le tracé peut s’écarter de quelques centaines de mètres de la limite
        réelle. La France métropolitaine est projetée en conique conforme de Lambert (parallèles 44°
        et 49° N, méridien central 3° E, comme Lambert-93) ; Paris et la petite couronne (75, 92,
        93, 94) sont agrandis dans un encart où leurs circonscriptions sont cliquables ; chaque
        département ou collectivité d’outre-mer a son encart à sa propre échelle (projection de
        Mercator), si bien que les surfaces des encarts ne sont pas comparables entre elles ni avec
        la métropole. Les Français établis hors de France n’ont pas de contour : leurs 11
        circonscriptions sont listées sous la carte.
      </p>

      <h2 id="recherche">Recherche approchée (trouver son député)</h2>
      <ul>
        <li>
          <strong>Nom approché</strong> : quand aucun député en exercice ne porte le nom cherché tel
          qu’il est écrit, la recherche et les noms sont repliés (majuscules, accents, tirets et
          apostrophes ôtés) et compactés (espaces ôtées). Chaque député a plusieurs formes : nom,
          prénom + nom, nom + prénom, et chaque mot d’au moins trois lettres. L’écart est la
          distance d’édition de Levenshtein (lettres ajoutées, ôtées ou changées) à la forme la plus
          proche ; il doit rester au plus de 0 pour une recherche de 3 lettres ou moins, 1 jusqu’à
          5, 2 jusqu’à 9, 3 au-delà. Les députés sont classés par écart croissant, les noms entiers
          avant les mots seuls, puis par ordre alphabétique ; les anciens députés de la législature
          viennent après tous ceux en exercice. Le premier est proposé (« Vouliez-vous dire… ? »),
          jamais choisi d’office. Ex. : « lepen » → Le Pen (écart 0), « Boris Valaud » → Boris
          Vallaud (écart 1). Quand des communes commencent aussi par la recherche (« Bordeau »),
          elles passent d’abord et aucun nom n’est proposé.
        </li>
        <li>
          <strong>Départements</strong> : un nom (« Pas-de-Calais », « La Réunion ») ou un code («
          62 », « 2A », « 971 ») liste les circonscriptions du département ; les codes postaux
          commençant par les mêmes chiffres restent proposés.
        </li>
        <li>
          <strong>Pays et villes à l’étranger</strong> : la circonscription des Français établis
          hors de France à laquelle le fichier de Regards Citoyens (circo_etranger.csv) rattache le
          pays ; les grandes villes et noms courants de pays (« Londres », « Angleterre ») viennent
          d’une liste écrite à la main pour ce site.
        </li>
        <li>
          <strong>Localités</strong> : les localités de La Poste (« LA NEUVILLETTE ») sont écrites
          avec le nom accentué de l’INSEE quand une commune porte le même nom replié, sinon en
          majuscules initiales (« La Neuvillette »), sans inventer d’accent ni de tiret.
        </li>
      </ul>

      <h2 id="dossiers">Dossiers législatifs</h2>
      <p>
        Un dossier réunit les étapes d'un texte (dépôt, commission, séance, navette avec le Sénat,
        commission mixte paritaire, promulgation) telles que l'Assemblée les publie, avec les textes
        et les scrutins que chaque étape nomme. Les dossiers d'autres législatures repris dans
        l'archive sont gardés.
      </p>
      <ul>
        <li>
          <strong>Date de dépôt</strong> : la date de la première étape datée ;{' '}
          <strong>dernière étape</strong> : l'étape datée la plus récente.
        </li>
        <li>
          <strong>État</strong>, déduit des étapes dans cet ordre : « promulgué » s'il y a une étape
          de promulgation ; « retiré » si l'initiative a été retirée ; sinon, la décision datée la
          plus récente (statut de conclusion publié) décide : « rejeté » si c'est un rejet (le texte
          peut encore passer devant l'autre chambre), « adopté » si c'est une adoption et que le
          dossier n'a qu'une lecture unique (résolutions) ; « en cours » dans tous les autres cas, y
          compris un texte adopté par une chambre qui attend l'autre, et les dossiers qui ne sont
          pas des textes (rapports, missions d'information).
        </li>
        <li>
          <strong>Groupe d'un initiateur</strong> (filtre) : le groupe actuel du député
          (référentiel), pas celui du jour du dépôt.
        </li>
        <li>
          <strong>Scrutins d'un dossier</strong> (sa page, et la colonne <code>scrutins</code> de{' '}
          <code>/dossiers</code>, qui les compte) : ceux que ses étapes nomment (voteRefs) ; à
          défaut d'étape qui nomme un scrutin, celui dont le fichier nomme le dossier (ce qui
          n'arrive jamais dans les données actuelles), puis les votes sur un de ses amendements. La
          page dit pour chacun comment il a été relié.{' '}
          {dossierLinks.scrutins > 0 ? (
            <>
              Ici, {count(dossierLinks.linked, 'scrutin')} de la législature sur{' '}
              {dossierLinks.scrutins} ({percent(dossierLinks.linked, dossierLinks.scrutins)}) sont
              rattachés à un dossier : par ses étapes, ou à défaut par le dossier de l'amendement
              voté (voir <a href="#liaisons">liaison aux amendements</a>).
            </>
          ) : null}
        </li>
      </ul>

      <h2 id="liaisons">Liaison des scrutins aux amendements</h2>
      <p>
        Un scrutin porte sur un amendement quand son intitulé commence par « l'amendement… » ou « le
        sous-amendement… ». Il est <strong>relié</strong> à cet amendement, à l'import, par la
        référence du fichier du scrutin quand elle existe (jamais dans les données actuelles), sinon
        par son intitulé : le numéro (rectifié ou non ; pour un vote commun « n°s 12 et 34 », chaque
        numéro), l'auteur, le texte et la séance. Le numéro est cherché parmi les amendements{' '}
        <strong>examinés en séance publique</strong> (jamais ceux de commission, qui ont leur propre
        numérotation) du texte voté : celui du dossier que nomment les étapes du scrutin, sinon ceux
        dont le dossier porte le nom du texte cité dans l'intitulé (au moins 80 % de ses mots), ou,
        quand le nom du dossier n'est pas connu, ceux discutés à la séance du scrutin ; l'amendement
        doit être de l'auteur nommé et déposé avant le vote. Quand plusieurs restent, celui discuté
        à la séance du scrutin ; sinon le scrutin n'est pas relié :{' '}
        <strong>aucun choix n'est deviné</strong>. Un scrutin relié sans dossier par ses étapes
        reçoit le dossier de son amendement.
      </p>
      <LinkRateFigures rate={links} />
      <p>
        La liste des scrutins non reliés, avec leur motif :{' '}
        <a href="/methodologie/liaisons">liaisons des scrutins</a> (aussi en{' '}
        <a href="/methodologie/liaisons.csv">CSV</a> et{' '}
        <a href="/methodologie/liaisons.json">JSON</a>).
      </p>

      <h2 id="amendements">Amendements</h2>
      <ul>
        <li>
          <strong>Sort</strong> : le sort publié (<code>cycleDeVie.sort</code> : adopté, rejeté,
          tombé, retiré, non soutenu) ; à défaut, « irrecevable » quand l'état du traitement est une
          irrecevabilité (codes IR…), « retiré » quand il est retiré avant discussion, sinon « en
          cours ».
        </li>
        <li>
          <strong>Groupe au dépôt</strong> : celui que l'Assemblée publie pour l'auteur (
          <code>groupePolitiqueRef</code>) ; pour un cosignataire, son mandat de groupe ouvert le
          jour du dépôt quand le référentiel le connaît.
        </li>
        <li>
          <strong>Textes</strong> : dispositif et exposé sommaire réduits à une courte liste de
          balises (paragraphes, listes, tableaux, italique, gras) ; la recherche ignore accents et
          majuscules.
        </li>
      </ul>

      <h2 id="amendements-deputes">Amendements d'un député</h2>
      <ul>
        <li>
          <strong>Déposés</strong> : les amendements dont il ou elle est l'auteur (
          <code>signataires.auteur.acteurRef</code>), y compris comme rapporteur (compté à part,{' '}
          <code>deposes_rapporteur</code>), sur toute la législature, en commission comme en séance
          ; un amendement rectifié compte une fois. <strong>Cosignés</strong> : ceux dont la liste
          des cosignataires le ou la nomme. <strong>Adoptés</strong> : parmi les déposés, ceux dont
          le sort publié est « Adopté ».
        </li>
        <li>
          <strong>Taux d'adoption</strong> = adoptés ÷ amendements déposés comme député dont le sort
          publié (<code>cycleDeVie.sort</code>) est issu d'un examen : adoptés, rejetés, tombés,
          retirés, non soutenus (<code>avec_sort</code>). Sont exclus de ce dénominateur, comme du
          numérateur : les irrecevables (déclarés irrecevables, ils n'ont jamais été examinés), ceux
          encore en cours, ceux retirés avant toute discussion (état « Retiré » sans sort publié,{' '}
          <code>retires_avant_examen</code>) et ceux déposés comme rapporteur : portant la position
          de la commission, ils sont adoptés bien plus souvent que les autres et diraient le rôle
          plus que le député ; ils restent comptés dans les déposés et les adoptés (
          <code>deposes_rapporteur</code>, <code>adoptes_rapporteur</code>). Les retirés après
          publication, non soutenus et tombés restent dans le taux : l'auteur a déposé l'amendement,
          qui n'a pas été adopté. Le même taux est donné pour la séance publique et pour les
          commissions. Sous {MIN_SIGNIFICANT_VOTES} amendements dans ce dénominateur, le taux est
          marqué « non significatif » (<code>taux_adoption_significatif</code> : <code>false</code>)
          et n'est jamais classé : le tri <code>taux-adoption</code> de <code>/deputes</code> le
          place après les taux significatifs, comme pour les votes.
        </li>
        <li id="amendements-dossier">
          <strong>Amendements d'un dossier</strong> (sa page) : comptés par sort et par{' '}
          <strong>groupe au dépôt</strong>, le groupe que l'Assemblée publie pour l'auteur au dépôt
          (<code>groupePolitiqueRef</code>), pas son groupe actuel : un député qui a changé de
          groupe compte pour l'ancien sur ses amendements d'avant. Les amendements du Gouvernement,
          sans groupe, sont comptés à part, comme ceux d'un auteur sans groupe publié (rapporteur…).
          La colonne « Autres » réunit les tombés, retirés (avant ou après examen), non soutenus et
          en cours ; adoptés, rejetés et irrecevables ont chacun la leur.
        </li>
        <li>
          <strong>Cosignatures</strong> (<code>/exports/cosignatures.csv</code>) : pour chaque
          couple (auteur, cosignataire), le nombre d'amendements de cet auteur que le cosignataire a
          cosignés ; l'auteur n'est jamais son propre cosignataire. Les groupes affichés sont les
          groupes actuels du référentiel.
        </li>
        <li>
          Ces chiffres sont recalculés à chaque import des amendements, dans la même transaction ;
          un député qui n'a rien déposé ni cosigné a 0 partout et pas de taux.
        </li>
      </ul>

      <ActivityMethodology data={activity} />

      <h2 id="synthese">Synthèse de l’activité</h2>
      <p>
        La <a href="/synthese">synthèse</a> met côte à côte, pour chaque député : ses semaines
        d’activité de la période choisie (semaines actives ÷ semaines possibles, voir{' '}
        <a href="#semaines-activite">semaines d’activité</a>), sa présence aux réunions des
        commissions et organes dont il est membre (présent ÷ réunions, voir{' '}
        <a href="#presence-commission">présence en commission</a>), sa{' '}
        <a href="#participation">participation</a> aux scrutins et ses amendements déposés et
        adoptés (<a href="#amendements-deputes">amendements d'un député</a>). La période (
        <code>fenetre</code>) vaut pour les semaines et la présence : depuis le début de la
        législature ou les 12 derniers mois de données ; participation et amendements portent sur
        toute la législature.
      </p>
      <MarkRule />
      <p>
        Les marques sont calculées sur tous les députés comparés, quel que soit le filtre de la page
        : filtrer un groupe ne change pas les marques de ses membres. Elles figurent dans le JSON (
        <code>marques</code>) et le CSV (colonnes <code>marque_…</code>).
      </p>

      <h2 id="lobbies">Représentants d'intérêts</h2>
      <p>
        Le répertoire de la HATVP est publié en 15 tables CSV reliées par leurs identifiants :
        représentant (<code>representants_id</code>), exercice (<code>exercices_id</code>), activité
        (<code>activite_id</code>) et action (<code>action_representation_interet_id</code>). Tout
        ce qui est affiché est déclaré par les représentants eux-mêmes ; les montants sont des
        tranches, publiées telles quelles (« &gt; = 100 000 € et &lt; 200 000 € »), jamais
        additionnées ni converties en un chiffre.
      </p>
      <ul>
        <li>
          <strong>Activités et actions</strong> : une activité (un objet) appartient à un exercice,
          donc à un représentant ; ses actions (rattachées par la table des observations) portent
          les actions menées, les bénéficiaires, les décisions concernées et les responsables
          publics visés. Le nombre d'actions d'un représentant compte les actions de ses activités.
        </li>
        <li>
          <strong>Ministères visés</strong> : l'export coupe un ministère nommé avec des virgules
          sur plusieurs lignes (« Environnement », « énergie et mer ») et répète la liste entière
          après le type de responsable (« Membre du Gouvernement… - Premier ministre, Environnement,
          énergie et mer »). Un morceau qui commence par une minuscule est rattaché au précédent ;
          les deux écritures donnent les mêmes ministères, gardés une fois par action. Les morceaux
          du libellé du type de responsable lui-même (coupé de la même façon) sont écartés.
        </li>
        <li>
          <strong>Dernière tranche de dépenses</strong> (liste <a href="/lobbies">/lobbies</a>) :
          celle de l'exercice le plus récent (date de fin) qui en publie une ; son année est l'année
          de début de cet exercice.
        </li>
        <li>
          <strong>Filtres</strong> : domaine, responsables et ministère visés portent sur les
          activités ; tranche de dépenses et année sur les exercices (un représentant correspond
          s'il a un exercice de cette tranche ou de cette année ; combinés avec un domaine ou un
          ministère, c'est la même activité qui doit tout réunir). Les nombres entre parenthèses des
          listes de choix comptent les lignes de la table (représentants pour les catégories et
          secteurs, activités pour les domaines, actions pour les ministères, exercices pour les
          tranches).
        </li>
        <li>
          <strong>Recherche plein texte</strong> (<a href="/lobbies/activites">activités</a>) :
          l'objet et les domaines, sans accents ni casse, chaque mot au début d'un mot.
        </li>
      </ul>

      <h3 id="lobbies-rapprochements">Rapprochements avec les déclarations des députés</h3>
      <p>
        Des <strong>candidats</strong>, jamais des faits établis : deux organisations peuvent porter
        le même nom, et un nom déclaré peut désigner une filiale ou une société mère. Ils sont
        recalculés après chaque import du répertoire et chaque collecte des déclarations, sur la
        déclaration d'intérêts en vigueur de chaque député.
      </p>
      <ul>
        <li>
          <strong>Organisations déclarées</strong> (employeurs, clients de conseil, organes
          dirigeants, participations financières, employeur du conjoint) : confiance <em>haute</em>{' '}
          quand le nom déclaré donne un SIREN (9 chiffres seuls, entre ni lettre ni chiffre, ou les
          9 premiers d'un SIRET), ou sa description un SIREN précédé des mots « SIREN » ou « SIRET
          », qui est celui d'un représentant inscrit ; sinon le nom déclaré et la dénomination ou le
          nom d'usage du représentant sont comparés sans casse, accents, ponctuation ni forme
          juridique (SA, SAS, SARL, SE…) et doivent être égaux (3 caractères au moins) : confiance{' '}
          <em>moyenne</em>, ou <em>faible</em> quand les deux noms portent des formes juridiques
          différentes (Airbus SE et AIRBUS SAS sont deux sociétés) ou que le nom est un seul mot de
          4 lettres ou moins (un sigle). Le sigle du représentant n'est pas utilisé.
        </li>
        <li>
          <strong>Collaborateurs parlementaires</strong> déclarés dont le prénom et le nom (dans un
          ordre ou l'autre, sans casse ni accents) sont ceux d'un dirigeant ou d'une personne
          chargée de la représentation d'intérêts d'un représentant inscrit : confiance{' '}
          <em>faible</em> (des homonymes sont possibles), <em>moyenne</em> quand l'employeur déclaré
          du collaborateur correspond aussi à ce représentant.
        </li>
        <li>
          <strong>Précision mesurée</strong> sur un jeu de 27 paires réelles choisies à la main
          parmi les cas difficiles (des noms proches ou identiques ; 13 qui désignent bien
          l'organisation inscrite, 14 qui ne la désignent pas) : la règle des noms en propose 16,
          dont 13 justes, soit 13 ÷ 16 = 81 % sur ce jeu ; les 3 erreurs sont des sociétés de même
          nom mais d'une autre entité juridique (société mère cotée, caisse locale). Aucune des 13
          bonnes paires n'est manquée. Ce jeu n'est pas un échantillon tiré au hasard : ce chiffre
          n'est pas la précision sur l'ensemble des rapprochements proposés, qui n'est pas mesurée.
        </li>
        <li>
          <strong>Dossiers législatifs</strong> : une activité est rattachée à un dossier quand son
          objet (ou ses domaines), sans casse, accents ni ponctuation, contient le titre entier du
          dossier (4 mots au moins), à la suite (méthode « titre entier », confiance moyenne :
          l'objet peut ne citer le texte qu'en passant) ; affichée sur la page du dossier comme «
          représentants d'intérêts déclarant une action sur ce texte ». Recalculé après chaque
          import du répertoire ou des dossiers. Un objet qui nomme le texte autrement (numéro, titre
          abrégé) n'est pas rattaché.
        </li>
        <li>
          Un rapprochement faux peut être écarté par un administrateur depuis la file de revue ; il
          ne réapparaît pas aux calculs suivants.
        </li>
      </ul>

      <GeoMethodology />

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
          <strong>Dossiers législatifs</strong> : un dossier qui apparaît est un « nouveau dossier »
          ; un changement d'état ou de dernière étape est noté champ par champ.
        </li>
        <li>
          <strong>Déclarations HATVP</strong> : une ligne nouvelle de l'index est une « nouvelle
          déclaration », ou une « nouvelle version » quand la même personne en avait déjà une pour
          le même type de mandat et la même famille (intérêts, patrimoine).
        </li>
        <li>
          <strong>Représentants d'intérêts</strong> : un représentant qui apparaît est « inscrit au
          répertoire », une activité qui apparaît est une « nouvelle activité », et la tranche de
          dépenses publiée d'un exercice qui change est notée avec l'ancienne et la nouvelle.
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
