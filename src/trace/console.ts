// The console as lines: output chunks (OUT events, see logs.ts) split per
// stream, each line with the step that printed its first character.

import type { ConsoleChunk } from './views.ts';

export interface ConsoleLine {
  readonly fd: 1 | 2;
  readonly text: string;
  /** Step whose output began this line (a line may be finished by later chunks). */
  readonly step: number;
}

/**
 * Split output chunks into lines. stdout and stderr are split separately (a
 * chunk on one does not end a line open on the other); a trailing line with
 * no newline yet is included. Each line gets the step that printed its first
 * character, so clicking it seeks to where it starts appearing.
 */
export function consoleLines(chunks: readonly ConsoleChunk[]): ConsoleLine[] {
  const out: { fd: 1 | 2; text: string; step: number }[] = [];
  const open: [null, number, number] = [null, -1, -1]; // open line index per fd (1, 2)
  for (const ch of chunks) {
    const parts = ch.text.split('\n');
    for (let i = 0; i < parts.length; i++) {
      const last = i === parts.length - 1;
      const p = parts[i];
      const o = open[ch.fd];
      if (o >= 0) out[o].text += p;
      else if (p !== '' || !last) {
        out.push({ fd: ch.fd, text: p, step: ch.step });
        open[ch.fd] = out.length - 1;
      }
      if (!last) open[ch.fd] = -1;
    }
  }
  return out;
}
