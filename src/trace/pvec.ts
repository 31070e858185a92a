// A chunked vector with copy-on-write chunks: the structural sharing behind
// keyframes. fork() copies only the chunk table (n/CHUNK pointers), so a
// keyframe of 10,000 tasks costs ~80 pointers, not 10,000; afterwards each
// side copies a chunk the first time it writes into it. Elements are treated
// as immutable values: replace an element, never mutate it in place.

const BITS = 7;
const CHUNK = 1 << BITS; // 128: a write copies at most 128 pointers
const MASK = CHUNK - 1;

export class PVec<T> {
  private chunks: T[][] = [];
  /** owned[i]: this vector alone holds chunks[i] and may write into it. */
  private owned: boolean[] = [];
  private len = 0;

  get length(): number {
    return this.len;
  }

  get(i: number): T {
    return this.chunks[i >>> BITS][i & MASK];
  }

  set(i: number, v: T): void {
    const c = i >>> BITS;
    let chunk = this.chunks[c];
    if (!this.owned[c]) {
      chunk = chunk.slice();
      this.chunks[c] = chunk;
      this.owned[c] = true;
    }
    chunk[i & MASK] = v;
  }

  push(v: T): void {
    const i = this.len++;
    if ((i & MASK) === 0) {
      this.chunks.push([v]);
      this.owned.push(true);
    } else {
      this.set(i, v);
    }
  }

  /** A copy sharing every chunk with this one; from now on both copy before writing. */
  fork(): PVec<T> {
    const f = new PVec<T>();
    f.chunks = this.chunks.slice();
    f.len = this.len;
    f.owned = new Array<boolean>(this.chunks.length).fill(false);
    this.owned.fill(false);
    return f;
  }

  toArray(): T[] {
    const out = new Array<T>(this.len);
    let k = 0;
    for (const chunk of this.chunks) for (let j = 0; j < chunk.length && k < this.len; j++) out[k++] = chunk[j];
    return out;
  }
}
