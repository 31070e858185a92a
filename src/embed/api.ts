// The message API of Loopscope's embeds, written once: the <loopscope-player>
// element (methods + DOM events) and the full playground in an iframe
// (`#…&embed=1`, window.postMessage) speak exactly these messages.
// Documented in docs/embedding.md; bump EMBED_API_VERSION on any change an
// existing host page would misread.
//
// Incoming commands come from a stranger's page (or a stranger's code): they
// are validated here with valibot, never by hand-written checks. Pure module:
// no DOM, no React, so the player, the app and Node tests import it alike.

import * as v from 'valibot';
import { PANEL_NAMES, SPEEDS, type PanelName } from '../trace/recording.ts';

// The panels and speeds are the recording's facts (recording.ts owns them): an
// embed offers exactly what a recording can ask for.
export { PANEL_NAMES, SPEEDS, type PanelName };

export const EMBED_API_VERSION = 1;
/** Every postMessage of this API carries `channel: EMBED_CHANNEL`, so other traffic on the window is ignored. */
export const EMBED_CHANNEL = 'loopscope';

/**
 * Largest program Loopscope accepts from outside (characters): a share link's
 * decoded code, an embed's `load {code}`. One fact; share.ts reads it too.
 */
export const MAX_CODE_CHARS = 200_000;

// ---- host -> embed ----------------------------------------------------------------

const stepNumber = v.pipe(v.number(), v.integer(), v.minValue(0));

const LoadCode = v.strictObject({ type: v.literal('load'), code: v.pipe(v.string(), v.maxLength(MAX_CODE_CHARS)) });
/** `recording`: the parsed recording JSON, or its text; checked by the recording reader, not here. */
const LoadRecording = v.strictObject({ type: v.literal('load'), recording: v.union([v.string(), v.looseObject({})]) });

/** Each command's schema by its type (a rejected command is explained by its own schema's issues). */
const BY_TYPE = {
  load: v.union([LoadCode, LoadRecording], 'load takes { code: string } or { recording }, nothing else'),
  run: v.strictObject({ type: v.literal('run') }),
  goto: v.strictObject({ type: v.literal('goto'), step: stepNumber }),
  play: v.strictObject({ type: v.literal('play') }),
  pause: v.strictObject({ type: v.literal('pause') }),
  setSpeed: v.strictObject({ type: v.literal('setSpeed'), speed: v.pipe(v.number(), v.finite(), v.minValue(0.01), v.maxValue(1000)) }),
};

export const CommandSchema = v.union([LoadCode, LoadRecording, BY_TYPE.run, BY_TYPE.goto, BY_TYPE.play, BY_TYPE.pause, BY_TYPE.setSpeed]);
export type Command = v.InferOutput<typeof CommandSchema>;
export type CommandType = Command['type'];
export const COMMAND_TYPES: readonly CommandType[] = ['load', 'run', 'goto', 'play', 'pause', 'setSpeed'];

// ---- embed -> host ----------------------------------------------------------------

export type EmbedEvent =
  /** The embed is ready for commands (its recording, if any, is loaded). */
  | { type: 'ready'; version: number }
  /** A run finished recording (live Run, or a recording loaded). */
  | { type: 'recorded'; steps: number; exitStatus: number }
  /** The shown step changed: step k of n, virtual time in seconds. */
  | { type: 'step'; k: number; n: number; time: number }
  /** The embed's content height changed (CSS pixels). */
  | { type: 'resize'; height: number }
  /** Something could not be done; `message` is for a human. */
  | { type: 'error'; message: string };
export type EmbedEventType = EmbedEvent['type'];
export const EMBED_EVENT_TYPES: readonly EmbedEventType[] = ['ready', 'recorded', 'step', 'resize', 'error'];

const count = v.pipe(v.number(), v.integer(), v.minValue(0));
const EventSchema = v.variant('type', [
  v.object({ type: v.literal('ready'), version: v.pipe(v.number(), v.integer()) }),
  v.object({ type: v.literal('recorded'), steps: count, exitStatus: v.pipe(v.number(), v.integer()) }),
  v.object({ type: v.literal('step'), k: count, n: count, time: v.pipe(v.number(), v.finite()) }),
  v.object({ type: v.literal('resize'), height: v.pipe(v.number(), v.finite(), v.minValue(0)) }),
  v.object({ type: v.literal('error'), message: v.string() }),
]);

// ---- the postMessage envelope -----------------------------------------------------

/**
 * On the wire (iframe): `{ channel: 'loopscope', version, id?, ...message }`.
 * `id` is the embed's own name (from its URL's `id=` option), echoed in every
 * event it sends so a page with several frames can tell them apart.
 */
