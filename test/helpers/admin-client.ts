// Drives the admin pages through app.request (or over real HTTP from a chosen loopback
// address) as a browser would: cookies kept between requests, forms posted with the CSRF
// token the page carried.
import http from 'node:http';
import { expect } from 'vitest';
import type { createApp } from '../../server/app.tsx';

type App = ReturnType<typeof createApp>;

/** Sends one request and returns its answer. */
export type Send = (url: string, init: RequestInit) => Response | Promise<Response>;

/**
 * Sends over real HTTP from `localAddress` (any of 127.0.0.0/8 reaches a server on
 * 127.0.0.1), so that the server sees that address as the socket's peer.
 */
export function sendFrom(localAddress: string): Send {
  return (url, init) =>
    new Promise((resolve, reject) => {
      const request = http.request(
        url,
        {
          method: init.method ?? 'GET',
          headers: init.headers as Record<string, string>,
          localAddress,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const headers = new Headers();
            for (let i = 0; i < res.rawHeaders.length; i += 2)
              headers.append(res.rawHeaders[i]!, res.rawHeaders[i + 1]!);
            resolve(new Response(Buffer.concat(chunks), { status: res.statusCode!, headers }));
          });
        },
      );
      request.on('error', reject);
      request.end(init.body as string | undefined);
    });
}

/** The value of the hidden `_csrf` field of an HTML page. */
export function csrfOf(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('no _csrf field in the page');
  return match[1]!;
}

export class AdminClient {
  cookies = new Map<string, string>();
  /** The CSRF token of the last page read. */
  csrf = '';
  constructor(
    readonly app: App,
    readonly base = 'http://localhost',
    readonly send: Send = (url, init) => app.request(url, init),
  ) {}

  private remember(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, value] = pair!.split('=');
      if (value === '' || /max-age=0/i.test(line)) this.cookies.delete(name!);
      else this.cookies.set(name!, value!);
    }
  }

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    const res = await this.send(`${this.base}${path}`, {
      headers: { cookie: this.cookieHeader(), ...headers },
    });
    this.remember(res);
    return res;
  }

  /** GETs a page and keeps its CSRF token; returns its HTML. */
  async page(path: string, headers: Record<string, string> = {}): Promise<string> {
    const res = await this.get(path, headers);
    expect(res.status, path).toBe(200);
    const html = await res.text();
    this.csrf = csrfOf(html);
    return html;
  }

  /** POSTs a form; `_csrf` is the last page's token unless given (null leaves it out). */
  async post(
    path: string,
    fields: Record<string, string>,
    options: { csrf?: string | null; headers?: Record<string, string> } = {},
  ): Promise<Response> {
    const body = new URLSearchParams(fields);
    const csrf = options.csrf === undefined ? this.csrf : options.csrf;
    if (csrf !== null) body.set('_csrf', csrf);
    const res = await this.send(`${this.base}${path}`, {
      method: 'POST',
      body: body.toString(),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: this.cookieHeader(),
        ...options.headers,
      },
    });
    this.remember(res);
    return res;
  }

  /** Logs in with `token` (both requests with `headers`); returns the answer to the login form. */
  async login(token: string, headers: Record<string, string> = {}): Promise<Response> {
    await this.page('/suivi/connexion', headers);
    return this.post('/suivi/connexion', { jeton: token }, { headers });
  }
}
