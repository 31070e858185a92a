// The page's first script (index.html): starts the Python worker, so that it
// fetches Pyodide and the memory snapshot while the app's own script (React,
// the UI, d3: src/main.tsx, the page's second script, see appScript() in
// vite.config.ts) downloads, compiles and evaluates (src/runtime/early-worker.ts).
// main.tsx imports this module too, so the worker starts first however the app
// is loaded.
// An embed with no code to run starts Python on its first Run (hash-flags.ts).
import { startEarlyWorker } from './runtime/early-worker.ts';
import { startsPython } from './embed/hash-flags.ts';

// The page's start-up marks (npm run bench:ui lines them up with the worker's).
performance.mark('loopscope:boot');
if (startsPython(location.hash)) startEarlyWorker();
