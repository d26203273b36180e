// Serves a folder laid out by URL (`<host>/<path>`) so that the crawlers can run against it
// with SOURCES_MIRROR. Usage: npm run mirror -- [folder] [port]
import { serveFolder } from './static-server.ts';

const folder = process.argv[2] ?? '../shared/fixtures/mirror';
const port = Number(process.argv[3] ?? 8080);
const server = await serveFolder(folder, port);
console.log(`Serving ${folder} at ${server.url} (SOURCES_MIRROR=${server.url})`);
