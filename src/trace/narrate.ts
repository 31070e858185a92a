// One plain sentence per step: what the loop did in step k and why. Derived
// only from the step's own events (RUN .. next RUN) plus whole-trace names
// (index), so it states facts and never guesses: "Task-2 ran main() until it
// awaited Future-3 (sleep): a timer was set for t=1.000 and Task-2 now waits
// on it; then the clock jumped to t=1.000 and timer … fell due."

import { eventSize, stepEnd, stepStart } from './decode.ts';
import { ErrorKind, LIMIT_NAMES, NO_ID, Op, TaskState, ownerCallbackOf, ownerTask, type Trace } from './schema.ts';
import { indexOf, type TraceIndex } from './trace-index.ts';

const fmtTime = (t: number) => `t=${t.toFixed(3)}`;
const plural = (n: number, one: string, many = one + 's') => `${n} ${n === 1 ? one : many}`;

/** Shorten a label for a sentence (labels can carry long argument reprs). */
function short(s: string, max = 60): string {
  return s.length > max ? s.slice(0, max - 1) + '…' : s;
}

/** "a", "a and b", "a, b and c". */
function joinAnd(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return items.slice(0, -1).join(', ') + ' and ' + items[items.length - 1];
}

/** Join clauses that may contain "and" themselves: "a, b, and c" (serial comma when needed). */
function joinClauses(items: string[]): string {
  if (items.length <= 1) return items.join('');
  if (items.length === 2 && !items.some((x) => x.includes(' and '))) return items.join(' and ');
  return items.slice(0, -1).join(', ') + ', and ' + items[items.length - 1];
}

/** Name a list of things: all of them if few, else a count. */
function some(items: string[], noun: string, many = noun + 's'): string {
  return items.length <= 3 ? `${items.length === 1 ? noun : many} ${joinAnd(items)}` : plural(items.length, noun, many);
}

function linesIn(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return n === 0 && text.length > 0 ? 1 : n;
}

/** What code did: scheduling, printing, finishing futures. */
interface Effects {
  soons: { h: number; label: string; task: number }[];
  timers: { label: string; when: number; callbackOf: number }[];
  cancels: number;
  tasksNew: string[];
  /** Ids of the tasks created in this step (their first step's SOON goes unsaid). */
  tasksNewIds: Set<number>;
  futDone: { id: number; state: number; text: string }[];
  printed: number;
  /** What was printed, up to a little past the first line (for quoting it). */
  printedText: string;
  blocks: { label: string; duration: number }[];
}

interface StepFacts {
  handle: number;
  /** What the handle did (between its RUN and DONE; for step 0, the top level). */
  during: Effects;
  /**
   * What code outside any handle did after the DONE, before the next RUN: the
   * top level between two runs of the loop, asyncio.run's clean-up, the
   * selector queueing I/O callbacks. Never the handle's doing.
   */
  between: Effects;
  /** Last TASK_STATE of the task that ran: [state, waitOn] or null. */
  ownState: [number, number] | null;
  // After DONE (what the loop did before the next handle).
  jumpedTo: number | null;
  due: string[];
  skipped: string[];
  // Anywhere in the step.
  limit: string | null;
  error: string | null;
  exit: number | null;
}

function noEffects(): Effects {
  return { soons: [], timers: [], cancels: 0, tasksNew: [], tasksNewIds: new Set(), futDone: [], printed: 0, printedText: '', blocks: [] };
}

