// Change detection end to end on the hand-written AMO40 fixtures: the real crawl over a
// loopback server, a first import, a copy with formatting noise only, then a copy with a few
// edits (and noise); the change log, crawl runs, pages, exports and feeds that follow.
import { XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { runCrawl, type SourceSummary } from '../../scrapers/run.ts';
import { CHANGE_COLUMNS } from '../../server/records/changements.ts';
import { createApp } from '../../server/app.tsx';
import { AMO40_MIRROR_PATH, amo40Zip, readFixtureFiles } from '../helpers/an-zip.ts';
import { tempDatabase, type TempDatabase } from '../helpers/db.ts';
import { startTestServer, type TestServer } from '../helpers/http.ts';
import { noisy } from '../helpers/noise.ts';

type Json = Record<string, any>;

const decoder = new TextDecoder();
/** Every fixture file re-serialised with noise, with `edit` applied to the parsed acteurs. */
function derivedZip(edit: (uid: string, acteur: Json) => void, seed: number): Uint8Array {
  const changes: Record<string, string> = {};
  for (const [name, bytes] of readFixtureFiles()) {
    const json = JSON.parse(decoder.decode(bytes)) as Json;
    const uid = /acteur\/(PA\d+)\.json$/.exec(name)?.[1];
    if (uid) edit(uid, json.acteur);
    changes[name] = noisy(json, seed);
  }
  return amo40Zip(changes);
}

const mandats = (acteur: Json): Json[] => {
  const list = acteur.mandats?.mandat;
  return list === undefined || list === null ? [] : Array.isArray(list) ? list : [list];
};

describe('change log over the hand-written referential', () => {
  let tmp: TempDatabase;
  let server: TestServer;
  const summaries: SourceSummary[] = [];

  let lastZip: Uint8Array | null = null;
  async function crawl(zip: Uint8Array) {
    lastZip = zip;
    server.serve(AMO40_MIRROR_PATH, zip);
    const config = loadConfig({ DATABASE_PATH: tmp.file, SOURCES_MIRROR: server.url });
    const [summary] = await runCrawl(tmp.db, config, { only: ['an'] });
    summaries.push(summary!);
    return summary!;
  }
  const eventsOf = (runId: number) =>
    tmp.db
      .selectFrom('change_event')
      .selectAll()
      .where('run_id', '=', runId)
      .orderBy('id')
      .execute();

  beforeAll(async () => {
    tmp = await tempDatabase();
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
    await tmp.cleanup();
  });

  it('records one initial-import event for the first import, not one per acteur', async () => {
    const first = await crawl(amo40Zip());
    expect(first.status).toBe('ok');
    const events = await eventsOf(first.runId);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      kind: 'initial_import',
      entity_type: 'source',
      entity_id: 'an',
      source: 'an',
      new_value: '7',
    });
    expect(first.events).toBe(1);
    const run = await tmp.db
      .selectFrom('crawl_run')
      .selectAll()
      .where('id', '=', first.runId)
      .executeTakeFirstOrThrow();
    expect(run).toMatchObject({ source: 'an', trigger: 'cli', status: 'ok', events: 1, added: 7 });
    expect(run.finished_at! >= run.started_at).toBe(true);
  });

  it('records nothing for a copy that only differs in formatting', async () => {
    const noise = await crawl(derivedZip(() => {}, 1));
    // The bytes differ, so the archive is ingested again, and nothing is found.
    expect(noise.status).toBe('ok');
    expect(await eventsOf(noise.runId)).toEqual([]);
  });

  it('records exactly the edits, field by field', async () => {
    const edited = await crawl(
      derivedZip((uid, acteur) => {
        if (uid === 'PA900001') {
          acteur.profession.libelleCourant = 'Notaire';
          const role = mandats(acteur).find((m) => m.typeOrgane === 'COMPER')!;
          role.infosQualite = {
            codeQualite: 'Président',
            libQualite: 'Président',
            libQualiteSex: 'Présidente',
          };
        }
        if (uid === 'PA900006') {
          mandats(acteur).find((m) => m.typeOrgane === 'ASSEMBLEE')!.dateFin = '2025-10-01';
        }
        if (uid === 'PA900003') {
          // The latest open group mandate (COL, since 2025-03-01) now names NI.
          mandats(acteur).find((m) => m.uid === 'PM900033')!.organes.organeRef = 'PO900103';
        }
      }, 2),
    );
    const events = await eventsOf(edited.runId);
    const seen = events.map((e) => [e.entity_id, e.kind, e.field, e.old_value, e.new_value]);
    expect(seen).toEqual([
      ['PA900001', 'role_change', 'fonction', 'Vice-présidente', 'Présidente'],
      ['PA900001', 'profession_change', 'profession', 'Avocate', 'Notaire'],
      ['PA900003', 'group_change', 'groupe', 'COL', 'NI'],
      ['PA900006', 'left_office', 'en_exercice', 'oui', 'non'],
    ]);
    for (const e of events) {
      expect(e.run_id).toBe(edited.runId);
      expect(e.source_url).toMatch(/^https:\/\/data\.assemblee-nationale\.fr\/.*AMO40/);
      expect(e.entity_type).toBe('depute');
    }
    expect(events.find((e) => e.entity_id === 'PA900003')!.group_uid).toBe('PO900103');
    expect(events.find((e) => e.kind === 'left_office')!.detail).toContain('2025-10-01');
    expect(edited.events).toBe(4);
  });

  it('records nothing when the source is unchanged (304)', async () => {
    const again = await crawl(lastZip!);
    expect(again.status).toBe('unchanged');
    expect(again.events).toBe(0);
  });

  it('refuses to update or delete the change log', async () => {
    await expect(tmp.db.updateTable('change_event').set({ kind: 'x' }).execute()).rejects.toThrow(
      /append-only/,
    );
    await expect(tmp.db.deleteFrom('change_event').execute()).rejects.toThrow(/append-only/);
  });

  describe('pages, exports and feeds', () => {
    const app = () => createApp({ db: tmp.db, config: { legislature: 17 } });

    it('/changements lists the events with filters, as a page and as a fragment', async () => {
      const page = await app().request('/changements?type=group_change');
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('<!DOCTYPE html>');
      expect(html).toContain('1 changement');
      expect(html).toContain('Changement de groupe');
      expect(html).toContain('/deputes/PA900003');
      expect(html).not.toContain('Changement de profession</strong>');
      const fragment = await app().request('/changements?groupe=RIV', {
        headers: { 'HX-Request': 'true' },
      });
      expect(fragment.headers.get('vary')).toContain('HX-Request');
      const part = await fragment.text();
      expect(part).not.toContain('<!DOCTYPE html>');
      // PA900001 is in RIV; PA900003 left COL for NI, so its event is filed under NI.
      expect(part).toContain('2 changements');
    });

    it('/changements.json names entity type and id, with list metadata', async () => {
      const res = await app().request('/changements.json?entite=depute&per_page=2&page=2');
      expect(res.status).toBe(200);
      const body = (await res.json()) as Json;
      expect(body.total).toBe(4);
      expect(body.page).toBe(2);
      expect(body.per_page).toBe(2);
      expect(body.licence).toMatch(/Licence Ouverte/);
      expect(body.source).toBeTruthy();
      expect(body.generated_at).toMatch(/^\d{4}-/);
      expect(body.items).toHaveLength(2);
      // Newest first, then by id descending: the first two events of the edited run.
      expect(body.items.map((i: Json) => [i.entite_type, i.entite_id, i.type])).toEqual([
        ['depute', 'PA900001', 'profession_change'],
        ['depute', 'PA900001', 'role_change'],
      ]);
      const byDeputy = (await (
        await app().request('/changements.json?depute=PA900006')
      ).json()) as Json;
      expect(byDeputy.items.map((i: Json) => i.type)).toEqual(['left_office']);
    });

    it('/changements.csv has the documented columns', async () => {
      const res = await app().request('/changements.csv?du=2000-01-01&au=2999-12-31');
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      const lines = (await res.text()).trim().split('\r\n');
      expect(lines[0]).toBe(CHANGE_COLUMNS.map((c) => c.name).join(','));
      expect(lines).toHaveLength(1 + 5);
      const none = await app().request('/changements.csv?au=2000-01-01');
      expect((await none.text()).trim().split('\r\n')).toHaveLength(1);
    });

    it('serves valid Atom feeds with absolute links on PUBLIC_URL, whatever the Host header', async () => {
      const site = createApp({
        db: tmp.db,
        config: { legislature: 17, publicUrl: 'https://suivi.example.org' },
      });
      for (const path of [
        '/changements.atom?type=left_office',
        '/deputes/PA900001/changements.atom',
      ]) {
        const res = await site.request(`http://evil.example${path}`, {
          headers: { host: 'evil.example' },
        });
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
        const xml = await res.text();
        expect(XMLValidator.validate(xml)).toBe(true);
        expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom"');
        expect(xml).not.toContain('evil.example');
        const ids = xml.match(/<id>[^<]*<\/id>/g) ?? [];
        const entries = xml.match(/<entry>/g) ?? [];
        expect(entries.length).toBe(path.includes('PA900001') ? 2 : 1);
        expect(ids).toHaveLength(entries.length + 1);
        for (const id of ids) expect(id).toMatch(/^<id>https:\/\/suivi\.example\.org\//);
        for (const href of xml.match(/href="[^"]*"/g) ?? []) {
          expect(href).toMatch(/^href="https:\/\/suivi\.example\.org\//);
        }
        expect(xml.match(/<updated>/g)!.length).toBe(entries.length + 1);
      }
      const unknown = await app().request('/deputes/PA1/changements.atom');
      expect(unknown.status).toBe(404);
    });

    it('shows a timeline on the deputy page', async () => {
      const html = await (await app().request('/deputes/PA900001')).text();
      expect(html).toContain('Historique des changements');
      expect(html).toContain('Notaire');
      expect(html).toContain('/deputes/PA900001/changements.atom');
    });

    it('/sources polls while a crawl runs and shows its progress, and stops polling after', async () => {
      const running = createApp({
        db: tmp.db,
        config: { legislature: 17 },
        crawlState: () => ({
          running: true,
          source: 'an',
          phase: 'enregistrement',
          done: 50,
          total: 200,
        }),
      });
      const busy = await running.request('/sources', { headers: { 'HX-Request': 'true' } });
      const html = await busy.text();
      expect(html).toContain('hx-trigger="every 2s"');
      expect(html).toContain('Collecte en cours : enregistrement');
      expect(html).toContain('50 / 200');
      const idle = await (await app().request('/sources')).text();
      expect(idle).toContain('<!DOCTYPE html>');
      expect(idle).not.toContain('every 2s');
      // The runs of this suite, with their counts and events.
      expect(idle).toContain('Dernières collectes');
      expect(idle).toContain('href="/changements?source=an"');
      expect(idle).toContain('pas de planificateur');
    });

    it('answers 400 to hostile or invalid filters, never 500', async () => {
      for (const query of [
        'du=2025-02-30',
        'au=demain',
        'type=<script>',
        'depute=PA1%27%20OR%201=1',
        'id=%00%01',
        'page=0',
        'per_page=100000',
        `groupe=${'A,'.repeat(30)}`,
      ]) {
        for (const ext of ['', '.json', '.csv', '.atom']) {
          const res = await app().request(`/changements${ext}?${query}`);
          expect(res.status, `${ext}?${query}`).toBe(400);
        }
      }
    });
  });
});
