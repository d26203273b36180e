import type { Column } from '../server/lib/export.ts';
import type { Child } from 'hono/jsx';

/** A group's abbreviation with its colour; links to the group page. */
export function GroupBadge({
  abbreviation,
  label,
  color,
}: {
  abbreviation: string | null;
  label: string | null;
  color: string | null;
}) {
  if (!abbreviation) return <span class="muted">–</span>;
  const safeColor = color && /^#[0-9a-fA-F]{3,8}$/.test(color) ? color : '#999';
  return (
    <a
      class="badge"
      style={`--group:${safeColor}`}
      href={`/groupes/${encodeURIComponent(abbreviation)}`}
      title={label ?? undefined}
    >
      {abbreviation}
    </a>
  );
}

/** Links to the CSV, Excel-flavoured CSV and JSON versions of the current list. */
export function ExportLinks({ path, query }: { path: string; query: string }) {
  const q = query ? `?${query}` : '';
  const excel = query ? `?${query}&excel=1` : '?excel=1';
  return (
    <p class="exports">
      Télécharger cette liste : <a href={`${path}.csv${q}`}>CSV</a> ·{' '}
      <a href={`${path}.csv${excel}`}>CSV pour Excel</a> · <a href={`${path}.json${q}`}>JSON</a>
    </p>
  );
}

/** A query string with some parameters set (replacing their values) or, given null, removed. */
export function withParams(query: string, params: Record<string, string | null>): string {
  const search = new URLSearchParams(query);
  for (const [key, value] of Object.entries(params)) {
    if (value === null) search.delete(key);
    else search.set(key, value);
  }
  return search.toString();
}

/** Attributes of a link that htmx follows into #resultats, keeping the URL in sync. */
export const htmxLink = (href: string) => ({
  href,
  'hx-get': href,
  'hx-target': '#resultats',
  'hx-push-url': 'true',
});

/** The documented query parameters of a list: name, then what it does. */
export function ParameterList({ parameters }: { parameters: [string, string][] }) {
  return (
    <ul>
      {parameters.map(([name, text]) => (
        <li>
          <code>{name}</code> : {text}
        </li>
      ))}
    </ul>
  );
}

/** The documented columns of an export, as a table. */
export function ColumnsTable({ columns }: { columns: Column<never>[] }) {
  // Focusable: on a phone the table scrolls in its box, which the keyboard must reach.
  return (
    <div class="table-wrap" tabindex={0} role="region" aria-label="Colonnes et leur contenu">
      <table>
        <thead>
          <tr>
            <th scope="col">Colonne</th>
            <th scope="col">Contenu</th>
          </tr>
        </thead>
        <tbody>
          {columns.map((c) => (
            <tr>
              <td>
                <code>{c.name}</code>
              </td>
              <td>{c.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * A filter form: a plain GET form (works without JavaScript) that htmx submits as filters
 * change, swapping `target` and keeping the URL in sync.
 */
export function FilterForm({
  path,
  id,
  target = '#resultats',
  trigger = 'change, input changed delay:400ms from:input[type=search], submit',
  children,
}: {
  path: string;
  id?: string;
  target?: string;
  trigger?: string;
  children: Child;
}) {
  return (
    <form
      id={id}
      class="filters"
      action={path}
      method="get"
      role="search"
      hx-get={path}
      hx-target={target}
      hx-push-url="true"
      hx-trigger={trigger}
    >
      {children}
    </form>
  );
}

/** Previous and next links of a paged list at `path?query`; htmx swaps #resultats unless `htmx` is false. */
export function Pager({
  path,
  query,
  page,
  pages,
  htmx = true,
}: {
  path: string;
  query: string;
  page: number;
  pages: number;
  htmx?: boolean;
}) {
  if (pages <= 1) return null;
  const link = (n: number) => {
    const href = `${path}?${withParams(query, { page: String(n) })}`;
    return htmx ? htmxLink(href) : { href };
  };
  return (
    <nav class="pager" aria-label="Pages">
      {page > 1 ? <a {...link(page - 1)}>← Page précédente</a> : null}
      <span class="muted">
        Page {page} sur {pages}
      </span>
      {page < pages ? <a {...link(page + 1)}>Page suivante →</a> : null}
    </nav>
  );
}

/** The `du` and `au` date fields of a filter form. */
export function DateRange({ from, to }: { from?: string | null; to?: string | null }) {
  return (
    <>
      <label>
        Du
        <input type="date" name="du" value={from ?? ''} />
      </label>
      <label>
        Au
        <input type="date" name="au" value={to ?? ''} />
      </label>
    </>
  );
}
