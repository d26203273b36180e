import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { describeSources } from '../../domain/sources.ts';
import { REGISTRY, crawlSources } from '../../scrapers/index.ts';

describe('source registry', () => {
  const config = loadConfig({});

  it('has one crawler per described source, and describes every crawler', () => {
    const described = describeSources(config).map((s) => s.id);
    expect(new Set(described).size).toBe(described.length);
    expect([...described].sort()).toEqual(Object.keys(REGISTRY).sort());
    expect(crawlSources(config).map((s) => s.info.id)).toEqual(described);
  });

  it('gives every source a schedule read by the configuration', () => {
    for (const info of describeSources(config)) {
      expect(info.schedule, info.id).toMatch(/^\S+( \S+){4,5}$/);
      expect(config.schedule.sources[info.id], info.id).toBe(info.schedule);
    }
  });
});
