// Recordings: written and read back; every bad file becomes one clear sentence
// (never an exception); the author's options from a header or --options words.
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { tinyProgram } from './fixtures.test-util.ts';
import {
  optionsFromText,
  parseHeader,
  parseOptionWords,
  readRecording,
  recordingToJSON,
  RECORDING_FORMAT,
  RECORDING_VERSION,
  writeRecording,
  type ReadResult,
  type Recording,
} from './recording.ts';
import { Op, TRACE_VERSION, traceToJSON } from './schema.ts';

const rec = (): Recording => ({ trace: tinyProgram(), options: { step: 2, panels: ['ready', 'tasks'], speed: 2 }, title: 'Tiny', description: 'A tiny run.' });
/** The recording's JSON as a plain object, to damage. */
const json = (): Record<string, any> => JSON.parse(writeRecording(rec()));

function error(r: ReadResult): string {
  if (r.ok) throw new Error('expected the recording to be refused');
  return r.error;
}
function ok(r: ReadResult) {
  if (!r.ok) throw new Error(`expected the recording to be read, got: ${r.error}`);
  return r;
}

describe('writing and reading', () => {
  it('reads back what it wrote, from text, bytes or parsed JSON', () => {
    const text = writeRecording(rec());
    for (const input of [text, new TextEncoder().encode(text), new TextEncoder().encode(text).buffer, JSON.parse(text)]) {
      const r = ok(readRecording(input));
      expect(r.notes).toEqual([]);
      expect(r.recording.title).toBe('Tiny');
      expect(r.recording.description).toBe('A tiny run.');
      expect(r.recording.options).toEqual({ step: 2, panels: ['ready', 'tasks'], speed: 2 });
      const t = tinyProgram();
      expect(Array.from(r.recording.trace.ops)).toEqual(Array.from(t.ops));
      expect(Array.from(r.recording.trace.steps)).toEqual(Array.from(t.steps));
      expect(r.recording.trace.strings).toEqual(t.strings);
      expect(r.recording.trace.meta).toEqual(t.meta);
    }
  });

  it('puts format and version first and the trace last', () => {
    const j = recordingToJSON(rec());
    expect(Object.keys(j)).toEqual(['format', 'version', 'title', 'description', 'options', 'trace']);
    expect(j.format).toBe(RECORDING_FORMAT);
    expect(j.version).toBe(RECORDING_VERSION);
    expect(j.trace.version).toBe(TRACE_VERSION);
    expect(Object.keys(recordingToJSON({ trace: tinyProgram(), options: {} }))).toEqual(['format', 'version', 'options', 'trace']);
  });

  it('opens a bare trace (an old --trace file) without options, and says so', () => {
    const r = ok(readRecording(JSON.stringify(traceToJSON(tinyProgram()))));
    expect(r.recording.options).toEqual({});
    expect(r.notes.join()).toMatch(/old-style trace file/);
  });
});

