// The maps as SVG: each circonscription a link to its page, filled after its deputy's group,
// with a legend and a text alternative. Built on the server from a Drawing (dessin.ts).
import type { Circonscription } from '../../db/queries/geo.ts';
import { circoId, circoPath } from '../../server/records/geo.ts';
import type { Drawing, Shape } from './dessin.ts';
import { ordinal } from '../format.ts';

/** What a map shows, and so how it is coloured. */
export type MapSpec =
  | { kind: 'france' }
  | { kind: 'groupe'; group: string }
  | { kind: 'departement'; departement: string }
  | { kind: 'locator'; departement: string; number: number };

/** Fill of a seat whose group has no (valid) colour, and of the seats a map does not stress. */
export const NO_COLOR = '#8c8c96';
export const FADED = '#e4e4ea';
const CONTEXT = '#f1f1f4';
const VACANT = 'url(#vacant)';

/** The group colour the AN gives (`#RRGGBB`), or the neutral one. */
export function groupColor(color: string | null | undefined): string {
  return color && /^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$/.test(color) ? color : NO_COLOR;
}

/** « Gironde, 4e circonscription : Prénom Nom (SIGLE) », or « … : siège vacant ». */
export function seatTitle(c: Circonscription): string {
  const place = `${c.departement_name}, ${ordinal(c.number)} circonscription`;
  const d = c.deputies[0];
  if (!d) return `${place} : siège vacant`;
  return `${place} : ${d.first_name} ${d.last_name}${d.group_abbreviation ? ` (${d.group_abbreviation})` : ''}`;
}

/** The fill of a linked seat on this map. */
function fillOf(spec: MapSpec, c: Circonscription | undefined): string {
  const d = c?.deputies[0];
  switch (spec.kind) {
    case 'groupe':
      return d && d.group_abbreviation === spec.group ? groupColor(d.group_color) : FADED;
    case 'locator':
      if (c?.number !== spec.number) return FADED;
      return d ? groupColor(d.group_color) : VACANT;
    default:
      return d ? groupColor(d.group_color) : VACANT;
  }
}

export interface LegendEntry {
  abbreviation: string | null;
  label: string;
  color: string;
  seats: number;
}

/** Seats per group of some circonscriptions, largest first, the vacant seats last. */
export function legendOf(circos: readonly Circonscription[]): LegendEntry[] {
  const byGroup = new Map<string, LegendEntry>();
  let vacant = 0;
  for (const c of circos) {
    const d = c.deputies[0];
    if (!d) {
      vacant++;
      continue;
    }
    const key = d.group_abbreviation ?? '';
    const entry = byGroup.get(key) ?? {
      abbreviation: d.group_abbreviation,
      label: d.group_label ?? 'Sans groupe connu',
      color: groupColor(d.group_color),
      seats: 0,
    };
    entry.seats++;
    byGroup.set(key, entry);
  }
  const entries = [...byGroup.values()].sort(
    (a, b) => b.seats - a.seats || a.label.localeCompare(b.label, 'fr'),
  );
  if (vacant > 0)
    entries.push({ abbreviation: null, label: 'Siège vacant', color: VACANT, seats: vacant });
  return entries;
}

/** A colour swatch (decorative: the text beside it names the group). */
function Swatch({ color }: { color: string }) {
  return (
    <svg class="swatch" viewBox="0 0 10 10" width="14" height="14" aria-hidden="true">
      <rect width="10" height="10" fill={color} stroke="#555" stroke-width="0.5" />
    </svg>
  );
}

/** The hatching of vacant seats: grey with dark stripes, readable without colour. */
function VacantPattern() {
  return (
    <defs>
      <pattern
        id="vacant"
        patternUnits="userSpaceOnUse"
        width="4"
        height="4"
        patternTransform="rotate(45)"
      >
        <rect width="4" height="4" fill="#d4d4dc" />
        <line x1="0" y1="0" x2="0" y2="4" stroke="#6b6b78" stroke-width="1.5" />
      </pattern>
    </defs>
  );
}

