import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../config.ts';
import { ArchiveError, zipEntries, type ZipEntry } from '../../../scrapers/lib/zip.ts';

const DEFAULTS = loadConfig({}).archive;
const text = (s: string) => new TextEncoder().encode(s);
const dir = mkdtempSync(path.join(tmpdir(), 'zip-entries-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

function onDisk(bytes: Uint8Array): string {
  const file = path.join(dir, `${n++}.zip`);
  writeFileSync(file, bytes);
  return file;
}

async function readAll(file: string, limits = DEFAULTS): Promise<ZipEntry[]> {
  const entries: ZipEntry[] = [];
  for await (const entry of zipEntries(file, limits)) entries.push(entry);
  return entries;
}

/** Two entries under one path: join two one-entry archives' parts under one directory. */
function duplicated(): Uint8Array {
  const one = zipSync({ 'a.json': text('{"v":1}') }, { level: 0 });
  const other = zipSync({ 'a.json': text('{"v":2}') }, { level: 0 });
  const parts = (zip: Uint8Array) => {
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    const end = zip.length - 22;
    const cdOffset = view.getUint32(end + 16, true);
    return { local: zip.subarray(0, cdOffset), central: zip.subarray(cdOffset, end) };
  };
  const a = parts(one);
  const b = parts(other);
  const centralB = new Uint8Array(b.central);
  new DataView(centralB.buffer).setUint32(42, a.local.length, true);
  const end = new Uint8Array(22);
  const view = new DataView(end.buffer);
  view.setUint32(0, 0x06054b50, true);
  view.setUint16(8, 2, true);
  view.setUint16(10, 2, true);
  view.setUint32(12, a.central.length + centralB.length, true);
  view.setUint32(16, a.local.length + b.local.length, true);
  return Buffer.concat([a.local, b.local, a.central, centralB, end]);
}

/**
 * The same archive in zip64 form, as the live archive (over 65,535 entries) needs: every
 * central entry's sizes and offset set to 0xFFFFFFFF with their 64-bit values in a zip64
 * extra field, the end record's fields set to their maximum, and a zip64 end record and
 * locator before it. Written here from the format's description (APPNOTE 4.3.14–4.5.3).
 */
function toZip64(zip: Uint8Array): Buffer {
  const bytes = Buffer.from(zip);
  const end = bytes.length - 22;
  const count = bytes.readUInt16LE(end + 10);
  const cdOffset = bytes.readUInt32LE(end + 16);
  const local = bytes.subarray(0, cdOffset);
  const entries: Buffer[] = [];
  let at = cdOffset;
  for (let i = 0; i < count; i++) {
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    const fixed = Buffer.from(bytes.subarray(at, at + 46));
    const name = bytes.subarray(at + 46, at + 46 + nameLength);
    const zip64 = Buffer.alloc(4 + 24);
    zip64.writeUInt16LE(0x0001, 0);
    zip64.writeUInt16LE(24, 2);
    zip64.writeBigUInt64LE(BigInt(fixed.readUInt32LE(24)), 4);
    zip64.writeBigUInt64LE(BigInt(fixed.readUInt32LE(20)), 12);
    zip64.writeBigUInt64LE(BigInt(fixed.readUInt32LE(42)), 20);
    for (const field of [20, 24, 42]) fixed.writeUInt32LE(0xffffffff, field);
    fixed.writeUInt16LE(zip64.length, 30);
    fixed.writeUInt16LE(0, 32);
    entries.push(fixed, name, zip64);
    at += 46 + nameLength + extraLength + commentLength;
  }
  const central = Buffer.concat(entries);
  const end64 = Buffer.alloc(56);
  end64.writeUInt32LE(0x06064b50, 0);
  end64.writeBigUInt64LE(44n, 4);
  end64.writeUInt16LE(45, 12);
  end64.writeUInt16LE(45, 14);
  end64.writeBigUInt64LE(BigInt(count), 24);
  end64.writeBigUInt64LE(BigInt(count), 32);
  end64.writeBigUInt64LE(BigInt(central.length), 40);
  end64.writeBigUInt64LE(BigInt(local.length), 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  locator.writeBigUInt64LE(BigInt(local.length + central.length), 8);
  locator.writeUInt32LE(1, 16);
  const record = Buffer.alloc(22);
  record.writeUInt32LE(0x06054b50, 0);
  record.writeUInt16LE(0xffff, 8);
  record.writeUInt16LE(0xffff, 10);
  record.writeUInt32LE(0xffffffff, 12);
  record.writeUInt32LE(0xffffffff, 16);
  return Buffer.concat([local, central, end64, locator, record]);
}

describe('zipEntries', () => {
  it('yields each file with its bytes, in archive order, folders left out', async () => {
    const big = new Uint8Array(300_000).map((_, i) => i % 251);
    const file = onDisk(
      zipSync({
        'json/': {},
        'json/a.json': text('{"a":1}'),
        'json/b/c.bin': big,
        'd.txt': text(''),
      }),
    );
    const entries = await readAll(file);
    expect(entries.map((e) => e.name)).toEqual(['json/a.json', 'json/b/c.bin', 'd.txt']);
    expect(entries[0]!.bytes.toString('utf8')).toBe('{"a":1}');
    expect(Buffer.compare(entries[1]!.bytes, Buffer.from(big))).toBe(0);
    expect(entries[2]!.bytes.length).toBe(0);
  });

  it('refuses more entries than allowed, before yielding any', async () => {
    const file = onDisk(zipSync({ 'a.json': text('1'), 'b.json': text('2'), 'c.json': text('3') }));
    expect(await readAll(file, { ...DEFAULTS, maxEntries: 3 })).toHaveLength(3);
    const seen: string[] = [];
    const run = async () => {
      for await (const e of zipEntries(file, { ...DEFAULTS, maxEntries: 2 })) seen.push(e.name);
    };
    await expect(run()).rejects.toThrow(/plus de 2 fichiers/);
    expect(seen).toEqual([]);
  });

  it('refuses a decompressed total over the limit, naming the entry that passes it', async () => {
    const file = onDisk(
      zipSync({ 'a.json': new Uint8Array(600_000), 'b.json': new Uint8Array(600_000) }),
    );
    await expect(readAll(file, { ...DEFAULTS, maxBytes: 1024 * 1024 })).rejects.toThrow(
      /plus de 1 Mio une fois décompressée \(à b\.json\)/,
    );
  });

  it('refuses an entry over 1 MiB compressed beyond the ratio', async () => {
    const file = onDisk(zipSync({ 'zeros.bin': new Uint8Array(4 * 1024 * 1024) }, { level: 9 }));
    await expect(readAll(file, { ...DEFAULTS, maxRatio: 50 })).rejects.toThrow(
      /zeros\.bin : taux de compression \d+:1 au-delà de 50:1/,
    );
    expect(await readAll(file, { ...DEFAULTS, maxRatio: 100_000 })).toHaveLength(1);
  });

  it('refuses a path present twice', async () => {
    const file = onDisk(duplicated());
    await expect(readAll(file)).rejects.toThrow(/a\.json : deux fois dans l'archive/);
  });

  it('refuses a truncated file as an unreadable archive', async () => {
    const whole = zipSync({
      'a.json': new Uint8Array(50_000).map((_, i) => i % 7),
      'b.json': text('{}'),
    });
    for (const cut of [whole.length - 10, Math.floor(whole.length / 2), 10]) {
      const file = onDisk(whole.subarray(0, cut));
      const error = await readAll(file).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ArchiveError);
      expect((error as Error).message).toMatch(/not a readable zip archive/);
    }
  });

  it('refuses an entry whose data is damaged, naming it', async () => {
    const zip = Buffer.from(
      zipSync({
        'ok.json': text('{}'),
        'bad.bin': new Uint8Array(20_000).map((_, i) => (i * 31) % 256),
      }),
    );
    // Damage bad.bin's deflated data, past its local header; the directory stays intact.
    const at = zip.indexOf('bad.bin') + 'bad.bin'.length + 100;
    for (let i = at; i < at + 200; i++) zip[i] = 0xff;
    const names: string[] = [];
    const run = async () => {
      for await (const e of zipEntries(onDisk(zip), DEFAULTS)) names.push(e.name);
    };
    await expect(run()).rejects.toThrow(/bad\.bin : illisible/);
    expect(names).toEqual(['ok.json']);
  });

  it('reads a zip64 archive (64-bit sizes, offsets and entry count)', async () => {
    const big = new Uint8Array(70_000).map((_, i) => (i * 7) % 256);
    const zip = zipSync({ 'json/a.json': text('{"a":1}'), 'json/b.bin': big });
    const entries = await readAll(onDisk(toZip64(zip)));
    expect(entries.map((e) => e.name)).toEqual(['json/a.json', 'json/b.bin']);
    expect(entries[0]!.bytes.toString('utf8')).toBe('{"a":1}');
    expect(Buffer.compare(entries[1]!.bytes, Buffer.from(big))).toBe(0);
  });

  it('refuses an entry whose content does not match its CRC-32, naming it', async () => {
    const zip = Buffer.from(zipSync({ 'a.json': text('{"v":1}') }, { level: 0 }));
    // Stored (level 0): change one byte of the content; sizes and inflating stay valid.
    zip[zip.indexOf('{"v":1}') + 5] = '2'.charCodeAt(0);
    await expect(readAll(onDisk(zip))).rejects.toThrow(/a\.json : illisible \(.*CRC-32/);
  });

  it('refuses a file that is not a zip', async () => {
    await expect(readAll(onDisk(text('<html>not found</html>')))).rejects.toThrow(ArchiveError);
  });
});
