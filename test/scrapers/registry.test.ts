import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { describeSources } from '../../domain/sources.ts';
import { REGISTRY, crawlSources } from '../../scrapers/index.ts';

describe('source registry', () => {
  const config = loadConfig({});

  it('names the sources the pages describe, in the same order, each id once', () => {
    const described = describeSources(config);
    expect(new Set(described.map((s) => s.id)).size).toBe(described.length);
    expect(REGISTRY).toHaveLength(described.length);
    expect(crawlSources(config).map((s) => s.info)).toEqual(described);
  });

  it("describes each source as its folder's module does, whose crawl it runs", async () => {
    for (const source of REGISTRY) {
      const folder = await source.load();
      expect(folder.describe).toBe(source.describe);
      expect(typeof folder.crawl).toBe('function');
    }
  });

  it('gives every source a schedule read by the configuration', () => {
    for (const info of describeSources(config)) {
      expect(info.schedule, info.id).toMatch(/^\S+( \S+){4,5}$/);
      expect(config.schedule.sources[info.id], info.id).toBe(info.schedule);
    }
  });
});
