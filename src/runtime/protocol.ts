// Messages between the page (RuntimeClient) and the Python worker.
// A discriminated union on `type`, typed in both directions. Every run carries
// a sequence number; the client drops results whose seq is not the latest
// (rust-playground style), so a slow stale run can never overwrite a newer one.

import type { Trace } from '../trace/schema.ts';

/** What a finished run reports back to the page. */
export interface RunOutcome {
  seq: number;
  trace: Trace;
  exitCode: number;
  stdout: string;
  stderr: string;
  syntaxError?: { line: number; col: number; message: string };
  wallMs: number;
}

export interface RunLimits {
  maxSteps?: number;
  maxTime?: number;
  maxOutputBytes?: number;
  cpuBudget?: number;
}

export type ToWorker =
  | { type: 'init'; /** false: do not use the build's memory snapshot (default: use it). */ snapshot?: boolean }
  | { type: 'run'; seq: number; source: string; filename: string; limits: RunLimits };

export type LoadPhase = 'fetch' | 'start' | 'runtime' | 'ready';

export type FromWorker =
  | { type: 'progress'; phase: LoadPhase; fraction: number; label: string }
  | {
      type: 'ready';
      pythonVersion: string;
      loadMs: number;
      fake: boolean;
      /** How Python came up: from the memory snapshot, plainly, or plainly after the snapshot failed. */
      snapshot?: 'restored' | 'plain' | 'fallback';
    }
  | { type: 'output'; seq: number; fd: 1 | 2; text: string }
  | ({ type: 'result' } & RunOutcome)
  | { type: 'run-error'; seq: number; message: string }
  | { type: 'fatal'; message: string };
