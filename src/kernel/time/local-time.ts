import { DeadlineError } from './errors';
import { parseLocalDate, type LocalDate } from './local-date';

// Asia/Shanghai has kept UTC+8 without daylight saving since 1991, so a fixed offset is exact.
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** A wall-clock time 'HH:mm' that is not one. */
export class InvalidTimeError extends DeadlineError {
  override name = 'InvalidTimeError';
  constructor(readonly input: string) {
    super(`不是有效时间：${input}（格式 HH:mm，例如 09:00）`);
  }
}

export function parseLocalTime(input: string): { hour: number; minute: number } {
  const match = TIME_PATTERN.exec(input);
  if (!match) throw new InvalidTimeError(input);
  return { hour: Number(match[1]), minute: Number(match[2]) };
}

/** The Asia/Shanghai calendar day an instant falls on. */
export function localDateOf(instant: Date): LocalDate {
  return parseLocalDate(new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10));
}

/** The Asia/Shanghai wall-clock time 'HH:mm' of an instant. */
export function localTimeOf(instant: Date): string {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(11, 16);
}

/** The instant of `time` ('HH:mm') on `date` in Asia/Shanghai. */
export function instantAt(date: LocalDate, time: string): Date {
  const { hour, minute } = parseLocalTime(time);
  const utcMidnight = Date.parse(`${date}T00:00:00Z`);
  return new Date(utcMidnight - SHANGHAI_OFFSET_MS + (hour * 60 + minute) * 60_000);
}
