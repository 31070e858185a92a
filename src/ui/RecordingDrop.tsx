// Drop a recording file anywhere on the playground to open it (also "Open
// recording…" in the header): its code in the editor, its run in the panels,
// no Python run. A file that cannot be read leaves everything as it was and
// says why (src/state/recordings.ts, src/trace/recording.ts).
import { useEffect, useState } from 'react';

const hasFiles = (e: DragEvent) => !!e.dataTransfer && Array.from(e.dataTransfer.types).includes('Files');

/** Open the first of some files as a recording. */
export async function openRecordingFile(files: FileList | null | undefined): Promise<void> {
  const file = files?.[0];
  if (!file) return;
  const [{ openRecording }, bytes] = await Promise.all([import('../state/recordings.ts'), file.arrayBuffer()]);
  openRecording(bytes, file.name);
}

/** The window takes dropped files; an overlay says what a drop does while one is dragged over. */
export function RecordingDrop() {
  const [over, setOver] = useState(false);
  useEffect(() => {
    let depth = 0;
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth++;
      setOver(true);
    };
    const overFn = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      e.dataTransfer!.dropEffect = 'copy';
    };
    const leave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setOver(false);
    };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setOver(false);
      void openRecordingFile(e.dataTransfer?.files);
    };
    addEventListener('dragenter', enter);
    addEventListener('dragover', overFn);
    addEventListener('dragleave', leave);
    addEventListener('drop', drop);
    return () => {
      removeEventListener('dragenter', enter);
      removeEventListener('dragover', overFn);
      removeEventListener('dragleave', leave);
      removeEventListener('drop', drop);
    };
  }, []);
  if (!over) return null;
  return (
    <div className="drop-overlay" data-testid="drop-overlay" aria-hidden="true">
      <p>Drop a recording (.json) to open it: its code and its run, without running Python.</p>
    </div>
  );
}