function gather(trace: Trace, ix: TraceIndex, k: number): StepFacts {
  const { ops, strings: S, times: T } = trace;
  const f: StepFacts = {
    handle: -1,
    during: noEffects(),
    between: noEffects(),
    ownState: null,
    jumpedTo: null,
    due: [],
    skipped: [],
    limit: null,
    error: null,
    exit: null,
  };
  let ranTask = -1;
  let after = k === 0; // step 0 has no handle: everything is "the top level"
  for (let i = stepStart(trace, k), end = stepEnd(trace, k); i < end; ) {
    const op = ops[i];
    const a = ops[i + 1];
    const fx = after && k > 0 ? f.between : f.during;
    switch (op) {
      case Op.RUN:
        f.handle = a;
        ranTask = ix.stepTask[k];
        break;
      case Op.DONE:
        if (a === f.handle) after = true;
        break;
      case Op.SOON:
        fx.soons.push({ h: a, label: S[ops[i + 2]], task: ownerTask(ops[i + 3]) ?? NO_ID });
        break;
      case Op.AT:
        fx.timers.push({ label: S[ops[i + 2]], when: T[ops[i + 4]], callbackOf: ownerCallbackOf(ops[i + 3]) ?? NO_ID });
        break;
      case Op.CANCEL:
        fx.cancels++;
        break;
      case Op.TASK_NEW:
        if (!fx.tasksNewIds.has(a)) fx.tasksNew.push(S[ops[i + 2]]);
        fx.tasksNewIds.add(a);
        break;
      case Op.TASK_STATE:
        if (a === ranTask) f.ownState = [ops[i + 2], ops[i + 3]];
        break;
      case Op.FUT_DONE:
        fx.futDone.push({ id: a, state: ops[i + 2], text: S[ops[i + 3]] });
        break;
      case Op.OUT:
        fx.printed += linesIn(S[ops[i + 2]]);
        if (fx.printedText.length < 80) fx.printedText += S[ops[i + 2]].slice(0, 80);
        break;
      case Op.BLOCK:
        fx.blocks.push({ label: S[ops[i + 2]], duration: T[ops[i + 3]] });
        break;
      case Op.CLOCK:
        if (after) f.jumpedTo = T[a];
        break;
      case Op.DUE:
        f.due.push(ix.handleLabel(a));
        break;
      case Op.SKIP:
        f.skipped.push(ix.handleLabel(a));
        break;
      case Op.LIMIT:
        f.limit = `the run hit its ${LIMIT_NAMES[a] ?? 'stop'} limit (${S[ops[i + 2]]})`;
        break;
      case Op.ERROR: {
        const msg = S[ops[i + 4]].trim().split('\n').pop() ?? '';
        const line = ops[i + 2];
        f.error = `${ops[i + 1] === ErrorKind.SYNTAX ? 'a syntax error' : 'an uncaught error'}${line ? ` at line ${line}` : ''}: ${short(msg, 80)}`;
        break;
      }
      case Op.EXIT:
        f.exit = a;
        break;
    }
    i += eventSize(ops, i);
  }
  return f;
}

/** Side effects as verb phrases ("printed 1 line"). */
function effects(f: Effects, ix: TraceIndex, skipTimerOf: number, skipSoonOfTask: number, ranTask: number): string[] {
  const out: string[] = [];
  // Quote what was printed: it is how the reader matches a step to the console.
  const first = f.printedText.split('\n')[0];
  if (f.printed === 1) out.push(`printed “${short(first, 40)}”`);
  else if (f.printed) out.push(`printed ${plural(f.printed, 'line')}, first “${short(first, 40)}”`);
  if (f.tasksNew.length) out.push(`created ${some(f.tasksNew, 'task')}`);
  // A queued step of another task is that task being woken (or started).
  const woken: string[] = [];
  const soons: string[] = [];
  for (const x of f.soons) {
    if (x.task >= 0 && (x.task === skipSoonOfTask || f.tasksNewIds.has(x.task))) continue;
    if (x.task >= 0 && x.task !== ranTask) woken.push(ix.objectName(x.task));
    else soons.push(short(x.label));
  }
  if (soons.length) out.push(soons.length <= 3 ? `scheduled ${joinAnd(soons)}` : `scheduled ${plural(soons.length, 'callback')}`);
  const timers = f.timers.filter((t) => t.callbackOf !== skipTimerOf || skipTimerOf < 0);
  if (timers.length === 1) out.push(`set a timer for ${fmtTime(timers[0].when)} (${short(timers[0].label)})`);
  else if (timers.length) out.push(`set ${timers.length} timers`);
  const done = f.futDone.filter((d) => d.id !== ranTask);
  if (done.length <= 2) {
    for (const d of done) {
      const name = ix.objectName(d.id);
      if (d.state === TaskState.CANCELLED) out.push(`cancelled ${name}`);
      else if (d.state === TaskState.FAILED) out.push(`failed ${name} with ${short(d.text)}`);
      else out.push(`resolved ${name}${d.text ? ` with ${short(d.text)}` : ''}`);
    }
  } else out.push(`finished ${done.length} futures`);
  if (woken.length) out.push(`woke ${woken.length <= 3 ? joinAnd(woken) : plural(woken.length, 'task')}`);
  if (f.cancels) out.push(`cancelled ${plural(f.cancels, 'handle')}`);
  for (const b of f.blocks) out.push(`blocked the whole loop for ${b.duration.toFixed(3)} s in ${short(b.label)}`);
  return out;
}

