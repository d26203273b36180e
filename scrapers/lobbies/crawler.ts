// Source: HATVP, the register of lobbyists ("répertoire des représentants d'intérêts"),
// its 15 CSV tables in Vues_Separees_CSV.zip, Licence Ouverte 2.0. The archive is streamed to
// a temporary file and read one entry at a time; each table is found by its file name
// wherever it sits. Writes: the lobby_* tables (incrementally, per table hash), their change
// events, the derived lobby_summary and full-text index; sync_state row "lobbies".
import { hatvpLobbies } from '../../domain/sources.ts';
import { appendChanges } from '../../db/state/changes.ts';
import {
  SourceError,
  UNCHANGED,
  checkPlausible,
  downloadSourceToFile,
  type CrawlContext,
  type CrawlCounts,
} from '../lib/source.ts';
import { ArchiveError, zipEntries } from '../lib/zip.ts';
import { ingestLobbies } from './ingest.ts';

export async function crawlLobbies(ctx: CrawlContext): Promise<CrawlCounts> {
  const info = hatvpLobbies();
  const fetched = await downloadSourceToFile(ctx, info);
  if (!fetched) return UNCHANGED;
  const { url, download, fileName } = fetched;
  try {
    const result = await ctx.db.transaction().execute(async (trx) => {
      const ingest = await ingestLobbies(
        trx,
        zipEntries(download.file.path, ctx.config.archive),
        ctx.changes,
        (done) => ctx.progress({ phase: 'lobbies', done, total: 15 }),
      );
      if (ingest.tables === 0) {
        throw new SourceError(
          fileName,
          'aucune table du répertoire (<n>_informations_generales.csv…)',
        );
      }
      // Each rewritten table keeps its share of the stored rows (a header-only or truncated
      // table would empty it); refusing throws, and the transaction keeps the stored tables.
      await appendChanges(trx, checkPlausible(ctx, ingest.measures));
      const rejected = ingest.errors.length > 0 ? ingest.errors.join(' | ') : null;
      await ctx.syncState.changed(trx, info.id, url, download, rejected);
      return ingest;
    });
    return {
      fetched: 1,
      unchanged: result.unchanged,
      added: result.added,
      changed: result.rewritten,
      removed: result.removed,
      failed: result.errors.length,
      errors: result.errors,
    };
  } catch (error) {
    if (error instanceof ArchiveError) throw new SourceError(fileName, error.message);
    throw error;
  } finally {
    await download.file.remove();
  }
}
