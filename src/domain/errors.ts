/**
 * A request the domain refuses, having changed nothing. The message is zh-CN, safe to show
 * the sender, and says what to do next; the dispatcher turns it into the reply (its one
 * error boundary). `operatorNote`, when set, is also logged for the administrator (with the
 * cause's class, never its text), e.g. a missing font that only they can install.
 */
export class Refusal extends Error {
  override name = 'Refusal';
  readonly operatorNote?: string;

  constructor(message: string, options: { cause?: unknown; operatorNote?: string } = {}) {
    super(message, { cause: options.cause });
    this.operatorNote = options.operatorNote;
  }
}
