// The snippets the Copy-embed dialog hands out (docs/embedding.md shows the
// same forms): an <iframe> of the full playground, and a <loopscope-player>
// of the run's recording. Pure string building, tested in Node.

import { embedHash, type EmbedLink } from './options.ts';

/** Attribute-safe text. */
export function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The app's address (where index.html, player.js and embed-host.js are served), ending in '/'. */
export function appUrl(location: { origin: string; pathname: string }): string {
  return location.origin + location.pathname.replace(/[^/]*$/, '');
}

/** An <iframe> of the playground as an embed, and the host helper that sizes it to its content. */
export function iframeSnippet(app: string, link: EmbedLink, title: string): string {
  const src = app + embedHash(link);
  return (
    `<iframe src="${escapeAttr(src)}" title="${escapeAttr(`Loopscope: ${title}`)}" data-loopscope\n` +
    `        style="width: 100%; height: 640px; border: 0" loading="lazy"></iframe>\n` +
    `<!-- sizes every iframe[data-loopscope] to its content -->\n` +
    `<script type="module" src="${escapeAttr(app)}embed-host.js"></script>`
  );
}

export interface PlayerSnippet {
  /** Where the page will find the recording (the dialog's Download saves it under this name). */
  file: string;
  step?: number | null;
  panels?: readonly string[] | null;
  autoplay?: boolean;
  speed?: number | null;
  theme?: string | null;
}

/** A <loopscope-player> of a recording saved next to the page (attributes: docs/embedding.md). */
export function playerSnippet(app: string, o: PlayerSnippet): string {
  const attrs = [`src="${escapeAttr(o.file)}"`];
  if (o.step != null) attrs.push(`step="${o.step}"`);
  if (o.panels) attrs.push(`panels="${o.panels.join(',')}"`);
  if (o.speed != null && o.speed !== 1) attrs.push(`speed="${o.speed}"`);
  if (o.theme) attrs.push(`theme="${escapeAttr(o.theme)}"`);
  if (o.autoplay) attrs.push('autoplay');
  return `<script type="module" src="${escapeAttr(app)}player.js"></script>\n<loopscope-player ${attrs.join(' ')}></loopscope-player>`;
}
