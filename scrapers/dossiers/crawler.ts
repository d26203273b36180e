// Source: Assemblée nationale open data, the legislative dossiers of the legislature and
// their texts (Dossiers_Legislatifs.json.zip: json/dossierParlementaire/DLR….json and
// json/document/….json), Licence Ouverte 2.0.
// Writes: dossier, dossier_initiator, dossier_step, dossier_step_text, dossier_step_vote,
// document (incrementally, per file hash), scrutin_dossier and the scrutin links
// (scrapers/lib/scrutin-links.ts); sync_state row "dossiers".
import {
  SourceError,
  UNCHANGED,
  checkPlausible,
  downloadArchive,
  type CrawlContext,
  type CrawlCounts,
} from '../lib/source.ts';
import { anDossiers } from '../../domain/sources.ts';
import { appendChanges } from '../../db/state/changes.ts';
import { rowCount } from '../../db/insert.ts';
import { dossierChanges, dossierFacts } from './changes.ts';
import { DOCUMENT_FILE, DOSSIER_FILE, ingestDossiers } from './ingest.ts';
import { recomputeLobbyDossierLinks } from '../lib/lobby-matches.ts';

export async function crawlDossiers(ctx: CrawlContext): Promise<CrawlCounts> {
  const info = anDossiers(ctx.config);
  const fetched = await downloadArchive(ctx, info);
  if (!fetched) return UNCHANGED;
  const { url, download, fileName, files } = fetched;
  const names = [...files.keys()];
  const dossierFiles = names.filter((n) => DOSSIER_FILE.test(n)).length;
  const documentFiles = names.filter((n) => DOCUMENT_FILE.test(n)).length;
  if (dossierFiles === 0) {
    throw new SourceError('(archive)', 'no json/dossierParlementaire/DLR….json dossier file');
  }
  const accepted = checkPlausible(ctx, [
    {
      file: fileName,
      what: 'dossiers législatifs',
      stored: await rowCount(ctx.db, 'dossier'),
      next: dossierFiles,
    },
    {
      file: fileName,
      what: 'textes',
      stored: await rowCount(ctx.db, 'document'),
      next: documentFiles,
    },
  ]);
  const result = await ctx.db.transaction().execute(async (trx) => {
    await appendChanges(trx, accepted);
    const before = await dossierFacts(trx);
    const ingest = await ingestDossiers(trx, files, (done, total) =>
      ctx.progress({ phase: 'dossiers', done, total }),
    );
    await appendChanges(trx, dossierChanges(ctx.changes, before, await dossierFacts(trx)));
    // The register's activities naming a dossier follow its titles.
    await recomputeLobbyDossierLinks(trx);
    const rejected = ingest.errors.length > 0 ? ingest.errors.join(' | ') : null;
    await ctx.syncState.changed(trx, info.id, url, download, rejected);
    return ingest;
  });
  return {
    fetched: 1,
    unchanged: 0,
    added: result.added,
    changed: result.changed,
    removed: result.removed,
    failed: result.errors.length,
    errors: result.errors,
  };
}