export interface Envelope {
  channel: typeof EMBED_CHANNEL;
  version: number;
  id?: string;
}

const EnvelopeSchema = v.looseObject({
  channel: v.literal(EMBED_CHANNEL),
  version: v.pipe(v.number(), v.integer()),
  id: v.optional(v.pipe(v.string(), v.maxLength(200))),
});

export type ParsedCommand =
  | { ok: true; command: Command; id?: string }
  /** Not ours at all (no `channel: 'loopscope'`): ignore silently. */
  | { ok: false; ours: false }
  /** Ours but unusable (unknown type, bad fields, other version): ignore and log once. */
  | { ok: false; ours: true; reason: string };

/** Validate one incoming postMessage payload. Never throws. */
export function parseCommandMessage(data: unknown): ParsedCommand {
  const env = v.safeParse(EnvelopeSchema, data);
  if (!env.success) return { ok: false, ours: false };
  const { channel: _c, version, id, ...rest } = env.output;
  void _c;
  if (version !== EMBED_API_VERSION)
    return { ok: false, ours: true, reason: `message of API version ${version}; this embed speaks version ${EMBED_API_VERSION}` };
  return parseCommand(rest, id);
}

/** Validate a command given without the envelope (the element's methods build these). Never throws. */
export function parseCommand(data: unknown, id?: string): ParsedCommand {
  const r = v.safeParse(CommandSchema, data);
  if (r.success) return id === undefined ? { ok: true, command: r.output } : { ok: true, command: r.output, id };
  const type = typeof data === 'object' && data !== null && 'type' in data ? String((data as { type: unknown }).type) : '?';
  if (!(COMMAND_TYPES as readonly string[]).includes(type))
    return { ok: false, ours: true, reason: `ignored message '${type.slice(0, 40)}': not a command of this API (${COMMAND_TYPES.join(', ')})` };
  const own = v.safeParse(BY_TYPE[type as CommandType], data);
  const issues = own.success ? r.issues : own.issues;
  return { ok: false, ours: true, reason: `ignored message '${type}': ${v.summarize(issues).split('\n')[0].replace(/^× /, '')}` };
}

/**
 * Validate one event a host receives from an embed (the host helper, tests):
 * the event and the embed's id, or null for anything else. Never throws.
 */
export function parseEventMessage(data: unknown): { event: EmbedEvent; id?: string } | null {
  const env = v.safeParse(EnvelopeSchema, data);
  if (!env.success || env.output.version !== EMBED_API_VERSION) return null;
  const r = v.safeParse(EventSchema, data);
  if (!r.success) return null;
  const event = r.output as EmbedEvent;
  return env.output.id === undefined ? { event } : { event, id: env.output.id };
}

/** An event wrapped for postMessage. */
export function eventMessage(ev: EmbedEvent, id?: string): EmbedEvent & Envelope {
  return id === undefined ? { channel: EMBED_CHANNEL, version: EMBED_API_VERSION, ...ev } : { channel: EMBED_CHANNEL, version: EMBED_API_VERSION, id, ...ev };
}

/** A command wrapped for postMessage (what a host page sends; also used by tests). */
export function commandMessage(cmd: Command, id?: string): Command & Envelope {
  return id === undefined ? { channel: EMBED_CHANNEL, version: EMBED_API_VERSION, ...cmd } : { channel: EMBED_CHANNEL, version: EMBED_API_VERSION, id, ...cmd };
}

/** The speed setSpeed(x) lands on: the nearest offered speed. */
export function snapSpeed(x: number): number {
  let best: number = SPEEDS[0];
  for (const s of SPEEDS) if (Math.abs(Math.log(s / x)) < Math.abs(Math.log(best / x))) best = s;
  return best;
}

/** Parse a `panels="ready,timers"` list: known names in canonical order; unknown ones reported. */
export function parsePanels(list: string | null | undefined): { panels: PanelName[]; unknown: string[] } {
  if (list == null || list.trim() === '') return { panels: [...PANEL_NAMES], unknown: [] };
  const asked = new Set(list.split(/[\s,]+/).filter(Boolean).map((s) => s.toLowerCase()));
  const panels = PANEL_NAMES.filter((p) => asked.has(p));
  const unknown = [...asked].filter((s) => !(PANEL_NAMES as readonly string[]).includes(s));
  return { panels, unknown };
}

/** A logger that says each distinct reason once (unknown messages are "ignored and logged once"). */
export function onceLogger(log: (msg: string) => void = (m) => console.warn(`[loopscope] ${m}`)): (reason: string) => void {
  const seen = new Set<string>();
  return (reason) => {
    if (seen.has(reason) || seen.size > 100) return;
    seen.add(reason);
    log(reason);
  };
}