function Legend({ spec, entries }: { spec: MapSpec; entries: LegendEntry[] }) {
  if (spec.kind === 'locator') return null;
  const shown =
    spec.kind === 'groupe'
      ? [
          ...entries.filter((e) => e.abbreviation === spec.group),
          {
            abbreviation: null,
            label: 'Autres groupes et sièges vacants',
            color: FADED,
            seats: entries
              .filter((e) => e.abbreviation !== spec.group)
              .reduce((n, e) => n + e.seats, 0),
          },
        ]
      : entries;
  return (
    <table class="legende">
      <caption>Légende : sièges par groupe</caption>
      <thead>
        <tr>
          <th scope="col">Groupe</th>
          <th scope="col" class="num">
            Sièges
          </th>
        </tr>
      </thead>
      <tbody>
        {shown.map((e) => (
          <tr>
            <td>
              <Swatch color={e.color} />{' '}
              {e.abbreviation ? (
                <>
                  <a href={`/groupes/${encodeURIComponent(e.abbreviation)}`}>{e.abbreviation}</a>{' '}
                  <span class="muted">{e.label}</span>
                </>
              ) : (
                e.label
              )}
            </td>
            <td class="num">{e.seats}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Seat({
  shape,
  circo,
  spec,
}: {
  shape: Shape;
  circo: Circonscription | undefined;
  spec: MapSpec;
}) {
  const id = circoId(shape);
  const current = spec.kind === 'locator' && shape.number === spec.number;
  return (
    <a href={circoPath(shape)} class={current ? 'actuelle' : undefined}>
      {/* A contour the referential does not list has no deputy in office: vacant. */}
      <title>{circo ? seatTitle(circo) : `Circonscription ${id} : siège vacant`}</title>
      <path d={shape.d} fill={fillOf(spec, circo)} data-circo={id} />
    </a>
  );
}

/** The deputies abroad (099), who have no contour: a list of links with their swatch. */
function AbroadList({ spec, circos }: { spec: MapSpec; circos: readonly Circonscription[] }) {
  const abroad = circos.filter((c) => c.departement_code === '099');
  if (abroad.length === 0) return null;
  return (
    <div class="carte-etranger">
      <h3>Français établis hors de France</h3>
      <ol>
        {abroad.map((c) => (
          <li value={c.number}>
            <Swatch color={fillOf(spec, c)} />{' '}
            <a href={circoPath(c)} data-circo={circoId(c)}>
              {seatTitle(c).replace(/^[^,]*, /, '')}
            </a>
          </li>
        ))}
      </ol>
    </div>
  );
}

/**
 * A map: the SVG (scaled by its viewBox), its legend and text alternative. `circos` names and
 * colours the seats; `legendCircos` are the seats the legend counts (the whole country for
 * France, with the deputies abroad).
 */
export function MapFigure({
  spec,
  drawing,
  circos,
  label,
  textAlternative,
}: {
  spec: MapSpec;
  drawing: Drawing;
  circos: readonly Circonscription[];
  /** What the map shows, for screen readers and the caption. */
  label: string;
  /** Where the same seats are listed as text. */
  textAlternative: { href: string; label: string } | null;
}) {
  const byId = new Map(circos.map((c) => [circoId(c), c]));
  const context = drawing.shapes.filter((s) => !s.linked);
  const seats = drawing.shapes.filter((s) => s.linked);
  const [x, y, w, h] = drawing.viewBox;
  const kind = spec.kind === 'groupe' ? 'france' : spec.kind;
  const legendCircos =
    spec.kind === 'france' || spec.kind === 'groupe'
      ? circos
      : seats.flatMap((s) => byId.get(circoId(s)) ?? []);
  return (
    <figure class={`carte carte-${kind}`}>
      {kind === 'france' ? (
        // Hundreds of links: keyboard users may pass over them to the legend.
        <a class="skip" href="#carte-legende">
          Passer les liens de la carte
        </a>
      ) : null}
      <svg
        viewBox={`${x} ${y} ${w} ${h}`}
        role="group"
        aria-label={label}
        class="carte-svg"
        preserveAspectRatio="xMidYMid meet"
      >
        <VacantPattern />
        {/* Context only: unnamed shapes, which assistive technologies pass over. */}
        {context.length > 0 ? (
          <g class="contexte">
            {context.map((s) => (
              <path
                d={s.d}
                fill={spec.kind === 'locator' ? CONTEXT : fillOf(spec, byId.get(circoId(s)))}
              />
            ))}
          </g>
        ) : null}
        {drawing.zoom ? (
          <rect
            aria-hidden="true"
            class="zoom"
            x={drawing.zoom.x}
            y={drawing.zoom.y}
            width={drawing.zoom.width}
            height={drawing.zoom.height}
          />
        ) : null}
        {drawing.frames.length > 0 ? (
          <g aria-hidden="true" class="encarts">
            {drawing.frames.map((f) => (
              <>
                <rect x={f.x + 1} y={f.y + 1} width={f.width - 2} height={f.height - 2} />
                <text x={f.x + 5} y={f.y + 14}>
                  {f.label}
                </text>
              </>
            ))}
          </g>
        ) : null}
        <g class="sieges">
          {seats.map((s) => (
            <Seat shape={s} circo={byId.get(circoId(s))} spec={spec} />
          ))}
        </g>
      </svg>
      <figcaption id={kind === 'france' ? 'carte-legende' : undefined}>
        <Legend spec={spec} entries={legendOf(legendCircos)} />
        {spec.kind === 'france' || spec.kind === 'groupe' ? (
          <AbroadList spec={spec} circos={circos} />
        ) : null}
        {textAlternative ? (
          <p class="carte-texte">
            <a href={textAlternative.href}>{textAlternative.label}</a>
          </p>
        ) : null}
      </figcaption>
    </figure>
  );
}
