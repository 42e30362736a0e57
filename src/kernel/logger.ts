import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * JSON logs. Message text, clue facts and reporter identity are never logged;
 * the redact list is a second line of defence for fields that must not leak.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'joint-supervision-bot' },
      redact: {
        paths: ['text', '*.text', 'facts', '*.facts', 'reporter', '*.reporter', 'secret', '*.secret', 'access_token', '*.access_token', 'MONGODB_URI'],
        censor: '[redacted]',
      },
    },
    ...(destination ? [destination] : []),
  );
}

/** Error class and code only: an error message may quote user text. */
export function errorSummary(err: unknown): { type: string; code?: unknown } {
  const e = err as { name?: string; code?: unknown };
  return { type: e?.name ?? typeof err, code: e?.code };
}
