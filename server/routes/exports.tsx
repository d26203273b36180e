import { Hono } from 'hono';
import { stream } from 'hono/streaming';
import Papa from 'papaparse';
import type { DB } from '../../db/database.ts';
import { allVotesInBatches } from '../../db/queries/scrutins.ts';
import type { AppEnv } from '../app.tsx';
import { neutraliseCell } from '../lib/export.ts';
import { BULK_VOTE_COLUMNS } from '../records/scrutins.ts';

/** `/exports/…`: bulk dumps, streamed in key-range batches rather than held in memory. */
export function exportsRoutes(db: DB, legislature: number) {
  const app = new Hono<AppEnv>();

  // Every individual vote of the legislature, streamed row by row.
  app.get('/exports/votes.csv', async (c) => {
    c.header('content-type', 'text/csv; charset=utf-8');
    c.header('content-disposition', `attachment; filename="votes-${legislature}e-legislature.csv"`);
    return stream(c, async (out) => {
      await out.write(BULK_VOTE_COLUMNS.join(',') + '\r\n');
      for await (const batch of allVotesInBatches(db, legislature)) {
        const lines = batch.map((v) =>
          [
            v.number,
            v.date,
            v.type_code,
            v.acteur_uid,
            v.first_name,
            v.last_name,
            v.group_uid,
            v.group_abbreviation,
            v.position,
            v.cause,
            v.delegation === 1,
            v.rebel === 1,
          ].map(neutraliseCell),
        );
        await out.write(Papa.unparse(lines, { newline: '\r\n' }) + '\r\n');
      }
    });
  });

  return app;
}
