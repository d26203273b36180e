import type { Column } from '../../server/lib/export.ts';
import { COSIGNATURE_COLUMNS, amendementDumpColumns } from '../../server/records/amendements.ts';
import { AMENDEMENT_STATS_FIELDS } from '../../server/records/deputes.ts';
import { ColumnsTable, ParameterList } from '../components.tsx';

/** The /donnees section of a deputy's amendment figures and of the amendment dumps. */
export function AmendementsDocs() {
  return (
    <>
      <h2 id="amendements-exports">Amendements : chiffres par député et fichiers complets</h2>
      <p>
        <code>/deputes/&lt;uid&gt;.json</code> donne les chiffres d'amendements du député sous{' '}
        <code>amendements</code> (voir la{' '}
        <a href="/methodologie#amendements-deputes">méthodologie</a>) ; <code>/deputes.csv</code> et{' '}
        <code>.json</code> en ont les colonnes <code>amendements_deposes</code>,{' '}
        <code>amendements_cosignes</code>, <code>amendements_adoptes</code>,{' '}
        <code>amendements_avec_sort</code> et <code>taux_adoption</code>, triables par{' '}
        <code>tri=amendements</code>, <code>cosignatures</code>, <code>amendements-adoptes</code> ou{' '}
        <code>taux-adoption</code>.
      </p>
      <h3>
        Champs de <code>amendements</code>
      </h3>
      <ParameterList parameters={AMENDEMENT_STATS_FIELDS} />
      <p>
        <code>/dossiers/&lt;uid&gt;.json</code> donne sous <code>amendements</code> le total, les
        comptes par sort (<code>par_sort</code>), par groupe de l'auteur au dépôt (
        <code>par_groupe</code>, chacun avec ses comptes par sort et le lien vers la liste filtrée),
        et les dix derniers déposés (<code>derniers</code>).
      </p>
      <h3>Tous les amendements</h3>
      <p>
        <a href="/exports/amendements.csv">/exports/amendements.csv</a> : une ligne par amendement
        de la législature, envoyée au fil de l'eau. Le dispositif et l'exposé sommaire n'y sont pas
        (ils multiplieraient la taille du fichier) : ils sont sur la page de chaque amendement
        (colonne <code>url</code>) et dans <code>/amendements/&lt;uid&gt;.json</code>.
      </p>
      <ColumnsTable columns={amendementDumpColumns('') as Column<never>[]} />
      <h3>Cosignatures</h3>
      <p>
        <a href="/exports/cosignatures.csv">/exports/cosignatures.csv</a> : une ligne par couple
        (auteur, cosignataire), triée par auteur puis cosignataire.
      </p>
      <ColumnsTable columns={COSIGNATURE_COLUMNS as Column<never>[]} />
    </>
  );
}
