// The real register (../shared/fixtures/mirror/www.hatvp.fr/agora/…/Vues_Separees_CSV.zip)
// crawled end to end over HTTP, then read through the pages' JSON and CSV, checked against a
// reading of the raw tables made here: fflate to unzip and a CSV reader of its own (none of the
// project's parse code nor papaparse).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../config.ts';
import { runCrawl, type SourceSummary } from '../../../scrapers/run.ts';
import { serveFolder, type StaticServer } from '../../../scripts/static-server.ts';
import { createApp } from '../../../server/app.tsx';
import { tempDatabase, type TempDatabase } from '../../helpers/db.ts';
import { appClient } from '../../helpers/app-client.ts';
import { SHARED_FIXTURES } from '../../helpers/paths.ts';
import { LOBBIES_MIRROR_PATH } from '../../helpers/lobbies-zip.ts';

const MIRROR = path.join(SHARED_FIXTURES, 'mirror');
const ZIP = path.join(MIRROR, LOBBIES_MIRROR_PATH);
const exists = existsSync(ZIP);
if (!exists) console.warn(`\n[lobbies-real] SKIPPED: ${ZIP} not found.\n`);

/** `;`-separated records with `"` quoting (doubled inside), line breaks allowed in quotes. */
function readCsv(text: string): Record<string, string>[] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ';') {
      record.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || record.length > 0) records.push([...record, field]);
  const [header, ...rows] = records;
  return rows
    .filter((r) => r.length > 1)
    .map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ''])));
}

const clean = (v: string | undefined) => {
  const t = (v ?? '').replace(/\s+/g, ' ').trim();
  return t === '' ? null : t;
};

