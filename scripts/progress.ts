import { SingleBar, Presets } from 'cli-progress';
import type { SourceSummary } from '../scrapers/run.ts';
import type { ProgressEvent } from '../scrapers/lib/source.ts';

/** What `scripts/crawl.ts` tells the process that forked it (npm start's scheduler). */
export type CrawlMessage =
  | { type: 'progress'; source: string; event: ProgressEvent }
  | { type: 'summary'; summary: SourceSummary };

/** A progress bar per source on a terminal, one line per phase otherwise (CI, logs). */
export function terminalProgress(stream: NodeJS.WriteStream = process.stderr) {
  let bar: SingleBar | null = null;
  let current = '';
  let lastLine = '';
  return {
    update(source: string, event: ProgressEvent) {
      const key = `${source} ${event.phase}`;
      if (!stream.isTTY) {
        if (key !== lastLine) stream.write(`[${source}] ${event.phase}…\n`);
        lastLine = key;
        return;
      }
      if (key !== current) {
        bar?.stop();
        bar = new SingleBar(
          {
            format: `[${source}] ${event.phase.padEnd(15)} {bar} {percentage}% {value}/{total}`,
            stream,
          },
          Presets.shades_classic,
        );
        bar.start(event.total, event.done);
        current = key;
      }
      bar?.setTotal(event.total);
      bar?.update(event.done);
    },
    done(summary: SourceSummary) {
      bar?.stop();
      bar = null;
      current = '';
      const state = summary.error
        ? `${summary.status === 'failed' ? 'ÉCHEC' : 'PARTIEL'}: ${summary.error}`
        : summary.status;
      stream.write(`[${summary.source}] ${state} (${(summary.durationMs / 1000).toFixed(1)} s)\n`);
    },
  };
}

/** The crawl summary as a table on stdout. */
export function printSummary(summaries: SourceSummary[]): void {
  console.log('\nsource   status     fetched unchanged added changed removed failed events  time');
  for (const s of summaries) {
    console.log(
      `${s.source.padEnd(8)} ${s.status.padEnd(10)} ${String(s.fetched).padStart(7)} ${String(s.unchanged).padStart(9)} ${String(s.added).padStart(5)} ${String(s.changed).padStart(7)} ${String(s.removed).padStart(7)} ${String(s.failed).padStart(6)} ${String(s.events).padStart(6)} ${(s.durationMs / 1000).toFixed(1).padStart(5)}s`,
    );
    if (s.error) console.log(`  ${s.source}: ${s.error}`);
  }
}
