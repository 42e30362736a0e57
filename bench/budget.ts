/** The value of `work`, or null when it takes longer than `ms` (the work is left running). */
export async function withinBudget<T>(work: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), ms);
  });
  work.catch(() => undefined); // a failure after the budget is no longer anyone's concern
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** A time allowance shared by several steps: each gets what is left. */
export class Budget {
  private readonly until: number;

  constructor(ms: number) {
    this.until = performance.now() + ms;
  }

  run<T>(work: Promise<T>): Promise<T | null> {
    return withinBudget(work, Math.max(0, this.until - performance.now()));
  }
}
