// Source: Assemblée nationale open data, AMO40 "députés actifs, mandats actifs, organes"
// (https://data.assemblee-nationale.fr), Licence Ouverte 2.0.
// Writes: organe, acteur (with derived in-office, group, party, circonscription),
// mandat, adresse, deport, pays; sync_state row "an".
import { anReferential } from '../../domain/sources.ts';
import { readZip } from '../lib/zip.ts';
import { appendChanges } from '../../db/state/changes.ts';
import { rowCount } from '../../db/insert.ts';
import {
  SourceError,
  UNCHANGED,
  checkPlausible,
  downloadSource,
  type CrawlContext,
  type CrawlCounts,
} from '../lib/source.ts';
import { ingestReferential, referentialRowCount } from './ingest.ts';
import { FileError, parseReferential, type Referential } from './parse.ts';
import { recomputeVoteFigures } from '../lib/vote-figures.ts';
import { recomputeActivityFigures } from '../lib/activity-figures.ts';

export async function crawlReferential(ctx: CrawlContext): Promise<CrawlCounts> {
  const info = anReferential(ctx.config);
  const fetched = await downloadSource(ctx, info);
  if (!fetched) return UNCHANGED;
  const { url, download, fileName } = fetched;
  let referential: Referential;
  try {
    referential = parseReferential(readZip(download.body, ctx.config.archive));
  } catch (error) {
    const file = error instanceof FileError ? error.file : fileName;
    const reason =
      error instanceof FileError ? error.message.slice(file.length + 2) : (error as Error).message;
    throw new SourceError(file, reason);
  }
  const stored = {
    acteur: await rowCount(ctx.db, 'acteur'),
    organe: await rowCount(ctx.db, 'organe'),
    mandat: await rowCount(ctx.db, 'mandat'),
  };
  const accepted = checkPlausible(ctx, [
    { file: fileName, what: 'acteurs', stored: stored.acteur, next: referential.acteurs.length },
    { file: fileName, what: 'organes', stored: stored.organe, next: referential.organes.length },
    {
      file: fileName,
      what: 'mandats',
      stored: stored.mandat,
      next: referential.acteurs.reduce((n, a) => n + a.mandats.length, 0),
    },
  ]);
  const total = referentialRowCount(referential);
  let done = 0;
  const counts = await ctx.db.transaction().execute(async (trx) => {
    await appendChanges(trx, accepted);
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
    // …and the activity figures (seated weeks, committee memberships).
    await recomputeActivityFigures(trx, ctx.config.legislature);
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
