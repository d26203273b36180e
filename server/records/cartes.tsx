// The maps of the site, drawn once per state of the data: the drawing (paths) depends on the
// contours, the colouring on the deputies, and both change only when an ingest commits, so
// rendered maps are kept in memory keyed on dataVersion(db) and the map's parameters.
import { raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { Kysely } from 'kysely';
import { contours } from '../../db/queries/cartes.ts';
import { circonscriptions, type Circonscription } from '../../db/queries/geo.ts';
import type { Database } from '../../db/schema/index.ts';
import { dataVersion } from '../../db/state/data-version.ts';
import { MapFigure, type MapSpec } from '../../views/cartes/carte.tsx';
import {
  drawDepartement,
  drawFrance,
  drawLocator,
  rewound,
  type Contour,
  type Drawing,
} from '../../views/cartes/dessin.ts';
import { ordinal } from '../../views/format.ts';

/** A small cache that forgets the least recently used entry beyond `max`. */
class Lru<V> {
  private readonly entries = new Map<string, V>();
  constructor(private readonly max: number) {}
  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }
  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    while (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
  }
}

/** The cache key of a map's drawing: the group map shares France's paths. */
function drawingKey(spec: MapSpec): string {
  switch (spec.kind) {
    case 'france':
    case 'groupe':
      return 'france';
    case 'departement':
      return `departement:${spec.departement}`;
    case 'locator':
      return `locator:${spec.departement}`;
  }
}

function specKey(spec: MapSpec): string {
  switch (spec.kind) {
    case 'france':
      return 'france';
    case 'groupe':
      return `groupe:${spec.group}`;
    case 'departement':
      return `departement:${spec.departement}`;
    case 'locator':
      return `locator:${spec.departement}-${spec.number}`;
  }
}

function labelOf(spec: MapSpec, circos: readonly Circonscription[]): string {
  const name = (d: string) => circos.find((c) => c.departement_code === d)?.departement_name ?? d;
  switch (spec.kind) {
    case 'france':
      return 'Carte des circonscriptions, colorées selon le groupe du député';
    case 'groupe':
      return `Carte des circonscriptions : en couleur, les sièges du groupe ${spec.group}`;
    case 'departement':
      return `Carte des circonscriptions : ${name(spec.departement)}`;
    case 'locator':
      return `Situation de la ${ordinal(spec.number)} circonscription : ${name(spec.departement)}`;
  }
}

function textAlternative(spec: MapSpec) {
  switch (spec.kind) {
    case 'france':
    case 'groupe':
      return {
        href: '/circonscriptions',
        label: 'Liste des 577 circonscriptions et de leurs députés (texte)',
      };
    case 'departement':
      // Shown above the département's table of circonscriptions, its own text alternative.
      return null;
    case 'locator':
      return {
        href: `/departements/${encodeURIComponent(spec.departement)}`,
        label: 'Les circonscriptions du département et leurs députés (texte)',
      };
  }
}

/**
 * Rendered maps kept: room for every map the site draws (France, a few dozen groups, about
 * 110 départements, 577 locators), so that a robot walking every deputy page does not push the
 * home page's map out. Pages only ask for maps of known départements, groups and seats.
 */
const MAPS_KEPT = 1000;
/** Drawings kept: France's, and two per département (its map, its locators' shared one). */
const DRAWINGS_KEPT = 300;

/** Renders the site's maps, from cache when the data has not changed since. */
export class MapRenderer {
  private readonly maps = new Lru<HtmlEscapedString | null>(MAPS_KEPT);
  private readonly drawings = new Lru<Drawing>(DRAWINGS_KEPT);
  private contoursOf: { version: string; contours: Promise<Contour[]> } | null = null;
  constructor(
    private readonly db: Kysely<Database>,
    private readonly legislature: number,
  ) {}

  private contours(version: string): Promise<Contour[]> {
    if (this.contoursOf?.version !== version) {
      const loading = contours(this.db).then((rows) =>
        rows.map((r) => ({ ...r, geometry: rewound(r.geometry) })),
      );
      this.contoursOf = { version, contours: loading };
      loading.catch(() => (this.contoursOf = null));
    }
    return this.contoursOf.contours;
  }

  private async drawing(version: string, spec: MapSpec): Promise<Drawing> {
    const key = `${version}|${drawingKey(spec)}`;
    const cached = this.drawings.get(key);
    if (cached) return cached;
    const all = await this.contours(version);
    const drawing =
      spec.kind === 'france' || spec.kind === 'groupe'
        ? drawFrance(all)
        : spec.kind === 'departement'
          ? drawDepartement(all, spec.departement)
          : drawLocator(all, spec.departement);
    this.drawings.set(key, drawing);
    return drawing;
  }

  /**
   * The map as HTML (a figure with the SVG, its legend and text alternative), or null when no
   * contour is known for it (the deputies abroad, a base without the contours file).
   */
  async render(spec: MapSpec): Promise<HtmlEscapedString | null> {
    const version = await dataVersion(this.db);
    const key = `${version}|${specKey(spec)}`;
    const cached = this.maps.get(key);
    if (cached !== undefined) return cached;
    const drawing = await this.drawing(version, spec);
    let html: HtmlEscapedString | null = null;
    if (drawing.shapes.some((s) => s.linked)) {
      const circos = await circonscriptions(
        this.db,
        this.legislature,
        spec.kind === 'france' || spec.kind === 'groupe' ? null : [spec.departement],
      );
      const element = (
        <MapFigure
          spec={spec}
          drawing={drawing}
          circos={circos}
          label={labelOf(spec, circos)}
          textAlternative={textAlternative(spec)}
        />
      );
      // The JSX has escaped every text and attribute: the string is markup, kept as such.
      html = raw(await element.toString());
    }
    this.maps.set(key, html);
    return html;
  }
}
