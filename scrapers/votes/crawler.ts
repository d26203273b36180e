// Source: Assemblée nationale open data, every scrutin of the legislature
// (Scrutins.json.zip, one json/VTANR5L<l>V<n>.json per scrutin), Licence Ouverte 2.0.
// Writes: scrutin, scrutin_group, vote (incrementally, per scrutin hash), then the derived
// deputy_vote_stats, group_vote_stats and group_proximity; sync_state row "votes".
import { downloadIfChanged } from '../lib/download.ts';
import { readZip } from '../lib/zip.ts';
import { SourceError, type CrawlContext, type CrawlCounts } from '../run.ts';
import { anScrutins, sourceUrl } from '../sources.ts';
import { ingestScrutins } from './ingest.ts';

export async function crawlScrutins(ctx: CrawlContext): Promise<CrawlCounts> {
  const info = anScrutins(ctx.config);
  const url = sourceUrl(info.url, ctx.config.sourcesMirror);
  const previous = await ctx.syncState.get(info.id);
  ctx.progress({ phase: 'téléchargement', done: 0, total: 1 });
  const download = await downloadIfChanged(url, previous, ctx.download);
  if (download.kind === 'unchanged') {
    await ctx.syncState.checked(info.id, url);
    return { fetched: 1, unchanged: 1, added: 0, changed: 0, removed: 0, failed: 0 };
  }
  let files: Map<string, Uint8Array>;
  try {
    files = readZip(download.body);
  } catch (error) {
    throw new SourceError(url.split('/').pop()!, (error as Error).message);
  }
  if (![...files.keys()].some((name) => /VTANR\d+L\d+V\d+\.json$/.test(name))) {
    throw new SourceError('(archive)', 'no json/VTANR…V<n>.json scrutin file');
  }
  const result = await ctx.db.transaction().execute(async (trx) => {
    const ingest = await ingestScrutins(trx, files, ctx.config.legislature, (done, total) =>
      ctx.progress({ phase: 'scrutins', done, total }),
    );
    await ctx.syncState.changed(trx, info.id, url, download);
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
}
