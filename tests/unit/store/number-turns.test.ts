import { describe, expect, it } from 'vitest';
import { NumberTurns, type SequenceReads } from '../../../src/store/number-turns';

/** Numbers stored by any process, with a unique "index"; inserts take a tick, as a database write does. */
class Register implements SequenceReads {
  readonly stored = new Set<number>();
  attempts = 0;

  async lastSeq(): Promise<number> {
    await tick();
    return Math.max(0, ...this.stored);
  }

  async hasSeq(_year: number, seq: number): Promise<boolean> {
    await tick();
    return this.stored.has(seq);
  }

  /** An insert under the unique index: undefined when the number is taken. */
  async insert(seq: number): Promise<number | undefined> {
    this.attempts++;
    await tick();
    if (this.stored.has(seq)) return undefined;
    this.stored.add(seq);
    return seq;
  }
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
const oneTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('NumberTurns', () => {
  it('gives 50 concurrent callers of one process 1…50 with one insert each', async () => {
    const register = new Register();
    const turns = new NumberTurns();
    const numbers = await Promise.all(oneTo(50).map(() => turns.take(2026, register, (seq) => register.insert(seq))));
    expect([...numbers].sort((a, b) => a - b)).toEqual(oneTo(50));
    expect(register.attempts).toBe(50);
  });

  it('leaves no gap and no duplicate when two processes take numbers at once', async () => {
    const register = new Register();
    const [a, b] = [new NumberTurns(), new NumberTurns()];
    const numbers = await Promise.all(oneTo(60).map((i) => (i % 2 ? a : b).take(2026, register, (seq) => register.insert(seq))));
    expect([...numbers].sort((x, y) => x - y)).toEqual(oneTo(60));
  });

  it('gives a failed insert’s number to the next caller', async () => {
    const register = new Register();
    const turns = new NumberTurns();
    const failing = turns.take(2026, register, async () => {
      throw new Error('transient');
    });
    const next = turns.take(2026, register, (seq) => register.insert(seq));
    await expect(failing).rejects.toThrow('transient');
    expect(await next).toBe(1);
  });

  it('starts again from the register when what it remembered is gone, and keeps years apart', async () => {
    const register = new Register();
    const turns = new NumberTurns();
    for (const _ of oneTo(3)) await turns.take(2026, register, (seq) => register.insert(seq));
    expect(await turns.take(2027, new Register(), async (seq) => seq)).toBe(1);
    register.stored.clear();
    expect(await turns.take(2026, register, (seq) => register.insert(seq))).toBe(1);
  });
});
