// The example gallery: real .py files with a metadata header
//   # title: ...
//   # description: ...   (one or more lines)
//   # note: ...          (for people reading the file; not shown)
// and, beside each, the stdout CPython prints for it (<name>.out), which the
// e2e tests compare with the console.

const files = import.meta.glob('./*.py', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

export interface Example {
  id: string;
  title: string;
  description: string;
  code: string;
}

const HEADER = /^#\s*(title|description|note):\s?(.*)$/;

export function parseExample(id: string, text: string): Example {
  const lines = text.split('\n');
  let title = id;
  const desc: string[] = [];
  let i = 0;
  for (; i < lines.length; i++) {
    const m = HEADER.exec(lines[i]);
    if (!m) break;
    if (m[1] === 'title') title = m[2].trim();
    else if (m[1] === 'description') desc.push(m[2].trim());
  }
  return { id, title, description: desc.join(' '), code: lines.slice(i).join('\n') };
}

export const EXAMPLES: Example[] = Object.entries(files)
  .map(([path, text]) => parseExample(path.replace(/^\.\//, '').replace(/\.py$/, ''), text))
  .sort((a, b) => a.id.localeCompare(b.id));

export const DEFAULT_EXAMPLE = EXAMPLES.find((e) => e.id === '07-tasks') ?? EXAMPLES[0];

export function findExample(id: string | null | undefined): Example | undefined {
  return EXAMPLES.find((e) => e.id === id);
}
