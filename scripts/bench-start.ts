// Command start time (`npm run bench -- start`): how long `npm run crawl -- --source trackers`
// takes with nothing to do, and how long `npm run serve` takes to answer its first page, as
// the compiled JavaScript of dist/ (what the npm scripts run), through npm, and as TypeScript
// transpiled at start by tsx (how they ran before the build step); against a bare
// `node -e ""`. Medians and p95 of several runs over an empty database. Asserts no timing.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RUNS = 9;

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
};

/** Milliseconds from spawning `command` to its exit (code 0 expected). */
function timeExit(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const started = performance.now();
  const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) resolve(performance.now() - started);
      else reject(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${stderr}`));
    });
  });
}

/** Milliseconds from spawning a server command to its first `/` answered 200; then ends it. */
function timeFirstPage(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const started = performance.now();
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { ...env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const end = () => {
    // npm runs the server in a child of its own: end the whole process group.
    if (child.exitCode === null) process.kill(-child.pid!, 'SIGTERM');
  };
  return new Promise<number>((resolve, reject) => {
    child.on('error', reject);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const served = /Site servi sur (http:\/\/\S+)/.exec(output);
      if (!served) return;
      child.stdout.removeAllListeners('data');
      fetch(`${served[1]}/`)
        .then(async (response) => {
          await response.arrayBuffer();
          if (response.status !== 200) throw new Error(`/ answered ${response.status}`);
          resolve(performance.now() - started);
        })
        .catch(reject);
    });
    child.on('exit', (code) => reject(new Error(`server exited (${code}):\n${output}`)));
  }).finally(end);
}

async function measure(label: string, once: () => Promise<number>, bare: number | null) {
  await once(); // warm the file system cache; not counted
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push(await once());
  const median = quantile(times, 0.5);
  const ratio = bare === null ? '' : `  ×${(median / bare).toFixed(1)} bare`;
  console.log(
    `${label.padEnd(48)} median ${median.toFixed(0).padStart(5)} ms  p95 ${quantile(times, 0.95)
      .toFixed(0)
      .padStart(5)} ms${ratio}`,
  );
  return median;
}

export async function benchStart(): Promise<void> {
  if (!existsSync(path.join(ROOT, 'dist/scripts/crawl.js'))) {
    console.error('No dist/: run `npm run build` first (npm install does it).');
    process.exit(2);
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'tracker-bench-start-'));
  const env = { ...process.env, DATABASE_PATH: path.join(dir, 'bench.sqlite') };
  const node = process.execPath;
  const crawl = ['--source', 'trackers'];
  try {
    console.log(`Command start time, ${RUNS} runs each (empty database, nothing to crawl):`);
    const bare = await measure('bare node -e ""', () => timeExit(node, ['-e', ''], env), null);
    for (const [label, command, args] of [
      ['crawl --source trackers (node dist/)', node, ['dist/scripts/crawl.js', ...crawl]],
      ['npm run crawl -- --source trackers', 'npm', ['run', '-s', 'crawl', '--', ...crawl]],
      [
        'crawl --source trackers (tsx, TypeScript)',
        node,
        ['--import', 'tsx', 'scripts/crawl.ts', ...crawl],
      ],
    ] as const)
      await measure(label, () => timeExit(command, [...args], env), bare);
    console.log('Server start to its first page (/ answered 200):');
    for (const [label, command, args] of [
      ['serve (node dist/)', node, ['dist/scripts/serve.js']],
      ['npm run serve', 'npm', ['run', '-s', 'serve']],
      ['serve (tsx, TypeScript)', node, ['--import', 'tsx', 'scripts/serve.ts']],
    ] as const)
      await measure(label, () => timeFirstPage(command, [...args], env), bare);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
