import { ColumnsTable } from '../components.tsx';
import type { Column } from '../../server/lib/export.ts';
import {
  CIRCO_COLUMNS,
  INSEE_COLUMNS,
  POSTCODE_COLUMNS,
  SEARCH_COLUMNS,
} from '../../server/records/geo.ts';

/** The /donnees section on circonscriptions, the search and the correspondence tables. */
export function GeoDocumentation() {
  return (
    <>
      <h2>Circonscriptions</h2>
      <p>
        <code>/circonscriptions</code>, <code>.csv</code>, <code>.json</code> (paramètre{' '}
        <code>departement</code>) : les circonscriptions de la législature (liste de l’Assemblée
        nationale et table de l’INSEE), chacune avec son député en exercice ou vacante. Fiche :{' '}
        <code>/circonscriptions/&lt;département&gt;-&lt;numéro&gt;</code> et <code>.json</code> (ex.{' '}
        <a href="/circonscriptions/33-4">/circonscriptions/33-4</a>,{' '}
        <a href="/circonscriptions/099-1">/circonscriptions/099-1</a>), avec ses communes et ses
        codes postaux.
      </p>
      <ColumnsTable columns={CIRCO_COLUMNS as Column<never>[]} />

      <h2>Recherche : trouver son député</h2>
      <p>
        <code>/recherche?q=…</code>, <code>/recherche.csv?q=…</code>,{' '}
        <code>/recherche.json?q=…</code> : <code>q</code> est un code postal (ou ses premiers
        chiffres), un nom de commune ou d’arrondissement (casse, accents, traits d’union et « St »/«
        Saint » indifférents), le nom d’un député en exercice, un identifiant de circonscription (
        <code>33-4</code>) ou « étranger ». Une ligne par lieu et circonscription possibles ; le
        JSON ajoute <code>type</code>, <code>motif</code> (pourquoi la réponse n’est pas unique),{' '}
        <code>lieux</code>, <code>deputes</code> et <code>circonscriptions</code>. Au plus 30 lieux
        et 30 députés sont listés.
      </p>
      <p>
        <code>/recherche?lat=…&amp;lon=…</code> (et <code>.csv</code>, <code>.json</code>) : un
        point en degrés décimaux (latitude entre -90 et 90, longitude entre -180 et 180, sinon 400)
        ; la circonscription dont le contour le contient, puis les voisines à moins de 2 km d’une
        limite (<a href="/methodologie#geo-position">règle et justification</a>). Une seule réponse
        certaine mène au député.
      </p>
      <ColumnsTable columns={SEARCH_COLUMNS as Column<never>[]} />

      <h2>Tables de correspondance</h2>
      <p>
        <code>/correspondances/communes-circonscriptions.csv</code> et <code>.json</code> : la table
        de l’INSEE telle que collectée (une ligne par commune et circonscription ; 129 communes sont
        dans plusieurs circonscriptions, quelques villages de la Meuse dans aucune ; Mayotte, les
        collectivités d’outre-mer et les Français de l’étranger n’y figurent pas).
      </p>
      <ColumnsTable columns={INSEE_COLUMNS as Column<never>[]} />
      <p>
        <code>/correspondances/codes-postaux.csv</code> et <code>.json</code> : chaque code postal
        de La Poste, la commune (ou l’arrondissement) qu’il dessert et chaque circonscription
        possible. Paramètres : <code>departement</code>, <code>page</code>, <code>per_page</code>{' '}
        (JSON : 1 000 par page par défaut, 50 000 au plus ; CSV : tout).
      </p>
      <ColumnsTable columns={POSTCODE_COLUMNS as Column<never>[]} />
      <h3>Rattachement d’un code postal à une circonscription</h3>
      <ul>
        <li>
          <strong>insee</strong> : la commune figure dans la table de l’INSEE, qui dit si elle est
          entière ou partagée (sans dire quelle partie relève de quelle circonscription).
        </li>
        <li>
          <strong>ville</strong> : La Poste donne l’arrondissement (75115), l’INSEE la ville entière
          (75056) ; toutes les circonscriptions de la ville sont possibles.
        </li>
        <li>
          <strong>departement</strong> : commune absente de la table de l’INSEE (Mayotte,
          collectivités d’outre-mer, communes créées depuis 2021) : toutes les circonscriptions de
          son département sont possibles, une seule quand il n’en a qu’une.
        </li>
        <li>
          <strong>aucune</strong> : commune rattachée à aucune circonscription, ou hors de France
          (Monaco).
        </li>
      </ul>
    </>
  );
}
