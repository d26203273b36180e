import { ColumnsTable, ParameterList } from '../components.tsx';
import { SYNTHESE_COLUMNS } from '../../server/records/synthese.ts';
import { PRESENCE_DUMP_COLUMNS } from '../../server/records/agenda.ts';
import { ACTIVITE_FIELDS, PRESENCE_FIELDS } from '../../server/records/activite.ts';
import type { Column } from '../../server/lib/export.ts';
import { DEPUTY_COLUMNS, GROUP_COLUMNS, VOTE_STATS_FIELDS } from '../../server/records/deputes.ts';
import { UNRESOLVED_COLUMNS } from '../../server/records/liaisons.ts';
import {
  BULK_VOTE_COLUMNS,
  DEPUTY_VOTE_COLUMNS,
  SCRUTIN_COLUMNS,
  SCRUTIN_VOTE_COLUMNS,
} from '../../server/records/scrutins.ts';
import type { SourceFile } from '../../domain/sources.ts';
import { GeoDocumentation } from '../geo/donnees-geo.tsx';
import { DeclarationsDocs } from '../declarations/declarations-docs.tsx';
import { FaitsDocs } from '../faits/faits.tsx';
import { ChangesDocs } from '../changements/changements-docs.tsx';
import { ComparerDocs } from '../comparer/comparer-docs.tsx';
import { DossiersDocs } from '../dossiers/dossiers-docs.tsx';
import { AmendementsDocs } from '../amendements/amendements-docs.tsx';
import { LobbiesDocs } from '../lobbies/lobbies-docs.tsx';
import { Layout } from '../layout.tsx';

const PARAMETERS: [string, string][] = [
  ['en_exercice', 'oui (par défaut), non (anciens députés) ou tous'],
  ['groupe', 'sigle du groupe (ex. EPR), répétable : groupe=RN&groupe=UDDPLR'],
  ['parti', 'identifiant (PO…) ou sigle du parti de rattachement'],
  [
    'profession',
    'texte libre ; casse, accents, préfixe INSEE et genre ignorés (avocat trouve Avocate)',
  ],
  ['categorie', 'catégorie socioprofessionnelle INSEE, valeur exacte'],
  ['famille', 'famille socioprofessionnelle INSEE, valeur exacte'],
  ['departement', "code du département d'élection (33, 2A, 971, 099)"],
  ['sexe', 'F ou H'],
  ['age_min, age_max', 'âge en années révolues, bornes incluses'],
  ['nom', 'partie du prénom ou du nom, sans tenir compte des accents'],
  [
    'tri, ordre',
    'nom, groupe, age, departement, profession, debut, participation, participation-solennelle, loyaute, frondeurs, amendements, cosignatures, amendements-adoptes ou taux-adoption ; asc ou desc (un taux non significatif ou absent vient toujours en dernier, voir la méthodologie)',
  ],
  [
    'page, per_page',
    `pagination (JSON et HTML : 100 par page par défaut, 1 000 au plus ; CSV : tout sauf si per_page est donné)`,
  ],
  [
    'excel',
    'CSV seulement : excel=1 produit un fichier séparé par des points-virgules avec BOM, pour Excel',
  ],
];

