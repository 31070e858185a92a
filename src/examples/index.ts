// The example gallery: real .py files with a metadata header
//   # title: ...
//   # description: ...   (one or more lines)
//   # note: ...          (for people reading the file; not shown)
// (the header of recordings too: parseHeader in src/trace/recording.ts, which
// also reads the author's options `# step:`, `# panels:`, `# speed:`)
// and, beside each, the stdout CPython prints for it (<name>.out), which the
// e2e tests compare with the console.

import { parseHeader } from '../trace/recording.ts';

const files = import.meta.glob('./*.py', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

export interface Example {
  id: string;
  title: string;
  description: string;
  code: string;
}

export function parseExample(id: string, text: string): Example {
  const header = parseHeader(text);
  return { id, title: header.title ?? id, description: header.description ?? '', code: text.split('\n').slice(header.lines).join('\n') };
}

export const EXAMPLES: Example[] = Object.entries(files)
  .map(([path, text]) => parseExample(path.replace(/^\.\//, '').replace(/\.py$/, ''), text))
  .sort((a, b) => a.id.localeCompare(b.id));

export const DEFAULT_EXAMPLE = EXAMPLES.find((e) => e.id === '07-tasks') ?? EXAMPLES[0];

export function findExample(id: string | null | undefined): Example | undefined {
  return EXAMPLES.find((e) => e.id === id);
}
