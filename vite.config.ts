import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));
const pyodideDir = join(root, 'node_modules/pyodide');

/**
 * Pyodide's runtime files, served from our own origin under /pyodide/ (dev
 * server and preview) and copied into the build. Nothing is fetched from a CDN.
 * console.html and pyodide.mjs are included so that the UI benchmark can time
 * Pyodide's own console served the same way.
 */
const PYODIDE_FILES = [
  'pyodide.asm.mjs',
  'pyodide.asm.wasm',
  'python_stdlib.zip',
  'pyodide-lock.json',
  'pyodide.mjs',
  'console.html',
];
const MIME: Record<string, string> = {
  mjs: 'text/javascript',
  wasm: 'application/wasm',
  zip: 'application/zip',
  json: 'application/json',
  html: 'text/html',
};

function pyodideAssets(): Plugin {
  return {
    name: 'loopscope-pyodide-assets',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const url = (req.url ?? '').split('?')[0];
        if (!url.startsWith('/pyodide/')) return next();
        const name = url.slice('/pyodide/'.length);
        if (!PYODIDE_FILES.includes(name)) return next();
        const file = join(pyodideDir, name);
        res.setHeader('Content-Type', MIME[name.split('.').pop() ?? ''] ?? 'application/octet-stream');
        res.setHeader('Content-Length', String(statSync(file).size));
        res.setHeader('Cache-Control', 'no-cache');
        createReadStream(file).pipe(res);
      });
    },
    generateBundle() {
      for (const name of PYODIDE_FILES) {
        this.emitFile({ type: 'asset', fileName: `pyodide/${name}`, source: readFileSync(join(pyodideDir, name)) });
      }
    },
  };
}

export default defineConfig({
  plugins: [react(), pyodideAssets()],
  optimizeDeps: { exclude: ['pyodide'] },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
    reportCompressedSize: false,
  },
  server: { port: 5173 },
  preview: { port: 4173 },
});
