// The route tests' database: the hand-written AN referential of test/helpers/seed.ts plus the
// hand-written HATVP index and files, written by the ingest functions (no HTTP).
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { DB } from '../../db/database.ts';
import {
  ingestFiles,
  ingestIndex,
  refreshDerived,
  refreshLinks,
  type FileResult,
} from '../../scrapers/hatvp/ingest.ts';
import { DeclarationError, parseDeclarationFile } from '../../scrapers/hatvp/parse-declaration.ts';
import { parseIndex } from '../../scrapers/hatvp/parse-index.ts';
import { seededDatabase } from './seed.ts';
import { HATVP_FIXTURES, hatvpFixture } from './paths.ts';

export async function seededWithDeclarations(): Promise<{ db: DB; close: () => Promise<void> }> {
  const seeded = await seededDatabase();
  const index = parseIndex(hatvpFixture('liste.csv'));
  const present = new Set(readdirSync(path.join(HATVP_FIXTURES, 'dossiers')));
  const results: FileResult[] = index.rows
    .filter((r) => r.xmlFile && r.family === 'interets')
    .map((r) => {
      if (!present.has(r.xmlFile!))
        return { id: r.id, kind: 'missing', reason: 'fichier absent (HTTP 404)' };
      try {
        const declaration = parseDeclarationFile(hatvpFixture(`dossiers/${r.xmlFile}`));
        return { id: r.id, kind: 'parsed', declaration, hash: r.id };
      } catch (error) {
        if (!(error instanceof DeclarationError)) throw error;
        return { id: r.id, kind: 'invalid', reason: error.message };
      }
    });
  await seeded.db.transaction().execute(async (trx) => {
    await ingestIndex(trx, index);
    await refreshLinks(trx);
    await ingestFiles(trx, results, '2026-01-01T00:00:00.000Z');
    await refreshDerived(trx);
  });
  return seeded;
}
