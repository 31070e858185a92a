// Transport and header icons as SVG path data (16x16), written once: the
// playground's <Icon> and <loopscope-player> draw the same shapes. Inline SVG,
// because symbol fonts are not guaranteed on every machine.
export const ICON_PATHS: Record<string, string> = {
  start: 'M3 3h2v10H3zM13 3v10L6 8z',
  prevIter: 'M8 3v10L2 8zM15 3v10L9 8z',
  back: 'M12 3v10L5 8z',
  play: 'M5 3v10l8-5z',
  pause: 'M4 3h3v10H4zM9 3h3v10H9z',
  forward: 'M4 3v10l7-5z',
  nextIter: 'M1 3v10l6-5zM8 3v10l6-5z',
  end: 'M3 3v10l7-5zM11 3h2v10h-2z',
  run: 'M4 2.5v11l9.5-5.5z',
  stop: 'M3.5 3.5h9v9h-9z',
  link: 'M6.5 9.5l3-3M7 4.5l1.2-1.2a2.6 2.6 0 013.6 3.6L10.5 8M9 11.5l-1.2 1.2a2.6 2.6 0 01-3.6-3.6L5.5 8',
  sun: 'M8 5a3 3 0 100 6 3 3 0 000-6zM8 1v2M8 13v2M1 8h2M13 8h2M3 3l1.4 1.4M11.6 11.6L13 13M3 13l1.4-1.4M11.6 4.4L13 3',
  moon: 'M12.5 10.5A5.5 5.5 0 015.5 3.5a5.5 5.5 0 107 7z',
};
export const STROKED = new Set(['link', 'sun', 'moon']);

/** An icon as SVG markup (for the player, which builds its DOM from strings). */
export function iconSvg(name: string): string {
  const stroked = STROKED.has(name);
  const paint = stroked ? 'fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round"' : 'fill="currentColor"';
  return `<svg class="icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false"><path d="${ICON_PATHS[name]}" ${paint}/></svg>`;
}
