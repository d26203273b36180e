// Pure readers of the dossiers archive's JSON: a dossierParlementaire file gives a dossier,
// its initiators, its steps (the tree of actesLegislatifs flattened depth first) and the
// steps' texts and scrutins; a document file gives a text, or its deletion.
import { ShapeError, asList, date, int, obj, optObj, requiredText, text } from '../lib/an-json.ts';
import type {
  DocumentTable,
  DossierInitiator,
  DossierStep,
  DossierTable,
} from '../../db/schema/index.ts';
import { dossierState } from '../../domain/dossiers.ts';
import { fold } from '../../domain/text.ts';

export interface ParsedDossier {
  dossier: Omit<DossierTable, 'content_hash'>;
  initiators: DossierInitiator[];
  steps: DossierStep[];
  texts: { dossier_uid: string; step_position: number; text_uid: string; role: string }[];
  votes: { dossier_uid: string; step_position: number; scrutin_uid: string }[];
}

/** Deepest nesting of steps accepted; the real tree is 5 levels deep. */
const MAX_DEPTH = 20;

/** An id given as a string or as {"uid": …} (organeRef in initiateur.organes). */
function ref(value: unknown, path: string): string | null {
  const o = typeof value === 'object' && value !== null && !Array.isArray(value) ? value : null;
  if (o && 'uid' in o) return text((o as Record<string, unknown>).uid, `${path}.uid`);
  return text(value, path);
}

/** A libellé from {fam_code, libelle}, or null. */
function libelle(value: unknown, path: string): string | null {
  const o = optObj(value, path);
  return o ? text(o.libelle, `${path}.libelle`) : null;
}

/** Reads one `json/dossierParlementaire/DLR….json` file. */
export function parseDossier(json: unknown): ParsedDossier {
  const root = obj(obj(json, '(file)').dossierParlementaire, 'dossierParlementaire');
  const p = 'dossierParlementaire';
  const uid = requiredText(root.uid, `${p}.uid`);
  const legislature = int(root.legislature, `${p}.legislature`, 1);
  if (legislature === null) throw new ShapeError(`${p}.legislature`, 'missing value');
  const titles = obj(root.titreDossier, `${p}.titreDossier`);
  const title = requiredText(titles.titre, `${p}.titreDossier.titre`);
  const procedure = optObj(root.procedureParlementaire, `${p}.procedureParlementaire`);
  const fusion = optObj(root.fusionDossier, `${p}.fusionDossier`);

  const initiators: DossierInitiator[] = [];
  const initiateur = optObj(root.initiateur, `${p}.initiateur`);
  if (initiateur) {
    const acteurs = optObj(initiateur.acteurs, `${p}.initiateur.acteurs`);
    asList(acteurs?.acteur).forEach((a, i) => {
      const path = `${p}.initiateur.acteurs.acteur[${i}]`;
      initiators.push({
        dossier_uid: uid,
        position: initiators.length,
        acteur_uid: requiredText(obj(a, path).acteurRef, `${path}.acteurRef`),
        organe_uid: null,
      });
    });
    const organes = optObj(initiateur.organes, `${p}.initiateur.organes`);
    asList(organes?.organe).forEach((o, i) => {
      const path = `${p}.initiateur.organes.organe[${i}]`;
      const organe = ref(obj(o, path).organeRef, `${path}.organeRef`);
      if (organe === null) throw new ShapeError(`${path}.organeRef`, 'missing value');
      initiators.push({
        dossier_uid: uid,
        position: initiators.length,
        acteur_uid: null,
        organe_uid: organe,
      });
    });
  }

  const steps: DossierStep[] = [];
  const texts: ParsedDossier['texts'] = [];
  const votes: ParsedDossier['votes'] = [];
  const walk = (container: unknown, path: string, parent: number | null, depth: number) => {
    if (depth > MAX_DEPTH) throw new ShapeError(path, `steps nested deeper than ${MAX_DEPTH}`);
    const holder = optObj(container, path);
    if (!holder) return;
    asList(holder.acteLegislatif).forEach((raw, i) => {
      const at = `${path}.acteLegislatif[${i}]`;
      const s = obj(raw, at);
      const position = steps.length;
      const names = optObj(s.libelleActe, `${at}.libelleActe`);
      steps.push({
        dossier_uid: uid,
        position,
        parent_position: parent,
        depth,
        uid: requiredText(s.uid, `${at}.uid`),
        code: requiredText(s.codeActe, `${at}.codeActe`),
        kind: text(s['@xsi:type'], `${at}.@xsi:type`),
        label: names
          ? (text(names.nomCanonique, `${at}.libelleActe.nomCanonique`) ??
            text(names.libelleCourt, `${at}.libelleActe.libelleCourt`))
          : null,
        date: date(s.dateActe, `${at}.dateActe`),
        organe_uid: text(s.organeRef, `${at}.organeRef`),
        conclusion:
          libelle(s.statutConclusion, `${at}.statutConclusion`) ??
          libelle(s.decision, `${at}.decision`),
      });
      const linked = new Set<string>();
      const addText = (value: string | null, role: string) => {
        if (value === null || linked.has(`${role}:${value}`)) return;
        linked.add(`${role}:${value}`);
        texts.push({ dossier_uid: uid, step_position: position, text_uid: value, role });
      };
      addText(text(s.texteAssocie, `${at}.texteAssocie`), 'associe');
      const several = optObj(s.textesAssocies, `${at}.textesAssocies`);
      asList(several?.texteAssocie).forEach((t, j) => {
        const tp = `${at}.textesAssocies.texteAssocie[${j}]`;
        addText(requiredText(obj(t, tp).refTexteAssocie, `${tp}.refTexteAssocie`), 'associe');
      });
      addText(text(s.texteAdopte, `${at}.texteAdopte`), 'adopte');
      const voteRefs = optObj(s.voteRefs, `${at}.voteRefs`);
      const seen = new Set<string>();
      asList(voteRefs?.voteRef).forEach((v, j) => {
        const scrutin = requiredText(v, `${at}.voteRefs.voteRef[${j}]`);
        if (seen.has(scrutin)) return;
        seen.add(scrutin);
        votes.push({ dossier_uid: uid, step_position: position, scrutin_uid: scrutin });
      });
      walk(s.actesLegislatifs, `${at}.actesLegislatifs`, position, depth + 1);
    });
  };
  walk(root.actesLegislatifs, `${p}.actesLegislatifs`, null, 0);

  const dated = steps.filter((s) => s.date !== null);
  // The latest dated step; on equal dates the later one in the tree.
  const last = dated.reduce<DossierStep | null>(
    (best, s) => (best === null || s.date! >= best.date! ? s : best),
    null,
  );
  const first = dated.reduce<string | null>(
    (min, s) => (min === null || s.date! < min ? s.date : min),
    null,
  );
  return {
    dossier: {
      uid,
      legislature,
      title,
      path_title: text(titles.titreChemin, `${p}.titreDossier.titreChemin`),
      title_key: fold(title),
      senat_url: text(titles.senatChemin, `${p}.titreDossier.senatChemin`),
      procedure_code: procedure ? text(procedure.code, `${p}.procedureParlementaire.code`) : null,
      procedure_label: procedure
        ? text(procedure.libelle, `${p}.procedureParlementaire.libelle`)
        : null,
      first_date: first,
      last_date: last?.date ?? null,
      last_step_code: last?.code ?? null,
      last_step_label: last?.label ?? null,
      state: dossierState(steps),
      absorbed_by: fusion
        ? text(fusion.dossierAbsorbantRef, `${p}.fusionDossier.dossierAbsorbantRef`)
        : null,
    },
    initiators,
    steps,
    texts,
    votes,
  };
}

