import { AGREEMENT_COLUMNS, COMPARE_COLUMNS } from '../../server/records/comparer.ts';
import type { Column } from '../../server/lib/export.ts';
import { ColumnsTable, ParameterList } from '../components.tsx';

/** The /donnees section of the comparisons: parameters and columns of both exports. */
export function ComparerDocs() {
  return (
    <>
      <h2>Comparaisons</h2>
      <p>
        <code>/comparer.csv</code>, <code>/comparer.json</code> : les scrutins communs de deux
        députés ou groupes (<a href="/methodologie#comparer">définitions</a>). Le JSON porte aussi
        le résumé : <code>a</code>, <code>b</code>, <code>scrutins_communs</code>,{' '}
        <code>accords</code>, <code>desaccords</code>, <code>taux_accord</code>,{' '}
        <code>significatif</code>.
      </p>
      <ParameterList
        parameters={[
          [
            'a, b',
            'identifiant AN d’un député (PA…) ou d’un groupe (PO…), obligatoires et différents',
          ],
          [
            'voir',
            'desaccords (par défaut) : les seuls désaccords ; tous : tous les scrutins communs',
          ],
          ['page, per_page', 'pagination (le CSV est entier sans per_page)'],
        ]}
      />
      <ColumnsTable columns={COMPARE_COLUMNS as Column<never>[]} />
      <p>
        <code>/vote-comme-moi.csv</code>, <code>/vote-comme-moi.json</code> : groupes puis députés
        classés par accord avec des réponses (<a href="/methodologie#vote-comme-moi">définitions</a>
        ). Une réponse par paramètre <code>s&lt;numéro du scrutin&gt;</code> valant{' '}
        <code>pour</code>, <code>contre</code> ou <code>abstention</code> (<code>sans-avis</code> ou
        vide : pas de réponse), 200 au plus :{' '}
        <code>/vote-comme-moi.csv?s2976=pour&amp;s2975=contre</code>. Un numéro inconnu est ignoré (
        <code>scrutins_inconnus</code> dans le JSON, avec <code>reponses</code> et{' '}
        <code>seuil_significatif</code>).
      </p>
      <ColumnsTable columns={AGREEMENT_COLUMNS as Column<never>[]} />
    </>
  );
}
