// Static server for the isolation measurement (docs/security.md): `vite build`, then
//   node bench/isolation/server.mjs 5224 & node bench/isolation/bench.mjs http://localhost:5224
// It serves dist/ plus these harness pages,
// every response with Access-Control-Allow-Origin: * (what an opaque-origin
// iframe's worker needs to load the app's scripts and Pyodide).
import { createServer } from 'node:http';
import { createReadStream, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, extname } from 'node:path';
const PORT = Number(process.argv[2] ?? 5224);
const dist = new URL('../../dist/', import.meta.url).pathname;
const here = new URL('./', import.meta.url).pathname;
// Pages under /iso/ are these files, with __WORKER__ and __ORIGIN__ filled in.
const workerFile = readdirSync(join(dist, 'assets')).find((f) => /^worker-.*\.js$/.test(f));
const MIME = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json', '.zip': 'application/zip', '.css': 'text/css' };
createServer((req, res) => {
  const url = new URL(req.url, `http://localhost:${PORT}`);
  let file = url.pathname.startsWith('/iso/') ? join(here, url.pathname.slice(5)) : join(dist, url.pathname === '/' ? 'index.html' : url.pathname);
  if (!existsSync(file) || statSync(file).isDirectory()) { res.writeHead(404); res.end(); return; }
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Content-Type', MIME[extname(file)] ?? 'application/octet-stream');
  if (url.pathname.startsWith('/iso/')) {
    const text = readFileSync(file, 'utf8').replaceAll('__WORKER__', `/assets/${workerFile}`).replaceAll('__ORIGIN__', `http://localhost:${PORT}`);
    res.end(text);
    return;
  }
  res.setHeader('Content-Length', statSync(file).size);
  createReadStream(file).pipe(res);
}).listen(PORT, () => console.log('listening', PORT, workerFile));
