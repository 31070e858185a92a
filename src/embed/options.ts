// The iframe's URL options (docs/embedding.md, "URL options"): read from the
// page's hash beside the share link's `code=` and `step=` (share.ts owns those
// two), and written back by the Copy-embed dialog. Pure: no DOM, no store.

import { makeHash, readStep } from '../state/share.ts';
import { parsePanels, snapSpeed, type PanelName } from './api.ts';
import { isEmbedHash } from './hash-flags.ts';

export type ThemeOption = 'light' | 'dark' | 'auto';
export const THEME_OPTIONS: readonly ThemeOption[] = ['light', 'dark', 'auto'];

export interface EmbedOptions {
  /** `embed=1`: no page header, content-sized, no autosave, the postMessage API. */
  embed: boolean;
  /** `panels=ready,timers`: the panels shown (null: all). */
  panels: PanelName[] | null;
  /** `readonly=1`: the editor cannot be changed (Run still records it). */
  readonly: boolean;
  /** `autoplay=1`: play from the start step once the run is there. */
  autoplay: boolean;
  /** `speed=2`: playback speed, snapped to one the controls offer. */
  speed: number | null;
  /** `theme=light|dark|auto` (auto follows the reader's system). */
  theme: ThemeOption | null;
  /** `step=k`: the step to open at (share.ts reads it, for code links too). */
  step: number | null;
  /** `id=name`: echoed in every event the embed posts. */
  id: string | undefined;
  /** `recording=<same-origin URL>`: its absolute URL, or why it is refused. */
  recording: { url: string } | { error: string } | null;
  /** Options that were given but not understood, as sentences. */
  notes: string[];
}

const MAX_ID = 200;

function params(hash: string): URLSearchParams {
  return new URLSearchParams(hash.replace(/^#/, '').replace(/\+/g, '%2B'));
}

/**
 * Read the options from a page's hash. `pageUrl` is the page's own address:
 * a `recording=` URL is resolved against it and must be of its origin.
 */
export function readEmbedOptions(hash: string, pageUrl: string): EmbedOptions {
  const p = params(hash);
  const notes: string[] = [];
  const flag = (name: string): boolean => {
    const raw = p.get(name);
    if (raw === null || raw === '0') return false;
    if (raw === '1' || raw === '') return true;
    notes.push(`${name}=${raw} is not 1 or 0; ignored`);
    return false;
  };
  let panels: PanelName[] | null = null;
  if (p.has('panels')) {
    const got = parsePanels(p.get('panels'));
    if (got.unknown.length) notes.push(`unknown panel${got.unknown.length > 1 ? 's' : ''} ${got.unknown.join(', ')} left out`);
    panels = got.panels;
  }
  let speed: number | null = null;
  if (p.has('speed')) {
    const x = Number(p.get('speed')!.replace(/x$/, ''));
    if (Number.isFinite(x) && x > 0) speed = snapSpeed(x);
    else notes.push(`speed=${p.get('speed')} is not a speed; ignored`);
  }
  let theme: ThemeOption | null = null;
  if (p.has('theme')) {
    const t = p.get('theme') as ThemeOption;
    if (THEME_OPTIONS.includes(t)) theme = t;
    else notes.push(`theme=${p.get('theme')} is not light, dark or auto; ignored`);
  }
  const id = p.get('id')?.slice(0, MAX_ID) || undefined;
  return {
    embed: isEmbedHash(hash),
    panels,
    readonly: flag('readonly'),
    autoplay: flag('autoplay'),
    speed,
    theme,
    step: readStep(p.get('step')),
    id,
    recording: p.has('recording') ? recordingUrl(p.get('recording')!, pageUrl) : null,
    notes,
  };
}

/** A `recording=` address: absolute and of the page's own origin, or why not. */
export function recordingUrl(raw: string, pageUrl: string): { url: string } | { error: string } {
  let url: URL;
  try {
    url = new URL(raw, pageUrl);
  } catch {
    return { error: `The link's recording address (${raw.slice(0, 80)}) is not a URL.` };
  }
  const origin = new URL(pageUrl).origin;
  if (url.origin !== origin) {
    return {
      error: `The link asks for a recording from ${url.protocol.startsWith('http') ? url.origin : url.protocol}, another site than this page's (${origin}); Loopscope opens recordings from its own site only. Put the file next to the page.`,
    };
  }
  return { url: url.href };
}

/** What the Copy-embed dialog puts in an iframe's address. */
export interface EmbedLink {
  code: string;
  step?: number | null;
  panels?: readonly PanelName[] | null;
  readonly?: boolean;
  autoplay?: boolean;
  speed?: number | null;
  theme?: ThemeOption | null;
  id?: string;
}

/** The hash of an embed: the share link's code and step, `embed=1`, then the options given. */
export function embedHash(o: EmbedLink): string {
  let h = makeHash(o.code, o.step) + '&embed=1';
  if (o.panels) h += `&panels=${o.panels.join(',')}`;
  if (o.readonly) h += '&readonly=1';
  if (o.autoplay) h += '&autoplay=1';
  if (o.speed != null && o.speed !== 1) h += `&speed=${o.speed}`;
  if (o.theme) h += `&theme=${o.theme}`;
  if (o.id) h += `&id=${encodeURIComponent(o.id)}`;
  return h;
}