export function DonneesPage({ sources }: { sources: SourceFile[] }) {
  return (
    <Layout title="Données et documentation" section="donnees">
      <h1>Données et documentation</h1>
      <p>
        Chaque liste du site existe aussi en CSV et en JSON : ajoutez <code>.csv</code> ou{' '}
        <code>.json</code> au chemin en gardant les paramètres, par exemple{' '}
        <a href="/deputes.csv?groupe=EPR&profession=avocat">
          /deputes.csv?groupe=EPR&amp;profession=avocat
        </a>
        . Les colonnes ci-dessous sont stables ; une colonne nouvelle s'ajoute à la fin.
      </p>
      <h2>Formats</h2>
      <ul>
        <li>
          <strong>CSV</strong> : UTF-8, séparateur virgule, première ligne d'en-tête. Une cellule
          qui commence par <code>=</code>, <code>+</code>, <code>-</code> ou <code>@</code> est
          précédée d'une apostrophe pour qu'un tableur ne l'exécute pas.
        </li>
        <li>
          <strong>JSON</strong> :{' '}
          <code>
            {
              '{"total": N, "items": [...], "page", "per_page", "source", "licence", "generated_at"}'
            }
          </code>
          , les éléments ayant les mêmes noms de champs que les colonnes CSV.
        </li>
      </ul>

      <h2>Députés</h2>
      <p>
        <code>/deputes</code>, <code>/deputes.csv</code>, <code>/deputes.json</code> ; fiche
        détaillée : <code>/deputes/&lt;uid&gt;.json</code> (ajoute l'historique des groupes, les
        mandats, les adresses et les déports, <code>dans_le_referentiel</code>, les groupes de ses
        votes <code>groupes_de_vote</code> et ses chiffres de vote <code>votes</code>). Un ancien
        député absent du référentiel qui a voté a la même fiche, avec{' '}
        <code>"dans_le_referentiel": false</code>, les champs que seul le référentiel donne à{' '}
        <code>null</code> (listes vides), ses <code>noms_candidats</code> (nom, source, preuve : des
        pistes, non des faits) et une participation <code>null</code> expliquée.
      </p>
      <h3>
        Champs de <code>votes</code>
      </h3>
      <ParameterList parameters={VOTE_STATS_FIELDS} />
      <h3>
        Champs de <code>presence_commission</code> et <code>presence_commission_12_mois</code>
      </h3>
      <p>
        La présence en commission du député depuis le début de la législature (
        <code>presence_commission</code>) et sur les 12 derniers mois de données (
        <code>presence_commission_12_mois</code>), voir{' '}
        <a href="/methodologie#presence-commission">la méthodologie</a>.
      </p>
      <ParameterList parameters={PRESENCE_FIELDS} />
      <h3>
        Champs de <code>activite</code>
      </h3>
      <ParameterList parameters={ACTIVITE_FIELDS} />
      <h3>Paramètres</h3>
      <ParameterList parameters={PARAMETERS} />
      <h3>Colonnes</h3>
      <ColumnsTable columns={DEPUTY_COLUMNS as Column<never>[]} />

      <h2 id="synthese">Synthèse de l’activité</h2>
      <p>
        <code>/synthese</code>, <code>/synthese.csv</code>, <code>/synthese.json</code> : tous les
        députés du filtre, sans pagination. Paramètres : ceux de <code>/deputes</code> (
        <code>nom</code>, <code>groupe</code>, <code>departement</code>, <code>en_exercice</code>…),{' '}
        <code>fenetre</code> legislature (par défaut) ou 12_mois, <code>tri</code> nom, groupe,
        departement, semaines, presence, participation, amendements ou adoptes, <code>ordre</code>{' '}
        asc ou desc. Chaque élément du JSON porte l’identité du député,{' '}
        <code>presence_commission</code> (pour la période choisie), <code>activite</code> (les deux
        périodes), <code>participation</code>, <code>scrutins_de_reference</code>,{' '}
        <code>votes_participation</code>, <code>amendements_deposes</code>,{' '}
        <code>amendements_adoptes</code> et <code>marques</code> (semaines, presence, participation,
        amendements, adoptes : bas, haut ou null ; règle sur{' '}
        <a href="/methodologie#synthese">la méthodologie</a>).
      </p>
      <p>
        <code>presence_commission</code> et <code>activite</code> ont les champs de{' '}
        <code>/deputes/&lt;uid&gt;.json</code>, décrits plus haut.
      </p>
      <h3>Colonnes du CSV</h3>
      <ColumnsTable columns={SYNTHESE_COLUMNS as Column<never>[]} />

      <h2 id="presences">Présences aux réunions</h2>
      <p>
        Toutes les présences publiées, une ligne par réunion et par membre :{' '}
        <a href="/exports/presences.csv">/exports/presences.csv</a>. Les réunions annulées ou
        supprimées y figurent avec <code>comptee</code> à false ; elles ne comptent dans aucun taux.
      </p>
      <ColumnsTable columns={PRESENCE_DUMP_COLUMNS as Column<never>[]} />

      <h2>Groupes politiques</h2>
      <p>
        <code>/groupes.csv</code>, <code>/groupes.json</code> ; membres d'un groupe :{' '}
        <code>/groupes/&lt;sigle&gt;.csv</code> et <code>.json</code> (mêmes colonnes que les
        députés).
      </p>
      <ColumnsTable columns={GROUP_COLUMNS as Column<never>[]} />

      <h2>Scrutins et votes</h2>
      <p>
        <code>/scrutins.csv</code>, <code>/scrutins.json</code> (paramètres <code>q</code> mots de
        l'intitulé, <code>du</code> et <code>au</code> dates AAAA-MM-JJ, <code>type</code> spo, sps
        ou moc, <code>resultat</code> adopte ou rejete, <code>ecart_position=oui</code> seulement
        les scrutins où la position publiée d'au moins un groupe diffère de la majorité de ses
        votes, <code>amendement</code> lie ou non-lie pour les scrutins sur un amendement relié ou
        non, <code>tri</code> numero-desc, numero-asc, date-desc ou date-asc) :
      </p>
      <ColumnsTable columns={SCRUTIN_COLUMNS as Column<never>[]} />
      <p>
        <code>/scrutins/&lt;numero&gt;.json</code> : le décompte officiel (<code>pour</code>,{' '}
        <code>contre</code>, <code>abstention</code>, <code>nonVotant</code>), celui des listes
        nominatives, chaque groupe (position officielle, voix, indice d'accord) et le dossier
        législatif (<code>dossier_uid</code>, et <code>dossiers</code> avec leur{' '}
        <code>methode</code>), l'amendement voté (<code>amendement_uid</code>, et{' '}
        <code>amendements</code> : chaque numéro nommé, relié ou avec son <code>motif_non_lie</code>
        ). <code>/methodologie/liaisons.csv</code> et <code>.json</code> (paramètre{' '}
        <code>motif</code>) : les amendements nommés par un scrutin et non reliés, avec le taux de
        liaison (<code>taux</code> dans le JSON) :
      </p>
      <ColumnsTable columns={UNRESOLVED_COLUMNS as Column<never>[]} />
      <p>
        <code>/scrutins/&lt;numero&gt;/votes.csv</code> et <code>.json</code> (paramètres{' '}
        <code>groupe</code>, <code>position</code>, <code>frondeurs=oui</code> pour les seuls votes
        contraires à la majorité du groupe) :
      </p>
      <ColumnsTable columns={SCRUTIN_VOTE_COLUMNS as Column<never>[]} />
      <p>
        <code>/deputes/&lt;uid&gt;/votes.csv</code> et <code>.json</code> (paramètres{' '}
        <code>position</code>, <code>type</code>, <code>du</code>, <code>au</code>, <code>q</code>,{' '}
        <code>frondeurs=oui</code>, comme sur la page d'un scrutin ; l'ancien nom{' '}
        <code>frondes=1</code> reste accepté) :
      </p>
      <ColumnsTable columns={DEPUTY_VOTE_COLUMNS as Column<never>[]} />
      <p>
        Qui a voté quoi : <code>/deputes.csv?scrutin=&lt;numero&gt;&amp;position=contre</code> (se
        combine avec les autres filtres). Tous les votes individuels de la législature, avec le
        groupe au moment du vote : <a href="/exports/votes.csv">/exports/votes.csv</a> (colonnes :{' '}
        {BULK_VOTE_COLUMNS.join(', ')}).
      </p>
      <DossiersDocs />
      <AmendementsDocs />
      <LobbiesDocs />
      <ComparerDocs />
      <GeoDocumentation />

      <DeclarationsDocs />

      <FaitsDocs />
      <ChangesDocs />

      <h2>Définitions</h2>
      <dl class="facts">
        <dt>En exercice</dt>
        <dd>
          Le député détient un mandat de député (organe ASSEMBLEE) de la législature courante sans
          date de fin.
        </dd>
        <dt>Groupe actuel</dt>
        <dd>
          Le mandat de groupe politique (GP) ouvert ; un même mandat publié deux fois ne compte
          qu'une fois. Pour un ancien député : le groupe auquel il appartenait à la fin de son
          mandat.
        </dd>
        <dt>Profession normalisée</dt>
        <dd>
          Le libellé déclaré sans le code INSEE en préfixe (« (33) - »), en minuscules et sans
          accents, les terminaisons féminines ramenées au masculin (avocate → avocat, directrice →
          directeur).
        </dd>
      </dl>

      <p>
        Les taux (participation, loyauté, cohésion, proximité) sont définis sur la page{' '}
        <a href="/methodologie">Méthodologie</a>.
      </p>

      <h2>Sources et licences</h2>
      <ul>
        {sources.map((s) => (
          <li>
            <strong>{s.name}</strong> ({s.publisher}) : <a href={s.url}>{s.url}</a>, sous{' '}
            <a href={s.licenceUrl}>{s.licence}</a>.
          </li>
        ))}
      </ul>
    </Layout>
  );
}
