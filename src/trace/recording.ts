// Recordings: a recorded run as a file (`loopscope run --trace`, `loopscope
// record`), the one thing every player reads. The one module that writes and
// reads them, and turns every file it cannot use into one clear sentence for a
// person, never an exception: docs/trace-format.md, "Recordings".
//
// A recording is JSON: an envelope (format, version, the author's options, a
// title and description) around the trace's JSON form (schema.ts). The
// envelope is checked with valibot; the trace's own version with
// traceFromJSON, and its event stream's framing with validateTrace.
//
// The author's options come from a header of comment lines at the top of the
// program (the gallery's `# title:` / `# description:` header, with three more
// keys) or from `--options key=value`:
//   # title: Tasks
//   # description: create_task schedules a coroutine...
//   # step: 12
//   # panels: ready, timers, tasks
//   # speed: 2

import * as v from 'valibot';
import { validateTrace } from './decode.ts';
import { TRACE_VERSION, traceFromJSON, traceToJSON, type Trace, type TraceJSON } from './schema.ts';

/** The envelope's `format` value: what says "this JSON is a Loopscope recording". */
export const RECORDING_FORMAT = 'loopscope-recording';
/**
 * The envelope's version. Bump it when an old reader would misread a new
 * envelope; not for a new option (readers ignore options they do not know).
 * The trace inside has its own version (TRACE_VERSION).
 */
export const RECORDING_VERSION = 1;

/** Panels an author can name, in the order the playground shows them. */
export const PANEL_NAMES = ['ready', 'timers', 'tasks', 'futures', 'network', 'console', 'narration'] as const;
export type PanelName = (typeof PANEL_NAMES)[number];
/** Playback speeds the playground offers, slowest to fastest. */
export const SPEEDS = [0.25, 0.5, 1, 2, 4, 8] as const;

/** The author's defaults for a player. */
export interface RecordingOptions {
  /** The step the player opens at (0 = before the first step). */
  step?: number;
  /** The panels to show, in this order. */
  panels?: PanelName[];
  /** Playback speed, one of SPEEDS. */
  speed?: number;
}

export interface Recording {
  trace: Trace;
  options: RecordingOptions;
  title?: string;
  description?: string;
}

/** The file's JSON. */
export interface RecordingJSON {
  format: typeof RECORDING_FORMAT;
  version: number;
  title?: string;
  description?: string;
  options: RecordingOptions;
  trace: TraceJSON;
}

export type ReadResult =
  | { ok: true; recording: Recording; /** What was adjusted or ignored, for a console or a note. */ notes: string[] }
  | { ok: false; /** One or two sentences for a person. */ error: string };

// ---------------------------------------------------------------------------
// Options: from text (a header line, --options) and checked.

/** The header keys (one `# key: value` comment line each, at the top of the program). */
export const HEADER_KEYS = ['title', 'description', 'note', 'step', 'panels', 'speed'] as const;
export type HeaderKey = (typeof HEADER_KEYS)[number];
/** The keys that are options (the rest describe the program). */
export const OPTION_KEYS = ['step', 'panels', 'speed'] as const;
export type OptionKey = (typeof OPTION_KEYS)[number];

const HEADER_LINE = /* @__PURE__ */ new RegExp(`^#\\s*(${HEADER_KEYS.join('|')}):\\s?(.*)$`);

export interface ProgramHeader {
  title?: string;
  /** `description` lines joined with spaces. */
  description?: string;
  /** The option keys' text as written (the last line of a key wins). */
  options: Partial<Record<OptionKey, string>>;
  /** How many lines the header takes (the program's code starts after them). */
  lines: number;
}

/**
 * The header: the program's first lines while each is `# key: value` with a
 * key of HEADER_KEYS (`note` lines are for people reading the file and are
 * dropped). The first other line ends it.
 */