export type ParsedDocument =
  | { kind: 'document'; document: Omit<DocumentTable, 'content_hash'> }
  /** The Assemblée publishes a deleted text as its uid and `metadatas.dateSuppression`. */
  | { kind: 'deleted'; uid: string };

/** Reads one `json/document/….json` file. */
export function parseDocument(json: unknown): ParsedDocument {
  const d = obj(obj(json, '(file)').document, 'document');
  const p = 'document';
  const uid = requiredText(d.uid, `${p}.uid`);
  const metadatas = optObj(d.metadatas, `${p}.metadatas`);
  if (metadatas && text(metadatas.dateSuppression, `${p}.metadatas.dateSuppression`) !== null)
    return { kind: 'deleted', uid };
  const chrono = optObj(optObj(d.cycleDeVie, `${p}.cycleDeVie`)?.chrono, `${p}.cycleDeVie.chrono`);
  const titres = obj(d.titres, `${p}.titres`);
  const classification = optObj(d.classification, `${p}.classification`);
  const type = optObj(classification?.type, `${p}.classification.type`);
  const subtype = optObj(classification?.sousType, `${p}.classification.sousType`);
  const notice = optObj(d.notice, `${p}.notice`);
  return {
    kind: 'document',
    document: {
      uid,
      dossier_uid: text(d.dossierRef, `${p}.dossierRef`),
      legislature: int(d.legislature, `${p}.legislature`, 1),
      type_code: type ? text(type.code, `${p}.classification.type.code`) : null,
      type_label: type ? text(type.libelle, `${p}.classification.type.libelle`) : null,
      subtype_code: subtype ? text(subtype.code, `${p}.classification.sousType.code`) : null,
      denomination: text(d.denominationStructurelle, `${p}.denominationStructurelle`),
      title: text(titres.titrePrincipal, `${p}.titres.titrePrincipal`),
      short_title: text(titres.titrePrincipalCourt, `${p}.titres.titrePrincipalCourt`),
      numero: notice ? text(notice.numNotice, `${p}.notice.numNotice`) : null,
      deposit_date: chrono ? date(chrono.dateDepot, `${p}.cycleDeVie.chrono.dateDepot`) : null,
      publication_date: chrono
        ? date(chrono.datePublication, `${p}.cycleDeVie.chrono.datePublication`)
        : null,
      adoption_status: classification
        ? text(classification.statutAdoption, `${p}.classification.statutAdoption`)
        : null,
    },
  };
}
