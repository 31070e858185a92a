import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'tests/**/*.test.ts'],
    environment: 'node',
    // The corpus suites share one Pyodide per worker (2-4 s to load): give
    // them room, and keep workers to the machine's 2 cores.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    maxWorkers: 2,
    // The Pyodide memory snapshot the Node runtime restores, made once before the workers start.
    globalSetup: ['tests/global-setup.ts'],
  },
});
