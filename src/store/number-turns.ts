/** What taking a number needs to read of a yearly sequence. */
export interface SequenceReads {
  /** The highest number stored for the year, 0 when none. */
  lastSeq(year: number): Promise<number>;
  /** Whether the number is stored (an equality read, unlike lastSeq's sort). */
  hasSeq(year: number, seq: number): Promise<boolean>;
}

/**
 * Takes the numbers of a yearly sequence one caller at a time within this process, each from the last number this
 * process stored. Without it, concurrent 确认 all try the same next number and all but one fail and try again: each
 * round a write, quadratic in the callers. Another process's number is still decided by the unique index: a caller
 * that loses reads the last number again. Each number is tried only after the one before it is stored, so no gap.
 */
export class NumberTurns {
  private readonly last = new Map<number, number>();
  private readonly queue = new Map<number, Promise<unknown>>();

  /** Runs `attempt` with the next free number of `year` until it stores something (undefined: the number was taken). */
  take<T>(year: number, sequence: SequenceReads, attempt: (seq: number) => Promise<T | undefined>): Promise<T> {
    const turn = (this.queue.get(year) ?? Promise.resolve()).catch(() => undefined).then(() => this.run(year, sequence, attempt));
    this.queue.set(year, turn);
    return turn;
  }

  private async run<T>(year: number, sequence: SequenceReads, attempt: (seq: number) => Promise<T | undefined>): Promise<T> {
    const known = this.last.get(year);
    // The remembered number is checked, so records removed behind the process's back (a test emptying the collection) are seen.
    let seq = known !== undefined && (await sequence.hasSeq(year, known)) ? known + 1 : (await sequence.lastSeq(year)) + 1;
    for (;;) {
      const stored = await attempt(seq);
      if (stored !== undefined) {
        this.last.set(year, seq);
        return stored;
      }
      seq = Math.max(seq, await sequence.lastSeq(year)) + 1;
    }
  }
}
