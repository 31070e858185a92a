// Imported first by main.tsx: starts the Python worker before the rest of the
// app's modules evaluate (see src/runtime/early-worker.ts).
// An embed with no code to run starts Python on its first Run (hash-flags.ts).
import { startEarlyWorker } from './runtime/early-worker.ts';
import { startsPython } from './embed/hash-flags.ts';

if (startsPython(location.hash)) startEarlyWorker();
