// localStorage, which may be missing or refuse (private mode, full): reads
// give null and writes do nothing then.

export function readLS(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function writeLS(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    /* storage full or disabled: nothing to do */
  }
}
