import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { spawn } from 'node:child_process';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
// @ts-expect-error a plain .mjs script without types
import { CACHE_DIR, childRun, expectedManifest } from './scripts/make-snapshot.mjs';
import { pythonPackage } from './src/runtime/python-package.ts';
import { readPythonSources } from './src/runtime/python-sources.mjs';
import { tutorialPlugin } from './src/tutorial/build.ts';

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

/** What scripts/make-snapshot.mjs writes next to a snapshot. */
interface SnapshotMeta {
  file: string;
  bytes: number;
  gzBytes: number;
  [key: string]: unknown;
}

let snapshotJob: Promise<SnapshotMeta | null> | null = null;

/**
 * The memory snapshot for this tree (Pyodide build, stdlib, the runtime's Python
 * package with its generated wire module): taken from node_modules/.cache when there, else made by
 * scripts/make-snapshot.mjs in a child process (~3-5 s; Pyodide stays out of
 * Vite's process). null, with a warning, if that fails: the app then loads
 * Python without it. LOOPSCOPE_SNAPSHOT=0 builds without a snapshot.
 */
function buildSnapshot(log: (msg: string) => void): Promise<SnapshotMeta | null> {
  snapshotJob ??= (async () => {
    if (process.env.LOOPSCOPE_SNAPSHOT === '0') return null;
    try {
      const sources = pythonPackage(readPythonSources());
      const want = expectedManifest(sources) as { id: string; file: string };
      const meta = join(CACHE_DIR, `snapshot-${want.id}.json`);
      if (!existsSync(meta) || !existsSync(join(CACHE_DIR, want.file))) {
        log('[loopscope] making the Pyodide memory snapshot (scripts/make-snapshot.mjs)…');
        const code = await new Promise<number | null>((res, rej) => {
          const run = childRun(sources) as { args: string[]; input: string };
          const child = spawn(process.execPath, run.args, { stdio: ['pipe', 'ignore', 'inherit'] });
          child.on('error', rej);
          child.on('close', res);
          child.stdin.end(run.input);
        });
        if (code !== 0 || !existsSync(meta)) throw new Error(`scripts/make-snapshot.mjs exited with ${code}`);
      }
      return JSON.parse(readFileSync(meta, 'utf8')) as SnapshotMeta;
    } catch (e) {
      console.warn(`[loopscope] no Pyodide memory snapshot in this build (Python will load without it): ${e instanceof Error ? e.message : e}`);
      return null;
    }
  })();
  return snapshotJob;
}

const SNAPSHOT_MODULE = 'virtual:loopscope-snapshot';

/**
 * The snapshot's manifest as a module (`virtual:loopscope-snapshot`, imported by
 * the worker). Used for the app and, through worker.plugins, for the worker bundle.
 */
function snapshotManifestModule(): Plugin {
  return {
    name: 'loopscope-snapshot-manifest',
    resolveId(id) {
      return id === SNAPSHOT_MODULE ? '\0' + SNAPSHOT_MODULE : undefined;
    },
    async load(id) {
      if (id !== '\0' + SNAPSHOT_MODULE) return undefined;
      const meta = await buildSnapshot((m) => this.info(m));
      return `export default ${JSON.stringify(meta)};`;
    },
  };
}

/** Serves (dev) or emits (build) the gzipped snapshot as /pyodide/snapshot-<id>.bin.gz. */
function pyodideSnapshot(): Plugin {
  return {
    name: 'loopscope-pyodide-snapshot',
    async buildStart() {
      // Start early (in parallel with the rest of the build); the result is shared.
      void buildSnapshot((m) => this.info(m));
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const url = (req.url ?? '').split('?')[0];
        const m = /^\/pyodide\/(snapshot-[0-9a-f]+\.bin\.gz)$/.exec(url);
        if (!m) return next();
        const file = join(CACHE_DIR, m[1]);
        if (!existsSync(file)) return next();
        res.setHeader('Content-Type', 'application/octet-stream');
        res.setHeader('Content-Length', String(statSync(file).size));
        res.setHeader('Cache-Control', 'no-cache');
        createReadStream(file).pipe(res);
      });
    },
    async generateBundle() {
      const meta = await buildSnapshot((m) => this.info(m));
      if (!meta) return;
      this.emitFile({ type: 'asset', fileName: `pyodide/${meta.file}`, source: readFileSync(join(CACHE_DIR, meta.file)) });
    },
  };
}

