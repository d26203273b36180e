import { createReadStream, promises as fs } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves a folder over HTTP on loopback, read-only, with ETag and Last-Modified validators
 * (answering 304 to conditional requests) like the real open-data hosts. `onRequest` sees
 * each requested path (to count requests).
 */
export async function serveFolder(
  root: string,
  port = 0,
  onRequest?: (path: string) => void,
): Promise<StaticServer> {
  const base = path.resolve(root);
  const server = http.createServer(async (req, res) => {
    onRequest?.(req.url ?? '/');
    try {
      const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      const file = path.resolve(base, `.${pathname}`);
      if (file !== base && !file.startsWith(base + path.sep)) {
        res.writeHead(403).end();
        return;
      }
      const stat = await fs.stat(file);
      if (!stat.isFile()) throw new Error('not a file');
      const etag = `"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
      const lastModified = stat.mtime.toUTCString();
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, { etag, 'last-modified': lastModified }).end();
        return;
      }
      res.writeHead(200, {
        'content-length': stat.size,
        'content-type': 'application/octet-stream',
        etag,
        'last-modified': lastModified,
      });
      createReadStream(file).pipe(res);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: actual } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${actual}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
