import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
export async function up(db: Kysely<any>): Promise<void> {
  // One row per distinct line of HATVP's index, with the state of its XML file.
  await db.schema
    .createTable('declaration')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('row_hash', 'text', (c) => c.notNull())
    .addColumn('declarant_key', 'text', (c) => c.notNull())
    .addColumn('civility', 'text')
    .addColumn('first_name', 'text', (c) => c.notNull())
    .addColumn('last_name', 'text', (c) => c.notNull())
    .addColumn('mandate_type', 'text', (c) => c.notNull())
    .addColumn('qualite', 'text')
    .addColumn('document_type', 'text', (c) => c.notNull())
    .addColumn('family', 'text', (c) => c.notNull())
    .addColumn('number', 'integer')
    .addColumn('departement', 'text')
    .addColumn('published_on', 'text')
    .addColumn('deposited_on', 'text')
    .addColumn('pdf_file', 'text')
    .addColumn('hatvp_path', 'text')
    .addColumn('xml_file', 'text')
    .addColumn('publication_status', 'text')
    .addColumn('origin_id', 'text')
    // Fetch state of the XML file: none, skipped, pending, ok, missing, failed, invalid.
    .addColumn('xml_status', 'text', (c) => c.notNull())
    .addColumn('xml_error', 'text')
    .addColumn('xml_checked_at', 'text')
    .addColumn('xml_hash', 'text')
    // 1 once items were stored from a successful parse (kept if a later fetch fails).
    .addColumn('parsed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('uuid', 'text')
    .addColumn('deposited_at', 'text')
    .addColumn('xml_type', 'text')
    .addColumn('modifying', 'integer')
    .addColumn('office', 'text')
    .addColumn('mandate_start', 'text')
    .addColumn('mandate_end', 'text')
    .addColumn('asset_sections', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('items', 'integer', (c) => c.notNull().defaultTo(0))
    // Derived at ingest: latest parsed version of its series, and the next version if any.
    .addColumn('current', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('superseded_by', 'text')
    .execute();
  await db.schema
    .createIndex('declaration_declarant')
    .on('declaration')
    .columns(['declarant_key'])
    .execute();
  await db.schema
    .createIndex('declaration_status')
    .on('declaration')
    .columns(['xml_status'])
    .execute();

  await db.schema
    .createTable('declaration_item')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('declaration_id', 'text', (c) =>
      c.notNull().references('declaration.id').onDelete('cascade'),
    )
    .addColumn('section', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('organisation', 'text')
    .addColumn('description', 'text')
    .addColumn('person', 'text')
    .addColumn('comment', 'text')
    .addColumn('advisory_org', 'text')
    .addColumn('start_month', 'text')
    .addColumn('end_month', 'text')
    .addColumn('kept', 'integer')
    .addColumn('gross_net', 'text')
    .addColumn('value', 'real')
    .addColumn('capital_share', 'real')
    .addColumn('shares', 'real')
    .addColumn('income', 'real')
    .addColumn('income_text', 'text')
    .addColumn('advisory', 'integer')
    .addColumn('redacted', 'integer', (c) => c.notNull())
    // Derived at ingest from the yearly amounts.
    .addColumn('amount_total', 'real')
    .addColumn('last_year', 'integer')
    .addColumn('last_amount', 'real')
    // Folded text of the item (lower case, no accents) for search.
    .addColumn('search_key', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('declaration_item_declaration')
    .on('declaration_item')
    .columns(['declaration_id', 'section', 'position'])
    .execute();

  await db.schema
    .createTable('declaration_amount')
    .addColumn('item_id', 'integer', (c) =>
      c.notNull().references('declaration_item.id').onDelete('cascade'),
    )
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('year', 'integer')
    .addColumn('amount', 'real')
    .addColumn('text', 'text')
    .addPrimaryKeyConstraint('declaration_amount_pk', ['item_id', 'position'])
    .execute();

  // One row per person of the index (HATVP's `classement`), with their link to an acteur.
  await db.schema
    .createTable('declarant')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('civility', 'text')
    .addColumn('first_name', 'text', (c) => c.notNull())
    .addColumn('last_name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('is_deputy', 'integer', (c) => c.notNull())
    .addColumn('departement', 'text')
    .addColumn('origin_id', 'text')
    .addColumn('hatvp_path', 'text')
    .addColumn('declarations', 'integer', (c) => c.notNull())
    .addColumn('acteur_uid', 'text')
    .addColumn('link_method', 'text')
    .addColumn('unlinked_reason', 'text')
    .execute();
  await db.schema.createIndex('declarant_acteur').on('declarant').columns(['acteur_uid']).execute();

  // Derived at ingest: what each linked deputy's current declaration holds, for filters.
  await db.schema
    .createTable('deputy_interest')
    .addColumn('acteur_uid', 'text', (c) => c.primaryKey())
    .addColumn('declarant_key', 'text', (c) => c.notNull())
    .addColumn('declarations', 'integer', (c) => c.notNull())
    .addColumn('current_id', 'text')
    .addColumn('current_deposited_on', 'text')
    .addColumn('update_pending', 'integer', (c) => c.notNull())
    .addColumn('activite', 'integer', (c) => c.notNull())
    .addColumn('consultant', 'integer', (c) => c.notNull())
    .addColumn('dirigeant', 'integer', (c) => c.notNull())
    .addColumn('participation', 'integer', (c) => c.notNull())
    .addColumn('conjoint', 'integer', (c) => c.notNull())
    .addColumn('benevole', 'integer', (c) => c.notNull())
    .addColumn('mandat', 'integer', (c) => c.notNull())
    .addColumn('collaborateur', 'integer', (c) => c.notNull())
    .addColumn('observation', 'integer', (c) => c.notNull())
    .addColumn('participation_value', 'real')
    .addColumn('activities_key', 'text')
    .execute();

  // What went wrong with a line of the index or a declaration file, with the reason.
  await db.schema
    .createTable('declaration_problem')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('declaration_id', 'text')
    .addColumn('line', 'integer')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull().defaultTo(sql`CURRENT_TIMESTAMP`))
    .execute();
  await db.schema
    .createIndex('declaration_problem_declaration')
    .on('declaration_problem')
    .columns(['declaration_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'declaration_problem',
    'deputy_interest',
    'declarant',
    'declaration_amount',
    'declaration_item',
    'declaration',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
