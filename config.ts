/** Runtime settings, read from the environment once by the entry scripts and passed down. */
export interface Config {
  /** SQLite file; its folder is created on start. */
  databasePath: string;
  port: number;
  /** When set, every `https://<host>/<path>` source URL is fetched from `<mirror>/<host>/<path>`. */
  sourcesMirror: string | null;
  /** Number of the current legislature (17 since July 2024). */
  legislature: number;
  /** Folder for Crawlee's own storage, kept under data/ so nothing lands in ./storage. */
  storageDir: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be an integer between 0 and 65535, got "${env.PORT}"`);
  }
  const legislature = Number(env.LEGISLATURE ?? 17);
  if (!Number.isInteger(legislature) || legislature < 1) {
    throw new Error(`LEGISLATURE must be a positive integer, got "${env.LEGISLATURE}"`);
  }
  const mirror = env.SOURCES_MIRROR?.trim();
  if (mirror && !/^https?:\/\/[^/]+/.test(mirror)) {
    throw new Error(`SOURCES_MIRROR must be an http(s) URL, got "${mirror}"`);
  }
  return {
    databasePath: env.DATABASE_PATH || 'data/tracker.sqlite',
    port,
    sourcesMirror: mirror ? mirror.replace(/\/+$/, '') : null,
    legislature,
    storageDir: env.CRAWLEE_STORAGE_DIR || 'data/crawlee',
  };
}
