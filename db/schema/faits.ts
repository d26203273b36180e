// Curated facts imported from CSV (npm run import).
import type { Generated, Selectable } from 'kysely';
import type { FactKind } from '../../domain/facts.ts';

/** A fact verified by a person, imported from CSV; (acteur_uid, kind, label) identifies it. */
export interface FactTable {
  id: Generated<number>;
  acteur_uid: string;
  kind: FactKind;
  label: string;
  value: string;
  source_url: string;
  /** ISO date (YYYY-MM-DD) the fact was checked against its source. */
  verified_on: string;
  imported_at: string;
  updated_at: string;
}

export type Fact = Selectable<FactTable>;
