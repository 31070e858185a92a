// The view slice: what the page shows around a run, set by an embed's URL
// options (src/embed/options.ts) or by a recording's author (its options).
// The playground's defaults are: not an embed, editable, every panel.

import type { StateCreator } from 'zustand';
import type { PanelName } from '../trace/recording.ts';
import type { Store } from './store.ts';

export interface ViewSlice {
  /** The page is an embed (`#…&embed=1`): no header, sized to its content, no autosave. */
  embed: boolean;
  /** The editor cannot be changed (`readonly=1`). */
  readonly: boolean;
  /** The panels shown, in PANEL_NAMES order; null: all of them. */
  panels: readonly PanelName[] | null;
  /** The title of the recording the page opened (a file or `#recording=`), while its code is unchanged. */
  recordingTitle: string | null;
  setPanels(panels: readonly PanelName[] | null): void;
}

export const viewSlice: StateCreator<Store, [], [], ViewSlice> = (set) => ({
  embed: false,
  readonly: false,
  panels: null,
  recordingTitle: null,
  setPanels: (panels) => set({ panels }),
});

/** Whether a panel is shown. */
export const shows = (s: Pick<ViewSlice, 'panels'>, name: PanelName): boolean => s.panels === null || s.panels.includes(name);
