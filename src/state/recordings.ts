// Recordings in the playground (docs/embedding.md, "Recordings"): open one (a
// dropped file, `#recording=<same-origin URL>`, an embed's `load {recording}`)
// into the editor and the panels without running Python, and save the current
// run as one ("Download recording"). Reading and writing the file is
// recording.ts's; this module only puts a recording in the store and takes
// one out. Loaded on demand (import()), so the page's first chunk does not
// carry the recording reader.

import { TracePlayer } from '../trace/index.ts';
import { readRecording, writeRecording, type Recording, type RecordingOptions } from '../trace/recording.ts';
import { EXAMPLES, findExample } from '../examples/index.ts';
import { prepareWhenIdle } from './run-slice.ts';
import { useStore } from './store.ts';

export interface OpenOptions {
  /** A start step given from outside (a link's `step=`): wins over the author's. */
  step?: number | null;
  /** Keep the panels shown now (an embed's `panels=` wins over the author's). */
  keepPanels?: boolean;
  /** Keep the speed set now (an embed's `speed=` wins over the author's). */
  keepSpeed?: boolean;
}

export type OpenResult = { ok: true; steps: number } | { ok: false; error: string };

/**
 * Open a recording: text, bytes or parsed JSON. `what` names it in messages
 * ("tasks.json"). A file that cannot be read changes nothing but the notice,
 * which says why (recording.ts's sentence). Never throws.
 */
export function openRecording(input: unknown, what: string, opts: OpenOptions = {}): OpenResult {
  const r = readRecording(input);
  if (!r.ok) {
    useStore.getState().setNotice({ kind: 'bad-recording', level: 'error', text: `Could not open ${what}. ${r.error} Nothing was changed: your code is as you left it.` });
    return { ok: false, error: r.error };
  }
  return { ok: true, steps: show(r.recording, r.notes, opts) };
}

/** Put a recording's source in the editor and its run in the panels. */
function show(rec: Recording, notes: string[], opts: OpenOptions): number {
  const { trace, options } = rec;
  const player = new TracePlayer(trace);
  const n = player.steps;
  const code = trace.meta.source;
  const ex = EXAMPLES.find((e) => e.code === code);
  const s = useStore.getState();
  s.pause();
  const panels = opts.keepPanels ? s.panels : (options.panels ?? null);
  const title = rec.title ?? trace.meta.filename;
  const told: string[] = [];
  if (!opts.keepPanels && options.panels) told.push(`its author shows the ${options.panels.join(', ')} panel${options.panels.length > 1 ? 's' : ''}`);
  told.push(...notes);
  useStore.setState((st) => ({
    // Like a link's code, a recording's is not the reader's until they edit it: not autosaved.
    code,
    exampleId: ex?.id ?? null,
    codeFromLink: true,
    codeVersion: st.codeVersion + 1,
    player,
    outcome: { seq: 0, exitCode: trace.meta.exitCode, stdout: '', stderr: '', wallMs: trace.meta.wallMs, blocked: [] },
    k: Math.min(opts.step ?? options.step ?? n, n),
    playing: false,
    pendingStep: null,
    runError: null,
    speed: opts.keepSpeed || options.speed === undefined ? st.speed : options.speed,
    panels,
    recordingTitle: title,
    notice: st.embed
      ? null
      : {
          kind: 'recording',
          level: 'info',
          text: `Opened the recording “${title}”: ${n} steps, recorded by Python ${trace.meta.pythonVersion}${told.length ? `; ${told.join('; ')}` : ''}. Run records it again here.`,
          ...(panels ? { action: 'all-panels' as const } : {}),
        },
  }));
  prepareWhenIdle(player, useStore.getState);
  return n;
}

/** Fetch a recording from a same-origin URL (the caller checked the origin) and open it. */
export async function fetchRecording(url: string, opts: OpenOptions = {}): Promise<OpenResult> {
  const name = decodeURIComponent(new URL(url).pathname.split('/').pop() || url);
  const fail = (why: string): OpenResult => {
    useStore.getState().setNotice({ kind: 'bad-recording', level: 'error', text: `Could not open the recording ${name}: ${why} Nothing was changed: your code is as you left it.` });
    return { ok: false, error: why };
  };
  let res: Response;
  try {
    res = await fetch(url, { credentials: 'same-origin' });
  } catch (e) {
    return fail(`it could not be fetched (${e instanceof Error ? e.message : String(e)}).`);
  }
  if (!res.ok) return fail(`the server answered ${res.status}${res.statusText ? ' ' + res.statusText : ''}.`);
  return openRecording(await res.arrayBuffer(), `the recording ${name}`, opts);
}

/** The current run as a recording, with the page's step, panels and speed as its options; null before any run. */
export function currentRecording(): Recording | null {
  const s = useStore.getState();
  if (!s.player) return null;
  const options: RecordingOptions = { step: s.k };
  if (s.panels) options.panels = [...s.panels];
  if (s.speed !== 1) options.speed = s.speed;
  const ex = s.player.trace.meta.source === s.code ? findExample(s.exampleId) : undefined;
  const rec: Recording = { trace: s.player.trace, options };
  const title = ex?.title ?? (s.codeFromLink ? s.recordingTitle : null);
  if (title) rec.title = title;
  if (ex?.description) rec.description = ex.description;
  return rec;
}

/** A file name for a recording: its title as a slug, else `loopscope-recording.json`. */
export function recordingFileName(rec: Pick<Recording, 'title'>): string {
  const slug = (rec.title ?? '')
    .toLowerCase()
    .replace(/\.py$/, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${slug || 'loopscope-recording'}.json`;
}

/** The current run's recording as file text, or null before any run. */
export function currentRecordingText(): string | null {
  const rec = currentRecording();
  return rec ? writeRecording(rec) : null;
}

/** Save the current run as a recording file (the browser's download). */
export function downloadRecording(): boolean {
  const rec = currentRecording();
  if (!rec) return false;
  const url = URL.createObjectURL(new Blob([writeRecording(rec)], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = recordingFileName(rec);
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
  return true;
}
