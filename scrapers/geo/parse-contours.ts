// Pure parser of the circonscriptions' contours (data.gouv.fr, 2012 boundaries, simplified
// GeoJSON, ODbL): one feature per circonscription with code_dpt and num_circ.
import type { Insertable } from 'kysely';
import type { GeoContourTable } from '../../db/schema/index.ts';
import { GeoParseError } from './parse.ts';

/** One contour, as stored in geo_contour. */
export type ContourRow = Insertable<GeoContourTable>;

/**
 * The file's codes for overseas départements and collectivities → the AN's codes. Saint-
 * Barthélemy and Saint-Martin (ZX) share the AN's 977.
 */
export const OVERSEAS_CODES: Record<string, string> = {
  ZA: '971',
  ZB: '972',
  ZC: '973',
  ZD: '974',
  ZM: '976',
  ZN: '988',
  ZP: '987',
  ZS: '975',
  ZW: '986',
  ZX: '977',
};

const METROPOLITAN = /^(?:\d{2}|2[AB])$/;

type Position = [number, number];

function checkRing(ring: unknown, where: string): Position[] {
  if (!Array.isArray(ring) || ring.length < 4)
    throw new GeoParseError(`${where}: a ring needs at least 4 positions`);
  for (const position of ring) {
    if (
      !Array.isArray(position) ||
      position.length < 2 ||
      typeof position[0] !== 'number' ||
      typeof position[1] !== 'number' ||
      !(Math.abs(position[0]) <= 180) ||
      !(Math.abs(position[1]) <= 90)
    ) {
      throw new GeoParseError(
        `${where}: invalid position ${JSON.stringify(position)?.slice(0, 40)}`,
      );
    }
  }
  return ring as Position[];
}

function checkPolygon(polygon: unknown, where: string): Position[][] {
  if (!Array.isArray(polygon) || polygon.length === 0)
    throw new GeoParseError(`${where}: a polygon needs at least one ring`);
  return polygon.map((ring) => checkRing(ring, where));
}

/**
 * Parses the contours file: a FeatureCollection of Polygon or MultiPolygon features whose
 * properties give code_dpt ('33', '2A', 'ZA' for Guadeloupe…) and num_circ. Each feature's
 * geometry is kept as published, with its bounding box.
 */
export function parseContours(text: string): ContourRow[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new GeoParseError(`invalid JSON (${(error as Error).message})`);
  }
  const collection = data as { type?: unknown; features?: unknown };
  if (collection?.type !== 'FeatureCollection' || !Array.isArray(collection.features))
    throw new GeoParseError('not a GeoJSON FeatureCollection');
  const seen = new Set<string>();
  const rows = collection.features.map((feature: unknown, i: number): ContourRow => {
    const where = `feature ${i}`;
    const f = feature as {
      properties?: Record<string, unknown> | null;
      geometry?: { type?: unknown; coordinates?: unknown } | null;
    };
    const code = String(f?.properties?.code_dpt ?? '').toUpperCase();
    const departement = OVERSEAS_CODES[code] ?? (METROPOLITAN.test(code) ? code : null);
    if (!departement) throw new GeoParseError(`${where}: unknown code_dpt "${code.slice(0, 20)}"`);
    const num = String(f?.properties?.num_circ ?? '');
    if (!/^[1-9]\d?$/.test(num))
      throw new GeoParseError(`${where}: invalid num_circ "${num.slice(0, 20)}"`);
    const number = Number(num);
    const key = `${departement}-${number}`;
    if (seen.has(key)) throw new GeoParseError(`${where}: circonscription ${key} listed twice`);
    seen.add(key);
    const geometry = f?.geometry;
    let polygons: Position[][][];
    if (geometry?.type === 'Polygon') polygons = [checkPolygon(geometry.coordinates, where)];
    else if (geometry?.type === 'MultiPolygon' && Array.isArray(geometry.coordinates))
      polygons = geometry.coordinates.map((p) => checkPolygon(p, where));
    else
      throw new GeoParseError(
        `${where}: geometry ${String(geometry?.type ?? 'missing').slice(0, 20)} instead of Polygon or MultiPolygon`,
      );
    if (polygons.length === 0) throw new GeoParseError(`${where}: empty MultiPolygon`);
    let [minLon, minLat, maxLon, maxLat] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const polygon of polygons)
      for (const [lon, lat] of polygon[0]!) {
        minLon = Math.min(minLon, lon);
        maxLon = Math.max(maxLon, lon);
        minLat = Math.min(minLat, lat);
        maxLat = Math.max(maxLat, lat);
      }
    return {
      departement_code: departement,
      number,
      geometry: JSON.stringify({ type: geometry.type, coordinates: geometry.coordinates }),
      min_lon: minLon,
      min_lat: minLat,
      max_lon: maxLon,
      max_lat: maxLat,
    };
  });
  if (rows.length === 0) throw new GeoParseError('no feature');
  return rows;
}
