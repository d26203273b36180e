import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DB } from '../../../db/database.ts';
import { importFacts } from '../../../scrapers/facts/ingest.ts';
import {
  FactsFileError,
  decodeFactsFile,
  parseFactsFile,
  type FactRow,
} from '../../../scrapers/facts/parse.ts';
import { ingestReferential } from '../../../scrapers/assemblee/ingest.ts';
import { createApp } from '../../../server/app.tsx';
import { FACT_COLUMNS } from '../../../server/records/faits.ts';
import { tempDatabase } from '../../helpers/db.ts';
import { PROJECT_ROOT } from '../../helpers/paths.ts';
import { sampleReferential } from '../../helpers/seed.ts';

const TODAY = '2026-03-10';
const HEADER = 'depute_uid,type,libelle,valeur,source,verifie_le';

const VALID = [
  HEADER,
  'PA1,fonction_partisane,Trésorière,Parti A,https://parti-a.fr/equipe,2026-03-01',
  'PA1,lien_familial,Collaborateur parlementaire,"Jean Dupré, son frère",https://www.hatvp.fr/x,2026-02-15',
  'PA2,autre,Site personnel,https://bernard-martin.fr,https://bernard-martin.fr,2026-01-20',
].join('\n');

/** The problems a file has, as "line: message". */
function problems(content: string): string[] {
  try {
    parseFactsFile(content, TODAY);
  } catch (error) {
    if (error instanceof FactsFileError)
      return error.problems.map((p) => `${p.line}: ${p.message}`);
    throw error;
  }
  return [];
}

describe('parseFactsFile', () => {
  it('reads a valid file, with a BOM, semicolons and quoted values', () => {
    const rows = parseFactsFile(
      `\uFEFF${VALID.replaceAll(',', ';').replace('"Jean Dupré; son frère"', '"Jean Dupré, son frère"')}`,
      TODAY,
    );
    expect(rows.map((r) => [r.line, r.acteurUid, r.kind, r.label, r.value])).toEqual([
      [2, 'PA1', 'fonction_partisane', 'Trésorière', 'Parti A'],
      [3, 'PA1', 'lien_familial', 'Collaborateur parlementaire', 'Jean Dupré, son frère'],
      [4, 'PA2', 'autre', 'Site personnel', 'https://bernard-martin.fr'],
    ]);
  });

  it('names the line of each bad row as in the file, counting blank and multi-line rows', () => {
    const content = [
      HEADER,
      'PA1,autre,Note,"sur',
      'deux lignes",https://a.fr,2026-01-01',
      '',
      'PA2,cousin,Lien,X,https://a.fr,2026-01-01',
      'PA3,autre,Lien,X,ftp://a.fr,2026-02-30',
      'PA4,autre,Lien,X,https://a.fr',
      'PA5,autre,Lien,X,https://a.fr,2027-01-01',
      'X1,autre,,X,https://a.fr,01/02/2026',
      'PA1,AUTRE,note,Y,https://a.fr,2026-01-01',
    ].join('\r\n');
    expect(problems(content)).toEqual([
      '5: colonne « type » : valeurs possibles : fonction_partisane, lien_familial, autre',
      '6: colonne « source » : adresse http(s) complète attendue',
      '6: colonne « verifie_le » : date impossible',
      '7: 5 colonnes au lieu de 6',
      '8: colonne « verifie_le » : date dans le futur',
      '9: colonne « depute_uid » : identifiant de député attendu (PA suivi de chiffres)',
      '9: colonne « libelle » : valeur vide',
      '9: colonne « verifie_le » : date attendue au format AAAA-MM-JJ',
      '10: colonne « type » : valeurs possibles : fonction_partisane, lien_familial, autre',
    ]);
  });

  it('refuses a wrong header, an empty file and a fact given twice', () => {
    expect(problems('uid,type\nPA1,autre')).toEqual([
      `1: en-tête attendu : ${HEADER.split(',').join(', ')} ; trouvé : uid, type`,
    ]);
    expect(problems('')).toEqual(['1: fichier vide']);
    expect(problems(HEADER)).toEqual(['1: aucune ligne de faits']);
    expect(
      problems(
        `${HEADER}\nPA1,autre,Note,A,https://a.fr,2026-01-01\nPA1,autre,note,B,https://a.fr,2026-01-01`,
      ),
    ).toEqual(["3: même député, type et libellé qu'à la ligne 2"]);
  });
});