describe.skipIf(!exists)('lobbies on the real fixture', () => {
  let server: StaticServer;
  let tmp: TempDatabase;
  let summary: SourceSummary;
  let app: ReturnType<typeof createApp>;
  const client = appClient(() => app);
  const raw: Record<string, Record<string, string>[]> = {};

  beforeAll(async () => {
    for (const [name, bytes] of Object.entries(unzipSync(readFileSync(ZIP)))) {
      const table = /(?:^|\/)\d+_([a-z_]+)\.csv$/i.exec(name)?.[1]?.toLowerCase();
      if (table) raw[table] = readCsv(new TextDecoder().decode(bytes));
    }
    tmp = await tempDatabase();
    server = await serveFolder(MIRROR, 0);
    const config = loadConfig({ DATABASE_PATH: tmp.file, SOURCES_MIRROR: server.url });
    [summary] = (await runCrawl(tmp.db, config, { only: ['lobbies'] })) as [SourceSummary];
    app = createApp({ db: tmp.db, config: { legislature: 17 } });
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await tmp?.cleanup();
  });

  it('ingests every table without a bad row', () => {
    expect(Object.keys(raw)).toHaveLength(15);
    expect(summary).toMatchObject({ status: 'ok', failed: 0, changed: 15 });
  });

  it('counts the organisations, activities and actions of the raw tables', async () => {
    const organisations = raw.informations_generales!.length;
    const activities = raw.objets_activites!.length;
    const actions = new Set(raw.observations!.map((r) => r.action_representation_interet_id)).size;
    expect(organisations).toBe(1954);
    expect((await client.json('/lobbies.json?per_page=1')).total).toBe(organisations);
    expect((await client.json('/lobbies/activites.json?per_page=1')).total).toBe(activities);
    const csv = await client.csv('/lobbies.csv');
    expect(csv.records).toHaveLength(organisations);
    expect(csv.records.reduce((n, r) => n + Number(r.activites), 0)).toBe(activities);
    expect(csv.records.reduce((n, r) => n + Number(r.actions), 0)).toBe(actions);
    console.log(
      `[lobbies-real] ${organisations} organisations, ${activities} activities, ${actions} actions`,
    );
  });

  it('gives 10 organisations the expenses, directors and targeted ministries of the raw tables', async () => {
    const exerciseOrg = new Map(raw.exercices!.map((e) => [e.exercices_id!, e.representants_id!]));
    const activityOrg = new Map(
      raw.objets_activites!.map((a) => [a.activite_id!, exerciseOrg.get(a.exercices_id!)!]),
    );
    const actionOrg = new Map(
      raw.observations!.map((o) => [
        o.action_representation_interet_id!,
        activityOrg.get(o.activite_id!)!,
      ]),
    );
    const activityCount = new Map<string, number>();
    for (const org of activityOrg.values())
      activityCount.set(org, (activityCount.get(org) ?? 0) + 1);
    const ids = raw.informations_generales!.map((o) => o.representants_id!);
    const busiest = [...activityCount]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3)
      .map(([id]) => id);
    const step = Math.floor(ids.length / 7);
    const chosen = [
      ...new Set([...busiest, ...Array.from({ length: 7 }, (_, i) => ids[i * step]!)]),
    ];
    expect(chosen).toHaveLength(10);

    // Ministries from the rows that list them after the official's label ("… - A, B, c"),
    // a piece in lower case continuing the one before.
    const ministries = new Map<string, Set<string>>();
    for (const r of raw.ministeres_aai_api!) {
      const label = r.responsable_public!;
      const at = label.indexOf(' - ');
      if (at < 0 || clean(r.departement_ministeriel) !== null) continue;
      const names: string[] = [];
      for (const piece of label.slice(at + 3).split(',')) {
        const p = piece.trim();
        if (p === '') continue;
        if (names.length > 0 && p[0] === p[0]!.toLowerCase() && p[0] !== p[0]!.toUpperCase())
          names[names.length - 1] += `, ${p}`;
        else names.push(p);
      }
      const org = actionOrg.get(r.action_representation_interet_id!)!;
      const set = ministries.get(org) ?? new Set<string>();
      for (const n of names) set.add(n);
      ministries.set(org, set);
    }
    // AAI named in departement_ministeriel under the authorities' label (not its own pieces).
    for (const r of raw.ministeres_aai_api!) {
      if (!r.responsable_public!.startsWith('Directeur')) continue;
      const name = clean(r.departement_ministeriel);
      if (!name || r.responsable_public!.includes(name)) continue;
      const org = actionOrg.get(r.action_representation_interet_id!)!;
      const set = ministries.get(org) ?? new Set<string>();
      set.add(name);
      ministries.set(org, set);
    }

    // The sample is not vacuous: most chosen organisations have expenses and ministries.
    expect(
      chosen.filter((id) => (ministries.get(id)?.size ?? 0) > 0).length,
    ).toBeGreaterThanOrEqual(5);
    expect(
      chosen.filter((id) =>
        raw.exercices!.some((e) => e.representants_id === id && clean(e.montant_depense)),
      ).length,
    ).toBeGreaterThanOrEqual(5);
    for (const id of chosen) {
      const doc = await client.json(`/lobbies/${id}.json`);
      const expenses = raw
        .exercices!.filter((e) => e.representants_id === id)
        .map((e) => [
          Number(e.exercices_id),
          clean(e.montant_depense),
          clean(e.nombre_salaries) === null ? null : Number(e.nombre_salaries),
        ])
        .sort((a, b) => (a[0] as number) - (b[0] as number));
      expect(
        doc.exercices
          .map((e: any) => [e.id, e.montant_depense, e.nombre_salaries])
          .sort((a: any, b: any) => a[0] - b[0]),
        `exercices of ${id}`,
      ).toEqual(expenses);
      const directors = raw
        .dirigeants!.filter((d) => d.representants_id === id)
        .map((d) => [
          clean(d.nom_dirigeant),
          clean(d.prenom_dirigeant),
          clean(d.fonction_dirigeant),
        ]);
      expect(
        doc.dirigeants.map((d: any) => [d.nom, d.prenom, d.fonction]),
        `dirigeants of ${id}`,
      ).toEqual(directors);
      const targeted = new Set<string>();
      for (const a of doc.activites)
        for (const x of a.actions)
          for (const t of x.responsables_publics) if (t.ministere) targeted.add(t.ministere);
      expect([...targeted].sort(), `ministères of ${id}`).toEqual(
        [...(ministries.get(id) ?? [])].sort(),
      );
    }
  });
});