export function parseHeader(source: string): ProgramHeader {
  const lines = source.split('\n');
  const header: ProgramHeader = { options: {}, lines: 0 };
  const description: string[] = [];
  for (; header.lines < lines.length; header.lines++) {
    const m = HEADER_LINE.exec(lines[header.lines].replace(/\r$/, ''));
    if (!m) break;
    const key = m[1] as HeaderKey;
    const value = m[2].trim();
    if (key === 'title') header.title = value;
    else if (key === 'description') description.push(value);
    else if (key !== 'note') header.options[key] = value;
  }
  if (description.length) header.description = description.join(' ');
  return header;
}

/**
 * `key=value` words (what `--options` takes; values without spaces) as option
 * text. Errors name the word.
 */
export function parseOptionWords(words: string[]): { options: Partial<Record<OptionKey, string>>; errors: string[] } {
  const options: Partial<Record<OptionKey, string>> = {};
  const errors: string[] = [];
  for (const word of words.flatMap((w) => w.split(/\s+/)).filter(Boolean)) {
    const m = /^([a-z]+)=(.*)$/.exec(word);
    if (!m || !(OPTION_KEYS as readonly string[]).includes(m[1])) {
      errors.push(`'${word}' is not an option (options: ${OPTION_KEYS.map((k) => `${k}=…`).join(', ')})`);
      continue;
    }
    options[m[1] as OptionKey] = m[2];
  }
  return { options, errors };
}

/** Option text checked and converted. Errors are sentences naming the option. */
export function optionsFromText(text: Partial<Record<OptionKey, string>>): { options: RecordingOptions; errors: string[] } {
  const options: RecordingOptions = {};
  const errors: string[] = [];
  if (text.step !== undefined) {
    const n = Number(text.step);
    if (/^\d+$/.test(text.step.trim()) && Number.isSafeInteger(n)) options.step = n;
    else errors.push(`step must be a whole number of steps (0 or more), got '${text.step}'`);
  }
  if (text.panels !== undefined) {
    const names = text.panels.split(/[\s,]+/).filter(Boolean);
    const unknown = names.filter((p) => !(PANEL_NAMES as readonly string[]).includes(p));
    if (unknown.length) errors.push(`unknown panel${unknown.length > 1 ? 's' : ''} ${unknown.map((p) => `'${p}'`).join(', ')} (panels: ${PANEL_NAMES.join(', ')})`);
    else if (names.length === 0) errors.push('panels names none (panels: ' + PANEL_NAMES.join(', ') + ')');
    else options.panels = [...new Set(names)] as PanelName[];
  }
  if (text.speed !== undefined) {
    const n = Number(text.speed.trim().replace(/x$/, ''));
    if ((SPEEDS as readonly number[]).includes(n)) options.speed = n;
    else errors.push(`speed must be one of ${SPEEDS.join(', ')}, got '${text.speed}'`);
  }
  return { options, errors };
}

// ---------------------------------------------------------------------------
// Writing.

/** The file's JSON for a recording (what `--trace` and `record` write). */
export function recordingToJSON(rec: Recording): RecordingJSON {
  // Key order as documented: format and version first, the trace last.
  const out: Partial<RecordingJSON> = { format: RECORDING_FORMAT, version: RECORDING_VERSION };
  if (rec.title !== undefined) out.title = rec.title;
  if (rec.description !== undefined) out.description = rec.description;
  out.options = rec.options;
  out.trace = traceToJSON(rec.trace);
  return out as RecordingJSON;
}

/** The file's text. */
export function writeRecording(rec: Recording): string {
  return JSON.stringify(recordingToJSON(rec));
}

// ---------------------------------------------------------------------------
// Reading.

const intArray = (what: string) =>
  v.custom<number[]>((x) => {
    if (!Array.isArray(x)) return false;
    for (let i = 0; i < x.length; i++) {
      const n = x[i];
      if (typeof n !== 'number' || (n | 0) !== n) return false;
    }
    return true;
  }, `${what} must be an array of 32-bit integers`);

