// The editor's text survives a reload: restored before the first render,
// saved (debounced) whenever it changes, and when the page is hidden. A
// link's code is not saved until the reader edits it (codeFromLink).

import { findExample } from '../examples/index.ts';
import { readLS, writeLS } from './storage.ts';
import { useStore } from './store.ts';

export const AUTOSAVE_KEY = 'loopscope:code';
export const AUTOSAVE_EXAMPLE_KEY = 'loopscope:example';

/** Restore autosaved work (if any) before the first render. */
export function restoreAutosave(): void {
  const saved = readLS(AUTOSAVE_KEY);
  if (saved !== null && saved.trim() !== '') {
    const ex = readLS(AUTOSAVE_EXAMPLE_KEY);
    useStore.setState({ code: saved, exampleId: ex && findExample(ex)?.code === saved ? ex : null });
  }
}

/** Autosave the editor text (debounced) for as long as the page lives. */
export function startAutosave(): void {
  let timer = 0;
  const save = () => {
    const s = useStore.getState();
    if (s.codeFromLink) return;
    writeLS(AUTOSAVE_KEY, s.code);
    writeLS(AUTOSAVE_EXAMPLE_KEY, s.exampleId ?? '');
  };
  useStore.subscribe((s, prev) => {
    if (s.code === prev.code) return;
    clearTimeout(timer);
    timer = window.setTimeout(save, 250);
  });
  addEventListener('pagehide', save);
}
