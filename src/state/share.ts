// Share links: #code=<lz-string compressToEncodedURIComponent(source)>&step=k
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';

export type ParsedHash =
  | { kind: 'none' }
  | { kind: 'ok'; code: string; step: number | null }
  | { kind: 'broken'; reason: string };

export function makeHash(code: string, step?: number | null): string {
  let h = `#code=${compressToEncodedURIComponent(code)}`;
  if (step != null && step > 0) h += `&step=${step}`;
  return h;
}

export function parseHash(hash: string): ParsedHash {
  const raw = hash.replace(/^#/, '');
  if (!raw) return { kind: 'none' };
  const params = new URLSearchParams(raw.replace(/\+/g, '%2B'));
  const enc = params.get('code');
  if (enc === null) return { kind: 'none' };
  let code: string | null = null;
  try {
    code = decompressFromEncodedURIComponent(enc);
  } catch {
    code = null;
  }
  // A truncated link usually decompresses to null/"" or to text with U+FFFD / control garbage.
  if (!code || /[\u0000-\u0008\u000e-\u001f\ufffd]/.test(code)) {
    return { kind: 'broken', reason: 'The link’s code is broken or truncated, so it could not be read.' };
  }
  const stepRaw = params.get('step');
  let step: number | null = null;
  if (stepRaw !== null) {
    const s = Number(stepRaw);
    if (Number.isInteger(s) && s >= 0) step = s;
  }
  return { kind: 'ok', code, step };
}
