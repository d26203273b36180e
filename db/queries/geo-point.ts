// "Where I am": a point (longitude, latitude) → the circonscription whose contour contains it,
// and the neighbouring ones near enough for the contours' simplification to matter.
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import pointToPolygonDistance from '@turf/point-to-polygon-distance';
import type { MultiPolygon, Polygon } from 'geojson';
import type { Kysely } from 'kysely';
import type { Database } from '../schema/index.ts';
import { circonscriptions, type Circonscription, type SearchResult } from './geo.ts';

/**
 * Distance (km) to a contour's edge within which a point's circonscription is uncertain. The
 * contours are simplified: of the communes INSEE places wholly in one circonscription, about
 * 1 % (340 of 34,701) have La Poste coordinates outside its contour, and 9 in 10 of those (305) lie within
 * 2 km of it (see /methodologie#geo-position).
 */
export const NEAR_BOUNDARY_KM = 2;

/** Kilometres per degree of latitude (and of longitude at the equator). */
const KM_PER_DEGREE = 111.2;

export interface PointCandidate {
  circo: Circonscription;
  /** The point lies inside this contour. */
  inside: boolean;
  /** Distance from the point to the contour's edge, km (positive inside and outside). */
  distance_km: number;
}

/**
 * The circonscriptions a point may lie in: the one whose contour contains it (first), then
 * those whose contour is within NEAR_BOUNDARY_KM, nearest first. Empty when none is.
 */
export async function locate(
  db: Kysely<Database>,
  legislature: number,
  lat: number,
  lon: number,
): Promise<PointCandidate[]> {
  const dLat = NEAR_BOUNDARY_KM / KM_PER_DEGREE;
  // Degrees of longitude shrink with latitude; capped near the poles, where no contour is.
  const dLon = NEAR_BOUNDARY_KM / (KM_PER_DEGREE * Math.max(Math.cos((lat * Math.PI) / 180), 0.01));
  const rows = await db
    .selectFrom('geo_contour')
    .select(['departement_code', 'number', 'geometry'])
    .where('min_lat', '<=', lat + dLat)
    .where('max_lat', '>=', lat - dLat)
    .where('min_lon', '<=', lon + dLon)
    .where('max_lon', '>=', lon - dLon)
    .execute();
  const point: [number, number] = [lon, lat];
  const found = rows
    .map((row) => {
      const geometry = JSON.parse(row.geometry) as Polygon | MultiPolygon;
      const inside = booleanPointInPolygon(point, geometry);
      const distance = Math.abs(pointToPolygonDistance(point, geometry, { units: 'kilometers' }));
      return { row, inside, distance };
    })
    .filter((f) => f.inside || f.distance <= NEAR_BOUNDARY_KM)
    .sort((a, b) => Number(b.inside) - Number(a.inside) || a.distance - b.distance);
  if (found.length === 0) return [];
  const circos = await circonscriptions(db, legislature, [
    ...new Set(found.map((f) => f.row.departement_code)),
  ]);
  return found.flatMap((f) => {
    const circo = circos.find(
      (c) => c.departement_code === f.row.departement_code && c.number === f.row.number,
    );
    return circo ? [{ circo, inside: f.inside, distance_km: f.distance }] : [];
  });
}

/** A point search as a search result: one candidate per circonscription `locate` found. */
export async function searchPoint(
  db: Kysely<Database>,
  legislature: number,
  lat: number,
  lon: number,
): Promise<SearchResult> {
  const found = await locate(db, legislature, lat, lon);
  return {
    query: `${lat}, ${lon}`,
    kind: 'position',
    candidates: found.map((f) => ({
      match: 'position',
      place: null,
      circo: f.circo,
      whole: null,
      position: { inside: f.inside, distance_km: f.distance_km },
    })),
    places: 0,
    deputies: 0,
    circos: found.length,
    truncated: false,
  };
}
