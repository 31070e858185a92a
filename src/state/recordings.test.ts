// Opening and saving recordings in the store (no DOM, no worker).

import { describe, expect, it } from 'vitest';
import { useStore } from './store.ts';
import { clientEvent } from './run-slice.ts';
import { currentRecording, currentRecordingText, openRecording, recordingFileName } from './recordings.ts';
import { readRecording, writeRecording } from '../trace/recording.ts';
import { tinyProgram } from '../trace/fixtures.test-util.ts';

const fileOf = (options = {}, title?: string) => writeRecording({ trace: tinyProgram(), options, ...(title ? { title } : {}) });

describe('opening a recording', () => {
  it('puts its source in the editor and its run in the panels, with the author’s options, and runs nothing', () => {
    useStore.setState({ code: 'my own work', codeFromLink: false, runCount: 0, panels: null, speed: 1 });
    const r = openRecording(fileOf({ step: 2, panels: ['ready', 'tasks'], speed: 4 }, 'Tiny'), 'tiny.json');
    expect(r).toEqual({ ok: true, steps: 4 });
    const s = useStore.getState();
    expect(s.code).toBe(tinyProgram().meta.source);
    expect(s.codeFromLink).toBe(true); // not autosaved until edited
    expect(s.player?.steps).toBe(4);
    expect(s.k).toBe(2);
    expect(s.speed).toBe(4);
    expect(s.panels).toEqual(['ready', 'tasks']);
    expect(s.recordingTitle).toBe('Tiny');
    expect(s.runCount).toBe(0);
    expect(s.notice).toMatchObject({ kind: 'recording', level: 'info', action: 'all-panels' });
    expect(s.notice?.text).toContain('its author shows the ready, tasks panels');
  });

  it('lets a link’s step and an embed’s panels and speed win over the author’s', () => {
    useStore.setState({ panels: ['console'], speed: 0.5 });
    openRecording(fileOf({ step: 2, panels: ['ready'], speed: 4 }), 'x', { step: 3, keepPanels: true, keepSpeed: true });
    const s = useStore.getState();
    expect([s.k, s.panels, s.speed]).toEqual([3, ['console'], 0.5]);
  });

  it('a bad file changes nothing but the notice, which says why', () => {
    useStore.setState({ code: 'my own work', player: null, notice: null, codeFromLink: false });
    for (const bad of ['{"format": "loopscope-recording", "vers', '<html>', JSON.stringify({ format: 'loopscope-recording', version: 99, options: {}, trace: {} })]) {
      const r = openRecording(bad, 'bad.json');
      expect(r.ok).toBe(false);
      const s = useStore.getState();
      expect(s.code).toBe('my own work');
      expect(s.player).toBeNull();
      expect(s.notice).toMatchObject({ kind: 'bad-recording', level: 'error' });
      expect(s.notice?.text).toMatch(/^Could not open bad\.json\. .+ Nothing was changed: your code is as you left it\.$/);
    }
    expect(useStore.getState().notice?.text).toContain('newer Loopscope');
  });
});

describe('saving the current run', () => {
  it('is nothing before a run', () => {
    useStore.setState({ player: null });
    expect(currentRecording()).toBeNull();
    expect(currentRecordingText()).toBeNull();
  });

  it('writes the run with the page’s step, panels and speed, and reads back', () => {
    clientEvent({ type: 'result', outcome: { seq: 1, trace: tinyProgram(), exitCode: 0, stdout: '', stderr: '', wallMs: 1, blocked: [] } });
    useStore.setState({ k: 1, panels: ['ready', 'console'], speed: 2 });
    const back = readRecording(currentRecordingText()!);
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    expect(back.recording.options).toEqual({ step: 1, panels: ['ready', 'console'], speed: 2 });
    expect(back.recording.trace.meta.source).toBe(tinyProgram().meta.source);
    expect(Array.from(back.recording.trace.ops)).toEqual(Array.from(tinyProgram().ops));
  });

  it('names the file after its title', () => {
    expect(recordingFileName({ title: 'Tasks: the blocking sleep!' })).toBe('tasks-the-blocking-sleep.json');
    expect(recordingFileName({ title: 'main.py' })).toBe('main.json');
    expect(recordingFileName({})).toBe('loopscope-recording.json');
  });
});
