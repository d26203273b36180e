import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    // Each file runs in its own process: crawls change Crawlee's global log level.
    pool: 'forks',
    // The real-data crawl parses ~9,000 files; loopback HTTP keeps the rest fast.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
