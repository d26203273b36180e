// A loopback HTTP server laid out like a SOURCES_MIRROR (`/<host>/<path>`), whose answers each
// test sets per path, and which records every request (path, headers, time, concurrency).
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { HATVP_FIXTURES, hatvpFixture } from './paths.ts';

export interface RecordedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  /** When the request arrived (ms, performance clock). */
  at: number;
}

/** What a path answers: a file (with an ETag), or a status, one per request in turn. */
type Answer = { status: number; body?: string | Buffer; headers?: Record<string, string> };

export interface TestServer {
  url: string;
  requests: RecordedRequest[];
  /** Most requests in flight at once. */
  maxInFlight: number;
  /** Serves a file at `path` with an ETag, answering 304 to a matching If-None-Match. */
  serve(path: string, body: string | Buffer): void;
  /** Answers these in turn (the last one repeats). */
  answer(path: string, ...answers: Answer[]): void;
  /** Forgets `path` (it answers 404). */
  remove(path: string): void;
  /** Delay before each answer. */
  latencyMs: number;
  /** Requests made to `path`. */
  count(path: string): number;
  close(): Promise<void>;
}

export const INDEX_PATH = '/www.hatvp.fr/livraison/opendata/liste.csv';
export const ROBOTS_PATH = '/www.hatvp.fr/robots.txt';
export const filePath = (name: string) => `/www.hatvp.fr/livraison/dossiers/${name}`;

export async function startServer(): Promise<TestServer> {
  const files = new Map<string, { body: Buffer; etag: string }>();
  const scripted = new Map<string, Answer[]>();
  const requests: RecordedRequest[] = [];
  let inFlight = 0;
  const state = {
    maxInFlight: 0,
    latencyMs: 0,
  };
  const server = http.createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    requests.push({ path: pathname, headers: req.headers, at: performance.now() });
    inFlight++;
    state.maxInFlight = Math.max(state.maxInFlight, inFlight);
    const reply = (
      status: number,
      headers: Record<string, string | number> = {},
      body?: Buffer | string,
    ) => {
      setTimeout(() => {
        inFlight--;
        res.writeHead(status, headers).end(body);
      }, state.latencyMs);
    };
    const script = scripted.get(pathname);
    if (script) {
      const next = script.length > 1 ? script.shift()! : script[0]!;
      return reply(next.status, next.headers, next.body);
    }
    const file = files.get(pathname);
    if (!file) return reply(404);
    if (req.headers['if-none-match'] === file.etag) return reply(304, { etag: file.etag });
    reply(200, { etag: file.etag, 'content-length': file.body.length }, file.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    get maxInFlight() {
      return state.maxInFlight;
    },
    get latencyMs() {
      return state.latencyMs;
    },
    set latencyMs(ms: number) {
      state.latencyMs = ms;
    },
    serve(p, body) {
      const bytes = typeof body === 'string' ? Buffer.from(body) : body;
      scripted.delete(p);
      files.set(p, {
        body: bytes,
        etag: `"${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}"`,
      });
    },
    answer(p, ...answers) {
      scripted.set(p, answers);
    },
    remove(p) {
      files.delete(p);
      scripted.delete(p);
    },
    count: (p) => requests.filter((r) => r.path === p).length,
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** The hand-written index and every declaration file of test/fixtures/hatvp, served. */
export function serveFixtures(server: TestServer): void {
  server.serve(INDEX_PATH, hatvpFixture('liste.csv'));
  for (const name of readdirSync(path.join(HATVP_FIXTURES, 'dossiers'))) {
    server.serve(filePath(name), hatvpFixture(`dossiers/${name}`));
  }
}
