// The kinds of curated facts a person may record about a deputy (npm run import).

export const FACT_KINDS = ['fonction_partisane', 'lien_familial', 'autre'] as const;

export type FactKind = (typeof FACT_KINDS)[number];
