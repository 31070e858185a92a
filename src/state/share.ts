// Share links: #code=<lz-string compressToEncodedURIComponent(source)>&step=k
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';
import { MAX_CODE_CHARS } from '../embed/api.ts';

export type ParsedHash =
  | { kind: 'none' }
  | { kind: 'ok'; code: string; step: number | null }
  | { kind: 'broken'; reason: string };

export function makeHash(code: string, step?: number | null): string {
  let h = `#code=${compressToEncodedURIComponent(code)}`;
  if (step != null && step > 0) h += `&step=${step}`;
  return h;
}

/**
 * The most a link may hold, encoded and decoded. A tutorial program is a few
 * KB; lz-string can expand a short input a lot (a 12 KB link decodes to 20 MB
 * of one letter), so the encoded size is checked before decoding and the
 * decoded size after, and a larger link is refused with a message.
 */
export const MAX_LINK_CHARS = 32_000;
export const MAX_LINK_CODE_CHARS = MAX_CODE_CHARS;

const tooBig = (what: string, n: number, max: number): ParsedHash => ({
  kind: 'broken',
  reason: `This link holds ${n.toLocaleString('en')} characters of ${what}; Loopscope opens links of up to ${max.toLocaleString('en')}, so it was not opened or run.`,
});

export function parseHash(hash: string): ParsedHash {
  const raw = hash.replace(/^#/, '');
  if (!raw) return { kind: 'none' };
  const params = new URLSearchParams(raw.replace(/\+/g, '%2B'));
  const enc = params.get('code');
  if (enc === null) return { kind: 'none' };
  if (enc.length > MAX_LINK_CHARS) return tooBig('encoded code', enc.length, MAX_LINK_CHARS);
  let code: string | null = null;
  try {
    code = decompressFromEncodedURIComponent(enc);
  } catch {
    code = null;
  }
  if (code && code.length > MAX_LINK_CODE_CHARS) return tooBig('code', code.length, MAX_LINK_CODE_CHARS);
  // A truncated link usually decompresses to null/"" or to text with U+FFFD / control garbage.
  if (!code || /[\u0000-\u0008\u000e-\u001f\ufffd]/.test(code)) {
    return { kind: 'broken', reason: 'The link’s code is broken or truncated, so it could not be read.' };
  }
  return { kind: 'ok', code, step: readStep(params.get('step')) };
}

/** A link's `step=`: a whole number of steps, or null (absent or not a step). */
export function readStep(raw: string | null): number | null {
  if (raw === null) return null;
  const s = Number(raw);
  return Number.isInteger(s) && s >= 0 ? s : null;
}
