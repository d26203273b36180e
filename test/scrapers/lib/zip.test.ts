import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../config.ts';
import { ArchiveError, readZip } from '../../../scrapers/lib/zip.ts';

const DEFAULTS = loadConfig({}).archive;
const text = (s: string) => new TextEncoder().encode(s);

/** Two entries under one path: fflate writes what it is given, so join two archives' parts. */
function duplicated(): Uint8Array {
  const one = zipSync({ 'a.json': text('{"v":1}') }, { level: 0 });
  const other = zipSync({ 'a.json': text('{"v":2}') }, { level: 0 });
  // Each archive: local header + data, then its central directory record, then its end record.
  const parts = (zip: Uint8Array) => {
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    const end = zip.length - 22;
    const cdOffset = view.getUint32(end + 16, true);
    return { local: zip.subarray(0, cdOffset), central: zip.subarray(cdOffset, end) };
  };
  const a = parts(one);
  const b = parts(other);
  // The second entry's central record points past the first entry.
  const centralB = new Uint8Array(b.central);
  new DataView(centralB.buffer).setUint32(42, a.local.length, true);
  const end = new Uint8Array(22);
  const view = new DataView(end.buffer);
  view.setUint32(0, 0x06054b50, true);
  view.setUint16(8, 2, true);
  view.setUint16(10, 2, true);
  view.setUint32(12, a.central.length + centralB.length, true);
  view.setUint32(16, a.local.length + b.local.length, true);
  const out = new Uint8Array(
    a.local.length + b.local.length + a.central.length + centralB.length + 22,
  );
  let at = 0;
  for (const part of [a.local, b.local, a.central, centralB, end]) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

describe('readZip', () => {
  it('reads the files and leaves folders out', () => {
    const files = readZip(zipSync({ 'json/': {}, 'json/a.json': text('{}') }), DEFAULTS);
    expect([...files.keys()]).toEqual(['json/a.json']);
    expect(new TextDecoder().decode(files.get('json/a.json'))).toBe('{}');
  });

  it('refuses more entries than allowed', () => {
    const zip = zipSync({ 'a.json': text('1'), 'b.json': text('2'), 'c.json': text('3') });
    expect(readZip(zip, { ...DEFAULTS, maxEntries: 3 }).size).toBe(3);
    expect(() => readZip(zip, { ...DEFAULTS, maxEntries: 2 })).toThrow(/plus de 2 fichiers/);
  });

  it('refuses a decompressed total over the limit, naming the entry that passes it', () => {
    const zip = zipSync({ 'a.json': new Uint8Array(600_000), 'b.json': new Uint8Array(600_000) });
    const limits = { ...DEFAULTS, maxBytes: 1024 * 1024 };
    expect(() => readZip(zip, limits)).toThrow(/plus de 1 Mio une fois décompressée \(à b\.json\)/);
  });

  it('refuses an entry compressed beyond the ratio, and accepts it under a looser one', () => {
    const zip = zipSync({ 'zeros.json': new Uint8Array(4 * 1024 * 1024) });
    expect(() => readZip(zip, DEFAULTS)).toThrow(ArchiveError);
    expect(() => readZip(zip, DEFAULTS)).toThrow(/zeros\.json : taux de compression \d+:1/);
    expect(readZip(zip, { ...DEFAULTS, maxRatio: 1_000_000 }).get('zeros.json')).toHaveLength(
      4 * 1024 * 1024,
    );
  });

  it('refuses an archive that holds one path twice', () => {
    expect(() => readZip(duplicated(), DEFAULTS)).toThrow(/a\.json : deux fois/);
  });
});
