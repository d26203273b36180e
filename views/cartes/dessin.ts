// The geometry of the maps: circonscription contours (GeoJSON, longitude/latitude) projected
// into SVG path strings, laid out in boxes (metropolitan France, the Paris inset, one inset per
// overseas territory). Pure: contours in, shapes out; the colouring is the view's.
import {
  geoArea,
  geoConicConformal,
  geoMercator,
  geoStream,
  type GeoProjection,
  type GeoStream,
} from 'd3-geo';
import type { MultiPolygon, Polygon } from 'geojson';

/** A circonscription's contour as the map reads it. */
export interface Contour {
  departement_code: string;
  number: number;
  geometry: Polygon | MultiPolygon;
}

/** A projected circonscription: its path, and whether it is this map's link to its page. */
export interface Shape {
  departement_code: string;
  number: number;
  d: string;
  /** False for a copy drawn for context only (Paris in the metropolitan map, neighbours). */
  linked: boolean;
}

/** A framed box of the map (an inset) with its caption. */
export interface Frame {
  label: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Drawing {
  /** The SVG viewBox: min x, min y, width, height. */
  viewBox: [number, number, number, number];
  shapes: Shape[];
  frames: Frame[];
  /** The outline, in the metropolitan map, of the area the Paris inset enlarges. */
  zoom: Frame | null;
}

/** Paris and the petite couronne, enlarged in an inset of the France map. */
export const PETITE_COURONNE = ['75', '92', '93', '94'];

/** The overseas départements and collectivities, each in its own inset, in the AN's order. */
export const OVERSEAS: { code: string; label: string }[] = [
  { code: '971', label: 'Guadeloupe' },
  { code: '972', label: 'Martinique' },
  { code: '973', label: 'Guyane' },
  { code: '974', label: 'La Réunion' },
  { code: '976', label: 'Mayotte' },
  { code: '975', label: 'St-Pierre-et-Miq.' },
  { code: '977', label: 'St-Barth., St-Martin' },
  { code: '986', label: 'Wallis-et-Futuna' },
  { code: '987', label: 'Polynésie' },
  { code: '988', label: 'Nlle-Calédonie' },
];

/** Metropolitan France: the two-character codes (01–95, 2A, 2B). */
export const isMetropolitan = (departement: string) => departement.length === 2;

/**
 * The geometry with every polygon wound as d3-geo expects (exterior ring clockwise on the
 * sphere): a polygon whose spherical area exceeds a hemisphere is the complement of what was
 * meant, so its rings are reversed.
 */
export function rewound(geometry: Polygon | MultiPolygon): Polygon | MultiPolygon {
  const fix = (rings: Polygon['coordinates']) =>
    geoArea({ type: 'Polygon', coordinates: rings }) > 2 * Math.PI
      ? rings.map((ring) => [...ring].reverse())
      : rings;
  return geometry.type === 'Polygon'
    ? { type: 'Polygon', coordinates: fix(geometry.coordinates) }
    : { type: 'MultiPolygon', coordinates: geometry.coordinates.map(fix) };
}

/** Lambert-93's cone (parallels 44° and 49° N, central meridian 3° E), scaled later. */
export function lambert93(): GeoProjection {
  return geoConicConformal().parallels([44, 49]).rotate([-3, 0]);
}

/** Metropolitan contours in Lambert-93's cone; overseas ones in Mercator (conformal too). */
export function projectionFor(departement: string): GeoProjection {
  return isMetropolitan(departement) ? lambert93() : geoMercator();
}

const collection = (contours: readonly Contour[]) => ({
  type: 'FeatureCollection' as const,
  features: contours.map((c) => ({
    type: 'Feature' as const,
    properties: null,
    geometry: c.geometry,
  })),
});

/** A length in tenths of a unit, written as short as SVG allows (`.3`, `-1.2`, `12`). */
function tenths(t: number): string {
  const s = String(t / 10);
  return s.replace(/^(-?)0\./, '$1.');
}

/**
 * The SVG path of a geometry through a projection, rounded to a tenth of a unit, in relative
 * moves; points that round onto the previous one are dropped, and so are rings that collapse
 * to fewer than three points (a tiny islet at the map's scale). A shape that collapses whole
 * is drawn as a dot, so that it can still be seen and clicked.
 */
export function pathOf(geometry: Polygon | MultiPolygon, projection: GeoProjection): string {
  let out = '';
  let ring: [number, number][] = [];
  let first: [number, number] | null = null;
  const sink: GeoStream = {
    point(x, y) {
      const p: [number, number] = [Math.round(x * 10), Math.round(y * 10)];
      first ??= p;
      const last = ring[ring.length - 1];
      if (!last || last[0] !== p[0] || last[1] !== p[1]) ring.push(p);
    },
    lineStart() {
      ring = [];
    },
    lineEnd() {
      const head = ring[0];
      const tail = ring[ring.length - 1];
      if (head && tail && ring.length > 1 && head[0] === tail[0] && head[1] === tail[1]) ring.pop();
      if (ring.length < 3) return;
      let [px, py] = ring[0]!;
      out += `M${tenths(px)} ${tenths(py)}l`;
      ring.slice(1).forEach(([x, y], i) => {
        const dx = tenths(x - px);
        const dy = tenths(y - py);
        out += `${i > 0 && !dx.startsWith('-') ? ' ' : ''}${dx}${dy.startsWith('-') ? '' : ' '}${dy}`;
        [px, py] = [x, y];
      });
      out += 'z';
    },
    polygonStart() {},
    polygonEnd() {},
    sphere() {},
  };
  geoStream(geometry, projection.stream(sink));
  const start = first as [number, number] | null;
  if (out === '' && start) {
    const [x, y] = start;
    // A dot of radius 2 around the shape's first point.
    return `M${tenths(x - 20)} ${tenths(y)}a2 2 0 1 0 4 0a2 2 0 1 0-4 0z`;
  }
  return out;
}

type Box = { x: number; y: number; width: number; height: number };

/** Fits the projection to the contours inside the box (with a margin) and draws them. */
function drawIn(
  contours: readonly Contour[],
  projection: GeoProjection,
  box: Box,
  linked: boolean,
  margin = 4,
): Shape[] {
  if (contours.length === 0) return [];
  projection.fitExtent(
    [
      [box.x + margin, box.y + margin],
      [box.x + box.width - margin, box.y + box.height - margin],
    ],
    collection(contours),
  );
  return contours.map((c) => ({
    departement_code: c.departement_code,
    number: c.number,
    d: pathOf(c.geometry, projection),
    linked,
  }));
}

/** The box of the projected contours (after a fit). */
function projectedBox(contours: readonly Contour[], projection: GeoProjection): Box {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  const sink = {
    point(x: number, y: number) {
      x0 = Math.min(x0, x);
      y0 = Math.min(y0, y);
      x1 = Math.max(x1, x);
      y1 = Math.max(y1, y);
    },
    lineStart() {},
    lineEnd() {},
    polygonStart() {},
    polygonEnd() {},
    sphere() {},
  };
  for (const c of contours) geoStream(c.geometry, projection.stream(sink));
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/** Size of the France map (SVG user units). */
export const FRANCE_WIDTH = 1000;
export const FRANCE_HEIGHT = 800;
const SIDE = 250;
const METRO: Box = { x: 0, y: 0, width: FRANCE_WIDTH - SIDE - 10, height: FRANCE_HEIGHT };
const PARIS: Box = { x: FRANCE_WIDTH - SIDE, y: 0, width: SIDE, height: 220 };
const INSET_W = SIDE / 2;
const INSET_H = (FRANCE_HEIGHT - PARIS.height - 10) / 5;

/**
 * France: the metropolitan map (Lambert-93's cone), the Paris inset (the petite couronne
 * enlarged; its circonscriptions are linked there, not in the metropolitan map), and an inset
 * per overseas territory, each fitted to its box. The deputies abroad have no contour.
 */
export function drawFrance(contours: readonly Contour[]): Drawing {
  const metro = contours.filter((c) => isMetropolitan(c.departement_code));
  const paris = metro.filter((c) => PETITE_COURONNE.includes(c.departement_code));
  const shapes: Shape[] = [];
  const frames: Frame[] = [];
  const metroProjection = lambert93();
  for (const s of drawIn(metro, metroProjection, METRO, true, 10)) {
    shapes.push({ ...s, linked: !PETITE_COURONNE.includes(s.departement_code) });
  }
  let zoom: Frame | null = null;
  if (paris.length > 0) {
    const box = projectedBox(paris, metroProjection);
    zoom = { label: 'Paris et petite couronne', ...grow(box, 3) };
    frames.push({ label: 'Paris et petite couronne', ...PARIS });
    shapes.push(...drawIn(paris, lambert93(), captioned(PARIS), true));
  }
  OVERSEAS.forEach(({ code, label }, i) => {
    const own = contours.filter((c) => c.departement_code === code);
    if (own.length === 0) return;
    const box: Box = {
      x: PARIS.x + (i % 2) * INSET_W,
      y: PARIS.height + 10 + Math.floor(i / 2) * INSET_H,
      width: INSET_W,
      height: INSET_H,
    };
    frames.push({ label, ...box });
    shapes.push(...drawIn(own, geoMercator(), captioned(box), true));
  });
  return { viewBox: [0, 0, FRANCE_WIDTH, FRANCE_HEIGHT], shapes, frames, zoom };
}

/** The part of an inset's box below its caption. */
function captioned(box: Box): Box {
  return { x: box.x, y: box.y + 16, width: box.width, height: box.height - 16 };
}

function grow(box: Box, by: number): Box {
  return { x: box.x - by, y: box.y - by, width: box.width + 2 * by, height: box.height + 2 * by };
}

/** Width of a département map and of a locator (SVG user units). */
export const DEPARTEMENT_WIDTH = 600;
export const LOCATOR_WIDTH = 300;

/**
 * One département alone, fitted to the width; the height follows its shape (bounded, so that
 * a tall département stays on screen).
 */
export function drawDepartement(contours: readonly Contour[], departement: string): Drawing {
  return drawFocus(contours, departement, DEPARTEMENT_WIDTH, [], 0.25);
}

/**
 * A locator: the département of a circonscription fitted to a small box, with the
 * neighbouring départements' circonscriptions drawn around it for context (not linked).
 */
export function drawLocator(contours: readonly Contour[], departement: string): Drawing {
  const own = contours.filter((c) => c.departement_code === departement);
  const [x0, y0, x1, y1] = bboxOf(own);
  const padX = (x1 - x0) * 0.35;
  const padY = (y1 - y0) * 0.35;
  const around = contours.filter(
    (c) =>
      c.departement_code !== departement &&
      isMetropolitan(c.departement_code) === isMetropolitan(departement) &&
      intersects(bboxOf([c]), [x0 - padX, y0 - padY, x1 + padX, y1 + padY]),
  );
  return drawFocus(contours, departement, LOCATOR_WIDTH, around, 0.35);
}

function drawFocus(
  contours: readonly Contour[],
  departement: string,
  width: number,
  around: readonly Contour[],
  pad: number,
): Drawing {
  const own = contours.filter((c) => c.departement_code === departement);
  if (own.length === 0) return { viewBox: [0, 0, width, 0], shapes: [], frames: [], zoom: null };
  const projection = projectionFor(departement);
  // Fitted to the width (a tall département to 1.25 times it), then framed tight.
  projection.fitExtent(
    [
      [0, 0],
      [width, width * 1.25],
    ],
    collection(own),
  );
  const box = projectedBox(own, projection);
  const margin = around.length > 0 ? Math.max(box.width, box.height) * pad : 4;
  const framed = grow(box, margin);
  const shapes = (list: readonly Contour[], linked: boolean): Shape[] =>
    list.map((c) => ({
      departement_code: c.departement_code,
      number: c.number,
      d: pathOf(c.geometry, projection),
      linked,
    }));
  return {
    viewBox: [framed.x, framed.y, framed.width, framed.height].map(
      (v) => Math.round(v * 10) / 10,
    ) as Drawing['viewBox'],
    shapes: [...shapes(around, false), ...shapes(own, true)],
    frames: [],
    zoom: null,
  };
}

/** [minLon, minLat, maxLon, maxLat] of some contours. */
export function bboxOf(contours: readonly Contour[]): [number, number, number, number] {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (ring: number[][]) => {
    for (const [x, y] of ring) {
      x0 = Math.min(x0, x!);
      y0 = Math.min(y0, y!);
      x1 = Math.max(x1, x!);
      y1 = Math.max(y1, y!);
    }
  };
  for (const { geometry } of contours) {
    const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
    for (const polygon of polygons) for (const ring of polygon) visit(ring);
  }
  return [x0, y0, x1, y1];
}

function intersects(
  a: [number, number, number, number],
  b: [number, number, number, number],
): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}
