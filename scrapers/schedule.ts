// The crawl scheduler of `npm start`: each source on its own cron expression, runs queued
// one at a time (every source writes to the same SQLite file), never two runs of one source
// at once, and a failed source retried with a doubling delay without moving the others.
import { Cron } from 'croner';
import type { ScheduledStatus } from '../domain/sources.ts';

/** Delay before retrying after `failures` consecutive failed runs: base × 2^(failures−1), capped. */
export function retryDelay(failures: number, baseMs: number, maxMs: number): number {
  if (failures <= 0) return 0;
  return Math.min(maxMs, baseMs * 2 ** Math.min(failures - 1, 30));
}

export interface NextRunInput {
  /** The next time the source's cron expression fires after now, or null (disabled). */
  cronNext: Date | null;
  /** Consecutive failed runs, and when the last one ended. */
  failures: number;
  lastEnd: Date | null;
  retryBaseMs: number;
  retryMaxMs: number;
}

/**
 * When a source should run next: at its next cron time, or earlier for a retry after a
 * failure (a retry never pushes the regular schedule back).
 */
export function nextRunAt(input: NextRunInput): Date | null {
  const { cronNext, failures, lastEnd } = input;
  if (failures === 0 || lastEnd === null) return cronNext;
  const retry = new Date(
    lastEnd.getTime() + retryDelay(failures, input.retryBaseMs, input.retryMaxMs),
  );
  return cronNext && cronNext < retry ? cronNext : retry;
}

export interface SchedulerOptions {
  sources: readonly string[];
  /** Cron expression per source id; a source missing or null has no scheduled runs. */
  cron: Record<string, string | null | undefined>;
  retryBaseMs: number;
  retryMaxMs: number;
  /** Runs one source; `failed` counts as a failure, anything else as a success. */
  run: (source: string, trigger: string) => Promise<{ status: string }>;
  now?: () => Date;
  /** Told of a run that threw (runCrawl records failures itself and should not throw). */
  onError?: (source: string, error: unknown) => void;
}

interface SourceState {
  cron: Cron | null;
  timer: NodeJS.Timeout | null;
  next: Date | null;
  failures: number;
  lastEnd: Date | null;
  running: boolean;
  queued: string | null;
}

/** Longest delay setTimeout accepts; a later run is re-armed when this one fires. */
const MAX_TIMER = 2 ** 31 - 1;

export type Scheduler = ReturnType<typeof createScheduler>;

/** A scheduler over the given sources; nothing runs until `start`. */
export function createScheduler(options: SchedulerOptions) {
  const now = options.now ?? (() => new Date());
  const states = new Map<string, SourceState>(
    options.sources.map((id) => {
      const expr = options.cron[id];
      return [
        id,
        {
          cron: expr ? new Cron(expr, { paused: true }) : null,
          timer: null,
          next: null,
          failures: 0,
          lastEnd: null,
          running: false,
          queued: null,
        },
      ];
    }),
  );
  const queue: string[] = [];
  let stopped = true;
  let working: Promise<void> | null = null;
  const idleWaiters: (() => void)[] = [];

  function arm(id: string) {
    const state = states.get(id)!;
    if (state.timer) clearTimeout(state.timer);
    state.timer = null;
    const at = now();
    state.next = nextRunAt({
      cronNext: state.cron?.nextRun(at) ?? null,
      failures: state.failures,
      lastEnd: state.lastEnd,
      retryBaseMs: options.retryBaseMs,
      retryMaxMs: options.retryMaxMs,
    });
    if (stopped || state.next === null) return;
    const delay = Math.max(0, state.next.getTime() - at.getTime());
    state.timer = setTimeout(
      () => {
        state.timer = null;
        if (now() < state.next!) arm(id);
        else enqueue(id, state.failures > 0 ? 'retry' : 'schedule');
      },
      Math.min(delay, MAX_TIMER),
    );
    state.timer.unref();
  }

  /** Queues a run of a source unless one is already queued or running. */
  function enqueue(id: string, trigger: string): boolean {
    const state = states.get(id);
    if (!state || stopped || state.running || state.queued) return false;
    state.queued = trigger;
    queue.push(id);
    if (!working) working = work();
    return true;
  }

  async function work() {
    while (queue.length > 0 && !stopped) {
      const id = queue.shift()!;
      const state = states.get(id)!;
      const trigger = state.queued ?? 'schedule';
      state.queued = null;
      state.running = true;
      let failed = true;
      try {
        failed = (await options.run(id, trigger)).status === 'failed';
      } catch (error) {
        options.onError?.(id, error);
      }
      state.running = false;
      state.lastEnd = now();
      state.failures = failed ? state.failures + 1 : 0;
      arm(id);
    }
    working = null;
    for (const resolve of idleWaiters.splice(0)) resolve();
  }

  return {
    /** Arms every source's timer; `initial` sources are queued at once (trigger `startup`). */
    start(initial: readonly string[] = []) {
      stopped = false;
      for (const id of states.keys()) arm(id);
      for (const id of initial) enqueue(id, 'startup');
    },
    enqueue,
    /** Clears the timers and the queue; resolves when the run in progress has ended. */
    async stop() {
      stopped = true;
      queue.length = 0;
      for (const state of states.values()) {
        if (state.timer) clearTimeout(state.timer);
        state.timer = null;
        state.queued = null;
      }
      await working;
    },
    /** Resolves when nothing is queued or running. */
    idle(): Promise<void> {
      return working ? new Promise((resolve) => idleWaiters.push(resolve)) : Promise.resolve();
    },
    status(): ScheduledStatus[] {
      return [...states].map(([source, s]) => ({
        source,
        cron: options.cron[source] ?? null,
        nextRunAt: s.next?.toISOString() ?? null,
        running: s.running,
        queued: s.queued !== null,
        failures: s.failures,
      }));
    },
  };
}