let dir: string;
let file: string;
let db: DB;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  ({ db, dir, file, cleanup } = await tempDatabase());
  await db.transaction().execute((trx) => ingestReferential(trx, sampleReferential(), 17));
});
afterEach(() => cleanup());

const counts = async () => ({
  facts: (await db.selectFrom('fact').selectAll().execute()).length,
  events: (await db.selectFrom('change_event').selectAll().execute()).length,
});

describe('importFacts', () => {
  it('writes nothing when one row names an unknown deputy, and says which line', async () => {
    const rows: FactRow[] = parseFactsFile(
      `${VALID}\nPA999,autre,Note,X,https://a.fr,2026-01-01`,
      TODAY,
    );
    await expect(importFacts(db, rows, '2026-03-10T10:00:00.000Z')).rejects.toThrow(
      'ligne 5 : colonne « depute_uid » : aucun député PA999 dans la base',
    );
    expect(await counts()).toEqual({ facts: 0, events: 0 });
  });

  it('adds facts with change-log events, is idempotent, and logs a changed value', async () => {
    const rows = parseFactsFile(VALID, TODAY);
    expect(await importFacts(db, rows, '2026-03-10T10:00:00.000Z')).toEqual({
      added: 3,
      changed: 0,
      unchanged: 0,
    });
    expect(await importFacts(db, rows, '2026-03-11T10:00:00.000Z')).toEqual({
      added: 0,
      changed: 0,
      unchanged: 3,
    });
    expect(await counts()).toEqual({ facts: 3, events: 3 });

    const edited = parseFactsFile(VALID.replace('Trésorière,Parti A', 'Trésorière,Parti B'), TODAY);
    expect(await importFacts(db, edited, '2026-03-12T10:00:00.000Z')).toMatchObject({
      changed: 1,
      unchanged: 2,
    });
    const events = await db.selectFrom('change_event').selectAll().orderBy('id').execute();
    expect(events).toHaveLength(4);
    expect(events[0]).toMatchObject({
      source: 'facts',
      entity_type: 'depute',
      entity_id: 'PA1',
      entity_label: 'Alice Dupré',
      kind: 'fact_added',
      field: 'fonction_partisane/Trésorière',
      old_value: null,
      new_value: 'Parti A',
      source_url: 'https://parti-a.fr/equipe',
      detected_at: '2026-03-10T10:00:00.000Z',
    });
    expect(events[3]).toMatchObject({
      kind: 'fact_changed',
      field: 'fonction_partisane/Trésorière',
      old_value: 'Parti A',
      new_value: 'Parti B',
      detected_at: '2026-03-12T10:00:00.000Z',
    });
  });

  it('finds a stored fact whose label starts with an accented capital', async () => {
    const rows = parseFactsFile(
      `${HEADER}\nPA1,fonction_partisane,Élue au bureau national,Parti A,https://parti-a.fr,2026-03-01`,
      TODAY,
    );
    await importFacts(db, rows, '2026-03-10T10:00:00.000Z');
    const edited = parseFactsFile(
      `${HEADER}\nPA1,fonction_partisane,élue au bureau national,Parti B,https://parti-a.fr,2026-03-01`,
      TODAY,
    );
    expect(await importFacts(db, rows, '2026-03-11T10:00:00.000Z')).toEqual({
      added: 0,
      changed: 0,
      unchanged: 1,
    });
    expect(await importFacts(db, edited, '2026-03-12T10:00:00.000Z')).toEqual({
      added: 0,
      changed: 1,
      unchanged: 0,
    });
    expect(await counts()).toEqual({ facts: 1, events: 2 });
  });
});

