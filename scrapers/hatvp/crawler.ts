// Source: HATVP open data, Licence Ouverte 2.0: the index
// https://www.hatvp.fr/livraison/opendata/liste.csv and one XML per declaration,
// https://www.hatvp.fr/livraison/dossiers/<open_data>.
// Writes: declaration, declaration_item, declaration_amount, declarant, deputy_interest,
// declaration_problem; sync_state row "hatvp".
import { bumpDataVersion } from '../../db/state/data-version.ts';
import { sha256, downloadIfChanged } from '../lib/download.ts';
import { fetchFiles, fetchRobots, type FileOutcome } from '../lib/fetch-files.ts';
import {
  SourceError,
  checkPlausible,
  politeness,
  type CrawlContext,
  type CrawlCounts,
} from '../lib/source.ts';
import { decodeText, decodeXml } from '../lib/encoding.ts';
import { hatvpIndex, hatvpUrls } from '../../domain/sources.ts';
import {
  filesToFetch,
  ingestFiles,
  ingestIndex,
  refreshDerived,
  refreshLinks,
  type FileResult,
} from './ingest.ts';
import { appendChanges } from '../../db/state/changes.ts';
import { rowCount } from '../../db/insert.ts';
import { declarationChanges, declarationFacts } from './changes.ts';
import { DeclarationError, parseDeclarationFile } from './parse-declaration.ts';
import { IndexError, parseIndex } from './parse-index.ts';
import { sourceUrl } from '../lib/source.ts';
import { recomputeLobbyMatches } from '../lib/lobby-matches.ts';

/** Declaration files written per transaction. */
const BATCH = 200;

/**
 * A fetched file read into a result: parsed, or the reason it could not be. Any reading error
 * (encoding, malformed XML, a parser limit) is the file's content, not its download: it is
 * recorded as invalid, not fetched again at once.
 */
function readFile(id: string, file: string, indexType: string, outcome: FileOutcome): FileResult {
  if (outcome.kind === 'missing') {
    return { id, kind: 'missing', reason: `fichier absent (HTTP ${outcome.status})` };
  }
  if (outcome.kind !== 'ok') {
    return { id, kind: 'failed', reason: outcome.kind === 'failed' ? outcome.reason : 'HTTP 304' };
  }
  try {
    const declaration = parseDeclarationFile(decodeXml(outcome.body, file));
    const type = declaration.type?.toLowerCase();
    if (type && !indexType.startsWith(type)) {
      declaration.warnings.push({
        kind: 'section',
        message: `type ${declaration.type} dans le fichier, ${indexType} dans l'index`,
      });
    }
    return { id, kind: 'parsed', declaration, hash: sha256(outcome.body) };
  } catch (error) {
    const reason =
      error instanceof SourceError
        ? error.reason
        : error instanceof DeclarationError
          ? error.message
          : `lecture impossible (${(error as Error).message})`;
    return { id, kind: 'invalid', reason };
  }
}

export async function crawlDeclarations(ctx: CrawlContext): Promise<CrawlCounts> {
  const info = hatvpIndex();
  const mirror = ctx.config.sourcesMirror;
  const polite = politeness(ctx);

  ctx.progress({ phase: 'robots.txt', done: 0, total: 1 });
  const robots = await fetchRobots(sourceUrl(hatvpUrls.robots, mirror), hatvpUrls.robots, polite);
  if (robots.unreachable)
    throw new SourceError('robots.txt', `${robots.unreachable}, collecte reportée`);
  if (!robots.allows(info.url))
    throw new SourceError('liste.csv', 'fichier interdit par robots.txt');

  ctx.progress({ phase: 'index', done: 0, total: 1 });
  const url = sourceUrl(info.url, mirror);
  const download = await downloadIfChanged(url, await ctx.syncState.get(info.id), polite);
  const errors: string[] = [];
  let counts = { added: 0, changed: 0, removed: 0 };
  if (download.kind === 'changed') {
    let index;
    try {
      index = parseIndex(decodeText(download.body, 'liste.csv', info.encoding!));
    } catch (error) {
      if (!(error instanceof IndexError)) throw error;
      throw new SourceError('liste.csv', error.message);
    }
    const accepted = checkPlausible(ctx, [
      {
        file: 'liste.csv',
        what: 'déclarations',
        stored: await rowCount(ctx.db, 'declaration'),
        next: index.rows.length,
      },
    ]);
    counts = await ctx.db.transaction().execute(async (trx) => {
      await appendChanges(trx, accepted);
      const before = await declarationFacts(trx);
      const result = await ingestIndex(trx, index);
      await refreshLinks(trx);
      await appendChanges(
        trx,
        declarationChanges(ctx.changes, before, await declarationFacts(trx)),
      );
      await refreshDerived(trx);
      await ctx.syncState.changed(trx, info.id, url, download);
      return result;
    });
    errors.push(...index.problems.map((p) => `liste.csv ligne ${p.line}: ${p.message}`));
  } else {
    // The acteurs may have changed since: links and per-deputy figures are recomputed.
    await ctx.db.transaction().execute(async (trx) => {
      await refreshLinks(trx);
      await refreshDerived(trx);
    });
    await ctx.syncState.checked(info.id, url);
  }

  const todo = await filesToFetch(ctx.db, new Date(), polite.retryFailedHours);
  const checkedAt = new Date().toISOString();
  const pending: FileResult[] = [];
  let done = 0;
  let failed = 0;
  const record = async (result: FileResult, file: string) => {
    // A file the HATVP does not publish (404) is recorded with its declaration, not an error
    // of the crawl; a file that could not be fetched or read is.
    if (result.kind === 'failed' || result.kind === 'invalid') {
      failed++;
      errors.push(`${file}: ${result.reason}`);
    }
    pending.push(result);
    ctx.progress({ phase: 'déclarations', done: ++done, total: todo.length });
    if (pending.length >= BATCH) await flush();
  };
  const flush = async () => {
    const batch = pending.splice(0);
    if (batch.length === 0) return;
    const parsed = new Set(batch.flatMap((r) => (r.kind === 'parsed' ? [r.id] : [])));
    const keys = todo.filter((f) => parsed.has(f.id)).map((f) => f.declarant_key);
    await ctx.db.transaction().execute(async (trx) => {
      await ingestFiles(trx, batch, checkedAt);
      await refreshDerived(trx, [...new Set(keys)]);
      await bumpDataVersion(trx);
    });
  };
  const allowed = [];
  for (const file of todo) {
    if (robots.allows(hatvpUrls.file(file.xml_file))) allowed.push(file);
    else
      await record(
        { id: file.id, kind: 'failed', reason: 'fichier interdit par robots.txt' },
        file.xml_file,
      );
  }
  const byId = new Map(allowed.map((f) => [f.id, f]));
  await fetchFiles(
    allowed.map((f) => ({ key: f.id, url: sourceUrl(hatvpUrls.file(f.xml_file), mirror) })),
    polite,
    (request, outcome) => {
      const file = byId.get(request.key)!;
      return record(readFile(file.id, file.xml_file, file.document_type, outcome), file.xml_file);
    },
  );
  await flush();
  // The deputies' declarations changed: their candidate links to the register of lobbyists too.
  await ctx.db.transaction().execute((trx) => recomputeLobbyMatches(trx));
  return {
    fetched: 1 + todo.length,
    unchanged: download.kind === 'unchanged' ? 1 : 0,
    ...counts,
    failed,
    errors,
  };
}
