import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../../src/config';
import { createWorkingCalendar } from '../../../../src/domain/deadlines/calendar';
import { bulletinAt, nextMove, redAt, yellowAt, type LadderRules } from '../../../../src/domain/documents/ladder';
import { parseLocalDate } from '../../../../src/kernel/time/local-date';
import type { DeadlineDocument } from '../../../../src/store/documents';

const calendar = createWorkingCalendar(loadConfig({ NODE_ENV: 'test' }).holidays);
const RULES: LadderRules = { time: '09:00', yellowShare: 0.8, bulletinAfterWorkingDays: 5 };
const at = (iso: string) => new Date(iso);
const doc = (fields: Partial<DeadlineDocument>) => ({ startDate: '2026-11-01', dueDate: '2026-12-01', ...fields }) as DeadlineDocument;

describe('the ladder’s days', () => {
  it('turns yellow on the first working day once 80% of the period is used, red on the first working day after the due date', () => {
    // 30 days from 11-01: 24 days → 11-25 (Wednesday).
    expect(yellowAt(doc({}), RULES, calendar)).toEqual(at('2026-11-25T09:00:00+08:00'));
    // Due on the eve of the National Day holiday (10-01…10-07 are rest days): red on Thursday 10-08.
    expect(redAt('2026-09-30', RULES, calendar)).toEqual(at('2026-10-08T09:00:00+08:00'));
    expect(redAt('2026-12-04', RULES, calendar)).toEqual(at('2026-12-07T09:00:00+08:00'));
    // Five working days after Friday 12-04: Friday 12-11.
    expect(bulletinAt(parseLocalDate('2026-12-04'), RULES, calendar)).toEqual(at('2026-12-11T09:00:00+08:00'));
  });

  it('has no yellow when 80% of a short period already falls on its due date', () => {
    expect(yellowAt(doc({ startDate: '2026-12-01', dueDate: '2026-12-04' }), RULES, calendar)).toBeNull();
  });
});

describe('nextMove', () => {
  it('waits, climbs one level at a time, skips yellow once overdue, and stops at the 通报', () => {
    expect(nextMove(doc({}), at('2026-11-20T09:00:00+08:00'), RULES, calendar)).toEqual({ kind: 'wait', nextAt: at('2026-11-25T09:00:00+08:00') });
    expect(nextMove(doc({}), at('2026-11-25T09:00:00+08:00'), RULES, calendar)).toEqual({ kind: 'climb', level: 'yellow' });
    const yellow = { due: '2026-12-01', level: 'yellow' as const, nextAt: null };
    expect(nextMove(doc({ ladder: yellow }), at('2026-11-30T09:00:00+08:00'), RULES, calendar)).toEqual({
      kind: 'wait',
      nextAt: at('2026-12-02T09:00:00+08:00'),
    });
    expect(nextMove(doc({}), at('2026-12-03T10:00:00+08:00'), RULES, calendar)).toEqual({ kind: 'climb', level: 'red' });
    const red = { due: '2026-12-01', level: 'red' as const, nextAt: null, urge: { number: 'X', on: '2026-12-04' } };
    expect(nextMove(doc({ ladder: red }), at('2026-12-10T09:00:00+08:00'), RULES, calendar)).toEqual({ kind: 'wait', nextAt: at('2026-12-11T09:00:00+08:00') });
    expect(nextMove(doc({ ladder: red }), at('2026-12-11T09:00:00+08:00'), RULES, calendar)).toEqual({ kind: 'climb', level: 'bulletin' });
    expect(nextMove(doc({ ladder: { ...red, level: 'bulletin' } }), at('2027-01-01T09:00:00+08:00'), RULES, calendar)).toEqual({ kind: 'wait', nextAt: null });
  });

  it('starts anew for a new due date', () => {
    const red = { due: '2026-12-01', level: 'red' as const, nextAt: null, urge: { number: 'X', on: '2026-12-02' } };
    expect(nextMove(doc({ dueDate: '2026-12-31', ladder: red }), at('2026-12-05T09:00:00+08:00'), RULES, calendar)).toEqual({
      kind: 'wait',
      // 80% of 60 days from 11-01 is Saturday 12-19: yellow on Monday 12-21.
      nextAt: at('2026-12-21T09:00:00+08:00'),
    });
  });
});
