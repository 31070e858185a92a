// When the page loads Monaco. Its chunk is ~3.3 MB of JavaScript: evaluating it
// and creating the editor take 0.5-2 s of the main thread on this machine kind,
// while the Python worker restores its snapshot and runs the first program on
// the other core (and V8 compiles the WebAssembly in the background). Until
// then the editor pane shows the code as text (EditorPane's fallback), so the
// editor is visible at once and the first frame of a run (a share link's) is
// not held up. Monaco loads:
// - after the first run's result is painted, or once Python is ready with no
//   run waiting (nothing to hold up then), or when Python could not start;
// - at once when the reader reaches for the editor (pointer, keyboard, focus).

import { useEffect, useState } from 'react';
import { useStore, type Store } from '../../state/store.ts';

/** Nothing left for Monaco to hold up: a run or a recording is shown, or Python is idle or gone. */
export const editorMayLoad = (s: Pick<Store, 'player' | 'runCount' | 'phase' | 'queued'>): boolean =>
  s.player !== null || s.runCount > 0 || s.phase === 'crashed' || (s.phase === 'ready' && !s.queued);

let reachedFor = false;
/** True once if the reader reached for the editor before it loaded: the editor then takes the focus. */
export function takeReachedFor(): boolean {
  const r = reachedFor;
  reachedFor = false;
  return r;
}

/** [load Monaco now, ask for it now (the reader reached for the editor)]. */
export function useEditorWanted(): [boolean, () => void] {
  const [wanted, setWanted] = useState(false);
  const mayLoad = useStore(editorMayLoad);
  useEffect(() => {
    if (wanted || !mayLoad) return;
    // After the frame that shows the result is painted.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const raf = requestAnimationFrame(() => (timer = setTimeout(() => setWanted(true), 0)));
    return () => {
      cancelAnimationFrame(raf);
      clearTimeout(timer);
    };
  }, [mayLoad, wanted]);
  return [
    wanted,
    () => {
      reachedFor = true;
      setWanted(true);
    },
  ];
}
