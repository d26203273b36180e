import type { Column } from '../server/lib/export.ts';

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

/** The documented columns of an export: name and content. */
export function Columns({ columns }: { columns: Column<never>[] }) {
  return (
    <div class="table-wrap">
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
