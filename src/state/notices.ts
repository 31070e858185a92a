// Notices the page shows above the narration. Each is identified by its kind,
// so code that replaces or clears one never matches on its wording.

export type NoticeKind =
  /** The user stopped a run; Python restarts. */
  | 'stopped'
  /** The run reached for something Loopscope withholds (runtime/lockdown.ts). */
  | 'withheld'
  /** Python was restarted to give its memory back. */
  | 'retired'
  /** The Python worker died or stopped answering; it restarts. */
  | 'crashed'
  /** The worker kept dying: Loopscope gave up restarting it (the notice offers Retry). */
  | 'gave-up'
  /** A share link could not be read. */
  | 'broken-link'
  /** A share link asked for a step past the end of the run. */
  | 'link-step'
  /** The page is kept for offline use (offline.ts, said once). */
  | 'offline'
  /** A recording (a dropped file, `#recording=`, an embed's `load`) could not be opened. */
  | 'bad-recording'
  /** A recording was opened: what its author chose or what was adjusted (the notice can offer every panel back). */
  | 'recording';

export interface Notice {
  readonly kind: NoticeKind;
  /** How it is shown: 'error' is announced at once (role alert). */
  readonly level: 'info' | 'error';
  readonly text: string;
  /**
   * A button on the notice: 'retry' starts Python again after the runtime gave
   * up; 'all-panels' shows every panel again (a recording chose fewer).
   */
  readonly action?: 'retry' | 'all-panels';
}

/** Notices about the last run only: the next result clears them. */
const ABOUT_LAST_RUN: ReadonlySet<NoticeKind> = new Set<NoticeKind>(['stopped', 'withheld', 'retired', 'recording']);

export const aboutLastRun = (n: Notice | null): boolean => n !== null && ABOUT_LAST_RUN.has(n.kind);
