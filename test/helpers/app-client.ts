// Requests to the app under test through app.request (no socket), with the checks every route
// test makes before reading a body: status 200 and the content type.
import Papa from 'papaparse';
import { expect } from 'vitest';
import type { createApp } from '../../server/app.tsx';

type App = ReturnType<typeof createApp>;

/** Request helpers over the app `current()` returns (tests build it in beforeAll). */
export function appClient(current: () => App) {
  async function get(path: string, headers: Record<string, string> = {}) {
    const res = await current().request(path, { headers });
    return { res, body: await res.text() };
  }
  async function html(path: string, headers: Record<string, string> = {}) {
    const { res, body } = await get(path, headers);
    expect(res.status, path).toBe(200);
    expect(res.headers.get('content-type'), path).toMatch(/^text\/html/);
    return body;
  }
  async function json(path: string) {
    const { res, body } = await get(path);
    expect(res.status, path).toBe(200);
    expect(res.headers.get('content-type'), path).toMatch(/^application\/json/);
    // A list's `items` are typed loosely: each test names the fields it reads.
    return JSON.parse(body) as { total: number; items: any[] } & Record<string, any>;
  }
  /** A CSV export: its header, its rows, and each row as a record keyed by the header. */
  async function csv(path: string) {
    const { res, body } = await get(path);
    expect(res.status, path).toBe(200);
    expect(res.headers.get('content-type'), path).toMatch(/^text\/csv/);
    const parsed = Papa.parse<string[]>(body.trimEnd(), { newline: '\r\n' });
    expect(parsed.errors, path).toEqual([]);
    const [header, ...rows] = parsed.data;
    return {
      header: header!,
      rows,
      records: rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]]))),
    };
  }
  return { get, html, json, csv };
}
