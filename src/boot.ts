// Imported first by main.tsx: starts the Python worker before the rest of the
// app's modules evaluate (see src/runtime/early-worker.ts).
import { startEarlyWorker } from './runtime/early-worker.ts';

startEarlyWorker();
