// Pieces shared by the declaration pages and the deputy page: item tables, amounts, versions.
import type { DeclarationRow, ItemRow } from '../../db/queries/declarations.ts';
import {
  DOCUMENT_TYPES,
  MANDATE_TYPES,
  XML_STATUSES,
  declarationLinks,
  sectionLabel,
} from '../../server/records/declarations.ts';
import { frenchDate } from '../format.ts';

/** `12 000 €`. */
export function euros(value: number | null): string {
  if (value === null) return '';
  return `${value.toLocaleString('fr-FR', { maximumFractionDigits: 2 })} €`;
}

/** `2016-04` → `04/2016`. */
function month(value: string | null): string {
  return value ? `${value.slice(5, 7)}/${value.slice(0, 4)}` : '';
}

function period(item: ItemRow): string {
  if (item.start_month && item.end_month)
    return `${month(item.start_month)} – ${month(item.end_month)}`;
  if (item.start_month) return `depuis ${month(item.start_month)}`;
  if (item.end_month) return `jusqu'à ${month(item.end_month)}`;
  return '';
}

/** The amounts or values an item declares, in one short line. */
export function itemFigures(item: ItemRow): string {
  if (item.section === 'participation') {
    const parts = [
      item.value !== null ? `valeur ${euros(item.value)}` : null,
      item.capital_share !== null
        ? `${item.capital_share.toLocaleString('fr-FR')} % du capital`
        : null,
      item.shares !== null ? `${item.shares.toLocaleString('fr-FR')} parts` : null,
      item.income !== null
        ? `rémunération ${euros(item.income)}`
        : item.income_text
          ? `rémunération : ${item.income_text}`
          : null,
    ];
    return parts.filter(Boolean).join(', ');
  }
  if (item.last_year !== null && item.last_amount !== null) {
    return `${euros(item.last_amount)} ${item.gross_net ?? ''} en ${item.last_year}`.replace(
      /\s+/g,
      ' ',
    );
  }
  return '';
}

/** One item as a table row: organisation, what, when, how much. */
export function ItemCells({ item }: { item: ItemRow }) {
  return (
    <>
      <td>
        {item.organisation ?? (item.person ? item.person : <span class="muted">–</span>)}
        {item.redacted ? (
          <span class="muted" title="Une partie du texte n'est pas publiée par la HATVP">
            {' '}
            (masqué en partie)
          </span>
        ) : null}
      </td>
      <td>
        {item.description ?? ''}
        {item.comment ? <span class="muted"> – {item.comment}</span> : null}
      </td>
      <td class="opt">{period(item)}</td>
      <td class="num">{itemFigures(item)}</td>
    </>
  );
}

/** A declaration's items grouped by section, with yearly amounts on demand. */
export function ItemSections({ items }: { items: ItemRow[] }) {
  const sections = new Map<string, ItemRow[]>();
  for (const item of items)
    sections.set(item.section, [...(sections.get(item.section) ?? []), item]);
  if (sections.size === 0) return <p class="muted">Aucun élément déclaré.</p>;
  return (
    <>
      {[...sections.entries()].map(([section, rows]) => (
        <section>
          <h3>
            {sectionLabel(section)} <span class="muted">({rows.length})</span>
          </h3>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Organisme</th>
                  <th scope="col">Activité</th>
                  <th scope="col" class="opt">
                    Période
                  </th>
                  <th scope="col" class="num">
                    Montants
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((item) => (
                  <tr>
                    <ItemCells item={item} />
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {rows.some((r) => r.amounts.length > 1) ? (
            <details>
              <summary>Montants année par année</summary>
              <ul>
                {rows
                  .filter((r) => r.amounts.length > 0)
                  .map((r) => (
                    <li>
                      {r.organisation ?? r.description ?? `n° ${r.position}`} :{' '}
                      {r.amounts
                        .map(
                          (a) =>
                            `${a.year ?? '?'} : ${a.amount !== null ? euros(a.amount) : (a.text ?? '')}`,
                        )
                        .join(' ; ')}
                      {r.gross_net ? ` (${r.gross_net})` : ''}
                    </li>
                  ))}
              </ul>
            </details>
          ) : null}
        </section>
      ))}
    </>
  );
}

/** `Déclaration d'intérêts et d'activités modificative du 18 décembre 2024`. */
export function declarationTitle(
  d: Pick<DeclarationRow, 'document_type' | 'deposited_on'>,
): string {
  const type = DOCUMENT_TYPES[d.document_type] ?? d.document_type.toUpperCase();
  return d.deposited_on ? `${type} déposée le ${frenchDate(d.deposited_on)}` : type;
}

/** Every declaration of a person, latest first, with its state and links. */
export function VersionList({ rows, current }: { rows: DeclarationRow[]; current?: string }) {
  return (
    <ul class="versions">
      {rows.map((d) => {
        const links = declarationLinks(d);
        return (
          <li>
            {d.id === current ? (
              <strong>{declarationTitle(d)}</strong>
            ) : (
              <a href={links.page}>{declarationTitle(d)}</a>
            )}{' '}
            <span class="muted">
              ({MANDATE_TYPES[d.mandate_type] ?? d.mandate_type}
              {d.qualite ? ` – ${d.qualite}` : ''}) ·{' '}
              {d.superseded_by === null ? 'en vigueur' : 'remplacée'} ·{' '}
              {XML_STATUSES[d.xml_status] ?? d.xml_status}
            </span>
            {links.pdf ? (
              <>
                {' '}
                · <a href={links.pdf}>PDF</a>
              </>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
