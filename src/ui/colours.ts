// Colours: one per task (Okabe-Ito first, then further distinguishable hues),
// used in the gutter, the queue, the swimlanes and the futures. State colours
// are colour-blind safe and always come with a text label.

export const TASK_PALETTE = [
  '#E69F00',
  '#56B4E9',
  '#009E73',
  '#CC79A7',
  '#0072B2',
  '#D55E00',
  '#F0E442',
  '#8C6BB1',
  '#66C2A5',
  '#E7298A',
  '#A6761D',
  '#1B9E77',
];

export const taskColour = (slot: number): string => TASK_PALETTE[((slot % TASK_PALETTE.length) + TASK_PALETTE.length) % TASK_PALETTE.length];

export const STATE_COLOURS: Record<string, string> = {
  pending: '#9A9A9A',
  ready: '#56B4E9',
  running: '#E69F00',
  waiting: '#CC79A7',
  done: '#009E73',
  cancelled: '#7A7A7A',
  failed: '#D55E00',
};

/** A short glyph per state so that colour is never the only cue. */
export const STATE_GLYPH: Record<string, string> = {
  pending: '○',
  ready: '◔',
  running: '▶',
  waiting: '‖',
  done: '✓',
  cancelled: '⊘',
  failed: '✗',
};