/** What every trace version's JSON has (schema.ts's TraceJSON); the rest is the trace's own business. */
const TraceContainer = /* @__PURE__ */ v.looseObject({
  version: v.pipe(v.number(), v.integer()),
  strings: v.array(v.string()),
  times: v.array(v.number()),
  ops: /* @__PURE__ */ intArray('ops'),
  steps: /* @__PURE__ */ intArray('steps'),
  meta: v.looseObject({
    filename: v.string(),
    source: v.string(),
    exitCode: v.number(),
    pythonVersion: v.string(),
    wallMs: v.number(),
  }),
});

/** The envelope around the trace (checked before the trace, which readTrace reads). */
const Envelope = /* @__PURE__ */ v.looseObject({
  format: v.literal(RECORDING_FORMAT),
  version: v.pipe(v.number(), v.integer(), v.minValue(1)),
  title: v.optional(v.string()),
  description: v.optional(v.string()),
  // Read leniently, option by option (readOptions): a newer writer may add options or panels.
  options: v.optional(v.record(v.string(), v.unknown())),
  trace: v.record(v.string(), v.unknown()),
});

function describeIssues(issues: readonly v.BaseIssue<unknown>[], prefix: string): string {
  const parts = issues.slice(0, 3).map((issue) => {
    const path = v.getDotPath(issue);
    const where = path ? `${prefix}${path}` : prefix.replace(/\.$/, '') || 'the file';
    if (issue.received === 'undefined') return `${where} is missing`;
    return issue.kind === 'validation' || issue.type === 'custom' ? `${where}: ${issue.message}` : `${where} should be ${issue.expected}, not ${issue.received}`;
  });
  const more = issues.length > 3 ? ` (and ${issues.length - 3} more)` : '';
  return parts.join('; ') + more;
}

/** Where JSON text stops being complete: true if it ends inside a string or an open bracket. */
function endsEarly(text: string): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) depth++;
    else if (c === 125 || c === 93) depth--;
  }
  return inString || depth > 0;
}

