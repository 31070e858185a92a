// The wire table (src/trace/wire.ts) is the only place the codes are written:
// Python's are generated from it. These tests prove the two cannot drift: the
// module the runtime imports inside Pyodide holds the TypeScript values, and
// no Python file of the package spells one of them by hand.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Begin } from '../src/engine/engine.ts';
import type { LoopscopeRuntime } from '../src/runtime/core.ts';
import { nodeRuntime } from '../src/runtime/node.ts';
import { wireConstants, WIRE_MODULE } from '../src/runtime/python-package.ts';
import { PY_DIR } from '../src/runtime/python-sources.mjs';
import {
  B,
  BRIDGE_ONLY,
  BlockKind,
  ConnState,
  ErrorKind,
  LimitKind,
  LoopEvent,
  NetKind,
  NO_ID,
  Op,
  OPS,
  OWNER_CALLBACK_BASE,
  SockProto,
  TaskState,
} from '../src/trace/wire.ts';

let rt: LoopscopeRuntime;
beforeAll(async () => {
  rt = await nodeRuntime();
});

/** What the TypeScript side says Python must see, spelled out enum by enum (not through the generator). */
function expected(): Record<string, number> {
  const out: Record<string, number> = {};
  const put = (prefix: string, e: Record<string, number>) => {
    for (const [k, v] of Object.entries(e)) out[prefix + k] = v;
  };
  for (const [k, r] of Object.entries(OPS)) if (r.bridge) out[`B_${k}`] = r.code;
  for (const [k, r] of Object.entries(BRIDGE_ONLY)) out[`B_${k}`] = r.code;
  put('TASK_', TaskState);
  put('BLOCK_', BlockKind);
  put('LOOP_', LoopEvent);
  put('LIMIT_', LimitKind);
  put('ERROR_', ErrorKind);
  put('NET_', NetKind);
  put('PROTO_', SockProto);
  put('CONN_', ConnState);
  put('BEGIN_', Begin);
  out.NO_ID = NO_ID;
  out.OWNER_CALLBACK_BASE = OWNER_CALLBACK_BASE;
  return out;
}

describe('wire table', () => {
  it('keeps a trace op\'s code on the bridge, and bridge-only records clear of trace opcodes', () => {
    expect(B.SOON).toBe(Op.SOON);
    expect(B.TASK_STATE).toBe(Op.TASK_STATE);
    const opCodes = new Set(Object.values(Op));
    expect(opCodes.size).toBe(Object.keys(Op).length);
    for (const r of Object.values(BRIDGE_ONLY)) expect(opCodes.has(r.code as never)).toBe(false);
    expect(new Set(Object.values(B)).size).toBe(Object.keys(B).length);
    expect(new Set(Object.values(NetKind)).size).toBe(Object.keys(NetKind).length);
  });

  it('Python imports the generated module inside Pyodide, and its values are the TypeScript ones', () => {
    const program = [
      'import json, loopscope.wire as w',
      'print(json.dumps({k: v for k, v in vars(w).items() if k.isupper()}, sort_keys=True))',
      'print(w.__file__)',
    ].join('\n');
    const r = rt.run(program);
    expect(r.stderr).toBe('');
    const [json, file] = r.stdout.trim().split('\n');
    expect(JSON.parse(json)).toEqual(expected());
    expect(file.endsWith(WIRE_MODULE)).toBe(true);
    expect(Object.fromEntries(wireConstants())).toEqual(expected());
  });

  it('the runtime modules use the generated codes (the objects they imported are the wire module\'s)', () => {
    const program = [
      'import loopscope.wire as w, loopscope.loop as l, loopscope.bridge as b, loopscope.objects as o',
      'print(l.B_SOON == w.B_SOON == ' + Op.SOON + ', b.B_TASK_STATE == ' + Op.TASK_STATE + ', o.B_FUT_NUM == ' + B.FUT_NUM + ')',
    ].join('\n');
    expect(rt.run(program).stdout).toBe('True True True\n');
  });

  it('no Python file of the package defines a wire code by hand', () => {
    const names = new Set<string>();
    for (const k of Object.keys(expected())) {
      names.add(k);
      names.add(k.slice(k.indexOf('_') + 1)); // the unprefixed form: SOON, READY, SOCKET, ...
    }
    const offenders: string[] = [];
    const files: string[] = [];
    const walk = (d: string) => {
      for (const n of readdirSync(d)) {
        const p = join(d, n);
        if (statSync(p).isDirectory()) walk(p);
        else if (n.endsWith('.py')) files.push(p);
      }
    };
    walk(PY_DIR);
    expect(files.length).toBeGreaterThan(10);
    expect(files.map((f) => relative(PY_DIR, f).split('\\').join('/'))).not.toContain(WIRE_MODULE);
    // NAME = 3, NAME, OTHER = range(...), _NAME = -1, NAME = (1, 2): module-level constants.
    const assign = /^((?:_*[A-Z][A-Z0-9_]*\s*,\s*)*_*[A-Z][A-Z0-9_]*)\s*=\s*(.+)$/;
    for (const f of files) {
      const lines = readFileSync(f, 'utf8').split('\n');
      lines.forEach((line, i) => {
        const m = assign.exec(line);
        if (!m) return;
        const value = m[2].trim();
        if (!/^(\(?\s*-?\d[\d_]*(\s*,\s*-?\d[\d_]*)*\s*\)?|range\()/.test(value)) return;
        for (const target of m[1].split(',').map((t) => t.trim().replace(/^_+/, ''))) {
          if (names.has(target)) offenders.push(`${relative(PY_DIR, f)}:${i + 1}: ${line.trim()}`);
        }
      });
    }
    expect(offenders).toEqual([]);
  });
});
