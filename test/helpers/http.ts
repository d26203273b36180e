import { createHash } from 'node:crypto';
import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  /** Status answered, or null when the request was left hanging. */
  status: number | null;
}

type Route =
  | { kind: 'file'; body: Uint8Array; etag: string }
  | { kind: 'status'; status: number }
  | { kind: 'hang' };

export interface SourceServer {
  url: string;
  /** Every request received, in order. */
  requests: RecordedRequest[];
  /** Serves `body` at `path` with an ETag (the body's hash unless given); returns the ETag. */
  serve(path: string, body: Uint8Array, etag?: string): string;
  /** Answers `status` with an empty body at `path`. */
  fail(path: string, status: number): void;
  /** Accepts requests at `path` and never answers. */
  hang(path: string): void;
  close(): Promise<void>;
}

/**
 * A loopback HTTP server whose answers a test sets per path, recording each request so the
 * test can check conditional headers and retries. Answers 304 to a matching If-None-Match.
 */
export async function startSourceServer(): Promise<SourceServer> {
  const routes = new Map<string, Route>();
  const requests: RecordedRequest[] = [];
  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const recorded: RecordedRequest = { path, headers: req.headers, status: null };
    requests.push(recorded);
    const route = routes.get(path);
    const answer = (status: number, headers: http.OutgoingHttpHeaders = {}, body?: Uint8Array) => {
      recorded.status = status;
      res.writeHead(status, headers).end(body);
    };
    if (!route) return answer(404);
    if (route.kind === 'hang') return;
    if (route.kind === 'status') return answer(route.status);
    if (req.headers['if-none-match'] === route.etag) return answer(304, { etag: route.etag });
    answer(
      200,
      { 'content-type': 'application/zip', 'content-length': route.body.length, etag: route.etag },
      route.body,
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    serve(path, body, etag) {
      const tag = etag ?? `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`;
      routes.set(path, { kind: 'file', body, etag: tag });
      return tag;
    },
    fail(path, status) {
      routes.set(path, { kind: 'status', status });
    },
    hang(path) {
      routes.set(path, { kind: 'hang' });
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
