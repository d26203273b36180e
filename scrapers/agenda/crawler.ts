// Source: Assemblée nationale open data, the meetings of the legislature (Agenda.json.zip, one
// json/reunion/RUANR5L<l>….json per committee or body meeting and plenary sitting), Licence
// Ouverte 2.0. The archive is streamed to a temporary file and read one entry at a time.
// Writes: reunion, reunion_item, reunion_presence (incrementally, per entry hash), their
// change events, and the activity figures of every deputy (scrapers/lib/activity-figures.ts);
// sync_state row "agenda".
import { anAgenda } from '../../domain/sources.ts';
import { appendChanges } from '../../db/state/changes.ts';
import { recomputeActivityFigures } from '../lib/activity-figures.ts';
import {
  SourceError,
  UNCHANGED,
  checkPlausible,
  downloadSourceToFile,
  type CrawlContext,
  type CrawlCounts,
} from '../lib/source.ts';
import { ArchiveError, zipEntries } from '../lib/zip.ts';
import { ingestAgenda } from './ingest.ts';

export async function crawlAgenda(ctx: CrawlContext): Promise<CrawlCounts> {
  const info = anAgenda(ctx.config);
  const fetched = await downloadSourceToFile(ctx, info);
  if (!fetched) return UNCHANGED;
  const { url, download, fileName } = fetched;
  try {
    const result = await ctx.db.transaction().execute(async (trx) => {
      const ingest = await ingestAgenda(
        trx,
        zipEntries(download.file.path, ctx.config.archive),
        ctx.changes,
        (done) => ctx.progress({ phase: 'réunions', done, total: 0 }),
      );
      if (ingest.read === 0) {
        throw new SourceError('(archive)', 'no json/reunion/RU….json meeting file');
      }
      // Checked once the archive is read; refusing throws and the transaction keeps the
      // stored meetings as they were.
      await appendChanges(
        trx,
        checkPlausible(ctx, [
          { file: fileName, what: 'fichiers de réunion', stored: ingest.stored, next: ingest.read },
        ]),
      );
      await recomputeActivityFigures(trx, ctx.config.legislature);
      const rejected = ingest.errors.length > 0 ? ingest.errors.join(' | ') : null;
      await ctx.syncState.changed(trx, info.id, url, download, rejected);
      return ingest;
    });
    return {
      fetched: 1,
      unchanged: result.unchanged,
      added: result.added,
      changed: result.changed,
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