describe('facts on the pages', () => {
  it('shows each fact with its source and date on the deputy page, its JSON, and the /faits exports', async () => {
    const hostile = `${VALID}\nPA2,autre,<script>alert(1)</script>,=HYPERLINK("x"),https://a.fr/?q=<b>,2026-03-01`;
    await importFacts(db, parseFactsFile(hostile, TODAY), '2026-03-10T10:00:00.000Z');
    const app = createApp({ db, config: { legislature: 17 } });

    const page = await (await app.request('/deputes/PA1')).text();
    expect(page).toContain('<h2>Faits vérifiés</h2>');
    expect(page).toContain('<strong>Trésorière</strong> : Parti A');
    expect(page).toContain('href="https://parti-a.fr/equipe"');
    expect(page).toContain('vérifié le 1er mars 2026');
    expect(page).toContain('Jean Dupré, son frère');
    // A deputy without facts has no such section.
    expect(await (await app.request('/deputes/PA3')).text()).not.toContain('Faits vérifiés');
    const pa2 = await (await app.request('/deputes/PA2')).text();
    expect(pa2).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(pa2).not.toContain('<script>alert(1)');

    const json = (await (await app.request('/deputes/PA1.json')).json()) as {
      faits: Record<string, unknown>[];
    };
    expect(json.faits).toEqual([
      expect.objectContaining({
        depute_uid: 'PA1',
        type: 'fonction_partisane',
        libelle: 'Trésorière',
        valeur: 'Parti A',
        source: 'https://parti-a.fr/equipe',
        verifie_le: '2026-03-01',
      }),
      expect.objectContaining({ type: 'lien_familial', valeur: 'Jean Dupré, son frère' }),
    ]);

    const csvRes = await app.request('/faits.csv');
    expect(csvRes.headers.get('content-type')).toContain('text/csv');
    const csv = Papa.parse<string[]>((await csvRes.text()).trim(), { header: false }).data;
    expect(csv[0]).toEqual(FACT_COLUMNS.map((c) => c.name));
    expect(csv).toHaveLength(5);
    // A formula-like value is neutralised for spreadsheets.
    expect(csv.some((r) => r.includes(`'=HYPERLINK("x")`))).toBe(true);

    const list = (await (await app.request('/faits.json?depute=PA2&type=autre')).json()) as {
      total: number;
      items: Record<string, unknown>[];
    };
    expect(list.total).toBe(2);
    expect(list.items.map((i) => i.depute_uid)).toEqual(['PA2', 'PA2']);
    expect((await app.request('/faits.json?type=cousin')).status).toBe(400);
    expect((await app.request('/faits?depute=<x>')).status).toBe(400);
    const html = await (await app.request('/faits')).text();
    expect(html).toContain('4 faits');
    const donnees = await (await app.request('/donnees')).text();
    expect(donnees).toContain('/faits.csv');
    expect(donnees).toContain('<code>verifie_le</code>');
  });
});

describe('npm run import', () => {
  const run = (csv: string | Buffer) => {
    const csvFile = path.join(dir, 'faits.csv');
    writeFileSync(csvFile, csv);
    return promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', path.join(PROJECT_ROOT, 'scripts/import.ts'), csvFile],
      { env: { ...process.env, DATABASE_PATH: file }, cwd: PROJECT_ROOT },
    ).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
  };

  it('exits 1 naming the bad line and writes nothing; imports a valid file', async () => {
    const bad = await run(`${VALID}\nPA2,autre,Note,X,https://a.fr,2026-13-01`);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("rien n'a été importé");
    expect(bad.stderr).toContain('ligne 5 : colonne « verifie_le » : date impossible');
    expect(await counts()).toEqual({ facts: 0, events: 0 });

    const good = await run(VALID);
    expect(good.code).toBe(0);
    expect(good.stdout).toContain('3 faits lus ; 3 ajoutés, 0 modifiés, 0 inchangés');
    expect(await counts()).toEqual({ facts: 3, events: 3 });
  });

  it('reads a Windows-1252 (Latin-1) file as such and says so', async () => {
    const bytes = readFileSync(
      path.join(PROJECT_ROOT, 'test/fixtures/faits/faits-windows-1252.csv'),
    );
    const result = await run(bytes);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("n'est pas en UTF-8 ; il a été lu en Windows-1252 (Latin-1)");
    expect(result.stdout).toContain('3 faits lus ; 3 ajoutés');
    const facts = await db.selectFrom('fact').select(['label', 'value']).orderBy('id').execute();
    expect(facts).toEqual([
      { label: 'Trésorière', value: 'Parti A, fédération de Gironde' },
      { label: 'Collaboratrice parlementaire', value: 'Hélène Martin, sa sœur' },
      { label: 'Conseil municipal', value: 'Élu d’opposition à Mérignac' },
    ]);
    // The same facts in UTF-8: nothing to say, nothing changed.
    const again = await run(decodeFactsFile(bytes).text);
    expect(again.stdout).not.toContain('UTF-8');
    expect(again.stdout).toContain('0 ajoutés, 0 modifiés, 3 inchangés');
  });
});
