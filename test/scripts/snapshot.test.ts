// `npm run snapshot -- <path>`: a copy of the live database holding exactly what was committed
// when it was taken (a write transaction still open elsewhere is not in it), readable as is.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase } from '../../db/database.ts';
import { PROJECT_ROOT } from '../helpers/paths.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'tracker-snapshot-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const snapshot = (databasePath: string, ...args: string[]) =>
  spawnSync('npm', ['run', '-s', 'snapshot', '--', ...args], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, DATABASE_PATH: databasePath },
    encoding: 'utf8',
  });

describe('npm run snapshot', () => {
  it('copies what is committed, not a write in progress', async () => {
    const databasePath = path.join(dir, 'live.sqlite');
    const db = openDatabase(databasePath);
    await migrateToLatest(db);
    await db.destroy();
    const live = new SQLite(databasePath);
    const insert = live.prepare(
      "INSERT INTO crawl_run (source, trigger, started_at, status) VALUES (?, 'cli', '2026-12-02T00:00:00Z', 'ok')",
    );
    for (const source of ['an', 'votes', 'geo']) insert.run(source);
    live.exec('BEGIN IMMEDIATE');
    insert.run('hatvp'); // not committed while the copy is taken
    try {
      const copy = path.join(dir, 'copie.sqlite');
      const result = snapshot(databasePath, copy);
      expect(result.status, result.stderr).toBe(0);
      const read = new SQLite(copy, { readonly: true });
      try {
        expect(read.pragma('integrity_check', { simple: true })).toBe('ok');
        const sources = read.prepare('SELECT source FROM crawl_run ORDER BY id').pluck().all();
        expect(sources).toEqual(['an', 'votes', 'geo']);
      } finally {
        read.close();
      }
      expect(readdirSync(dir).filter((f) => f.endsWith('.partial'))).toEqual([]);
    } finally {
      live.exec('ROLLBACK');
      live.close();
    }
  }, 30_000);

  it('exits 2 without a destination, or onto the database itself', () => {
    const databasePath = path.join(dir, 'live.sqlite');
    expect(snapshot(databasePath).status).toBe(2);
    expect(snapshot(databasePath, databasePath).status).toBe(2);
    expect(existsSync(databasePath)).toBe(true);
  });
});