function parseText(text: string): { value: unknown } | { error: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { error: 'The file is empty: it holds no recording.' };
  try {
    return { value: JSON.parse(trimmed) };
  } catch (e) {
    if (/^[{[]/.test(trimmed) && endsEarly(trimmed)) {
      return { error: `The recording is truncated: it ends after ${trimmed.length.toLocaleString('en')} characters, in the middle of its JSON. Download or copy it again.` };
    }
    if (trimmed.startsWith('<')) return { error: 'The file is an HTML page, not a recording (a wrong address, or a server\'s error page?).' };
    return { error: `The file is not a Loopscope recording: it is not JSON (${e instanceof Error ? e.message : String(e)}).` };
  }
}

/** The author's options as a reader takes them: what it knows, with a note for the rest. */
function readOptions(raw: Record<string, unknown> | undefined, steps: number, notes: string[]): RecordingOptions {
  const options: RecordingOptions = {};
  if (!raw) return options;
  for (const key of Object.keys(raw)) {
    if (!(OPTION_KEYS as readonly string[]).includes(key)) notes.push(`option '${key}' is not known here and was ignored`);
  }
  const { step, panels, speed } = raw;
  if (step !== undefined) {
    if (typeof step === 'number' && Number.isSafeInteger(step) && step >= 0) {
      options.step = Math.min(step, steps);
      if (step > steps) notes.push(`start step ${step} is past the last step (${steps}); opening at ${steps}`);
    } else notes.push(`start step ${JSON.stringify(step)} is not a step number and was ignored`);
  }
  if (panels !== undefined) {
    if (Array.isArray(panels)) {
      const known = panels.filter((p): p is PanelName => (PANEL_NAMES as readonly unknown[]).includes(p));
      const unknown = panels.filter((p) => !known.includes(p as PanelName));
      if (unknown.length) notes.push(`panel${unknown.length > 1 ? 's' : ''} ${unknown.map((p) => JSON.stringify(p)).join(', ')} not known here and left out`);
      if (known.length) options.panels = [...new Set(known)];
    } else notes.push('panels is not a list and was ignored');
  }
  if (speed !== undefined) {
    if (typeof speed === 'number' && (SPEEDS as readonly number[]).includes(speed)) options.speed = speed;
    else notes.push(`speed ${JSON.stringify(speed)} is not one of ${SPEEDS.join(', ')} and was ignored`);
  }
  return options;
}

function readTrace(json: Record<string, unknown>, prefix: string): { trace: Trace } | { error: string } {
  const version = json.version;
  if (typeof version === 'number' && Number.isInteger(version) && version > TRACE_VERSION) {
    return { error: `This recording holds a trace of version ${version}, newer than this Loopscope reads (version ${TRACE_VERSION}). Update Loopscope to open it.` };
  }
  const checked = v.safeParse(TraceContainer, json);
  if (!checked.success) return { error: `The recording is incomplete or damaged: ${describeIssues(checked.issues, prefix)}.` };
  let trace: Trace;
  try {
    trace = traceFromJSON(checked.output as unknown as TraceJSON);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    if (checked.output.version < TRACE_VERSION) {
      return { error: `This recording holds a trace of version ${checked.output.version}, which this Loopscope no longer reads (it reads version ${TRACE_VERSION}). Record the program again (loopscope record) to open it here. (${why})` };
    }
    return { error: `The recording's trace cannot be read: ${why}.` };
  }
  const problems = validateTrace(trace);
  if (problems.length) return { error: `The recording's trace is damaged: ${problems[0]}.` };
  return { trace };
}

/**
 * Read a recording from its file: text, bytes, or JSON already parsed (a
 * fetch's .json()). Never throws: anything it cannot use comes back as a
 * sentence for a person.
 *
 * Also reads a bare trace (what `--trace` wrote before recordings had an
 * envelope), as a recording without options, with a note.
 */
export function readRecording(input: string | Uint8Array | ArrayBuffer | unknown): ReadResult {
  try {
    let value: unknown = input;
    if (input instanceof ArrayBuffer || input instanceof Uint8Array) {
      const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
      if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
        return { ok: false, error: 'The file is gzip-compressed: unpack it (gunzip), or serve it with Content-Encoding: gzip.' };
      }
      value = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
    }
    if (typeof value === 'string') {
      const parsed = parseText(value);
      if ('error' in parsed) return { ok: false, error: parsed.error };
      value = parsed.value;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      const what = Array.isArray(value) ? 'a list' : value === null ? 'null' : `a ${typeof value}`;
      return { ok: false, error: `The file is JSON but not a Loopscope recording (it holds ${what}).` };
    }
    const obj = value as Record<string, unknown>;
    const notes: string[] = [];
    if (!('format' in obj) && 'ops' in obj && 'version' in obj) {
      // A bare trace: an old `--trace` file.
      const got = readTrace(obj, 'trace.');
      if ('error' in got) return { ok: false, error: got.error };
      notes.push('an old-style trace file (a trace without the recording envelope): opened without author options');
      return { ok: true, recording: { trace: got.trace, options: {} }, notes };
    }
    if (obj.format !== RECORDING_FORMAT) {
      return { ok: false, error: `The file is JSON but not a Loopscope recording (it has no "format": "${RECORDING_FORMAT}").` };
    }
    const version = obj.version;
    if (typeof version === 'number' && Number.isInteger(version) && version > RECORDING_VERSION) {
      return { ok: false, error: `This recording was made by a newer Loopscope (recording version ${version}; this one reads version ${RECORDING_VERSION}). Update Loopscope to open it.` };
    }
    const env = v.safeParse(Envelope, obj);
    if (!env.success) return { ok: false, error: `The recording is incomplete or damaged: ${describeIssues(env.issues, '')}.` };
    const got = readTrace(env.output.trace, 'trace.');
    if ('error' in got) return { ok: false, error: got.error };
    const options = readOptions(env.output.options, got.trace.steps.length, notes);
    const recording: Recording = { trace: got.trace, options };
    if (env.output.title !== undefined) recording.title = env.output.title;
    if (env.output.description !== undefined) recording.description = env.output.description;
    return { ok: true, recording, notes };
  } catch (e) {
    return { ok: false, error: `The recording could not be read: ${e instanceof Error ? e.message : String(e)}.` };
  }
}
