// Source: Assemblée nationale open data, every scrutin of the legislature
// (Scrutins.json.zip, one json/VTANR5L<l>V<n>.json per scrutin), Licence Ouverte 2.0.
// The archive is streamed to a temporary file and read one entry at a time.
// Writes: scrutin, scrutin_group, vote (incrementally, per scrutin hash), then the derived
// deputy_vote_stats, group_vote_stats and group_proximity, the scrutin links
// (scrapers/lib/scrutin-links.ts); sync_state row "votes".
import {
  SourceError,
  UNCHANGED,
  checkPlausible,
  downloadSourceToFile,
  type CrawlContext,
  type CrawlCounts,
} from '../lib/source.ts';
import { anScrutins } from '../../domain/sources.ts';
import { appendChanges } from '../../db/state/changes.ts';
import { scrutinChanges, scrutinFacts } from './changes.ts';
import { ArchiveError, zipEntries } from '../lib/zip.ts';
import { ingestScrutins } from './ingest.ts';

export async function crawlScrutins(ctx: CrawlContext): Promise<CrawlCounts> {
  const info = anScrutins(ctx.config);
  const fetched = await downloadSourceToFile(ctx, info);
  if (!fetched) return UNCHANGED;
  const { url, download, fileName } = fetched;
  // Scrutins are never removed, but an archive missing most of them is not a plausible state.
  const { n: stored } = await ctx.db
    .selectFrom('scrutin')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('legislature', '=', ctx.config.legislature)
    .executeTakeFirstOrThrow();
  try {
    const result = await ctx.db.transaction().execute(async (trx) => {
      const before = await scrutinFacts(trx);
      const ingest = await ingestScrutins(
        trx,
        zipEntries(download.file.path, ctx.config.archive),
        ctx.config.legislature,
        (done) => ctx.progress({ phase: 'scrutins', done, total: 0 }),
      );
      if (ingest.read === 0) {
        throw new SourceError('(archive)', 'no json/VTANR…V<n>.json scrutin file');
      }
      // Checked once the archive is read (its count is known only then); refusing throws,
      // and the transaction leaves the stored scrutins as they were.
      const accepted = checkPlausible(ctx, [
        { file: fileName, what: 'fichiers de scrutin', stored: Number(stored), next: ingest.read },
      ]);
      await appendChanges(trx, accepted);
      await appendChanges(trx, scrutinChanges(ctx.changes, before, await scrutinFacts(trx)));
      const rejected = ingest.errors.length > 0 ? ingest.errors.join(' | ') : null;
      await ctx.syncState.changed(trx, info.id, url, download, rejected);
      return ingest;
    });
    return {
      fetched: 1,
      unchanged: 0,
      added: result.added,
      changed: result.changed,
      removed: 0,
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
