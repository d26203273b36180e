// The migration that introduces the group majority brings rows stored before it up to date:
// written here in the old shape, then migrated, then read back.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Migrator, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type DB } from '../../db/database.ts';
import { migrations } from '../../db/migrations/index.ts';

const BEFORE = '2026_11_25_06_00_00_crawl_run_pid';

let db: DB;
let dir: string;
afterEach(async () => {
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

const migrator = () => new Migrator({ db, provider: { getMigrations: async () => migrations } });

describe('the group-majority migration', () => {
  it('computes majorities, rebels and loyalty of the rows stored before it', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'tracker-migration-'));
    db = openDatabase(path.join(dir, 'tracker.sqlite'));
    expect((await migrator().migrateTo(BEFORE)).error).toBeUndefined();
    const scrutin = (uid: string, number: number) => sql`
      insert into scrutin (uid, number, legislature, date, type_code, result_code, title,
        title_key, for_count, against_count, abstention_count, non_voting_count, listed_for,
        listed_against, listed_abstention, listed_non_voting, rebels, content_hash)
      values (${uid}, ${number}, 17, '2025-01-01', 'SPO', 'adopté', 't', 't', 0, 0, 0, 0,
        0, 0, 0, 0, 9, 'h')`;
    await scrutin('S1', 1).execute(db);
    await scrutin('S2', 2).execute(db);
    // S1: G published "contre" with 2 pour, 1 contre; S2: G published "pour", tied 1–1.
    await sql`insert into scrutin_group (scrutin_uid, group_uid, members, position, for_count,
      against_count, abstention_count, non_voting_count, agreement_index)
      values ('S1', 'G', 3, 'contre', 2, 1, 0, 0, 0.5), ('S2', 'G', 3, 'pour', 1, 1, 0, 1, 0.25)`.execute(
      db,
    );
    // The old flag: against the published position.
    await sql`insert into vote (scrutin_uid, acteur_uid, group_uid, position, delegation, rebel)
      values ('S1', 'A', 'G', 'pour', 0, 1), ('S1', 'B', 'G', 'pour', 0, 1),
             ('S1', 'C', 'G', 'contre', 0, 0), ('S2', 'A', 'G', 'pour', 0, 0),
             ('S2', 'C', 'G', 'contre', 0, 1), ('S2', 'B', 'G', 'nonVotant', 0, 0)`.execute(db);
    await sql`insert into deputy_vote_stats (acteur_uid, eligible, cast, delegated,
      function_excluded, eligible_solemn, cast_solemn, loyalty_base, loyal, loyalty, rebellions)
      values ('A', 2, 2, 0, 0, 0, 0, 2, 1, 0.5, 1), ('C', 2, 2, 0, 0, 0, 0, 2, 1, 0.5, 1)`.execute(
      db,
    );

    expect((await migrator().migrateToLatest()).error).toBeUndefined();

    expect(
      await db
        .selectFrom('scrutin_group')
        .select(['scrutin_uid', 'majority_position', 'position_mismatch'])
        .orderBy('scrutin_uid')
        .execute(),
    ).toEqual([
      { scrutin_uid: 'S1', majority_position: 'pour', position_mismatch: 1 },
      { scrutin_uid: 'S2', majority_position: null, position_mismatch: 1 },
    ]);
    expect(
      (
        await db
          .selectFrom('vote')
          .select(['scrutin_uid', 'acteur_uid', 'rebel', 'rebel_published'])
          .orderBy('scrutin_uid')
          .orderBy('acteur_uid')
          .execute()
      ).map((v) => `${v.scrutin_uid} ${v.acteur_uid} ${v.rebel} ${v.rebel_published}`),
    ).toEqual(['S1 A 0 1', 'S1 B 0 1', 'S1 C 1 0', 'S2 A 0 0', 'S2 B 0 0', 'S2 C 0 1']);
    expect(
      (await db.selectFrom('scrutin').select(['uid', 'rebels']).orderBy('uid').execute()).map(
        (s) => s.rebels,
      ),
    ).toEqual([1, 0]);
    // A: S1 with the majority, S2 a tie → 1 ÷ 1. C: S1 against it, S2 a tie → 0 ÷ 1. The old
    // figures move to the published-position columns.
    expect(
      await db
        .selectFrom('deputy_vote_stats')
        .select([
          'acteur_uid',
          'loyalty_base',
          'loyal',
          'loyalty',
          'rebellions',
          'loyalty_base_published',
          'loyal_published',
          'loyalty_published',
        ])
        .orderBy('acteur_uid')
        .execute(),
    ).toEqual([
      {
        acteur_uid: 'A',
        loyalty_base: 1,
        loyal: 1,
        loyalty: 1,
        rebellions: 0,
        loyalty_base_published: 2,
        loyal_published: 1,
        loyalty_published: 0.5,
      },
      {
        acteur_uid: 'C',
        loyalty_base: 1,
        loyal: 0,
        loyalty: 0,
        rebellions: 1,
        loyalty_base_published: 2,
        loyal_published: 1,
        loyalty_published: 0.5,
      },
    ]);
  });
});
