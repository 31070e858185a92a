#!/usr/bin/env node
// Entry point of the `loopscope` command: loads the TypeScript sources through
// tsx (no build step), then runs the CLI.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
