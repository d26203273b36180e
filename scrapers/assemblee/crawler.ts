// Source: Assemblée nationale open data, AMO40 "députés actifs, mandats actifs, organes"
// (https://data.assemblee-nationale.fr), Licence Ouverte 2.0.
// Writes: organe, acteur (with derived in-office, group, party, circonscription),
// mandat, adresse, deport, pays; sync_state row "an".
import { anReferential } from '../../domain/sources.ts';
import { readZip } from '../lib/zip.ts';
import {
  SourceError,
  UNCHANGED,
  downloadSource,
  type CrawlContext,
  type CrawlCounts,
} from '../lib/source.ts';
import { ingestReferential, referentialRowCount } from './ingest.ts';
import { FileError, parseReferential, type Referential } from './parse.ts';
import { recomputeVoteFigures } from '../lib/vote-figures.ts';

export async function crawlReferential(ctx: CrawlContext): Promise<CrawlCounts> {
  const info = anReferential(ctx.config);
  const fetched = await downloadSource(ctx, info);
  if (!fetched) return UNCHANGED;
  const { url, download, fileName } = fetched;
  let referential: Referential;
  try {
    referential = parseReferential(readZip(download.body));
  } catch (error) {
    const file = error instanceof FileError ? error.file : fileName;
    const reason =
      error instanceof FileError ? error.message.slice(file.length + 2) : (error as Error).message;
    throw new SourceError(file, reason);
  }
  const total = referentialRowCount(referential);
  let done = 0;
  const counts = await ctx.db.transaction().execute(async (trx) => {
    const result = await ingestReferential(
      trx,
      referential,
      ctx.config.legislature,
      (n) => {
        done += n;
        ctx.progress({ phase: 'enregistrement', done, total });
      },
      ctx.changes,
    );
    // Participation depends on the mandates' dates: refresh the vote figures too.
    await recomputeVoteFigures(trx, ctx.config.legislature);
    await ctx.syncState.changed(trx, info.id, url, download);
    return result;
  });
  return {
    fetched: 1,
    unchanged: 0,
    added: counts.added,
    changed: counts.changed,
    removed: counts.removed,
    failed: 0,
  };
}