/** What happened after the handle, before the next one: "; then the clock jumped ...". */
function aftermath(f: StepFacts, ix: TraceIndex): string {
  const parts: string[] = [];
  // In the order the loop does them: drop cancelled handles; code outside any
  // handle runs (the top level, asyncio.run's clean-up, the selector); then
  // (next iteration) jump the clock and move due timers to the queue.
  if (f.skipped.length) parts.push(`${some(f.skipped.map((l) => short(l)), 'cancelled handle')} ${f.skipped.length === 1 ? 'was' : 'were'} dropped unrun`);
  const between = effects(f.between, ix, -1, -1, -1);
  if (between.length) parts.push(`between handles the program ${joinClauses(between)}`);
  const due = f.due.map((l) => `timer ${short(l)}`);
  const dueText = due.length <= 2 ? joinAnd(due) : `${due.length} timers`;
  if (f.jumpedTo !== null && due.length) parts.push(`the clock jumped to ${fmtTime(f.jumpedTo)}, where ${dueText} fell due`);
  else if (f.jumpedTo !== null) parts.push(`the clock jumped to ${fmtTime(f.jumpedTo)}`);
  else if (due.length) parts.push(`${dueText} fell due`);
  if (f.error) parts.push(f.error);
  if (f.limit) parts.push(f.limit);
  if (f.exit !== null && f.exit !== 0) parts.push(`the program exited with status ${f.exit}`);
  return parts.length ? `; then ${joinClauses(parts)}` : '';
}

/** One sentence saying what the loop did in step k (0..N) and why. */
export function narrate(trace: Trace, k: number, ix: TraceIndex = indexOf(trace)): string {
  const n = trace.steps.length;
  k = Math.max(0, Math.min(n, Math.floor(k)));
  const f = gather(trace, ix, k);

  if (k === 0) {
    const eff = effects(f.during, ix, -1, -1, -1);
    let s = eff.length ? `Step 0: the program's top level ${joinClauses(eff)}` : `Step 0: nothing has run on the event loop yet`;
    if (n === 0 && !eff.length) s = 'Step 0: the program ended without running anything on the event loop';
    return s + aftermath(f, ix) + '.';
  }

  const h = f.handle;
  const owner = ix.handleOwner(h);
  const task = ix.stepTask[k];
  let subject: string;
  let outcome = '';
  let skipTimerOf = -1;
  let skipSoonOf = -1;
  if (task >= 0) {
    const name = ix.objectName(task);
    subject = `${name} ran ${ix.taskCoro(task) || 'its coroutine'}`;
    const st = f.ownState;
    if (st && st[0] === TaskState.WAITING && st[1] >= 0) {
      const w = st[1];
      const wname = ix.objectName(w);
      const timer = f.during.timers.find((t) => t.callbackOf === w);
      if (timer) {
        skipTimerOf = w;
        outcome = ` until it awaited ${wname}: a timer was set for ${fmtTime(timer.when)} and ${name} now waits on it`;
      } else if (ix.isTask(w)) {
        outcome = ` until it awaited ${wname}; ${name} now waits for it to finish`;
      } else {
        outcome = ` until it awaited ${wname}; ${name} now waits on it`;
      }
    } else if ((st && st[0] === TaskState.READY) || (!st && f.during.soons.some((x) => x.task === task))) {
      // No TASK_STATE: the runtime records none when the task is ready again
      // at the await it was last recorded ready at (sleep(0) in a loop).
      skipSoonOf = task;
      outcome = ' until it yielded to the loop; its next step is queued';
    } else if (st && st[0] === TaskState.DONE) {
      const text = f.during.futDone.find((d) => d.id === task)?.text ?? '';
      outcome = ` to completion${text && text !== 'None' ? ` (result ${short(text)})` : ''}`;
    } else if (st && st[0] === TaskState.FAILED) {
      const text = f.during.futDone.find((d) => d.id === task)?.text ?? '';
      outcome = ` and it failed${text ? ` with ${short(text, 60)}` : ''}`;
    } else if (st && st[0] === TaskState.CANCELLED) {
      outcome = ' and it was cancelled';
    }
  } else {
    const label = short(ix.handleLabel(h) || `handle ${h}`);
    const of = ownerCallbackOf(owner) ?? NO_ID;
    // A queued handle with a future owner is one of its done callbacks; a
    // timer with one acts on it (sleep's _set_result_unless_cancelled).
    if (ix.handleIsTimer(h)) subject = of >= 0 && !labelNames(label, ix.objectName(of)) ? `Timer ${label} (for ${ix.objectName(of)}) ran` : `Timer ${label} ran`;
    else subject = of >= 0 ? `${label} ran as a done callback of ${ix.objectName(of)}` : `${label} ran`;
  }
  const eff = effects(f.during, ix, skipTimerOf, skipSoonOf, task);
  let s = subject + outcome;
  if (eff.length) s += outcome ? `; it also ${joinClauses(eff)}` : ` and ${joinClauses(eff)}`;
  return s + aftermath(f, ix) + '.';
}

/** Whether a handle's label already names the object ("end of sleep: resolve Future-1" names "Future-1 (sleep)"). */
export function labelNames(label: string, objectName: string): boolean {
  const bare = objectName.split(' (')[0];
  const at = label.indexOf(bare);
  return at >= 0 && !/\d/.test(label.charAt(at + bare.length));
}
