import type { Column } from '../../server/lib/export.ts';
import { DOSSIER_COLUMNS } from '../../server/records/dossiers.ts';
import { ColumnsTable, ParameterList } from '../components.tsx';

const PARAMETERS: [string, string][] = [
  ['q', 'mots du titre (accents et casse ignorés), tous requis'],
  ['procedure', 'code de la procédure (colonne procedure_code, ex. 2 : proposition de loi)'],
  ['etat', 'en-cours, adopte, promulgue, rejete ou retire'],
  ['du, au', 'bornes de la date de dépôt (AAAA-MM-JJ, incluses)'],
  ['groupe', "sigle ou identifiant du groupe actuel d'un des députés initiateurs"],
  ['legislature', 'législature du dossier (par défaut toutes)'],
  ['tri', 'activite-desc (par défaut), depot-desc ou depot-asc'],
  ['page, per_page', 'pagination (100 par page par défaut)'],
];

/** The /donnees section of the dossier exports. */
export function DossiersDocs() {
  return (
    <>
      <h2 id="dossiers">Dossiers législatifs</h2>
      <p>
        <code>/dossiers.csv</code>, <code>/dossiers.json</code> (mêmes paramètres que la page) :
      </p>
      <ParameterList parameters={PARAMETERS} />
      <ColumnsTable columns={DOSSIER_COLUMNS as Column<never>[]} />
      <p>
        <code>/dossiers/&lt;uid&gt;.json</code> : le dossier, ses <code>initiateurs</code>, ses{' '}
        <code>etapes</code> dans l'ordre de l'arbre publié (<code>position</code>,{' '}
        <code>parent</code>, <code>code</code>, <code>chambre</code> AN, SN, CMP, PROM, CC ou autre,{' '}
        <code>libelle</code>, <code>date</code>, <code>conclusion</code>, <code>textes</code>,{' '}
        <code>scrutins</code>), ses <code>textes</code> (documents) et tous les{' '}
        <code>scrutins</code> liés au dossier, chacun avec sa <code>methode</code> (
        <code>etapes</code>, <code>reference</code>, <code>amendement</code>) : ceux que compte la
        colonne <code>scrutins</code> de la liste. Le JSON d'un scrutin (
        <code>/scrutins/&lt;numero&gt;.json</code>) donne son <code>dossier_uid</code> (le premier
        par identifiant quand plusieurs dossiers le nomment, tous dans <code>dossiers</code>).
      </p>
    </>
  );
}
