import type { Context } from 'hono';
import type { HtmlEscapedString } from 'hono/utils/html';

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

/** True for a request made by htmx (which then wants a fragment, not a full page). */
export function isHtmx(c: Context): boolean {
  return (
    c.req.header('HX-Request') === 'true' && c.req.header('HX-History-Restore-Request') !== 'true'
  );
}

/** Renders the full page or, for htmx, only the fragment; the same URL serves both. */
export function pageOrFragment(c: Context, page: () => Html, fragment: () => Html) {
  c.header('Vary', 'HX-Request');
  return c.html(isHtmx(c) ? fragment() : page());
}
