// The one loopback HTTP server of the tests, laid out like a SOURCES_MIRROR (`/<host>/<path>`):
// each test sets what a path answers (a file with an ETag, an HTML page, a status, a scripted
// sequence, or no answer at all) and reads back every request it received.
import { createHash } from 'node:crypto';
import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  /** When the request arrived (ms, performance clock). */
  at: number;
  /** Status answered, or null while (or when) the request is left hanging. */
  status: number | null;
}

/** One scripted answer: a status, with optional headers and body. */
export interface Answer {
  status: number;
  body?: string | Buffer;
  headers?: Record<string, string>;
}

type Route =
  | { kind: 'file'; body: Buffer; etag: string; contentType: string | null }
  | { kind: 'script'; answers: Answer[] }
  | { kind: 'hang' }
  | { kind: 'trickle'; body: Buffer; pieces: number; gapMs: number };

export interface TestServer {
  url: string;
  /** Every request received, in order. */
  requests: RecordedRequest[];
  /** Most requests in flight at once. */
  readonly maxInFlight: number;
  /** Delay before each answer. */
  latencyMs: number;
  /**
   * Serves `body` at `path` with an ETag (the body's hash unless given), answering 304 to a
   * matching If-None-Match; returns the ETag.
   */
  serve(path: string, body: string | Uint8Array, etag?: string): string;
  /** Serves an HTML page (text/html; charset=utf-8) at `path` until replaced. */
  page(path: string, html: string): void;
  /** Answers these in turn at `path` (the last one repeats). */
  answer(path: string, ...answers: Answer[]): void;
  /** Answers `status` with an empty body at `path`. */
  fail(path: string, status: number): void;
  /** Accepts requests at `path` and never answers. */
  hang(path: string): void;
  /**
   * Answers 200 at once (headers with the full Content-Length), then sends `body` in `pieces`
   * equal parts, the first right away and each next one `gapMs` later.
   */
  trickle(path: string, body: string | Uint8Array, pieces: number, gapMs: number): void;
  /** Forgets `path` (it answers 404). */
  remove(path: string): void;
  /** Requests made to `path`. */
  count(path: string): number;
  close(): Promise<void>;
}

const hashTag = (bytes: Uint8Array) =>
  `"${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}"`;

/** Starts the server on a free loopback port. */
export async function startTestServer(): Promise<TestServer> {
  const routes = new Map<string, Route>();
  const requests: RecordedRequest[] = [];
  let inFlight = 0;
  const state = { maxInFlight: 0, latencyMs: 0 };
  const server = http.createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const recorded: RecordedRequest = {
      path,
      headers: req.headers,
      at: performance.now(),
      status: null,
    };
    requests.push(recorded);
    const route = routes.get(path);
    if (route?.kind === 'hang') return;
    if (route?.kind === 'trickle') {
      const { body, pieces, gapMs } = route;
      const size = Math.ceil(body.length / pieces);
      res.writeHead(200, { 'content-length': body.length });
      recorded.status = 200;
      const send = (i: number) => {
        if (res.destroyed) return;
        const piece = body.subarray(i * size, (i + 1) * size);
        if (i === pieces - 1) res.end(piece);
        else {
          res.write(piece);
          setTimeout(() => send(i + 1), gapMs);
        }
      };
      send(0);
      return;
    }
    inFlight++;
    state.maxInFlight = Math.max(state.maxInFlight, inFlight);
    const reply = (
      status: number,
      headers: http.OutgoingHttpHeaders = {},
      body?: Buffer | string,
    ) => {
      const send = () => {
        inFlight--;
        recorded.status = status;
        res.writeHead(status, headers).end(body);
      };
      if (state.latencyMs > 0) setTimeout(send, state.latencyMs);
      else send();
    };
    if (!route) return reply(404);
    if (route.kind === 'script') {
      const next = route.answers.length > 1 ? route.answers.shift()! : route.answers[0]!;
      return reply(next.status, next.headers, next.body);
    }
    if (req.headers['if-none-match'] === route.etag) return reply(304, { etag: route.etag });
    reply(
      200,
      {
        ...(route.contentType ? { 'content-type': route.contentType } : {}),
        'content-length': route.body.length,
        etag: route.etag,
      },
      route.body,
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const file = (
    path: string,
    body: string | Uint8Array,
    etag: string | undefined,
    contentType: string | null,
  ) => {
    const bytes = Buffer.from(body);
    const tag = etag ?? hashTag(bytes);
    routes.set(path, { kind: 'file', body: bytes, etag: tag, contentType });
    return tag;
  };
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
    serve: (path, body, etag) =>
      file(path, body, etag, path.endsWith('.zip') ? 'application/zip' : null),
    page(path, html) {
      file(path, html, undefined, 'text/html; charset=utf-8');
    },
    answer(path, ...answers) {
      routes.set(path, { kind: 'script', answers });
    },
    fail(path, status) {
      routes.set(path, { kind: 'script', answers: [{ status }] });
    },
    hang(path) {
      routes.set(path, { kind: 'hang' });
    },
    trickle(path, body, pieces, gapMs) {
      routes.set(path, { kind: 'trickle', body: Buffer.from(body), pieces, gapMs });
    },
    remove(path) {
      routes.delete(path);
    },
    count: (path) => requests.filter((r) => r.path === path).length,
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
