// Source: Assemblée nationale open data, every amendment of the legislature
// (Amendements.json.zip, one json/<dossier>/<texte>/AMANR5L<l>….json per amendment),
// Licence Ouverte 2.0. The archive (over 100,000 files live) is streamed to a temporary file
// and read one entry at a time. Writes: amendement, amendement_cosignataire (incrementally,
// per entry hash), their change events, the derived deputy_amendement_stats and
// cosignature_pair (figures.ts), the scrutin links (scrapers/lib/scrutin-links.ts);
// sync_state row "amendements".
import { anAmendements } from '../../domain/sources.ts';
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
import { recomputeAmendementFigures } from './figures.ts';
import { recomputeActivityFigures } from '../lib/activity-figures.ts';
import { ingestAmendements } from './ingest.ts';

export async function crawlAmendements(ctx: CrawlContext): Promise<CrawlCounts> {
  const info = anAmendements(ctx.config);
  const fetched = await downloadSourceToFile(ctx, info);
  if (!fetched) return UNCHANGED;
  const { url, download, fileName } = fetched;
  try {
    const result = await ctx.db.transaction().execute(async (trx) => {
      const ingest = await ingestAmendements(
        trx,
        zipEntries(download.file.path, ctx.config.archive),
        ctx.config.legislature,
        ctx.changes,
        (done) => ctx.progress({ phase: 'amendements', done, total: 0 }),
      );
      if (ingest.read === 0) {
        throw new SourceError('(archive)', 'no json/<dossier>/<texte>/AMANR….json amendment file');
      }
      // Checked once the archive is read (its count is known only then); refusing throws,
      // and the transaction leaves the stored amendments as they were.
      await appendChanges(
        trx,
        checkPlausible(ctx, [
          {
            file: fileName,
            what: "fichiers d'amendement",
            stored: ingest.stored,
            next: ingest.read,
          },
        ]),
      );
      await recomputeAmendementFigures(trx);
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