describe('bad files', () => {
  const cases: Array<[string, unknown, RegExp]> = [
    ['an empty file', '  \n', /^The file is empty/],
    ['text that is not JSON', 'hello, world', /^The file is not a Loopscope recording: it is not JSON/],
    ['an HTML error page', '<!doctype html><title>404</title>', /HTML page, not a recording/],
    ['gzip bytes', new Uint8Array(gzipSync(Buffer.from(writeRecording(rec())))), /gzip-compressed/],
    ['JSON that is a list', '[1, 2]', /JSON but not a Loopscope recording \(it holds a list\)/],
    ['JSON that is a number', '42', /it holds a number/],
    ['JSON without the format', '{"version": 1, "trace": {}}', /no "format": "loopscope-recording"/],
  ];
  for (const [what, input, message] of cases) {
    it(`refuses ${what} with a clear message`, () => {
      expect(error(readRecording(input))).toMatch(message);
    });
  }

  it('says a file cut short is truncated, wherever it was cut', () => {
    const text = writeRecording(rec());
    for (const at of [1, 30, Math.floor(text.length / 2), text.indexOf('"strings":[') + 14, text.length - 1]) {
      expect(error(readRecording(text.slice(0, at)))).toMatch(/^The recording is truncated: it ends after [\d,]+ characters/);
    }
  });

  it('says a recording from a newer Loopscope needs a newer Loopscope', () => {
    const j = json();
    j.version = RECORDING_VERSION + 1;
    j.somethingNew = { x: 1 };
    expect(error(readRecording(j))).toMatch(new RegExp(`newer Loopscope \\(recording version ${RECORDING_VERSION + 1}; this one reads version ${RECORDING_VERSION}\\)\\. Update Loopscope`));
  });

  it('says a trace of a newer version needs a newer Loopscope', () => {
    const j = json();
    j.trace.version = TRACE_VERSION + 1;
    j.trace.ops = 'whatever a newer version holds';
    expect(error(readRecording(j))).toMatch(new RegExp(`trace of version ${TRACE_VERSION + 1}, newer than this Loopscope reads \\(version ${TRACE_VERSION}\\)`));
  });

  it('says a trace of an older, unsupported version must be recorded again', () => {
    const j = json();
    j.trace.version = TRACE_VERSION - 1;
    const r = readRecording(j);
    // A reader that keeps an upgrader for the previous version opens it; one that does not says so.
    if (r.ok) expect(r.recording.trace.version).toBe(TRACE_VERSION);
    else expect(r.error).toMatch(new RegExp(`trace of version ${TRACE_VERSION - 1}, which this Loopscope no longer reads \\(it reads version ${TRACE_VERSION}\\)\\. Record the program again`));
    j.trace.version = 0;
    expect(error(readRecording(j))).toMatch(/trace of version 0, which this Loopscope no longer reads.*Record the program again/);
  });

  it('names missing and mistyped fields', () => {
    let j = json();
    delete j.trace.meta.source;
    expect(error(readRecording(j))).toBe('The recording is incomplete or damaged: trace.meta.source is missing.');
    j = json();
    delete j.trace;
    expect(error(readRecording(j))).toBe('The recording is incomplete or damaged: trace is missing.');
    j = json();
    delete j.trace.ops;
    j.trace.strings = [1];
    expect(error(readRecording(j))).toMatch(/^The recording is incomplete or damaged: trace\.strings\.0 should be string, not 1; trace\.ops is missing\.$/);
    j = json();
    j.trace.ops[3] = 1.5;
    expect(error(readRecording(j))).toMatch(/trace\.ops: ops must be an array of 32-bit integers/);
    j = json();
    j.title = 7;
    expect(error(readRecording(j))).toMatch(/title should be string, not 7/);
    j = json();
    j.version = 'one';
    expect(error(readRecording(j))).toMatch(/^The recording is incomplete or damaged: version should be number/);
  });

  it('says a trace whose event stream does not hold together is damaged', () => {
    let j = json();
    j.trace.ops[0] = 999;
    expect(error(readRecording(j))).toBe('The recording\'s trace is damaged: unknown opcode 999 at offset 0.');
    j = json();
    j.trace.ops = j.trace.ops.slice(0, -1);
    expect(error(readRecording(j))).toMatch(/^The recording's trace is damaged: event at offset \d+ is truncated\.$/);
    j = json();
    j.trace.steps[1] += 1;
    expect(error(readRecording(j))).toMatch(/^The recording's trace is damaged: steps\[1\]/);
    expect(j.trace.ops[j.trace.steps[0]]).toBe(Op.RUN);
  });

  it('never throws, whatever it is given', () => {
    const hostile: unknown[] = [undefined, null, 0, true, Symbol('x'), () => 1, new Uint8Array(0), { format: RECORDING_FORMAT, version: 1, trace: null }, { format: RECORDING_FORMAT, version: 1, trace: { version: TRACE_VERSION, strings: [], times: [], ops: [], steps: [], meta: null } }];
    const getter = { format: RECORDING_FORMAT, version: 1 };
    Object.defineProperty(getter, 'trace', { enumerable: true, get: () => { throw new Error('boom'); } });
    hostile.push(getter);
    for (const h of hostile) {
      const r = readRecording(h);
      expect(r.ok).toBe(false);
      expect(error(r)).toMatch(/^(The|This) /);
    }
  });
});

describe('options as a reader takes them', () => {
  it('ignores what it does not know, with a note, and keeps the rest', () => {
    const j = json();
    j.options = { step: 99, panels: ['ready', 'sparkles', 'tasks'], speed: 3, colour: 'red' };
    const r = ok(readRecording(j));
    expect(r.recording.options).toEqual({ step: tinyProgram().steps.length, panels: ['ready', 'tasks'] });
    expect(r.notes).toEqual([
      "option 'colour' is not known here and was ignored",
      `start step 99 is past the last step (${tinyProgram().steps.length}); opening at ${tinyProgram().steps.length}`,
      'panel "sparkles" not known here and left out',
      'speed 3 is not one of 0.25, 0.5, 1, 2, 4, 8 and was ignored',
    ]);
  });

  it('reads a recording without options', () => {
    const j = json();
    delete j.options;
    expect(ok(readRecording(j)).recording.options).toEqual({});
  });
});

describe('the author\'s options: header and --options', () => {
  it('reads the gallery header and the option keys, and where the code starts', () => {
    const src = '# title: Tasks\n# description: one\n# description: two\n# note: for readers of the file\n# step: 12\n# panels: ready, timers,tasks\n# speed: 2x\nimport asyncio\n# step: 3\n';
    const h = parseHeader(src);
    expect(h).toEqual({ title: 'Tasks', description: 'one two', options: { step: '12', panels: 'ready, timers,tasks', speed: '2x' }, lines: 7 });
    expect(optionsFromText(h.options)).toEqual({ options: { step: 12, panels: ['ready', 'timers', 'tasks'], speed: 2 }, errors: [] });
  });

  it('ends the header at the first other line, and accepts CRLF', () => {
    expect(parseHeader('#!/usr/bin/env python3\n# title: x\n')).toEqual({ options: {}, lines: 0 });
    expect(parseHeader('# title: x\r\n# step: 1\r\nprint()\r\n')).toEqual({ title: 'x', options: { step: '1' }, lines: 2 });
    expect(parseHeader('# comment: not a key\n# title: x\n').lines).toBe(0);
    expect(parseHeader('')).toEqual({ options: {}, lines: 0 });
  });

  it('takes key=value words, one or several per flag', () => {
    expect(parseOptionWords(['step=3 speed=0.5', 'panels=ready,console'])).toEqual({ options: { step: '3', speed: '0.5', panels: 'ready,console' }, errors: [] });
    expect(parseOptionWords(['title=x', 'step'])).toEqual({
      options: {},
      errors: ["'title=x' is not an option (options: step=…, panels=…, speed=…)", "'step' is not an option (options: step=…, panels=…, speed=…)"],
    });
  });

  it('names each bad value', () => {
    expect(optionsFromText({ step: '-1', panels: 'ready,sparkles,glitter', speed: '3' }).errors).toEqual([
      "step must be a whole number of steps (0 or more), got '-1'",
      "unknown panels 'sparkles', 'glitter' (panels: ready, timers, tasks, futures, network, console, narration)",
      "speed must be one of 0.25, 0.5, 1, 2, 4, 8, got '3'",
    ]);
    expect(optionsFromText({ step: '1.5' }).errors).toHaveLength(1);
    expect(optionsFromText({ panels: ' , ' }).errors).toEqual(['panels names none (panels: ready, timers, tasks, futures, network, console, narration)']);
    expect(optionsFromText({ panels: 'tasks,ready,tasks' }).options).toEqual({ panels: ['tasks', 'ready'] });
  });
});
