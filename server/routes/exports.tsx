import { Hono } from 'hono';
import type { DB } from '../../db/database.ts';
import { allVotesInBatches } from '../../db/queries/scrutins.ts';
import type { AppEnv } from '../app.tsx';
import { dumpSlots, sendCsvDump } from '../lib/export.ts';
import { BULK_VOTE_COLUMNS } from '../records/scrutins.ts';
import {
  allAmendementsInBatches,
  allCosignaturePairsInBatches,
} from '../../db/queries/amendements.ts';
import { COSIGNATURE_COLUMNS, amendementDumpColumns } from '../records/amendements.ts';
import { allPresencesInBatches } from '../../db/queries/agenda.ts';
import { PRESENCE_DUMP_COLUMNS } from '../records/agenda.ts';

/** Rows per batch of a dump: a few milliseconds of work between two turns of the event loop. */
const DUMP_BATCH_ROWS = 1000;

/**
 * `/exports/…`: bulk dumps, streamed in key-range batches rather than held in memory, at most
 * `maxPerClient` downloads at once per client address.
 */
export function exportsRoutes(db: DB, legislature: number, maxPerClient: number, publicUrl = '') {
  const app = new Hono<AppEnv>();
  const slots = dumpSlots(maxPerClient);

  // Every individual vote of the legislature.
  app.get('/exports/votes.csv', (c) =>
    sendCsvDump(c, slots, c.get('client'), {
      filename: `votes-${legislature}e-legislature.csv`,
      header: BULK_VOTE_COLUMNS,
      batches: allVotesInBatches(db, legislature, DUMP_BATCH_ROWS),
      cells: (v) => [
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
        v.rebel_published === 1,
      ],
    }),
  );

  // Every amendment of the legislature, without the dispositif and exposé (see /donnees).
  const amendementColumns = amendementDumpColumns(publicUrl);
  app.get('/exports/amendements.csv', (c) =>
    sendCsvDump(c, slots, c.get('client'), {
      filename: `amendements-${legislature}e-legislature.csv`,
      header: amendementColumns.map((col) => col.name),
      batches: allAmendementsInBatches(db, legislature, DUMP_BATCH_ROWS),
      cells: (a) => amendementColumns.map((col) => col.value(a)),
    }),
  );

  // Who co-signs whose amendments: one row per (author, co-signer) pair.
  app.get('/exports/cosignatures.csv', (c) =>
    sendCsvDump(c, slots, c.get('client'), {
      filename: `cosignatures-${legislature}e-legislature.csv`,
      header: COSIGNATURE_COLUMNS.map((col) => col.name),
      batches: allCosignaturePairsInBatches(db, DUMP_BATCH_ROWS),
      cells: (p) => COSIGNATURE_COLUMNS.map((col) => col.value(p)),
    }),
  );

  // Committee and other bodies' attendance: one row per (meeting, member) as published.
  app.get('/exports/presences.csv', (c) =>
    sendCsvDump(c, slots, c.get('client'), {
      filename: `presences-${legislature}e-legislature.csv`,
      header: PRESENCE_DUMP_COLUMNS.map((col) => col.name),
      batches: allPresencesInBatches(db, DUMP_BATCH_ROWS),
      cells: (p) => PRESENCE_DUMP_COLUMNS.map((col) => col.value(p)),
    }),
  );

  return app;
}
