import type { Mandat, NewActeur } from '../../db/schema/index.ts';
import type { ParsedActeur } from './parse.ts';

export type DerivedFields = Pick<
  NewActeur,
  | 'in_office'
  | 'group_uid'
  | 'party_uid'
  | 'departement_code'
  | 'departement_name'
  | 'circo_number'
  | 'circo_uid'
  | 'mandate_start'
  | 'mandate_end'
>;

const byStartThenUid = (a: Mandat, b: Mandat) =>
  (a.start_date ?? '').localeCompare(b.start_date ?? '') || a.uid.localeCompare(b.uid);

/** The latest mandate of a list (by start date, then uid), or null. */
function latest(mandats: Mandat[]): Mandat | null {
  return [...mandats].sort(byStartThenUid).at(-1) ?? null;
}

/**
 * What the tracker derives from an acteur's mandates, for the given legislature:
 * in office = an open ASSEMBLEE mandate of that legislature; current group = the open GP
 * mandate (duplicates of one group count once; of two different open groups, the later);
 * a former deputy keeps the group they belonged to when their mandate ended.
 */
export function deriveActeur(acteur: ParsedActeur, legislature: number): DerivedFields {
  const assemblee = acteur.mandats.filter(
    (m) => m.organe_type === 'ASSEMBLEE' && m.legislature === legislature,
  );
  const open = assemblee.filter((m) => m.end_date === null);
  const seat = latest(open) ?? latest(assemblee);
  const inOffice = open.length > 0;
  const groups = acteur.mandats.filter((m) => m.organe_type === 'GP');
  let group: Mandat | null = null;
  if (inOffice) {
    group = latest(groups.filter((m) => m.end_date === null));
  } else if (seat) {
    const leftOn = seat.end_date ?? '9999-12-31';
    group = latest(
      groups.filter(
        (m) => (m.legislature ?? legislature) === legislature && (m.start_date ?? '') <= leftOn,
      ),
    );
  }
  const party = latest(
    acteur.mandats.filter((m) => m.organe_type === 'PARPOL' && m.end_date === null),
  );
  return {
    in_office: inOffice ? 1 : 0,
    group_uid: group?.organe_uid ?? null,
    party_uid: party?.organe_uid ?? null,
    departement_code: seat?.departement_code ?? null,
    departement_name: seat?.departement_name ?? null,
    circo_number: seat?.circo_number ?? null,
    circo_uid: seat?.circo_uid ?? null,
    mandate_start: seat ? (seat.took_office_date ?? seat.start_date ?? null) : null,
    mandate_end: seat?.end_date ?? null,
  };
}
