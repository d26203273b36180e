import type { FactRecordRow } from '../../db/queries/faits.ts';
import type { Column } from '../../server/lib/export.ts';
import { FACT_COLUMNS } from '../../server/records/faits.ts';
import { ColumnsTable, ExportLinks } from '../components.tsx';
import { FactList } from '../deputes/depute-faits.tsx';
import { count } from '../format.ts';
import { Layout } from '../layout.tsx';

/** `/faits`: every verified fact, with its deputy, source and date. */
export function FaitsPage({ facts, query }: { facts: FactRecordRow[]; query: string }) {
  return (
    <Layout title="Faits vérifiés" section="donnees">
      <h1>Faits vérifiés</h1>
      <p>
        Ce que les données ouvertes ne disent pas (fonctions dans un parti, liens familiaux avec des
        collaborateurs…), vérifié par une personne à la source indiquée.{' '}
        {count(facts.length, 'fait')}.
      </p>
      <ExportLinks path="/faits" query={query} />
      {facts.length === 0 ? (
        <p class="muted">Aucun fait pour ces critères.</p>
      ) : (
        <FactList facts={facts} withDeputy />
      )}
    </Layout>
  );
}

/** The `/donnees` section documenting the facts export and how facts are added. */
export function FaitsDocs() {
  return (
    <>
      <h2 id="faits">Faits vérifiés et pages suivies</h2>
      <p>
        <a href="/faits">/faits</a>, <code>/faits.csv</code>, <code>/faits.json</code> (paramètres{' '}
        <code>depute</code> identifiant PA…, <code>type</code> fonction_partisane, lien_familial ou
        autre) ; les faits d'un député figurent aussi sur sa fiche et dans{' '}
        <code>/deputes/&lt;uid&gt;.json</code> (champ <code>faits</code>). Chaque fait est importé
        d'un fichier CSV par les administrateurs après vérification à sa source ; son ajout ou sa
        modification est inscrit au journal des changements.
      </p>
      <ColumnsTable columns={FACT_COLUMNS as Column<never>[]} />
      <p>
        Des pages web choisies (site d'un député, page d'un parti) sont aussi relevées à intervalles
        réguliers : une différence de texte, hors dates, compteurs et autres bruits connus, est
        soumise à une personne qui la confirme (elle rejoint alors le journal des changements avec
        le texte avant et après et l'adresse de la page) ou l'écarte.
      </p>
    </>
  );
}
