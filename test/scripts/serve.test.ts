// `npm run serve` as a real process: it binds the address of HOST, loopback by default, as the
// kernel's own table of listening sockets (/proc/net/tcp) shows.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../helpers/paths.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'tracker-serve-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The IPv4 addresses listening on `port`, from /proc/net/tcp (hex, little-endian). */
function listeningAddresses(port: number): string[] {
  return readFileSync('/proc/net/tcp', 'utf8')
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .filter((fields) => fields[3] === '0A' && parseInt(fields[1]!.split(':')[1]!, 16) === port)
    .map((fields) => {
      const hex = fields[1]!.split(':')[0]!;
      return [3, 2, 1, 0].map((i) => parseInt(hex.slice(i * 2, i * 2 + 2), 16)).join('.');
    });
}

/** Runs `npm run serve` with `env` until it says where it serves; returns its bound addresses. */
async function serveWith(env: Record<string, string>): Promise<{ url: string; bound: string[] }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/serve.ts'], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, PORT: '0', DATABASE_PATH: path.join(dir, 'tracker.sqlite'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  try {
    const url = await new Promise<string>((resolve, reject) => {
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const served = /Site servi sur (http:\/\/\S+)/.exec(output);
        if (served) resolve(served[1]!);
      });
      child.on('exit', (code) => reject(new Error(`npm run serve exited (${code}):\n${output}`)));
    });
    const port = Number(new URL(url).port);
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(200);
    return { url, bound: listeningAddresses(port) };
  } finally {
    child.kill('SIGTERM');
  }
}

describe.skipIf(!existsSync('/proc/net/tcp'))('npm run serve', () => {
  it('binds loopback only by default, and the address of HOST when set', async () => {
    const local = await serveWith({});
    expect(local.bound).toEqual(['127.0.0.1']);
    expect(local.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const all = await serveWith({ HOST: '0.0.0.0' });
    expect(all.bound).toEqual(['0.0.0.0']);
  }, 30_000);
});
