// Work claiming shared by the lint threads (pool.ts, worker.ts): tasks come in language segments (the
// caller orders them: fewest bytes first, largest file first within a segment), and each segment has an
// atomic counter in a SharedArrayBuffer, so a thread claims its next file without asking anyone.
//
// A thread stays in its segment until it runs dry, then moves to the smallest segment nobody has
// started (so a language with a handful of files is loaded, compiled and warmed up by one thread, not
// all), and when every segment has been started, to the one with the most bytes left. The run therefore
// ends on the small files of the biggest language, whose grammar every thread has warmed up by then.

import type { LintTask } from './task.js';

export interface Segment { from: number; to: number }

/** Segments of consecutive tasks with the same language. */
export function segmentsOf(tasks: readonly LintTask[]): Segment[] {
  const out: Segment[] = [];
  for (let i = 0; i < tasks.length; i++) {
    if (i === 0 || tasks[i]!.lang !== tasks[i - 1]!.lang) out.push({ from: i, to: i + 1 });
    else out[out.length - 1]!.to = i + 1;
  }
  return out;
}

export class Claimer {
  private readonly counters: Int32Array;
  /** prefix[i] = bytes of tasks[0..i). */
  private readonly prefix: Float64Array;
  private current = -1;

  /** `shared` holds one Int32 per segment (new SharedArrayBuffer(4 * segments.length)). */
  constructor(tasks: readonly LintTask[], private readonly segments: readonly Segment[], shared: SharedArrayBuffer) {
    this.counters = new Int32Array(shared);
    this.prefix = new Float64Array(tasks.length + 1);
    for (let i = 0; i < tasks.length; i++) this.prefix[i + 1] = this.prefix[i]! + tasks[i]!.size + 1;
  }

  private claimedIn(s: number): number {
    return Atomics.load(this.counters, s);
  }

  private left(s: number): number {
    const seg = this.segments[s]!;
    const at = Math.min(seg.to, seg.from + this.claimedIn(s));
    return this.prefix[seg.to]! - this.prefix[at]!;
  }

  /** The segment to move to, or -1 when all are exhausted. */
  private pick(): number {
    let unstarted = -1, richest = -1, most = 0;
    this.segments.forEach((seg, s) => {
      const left = this.left(s);
      if (left <= 0) return;
      if (this.claimedIn(s) === 0 && unstarted < 0) unstarted = s; // segments come smallest first
      if (left > most) { most = left; richest = s; }
    });
    return unstarted >= 0 ? unstarted : richest;
  }

  /** The index of the next task for this thread, or -1 when every task has been claimed. */
  next(): number {
    for (;;) {
      if (this.current >= 0) {
        const seg = this.segments[this.current]!;
        const i = seg.from + Atomics.add(this.counters, this.current, 1);
        if (i < seg.to) return i;
      }
      const s = this.pick();
      if (s < 0) return -1;
      this.current = s;
    }
  }

  /** Whether every task has been claimed. */
  exhausted(): boolean {
    return this.segments.every((seg, s) => seg.from + this.claimedIn(s) >= seg.to);
  }

  /** Mark every task claimed (nobody is left to run them; the pool reports them as lost). */
  drain(): void {
    this.segments.forEach((seg, s) => Atomics.store(this.counters, s, seg.to - seg.from));
  }
}
