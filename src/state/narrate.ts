// One plain sentence per step: what the loop just did and why. Built from the
// events of the step (RUN .. next RUN) against the trace index.

import { OPERANDS, Op, TASK_STATE_NAMES, TaskState, type Trace } from '../trace/schema.ts';
import { type TraceIndex, stepEvents } from './player.ts';

const fmt = (t: number) => `t = ${t.toFixed(3)} s`;

function quoteOut(s: string): string {
  const one = s.replace(/\n$/, '').split('\n')[0];
  return one.length > 40 ? `“${one.slice(0, 37)}…”` : `“${one}”`;
}

export function narrateStep(ix: TraceIndex, k: number): string {
  const trace: Trace = ix.trace;
  const { ops, strings, times } = trace;
  const n = ix.n;
  const name = (id: number) => ix.taskName.get(id) ?? ix.futureName.get(id) ?? `#${id}`;
  if (n === 0 && k === 0) {
    if (ix.errors.length) return `The program stopped before the event loop ran: ${ix.errors[0].message.split('\n').pop()}`;
    return 'The program finished without running any handle on the event loop.';
  }
  const [start, end] = stepEvents(ix, k);
  const parts: string[] = [];
  let ran = '';
  const scheduled: string[] = [];
  const timers: string[] = [];
  const due: string[] = [];
  const waits: string[] = [];
  const finished: string[] = [];
  const printed: string[] = [];
  let jumped = '';
  let blocked = '';
  let skipped = 0;
  let tail = '';
  for (let i = start; i < end; ) {
    const op = ops[i];
    const a = ops[i + 1];
    switch (op) {
      case Op.RUN:
        ran = ix.handles.get(a)?.label ?? `handle ${a}`;
        break;
      case Op.SOON:
        scheduled.push(strings[ops[i + 2]] || `handle ${a}`);
        break;
      case Op.AT:
        timers.push(`${strings[ops[i + 2]] || 'a callback'} at ${fmt(times[ops[i + 4]])}`);
        break;
      case Op.DUE:
        due.push(ix.handles.get(a)?.label ?? `handle ${a}`);
        break;
      case Op.SKIP:
        skipped++;
        break;
      case Op.CLOCK:
        if (ran) jumped = fmt(times[a]);
        break;
      case Op.BLOCK:
        blocked = `${strings[ops[i + 2]] || 'a blocking call'} blocked the whole loop for ${times[ops[i + 3]].toFixed(3)} s`;
        break;
      case Op.TASK_STATE: {
        const st = TASK_STATE_NAMES[ops[i + 2]];
        if (st === 'waiting') waits.push(`${name(a)} now waits on ${ops[i + 3] >= 0 ? name(ops[i + 3]) : 'something'}`);
        else if (st === 'done' || st === 'failed' || st === 'cancelled')
          finished.push(`${name(a)} ${st === 'done' ? 'finished' : st === 'failed' ? 'failed' : 'was cancelled'}`);
        break;
      }
      case Op.FUT_DONE: {
        if (!ix.taskName.has(a)) {
          const st = ops[i + 2];
          const text = strings[ops[i + 3]] || '';
          finished.push(
            st === TaskState.DONE
              ? `${name(a)} got its result${text && text !== 'None' ? ` ${text}` : ''}`
              : st === TaskState.CANCELLED
                ? `${name(a)} was cancelled`
                : `${name(a)} failed with ${text}`,
          );
        }
        break;
      }
      case Op.OUT:
        printed.push(quoteOut(strings[ops[i + 2]] ?? ''));
        break;
      case Op.LIMIT:
        tail = `The run was ended: ${strings[ops[i + 2]]}.`;
        break;
      case Op.EXIT:
        if (!tail) tail = `The program exited with status ${a}.`;
        break;
      case Op.ERROR:
        if (ops[i + 1] === 1) tail = `An exception was not caught: ${(strings[ops[i + 4]] ?? '').split('\n').filter(Boolean).pop() ?? ''}.`;
        break;
    }
    i += 1 + (OPERANDS[op] ?? 0);
  }
  if (k === 0) {
    parts.push(
      `Before the first step: the program set up ${scheduled.length + due.length} ready handle${scheduled.length + due.length === 1 ? '' : 's'} and ${timers.length} timer${timers.length === 1 ? '' : 's'}; the loop is about to run`,
    );
    if (printed.length) parts.push(`it printed ${printed.slice(0, 2).join(', ')}`);
    return parts.join('; ') + '.';
  }
  let s = `The loop ran ${ran}`;
  const effects: string[] = [];
  if (printed.length) effects.push(`printed ${printed.slice(0, 2).join(', ')}${printed.length > 2 ? ` and ${printed.length - 2} more` : ''}`);
  if (blocked) effects.push(blocked);
  if (timers.length) effects.push(`set a timer: ${timers[0]}${timers.length > 1 ? ` (+${timers.length - 1} more)` : ''}`);
  effects.push(...finished.slice(0, 2));
  effects.push(...waits.slice(0, 2));
  if (scheduled.length) effects.push(`queued ${scheduled[0]}${scheduled.length > 1 ? ` and ${scheduled.length - 1} more` : ''}`);
  if (effects.length) s += ': ' + effects.join('; ');
  const after: string[] = [];
  if (jumped) after.push(`nothing else was ready, so the clock jumped to ${jumped}`);
  if (due.length) after.push(`${due.length === 1 ? `the timer for ${due[0]} fell due` : `${due.length} timers fell due`} and moved into the ready queue`);
  if (skipped) after.push(`${skipped} cancelled handle${skipped > 1 ? 's were' : ' was'} dropped`);
  if (after.length) s += '. Then ' + after.join(', ');
  s += '.';
  if (tail) s += ' ' + tail;
  return s;
}
