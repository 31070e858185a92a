// The Monaco editor (lazy-loaded chunk). Shows, for the current step: the lines
// the step ran (highlighted), one gutter marker per suspended task at the line
// it waits on (in the task's colour), and syntax errors / tracebacks as markers.
import { useEffect, useRef } from 'react';
import Editor, { type OnMount } from '@monaco-editor/react';
import { monaco } from './monaco-setup.ts';
import { useStore } from '../../state/store.ts';
import { TASK_PALETTE } from '../colours.ts';
import type { CodeMarks } from '../../trace/index.ts';
import { takeReachedFor } from './when.ts';

type IEditor = Parameters<OnMount>[0];

// One object for the life of the page: @monaco-editor/react calls updateOptions whenever
// the options object changes, and the editor re-renders at every step (its marks).
const OPTIONS = {
  fontSize: 15,
  minimap: { enabled: false },
  glyphMargin: true,
  scrollBeyondLastLine: false,
  automaticLayout: true,
  acceptSuggestionOnEnter: 'off',
  quickSuggestions: false,
  tabSize: 4,
  insertSpaces: true,
  renderLineHighlight: 'none',
  renderFinalNewline: 'on',
  readOnly: false,
  ariaLabel: 'Python code editor. Press Control+Enter to run, Escape to leave the editor.',
  accessibilitySupport: 'auto',
} as const;
const READONLY_OPTIONS = { ...OPTIONS, readOnly: true } as const;
const onChange = (v: string | undefined) => useStore.getState().setCode(v ?? '');

export default function CodeEditor({ marks, theme }: { marks: CodeMarks; theme: 'dark' | 'light' }) {
  const editorRef = useRef<IEditor | null>(null);
  const decoRef = useRef<ReturnType<IEditor['createDecorationsCollection']> | null>(null);
  const code = useStore((s) => s.code);
  const codeVersion = useStore((s) => s.codeVersion);
  const readOnly = useStore((s) => s.readonly);

  const onMount: OnMount = (editor) => {
    editorRef.current = editor;
    decoRef.current = editor.createDecorationsCollection([]);
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => useStore.getState().run());
    editor.addCommand(monaco.KeyMod.WinCtrl | monaco.KeyCode.Enter, () => useStore.getState().run());
    // Escape leaves the editor so the keyboard reaches the step controls.
    editor.addCommand(
      monaco.KeyCode.Escape,
      () => document.getElementById('viz')?.focus(),
      '!suggestWidgetVisible && !findWidgetVisible',
    );
    document.documentElement.dataset.monaco = 'ready';
    if (takeReachedFor()) editor.focus();
    applyMarks(editor, decoRef.current, marks);
  };

  // External replacements (examples, links, tests) reset the model's text.
  useEffect(() => {
    const ed = editorRef.current;
    if (ed && ed.getValue() !== useStore.getState().code) ed.setValue(useStore.getState().code);
  }, [codeVersion]);

  useEffect(() => {
    const ed = editorRef.current;
    if (ed && decoRef.current) applyMarks(ed, decoRef.current, marks);
  }, [marks]);

  return (
    <Editor
      height="100%"
      defaultLanguage="python"
      defaultValue={code}
      theme={theme === 'dark' ? 'vs-dark' : 'vs'}
      onMount={onMount}
      onChange={onChange}
      loading={null}
      options={readOnly ? READONLY_OPTIONS : OPTIONS}
    />
  );
}

/** The decorations last given to each collection (with the model's version), so equal ones are not set again. */
const decorationsSet = new WeakMap<object, string>();

/** The error markers last given to each model (as JSON), so equal ones are not set again. */
const markersSet = new WeakMap<object, string>();

function applyMarks(editor: IEditor, deco: ReturnType<IEditor['createDecorationsCollection']>, marks: CodeMarks) {
  const model = editor.getModel();
  if (!model) return;
  const lines = model.getLineCount();
  const ok = (l: number) => l >= 1 && l <= lines;
  const ds: Parameters<typeof deco.set>[0][number][] = [];
  for (const l of marks.current) {
    if (!ok(l)) continue;
    ds.push({
      range: new monaco.Range(l, 1, l, 1),
      options: { isWholeLine: true, className: 'ls-current-line', linesDecorationsClassName: 'ls-current-gutter' },
    });
  }
  // Several tasks may wait on one line: show the first's colour, list all in the hover.
  const byLine = new Map<number, { slot: number; names: string[] }>();
  for (const w of marks.waiting) {
    if (!ok(w.line)) continue;
    const e = byLine.get(w.line);
    if (e) e.names.push(`${w.name} waits ${w.what}`);
    else byLine.set(w.line, { slot: w.slot, names: [`${w.name} waits ${w.what}`] });
  }
  for (const [l, e] of byLine) {
    ds.push({
      range: new monaco.Range(l, 1, l, 1),
      options: {
        glyphMarginClassName: `ls-wait-glyph ls-c${e.slot % TASK_PALETTE.length}${e.names.length > 1 ? ' ls-many' : ''}`,
        glyphMarginHoverMessage: { value: e.names.slice(0, 20).join('  \n') + (e.names.length > 20 ? `  \n… ${e.names.length - 20} more` : '') },
      },
    });
  }
  for (const er of marks.errors) {
    if (!ok(er.line)) continue;
    ds.push({
      range: new monaco.Range(er.line, 1, er.line, 1),
      options: { isWholeLine: true, className: 'ls-error-line', glyphMarginClassName: 'ls-error-glyph' },
    });
  }
  // Most steps of a long run leave the editor's marks as they were: setting them again would
  // make Monaco render (and force a layout of the page) for nothing.
  const dkey = `${model.getVersionId()}:${JSON.stringify(ds.map((d) => [d.range.startLineNumber, d.options]))}`;
  if (decorationsSet.get(deco) !== dkey) {
    decorationsSet.set(deco, dkey);
    deco.set(ds);
  }
  // Markers only change with the run, not with the step: skip Monaco's re-validation when equal.
  const key = JSON.stringify(marks.errors);
  if (markersSet.get(model) === key) return revealCurrent(editor, marks, ok);
  markersSet.set(model, key);
  monaco.editor.setModelMarkers(
    model,
    'loopscope',
    marks.errors
      .filter((e) => ok(e.line))
      .map((e) => ({
        severity: monaco.MarkerSeverity.Error,
        message: e.message,
        startLineNumber: e.line,
        startColumn: Math.max(1, e.col),
        endLineNumber: e.line,
        endColumn: model.getLineMaxColumn(e.line),
      })),
  );
  revealCurrent(editor, marks, ok);
}

function revealCurrent(editor: IEditor, marks: CodeMarks, ok: (l: number) => boolean) {
  if (marks.current.length && ok(marks.current[0])) editor.revealLineInCenterIfOutsideViewport(marks.current[0]);
}
