// A binary min-heap of timer handles ordered by (when, seq).
//
// Tie rule: timers with the same deadline fire in the order they were
// scheduled (FIFO). CPython's heap compares `when` only, but a real clock never
// returns the same value twice, so on CPython two call_later(d) calls made one
// after the other get distinct deadlines in scheduling order. Under virtual
// time they are equal, and FIFO reproduces what CPython prints (corpus:
// callbacks-call-later-order, five equal delays fire tie-0..tie-4). The same
// rule applies to equal explicit call_at deadlines.
//
// Stored as parallel typed arrays (no object per timer) to keep the hot path
// allocation-free.

export class TimerHeap {
  private when = new Float64Array(256);
  private seq = new Float64Array(256);
  private id = new Int32Array(256);
  private n = 0;
  private nextSeq = 0;

  get size(): number {
    return this.n;
  }

  peekWhen(): number {
    return this.when[0];
  }

  peekId(): number {
    return this.id[0];
  }

  push(h: number, when: number): void {
    if (this.n === this.id.length) this.grow();
    let i = this.n++;
    const s = this.nextSeq++;
    // sift up
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.less(when, s, this.when[p], this.seq[p])) {
        this.move(p, i);
        i = p;
      } else break;
    }
    this.when[i] = when;
    this.seq[i] = s;
    this.id[i] = h;
  }

  pop(): number {
    const top = this.id[0];
    const last = --this.n;
    if (last > 0) {
      const w = this.when[last];
      const s = this.seq[last];
      const h = this.id[last];
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= last) break;
        const r = l + 1;
        const c = r < last && this.less(this.when[r], this.seq[r], this.when[l], this.seq[l]) ? r : l;
        if (this.less(this.when[c], this.seq[c], w, s)) {
          this.move(c, i);
          i = c;
        } else break;
      }
      this.when[i] = w;
      this.seq[i] = s;
      this.id[i] = h;
    }
    return top;
  }

  /** Ids with their deadlines, in firing order (for tests and snapshots). */
  sorted(): Array<{ id: number; when: number }> {
    const idx = Array.from({ length: this.n }, (_, i) => i);
    idx.sort((a, b) => (this.less(this.when[a], this.seq[a], this.when[b], this.seq[b]) ? -1 : 1));
    return idx.map((i) => ({ id: this.id[i], when: this.when[i] }));
  }

  clear(): void {
    this.n = 0;
  }

  private less(w1: number, s1: number, w2: number, s2: number): boolean {
    return w1 < w2 || (w1 === w2 && s1 < s2);
  }

  private move(from: number, to: number): void {
    this.when[to] = this.when[from];
    this.seq[to] = this.seq[from];
    this.id[to] = this.id[from];
  }

  private grow(): void {
    const cap = this.id.length * 2;
    const w = new Float64Array(cap);
    w.set(this.when);
    const s = new Float64Array(cap);
    s.set(this.seq);
    const h = new Int32Array(cap);
    h.set(this.id);
    this.when = w;
    this.seq = s;
    this.id = h;
  }
}
