/** Errors of deadline arithmetic: the only ones its functions throw. */
export class DeadlineError extends Error {
  override name = 'DeadlineError';
}

/** A text that is not a real calendar date in the form YYYY-MM-DD. */
export class InvalidDateError extends DeadlineError {
  override name = 'InvalidDateError';
  constructor(readonly input: string) {
    super(`不是有效日期：${input}（格式 YYYY-MM-DD，例如 2026-03-15）`);
  }
}

/** A period that is not a whole number of at least one unit. */
export class InvalidPeriodError extends DeadlineError {
  override name = 'InvalidPeriodError';
}
