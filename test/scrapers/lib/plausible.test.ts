import { describe, expect, it } from 'vitest';
import {
  ImplausibleError,
  checkPlausible,
  type CrawlContext,
  type Measure,
} from '../../../scrapers/lib/source.ts';

const changes = {
  runId: 7,
  source: 'votes',
  sourceUrl: 'https://x/Scrutins.json.zip',
  detectedAt: '2026-12-01T00:00:00Z',
};
const context = (acceptShrink: boolean) => ({ acceptShrink, changes }) as CrawlContext;
const measure = (stored: number, next: number, minShare?: number): Measure => ({
  file: 'Scrutins.json.zip',
  what: 'fichiers de scrutin',
  stored,
  next,
  minShare,
});

describe('checkPlausible', () => {
  it('passes a first import, a growth, a small drop and a drop within the share', () => {
    expect(checkPlausible(context(false), [measure(0, 5)])).toEqual([]);
    expect(checkPlausible(context(false), [measure(100, 300)])).toEqual([]);
    expect(checkPlausible(context(false), [measure(15, 5)])).toEqual([]);
    expect(checkPlausible(context(false), [measure(1000, 900)])).toEqual([]);
  });

  it('refuses a drop under the share, naming the file and both counts', () => {
    const refuse = () => checkPlausible(context(false), [measure(1000, 899)]);
    expect(refuse).toThrow(ImplausibleError);
    expect(refuse).toThrow(
      /^Scrutins\.json\.zip: 899 fichiers de scrutin au lieu de 1000 \(moins de 90 %\)/,
    );
    expect(() => checkPlausible(context(false), [measure(1000, 600, 0.5)])).not.toThrow();
    expect(() => checkPlausible(context(false), [measure(1000, 499, 0.5)])).toThrow(
      /moins de 50 %/,
    );
  });

  it('returns one change event per accepted shrink, stamped with the run', () => {
    const events = checkPlausible(context(true), [measure(1000, 100), measure(10, 10)]);
    expect(events).toEqual([
      expect.objectContaining({
        run_id: 7,
        source: 'votes',
        entity_type: 'source',
        entity_id: 'votes',
        kind: 'shrink_accepted',
        old_value: '1000',
        new_value: '100',
      }),
    ]);
    expect(events[0]!.detail).toContain(
      'Scrutins.json.zip, 100 fichiers de scrutin au lieu de 1000',
    );
  });
});
