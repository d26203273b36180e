// Drives the admin pages through app.request as a browser would: cookies kept between
// requests, forms posted with the CSRF token the page carried.
import { expect } from 'vitest';
import type { createApp } from '../../server/app.tsx';

type App = ReturnType<typeof createApp>;

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
    const res = await this.app.request(`${this.base}${path}`, {
      headers: { cookie: this.cookieHeader(), ...headers },
    });
    this.remember(res);
    return res;
  }

  /** GETs a page and keeps its CSRF token; returns its HTML. */
  async page(path: string): Promise<string> {
    const res = await this.get(path);
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
    const res = await this.app.request(`${this.base}${path}`, {
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

  /** Logs in with `token`; returns the answer to the login form. */
  async login(token: string): Promise<Response> {
    await this.page('/suivi/connexion');
    return this.post('/suivi/connexion', { jeton: token });
  }
}