/**
 * The page's two scripts: src/boot.ts (index.html's own, a few kB: it starts the
 * Python worker) and then the app (src/main.tsx), added here as a script of its
 * own, a second entry of the build. Vite would bundle two scripts of one page
 * into one, so that the worker would start only once the whole app's bundle
 * (~395 kB) had been fetched and compiled. Both are module scripts, run in
 * order, and the page's load event still waits for the app.
 */
const APP_SCRIPT = 'src/main.tsx';

function appScript(): Plugin {
  const APP = APP_SCRIPT;
  let base = '/';
  return {
    name: 'loopscope-app-script',
    configResolved(config) {
      base = config.base;
    },
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        // The playground's page only (not the tutorial's, src/tutorial/build.ts).
        if (ctx.filename !== join(root, 'index.html')) return [];
        if (!ctx.bundle) return [{ tag: 'script', attrs: { type: 'module', src: `${base}${APP}` }, injectTo: 'body' }];
        const app = Object.values(ctx.bundle).find((c) => c.type === 'chunk' && c.isEntry && c.facadeModuleId === join(root, APP));
        if (!app || app.type !== 'chunk') throw new Error(`the build has no chunk for ${APP}`);
        return [
          ...[...(app.viteMetadata?.importedCss ?? [])].map((f) => ({ tag: 'link', attrs: { rel: 'stylesheet', crossorigin: true, href: base + f }, injectTo: 'head' as const })),
          { tag: 'script', attrs: { type: 'module', crossorigin: true, src: base + app.fileName }, injectTo: 'head' as const },
        ];
      },
    },
  };
}

/**
 * The service worker (src/sw.ts, docs/offline.md): everything a visit needs,
 * precached for the next one offline. Left out: what only the UI benchmark
 * opens (Pyodide's console and its loader). The page registers it itself once
 * Python is ready (src/offline.ts).
 */
function offline(): Plugin[] {
  return VitePWA({
    strategies: 'injectManifest',
    srcDir: 'src',
    filename: 'sw.ts',
    injectRegister: false,
    manifest: false,
    injectManifest: {
      globPatterns: ['**/*.{html,js,css,svg,ttf,woff2,wasm,zip,json,mjs,gz}'],
      globIgnores: ['pyodide/console.html', 'pyodide/pyodide.mjs', 'sw.js'],
      // Pyodide's WebAssembly (9.6 MB) and the snapshot (6 MB gzipped) are the largest.
      maximumFileSizeToCacheInBytes: 16 * 1024 * 1024,
      // Vite's hashed file names need no revision of their own.
      dontCacheBustURLsMatching: /^assets\/.+-[A-Za-z0-9_-]{8}\.\w+$|^pyodide\/snapshot-[0-9a-f]+\.bin\.gz$/,
    },
  });
}

/**
 * embed-host.js, the host-side helper for pages that embed the app in iframes
 * (src/embed/host-entry.ts, docs/embedding.md): one small ES module with a
 * stable name at the app's root, bundled with esbuild (served by the dev
 * server, emitted by the build).
 */
function embedHost(): Plugin {
  const bundle = async (): Promise<string> => {
    const esbuild = await import('esbuild');
    const out = await esbuild.build({
      entryPoints: [join(root, 'src/embed/host-entry.ts')],
      bundle: true,
      format: 'esm',
      minify: true,
      target: 'es2020',
      write: false,
      legalComments: 'none',
    });
    return out.outputFiles[0].text;
  };
  return {
    name: 'loopscope-embed-host',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        if ((req.url ?? '').split('?')[0] !== '/embed-host.js') return next();
        bundle().then(
          (js) => {
            res.setHeader('Content-Type', 'text/javascript');
            res.end(js);
          },
          (e) => next(e),
        );
      });
    },
    async generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'embed-host.js', source: await bundle() });
    },
  };
}

export default defineConfig({
  plugins: [react(), pyodideAssets(), pyodideSnapshot(), snapshotManifestModule(), appScript(), tutorialPlugin(), offline(), embedHost()],
  optimizeDeps: { exclude: ['pyodide'] },
  worker: { format: 'es', plugins: () => [snapshotManifestModule()] },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
    reportCompressedSize: false,
    rollupOptions: {
      // The playground (index.html's own script, boot.ts, then the app: appScript() above), and
      // <loopscope-player> as its own module at dist/player.js (src/player, docs/embedding.md).
      input: { index: join(root, 'index.html'), app: join(root, APP_SCRIPT), player: join(root, 'src/player/index.ts') },
      output: { entryFileNames: (chunk) => (chunk.name === 'player' ? 'player.js' : 'assets/[name]-[hash].js') },
      preserveEntrySignatures: 'exports-only',
    },
  },
  server: { port: 5173 },
  preview: { port: 4173 },
});
