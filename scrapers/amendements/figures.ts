import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/schema/index.ts';
import { DECIDED_SORTS } from '../../domain/amendements.ts';

/**
 * Recomputes the derived amendment figures from the stored amendments, inside the amendements
 * ingest transaction (pages only read them): `deputy_amendement_stats`, one row per acteur who
 * filed (as author, rapporteur included) or co-signed an amendment, with the adoption rate
 * over the amendments filed as député whose outcome was published after an examination
 * (`sort_label` set and sort in DECIDED_SORTS), overall, in séance publique and in committee.
 * Left out of the rate: irrecevable, en-cours, withdrawn before examination (sort `retire`
 * from state RT, no published outcome) and rapporteur amendments (adopted far more often than
 * a deputy's own, they would say more about the role than the deputy). Also `cosignature_pair`, how many
 * amendments of each author each co-signer signed. A few hundred milliseconds for 25,000.
 */
export async function recomputeAmendementFigures(trx: Transaction<Database>): Promise<void> {
  const decided = sql.join(DECIDED_SORTS.map((s) => sql.lit(s)));
  // In the rate's base: filed as député, with a published outcome reached in an examination.
  const rated = sql`(author_type = 'Député' and sort_label is not null and sort in (${decided}))`;
  const place = (where: 'seance' | 'committee') => {
    const on = sql.raw(where === 'seance' ? 'seance = 1' : 'seance = 0');
    return sql`sum(${on}) as ${sql.ref(`filed_${where}`)},
      sum(${on} and sort = 'adopte') as ${sql.ref(`adopted_${where}`)},
      sum(${on} and ${rated}) as ${sql.ref(`decided_${where}`)},
      sum(${on} and ${rated} and sort = 'adopte') as ${sql.ref(`rate_adopted_${where}`)}`;
  };
  const rate = (adopted: string, base: string) =>
    sql`case when a.${sql.ref(base)} > 0 then 1.0 * a.${sql.ref(adopted)} / a.${sql.ref(base)} end`;
  const counts = [
    'filed',
    'filed_rapporteur',
    'adopted',
    'adopted_rapporteur',
    'decided',
    'rate_adopted',
    'inadmissible',
    'pending',
    'withdrawn_unexamined',
    'filed_seance',
    'adopted_seance',
    'decided_seance',
    'rate_adopted_seance',
    'filed_committee',
    'adopted_committee',
    'decided_committee',
    'rate_adopted_committee',
  ];
  await trx.deleteFrom('deputy_amendement_stats').execute();
  await sql`
    insert into deputy_amendement_stats (acteur_uid, cosigned, adoption_rate,
      adoption_rate_seance, adoption_rate_committee, ${sql.join(counts.map((c) => sql.ref(c)))})
    with authored as (
      select author_uid as acteur_uid,
        count(*) as filed,
        sum(author_type = 'Rapporteur') as filed_rapporteur,
        sum(sort = 'adopte') as adopted,
        sum(author_type = 'Rapporteur' and sort = 'adopte') as adopted_rapporteur,
        sum(${rated}) as decided,
        sum(${rated} and sort = 'adopte') as rate_adopted,
        sum(sort = 'irrecevable') as inadmissible,
        sum(sort = 'en-cours') as pending,
        sum(sort = 'retire' and sort_label is null) as withdrawn_unexamined,
        ${place('seance')},
        ${place('committee')}
      from amendement
      where author_uid is not null
      group by author_uid
    ),
    cosigned as (
      select acteur_uid, count(distinct amendement_uid) as cosigned
      from amendement_cosignataire
      group by acteur_uid
    ),
    everyone as (select acteur_uid from authored union select acteur_uid from cosigned)
    select e.acteur_uid, coalesce(c.cosigned, 0),
      ${rate('rate_adopted', 'decided')}, ${rate('rate_adopted_seance', 'decided_seance')},
      ${rate('rate_adopted_committee', 'decided_committee')},
      ${sql.join(counts.map((col) => sql`coalesce(a.${sql.ref(col)}, 0)`))}
    from everyone e
    left join authored a on a.acteur_uid = e.acteur_uid
    left join cosigned c on c.acteur_uid = e.acteur_uid`.execute(trx);

  await trx.deleteFrom('cosignature_pair').execute();
  await sql`
    insert into cosignature_pair (author_uid, cosigner_uid, amendements, adopted)
    select a.author_uid, c.acteur_uid, count(distinct a.uid),
      count(distinct case when a.sort = 'adopte' then a.uid end)
    from amendement a
    join amendement_cosignataire c on c.amendement_uid = a.uid
    where a.author_uid is not null and c.acteur_uid <> a.author_uid
    group by a.author_uid, c.acteur_uid`.execute(trx);
}
