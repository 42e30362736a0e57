import { describe, expect, it } from 'vitest';
import { parseLocalDate } from '../../../../src/kernel/time/local-date';
import { InvalidTimeError, instantAt, localDateOf, localTimeOf } from '../../../../src/kernel/time/local-time';

const due = parseLocalDate('2026-03-20');

describe('Asia/Shanghai local time', () => {
  it('09:00 in Shanghai is 01:00 UTC', () => {
    expect(instantAt(due, '09:00').toISOString()).toBe('2026-03-20T01:00:00.000Z');
  });

  it('an instant after 16:00 UTC is already the next day in Shanghai', () => {
    expect(localDateOf(new Date('2026-03-19T16:00:00Z'))).toBe('2026-03-20');
    expect(localDateOf(new Date('2026-03-19T15:59:59Z'))).toBe('2026-03-19');
    expect(localTimeOf(new Date('2026-03-19T16:30:00Z'))).toBe('00:30');
  });

  it.each(['9:00', '24:00', '09:60', 'noon'])('refuses the time %s', (time) => {
    expect(() => instantAt(due, time)).toThrow(InvalidTimeError);
  });
});
