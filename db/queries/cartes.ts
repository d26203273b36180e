import type { Kysely } from 'kysely';
import type { MultiPolygon, Polygon } from 'geojson';
import type { Database } from '../schema/index.ts';

/** A stored contour with its geometry parsed. */
export interface ContourRow {
  departement_code: string;
  number: number;
  geometry: Polygon | MultiPolygon;
}

function parsed(text: string): Polygon | MultiPolygon | null {
  const g = JSON.parse(text) as { type?: unknown; coordinates?: unknown };
  return (g.type === 'Polygon' || g.type === 'MultiPolygon') && Array.isArray(g.coordinates)
    ? (g as Polygon | MultiPolygon)
    : null;
}

/** Every circonscription contour (the ingest stores only Polygons and MultiPolygons). */
export async function contours(db: Kysely<Database>): Promise<ContourRow[]> {
  const rows = await db
    .selectFrom('geo_contour')
    .select(['departement_code', 'number', 'geometry'])
    .orderBy('departement_code')
    .orderBy('number')
    .execute();
  return rows.flatMap((r) => {
    const geometry = parsed(r.geometry);
    return geometry ? [{ departement_code: r.departement_code, number: r.number, geometry }] : [];
  });
}
