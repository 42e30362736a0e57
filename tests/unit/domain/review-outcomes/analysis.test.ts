import { describe, expect, it } from 'vitest';
import { analyse, percent, previousPeriod } from '../../../../src/domain/review-outcomes/analysis';
import { monthPeriod, quarterPeriod, yearPeriod } from '../../../../src/domain/reports/period';
import type { ReviewOutcome } from '../../../../src/store/review-outcomes';

const RULE = { topReasons: 2, risePoints: 0.1, minCases: 2 };

function record(unit: string, kind: ReviewOutcome['kind'], adverse: boolean, reason = ''): ReviewOutcome {
  return {
    ref: `${kind}:${Math.random()}`,
    kind,
    caseNumber: 'x',
    unit,
    actType: '行政处罚',
    outcome: adverse ? '撤销' : '维持',
    adverse,
    reason,
    decidedOn: '2026-05-01',
    source: 'chat',
    createdBy: { channel: 'console', userId: 'u', name: 'n', agency: 'sfj' },
    createdAt: new Date(),
  };
}

describe('previousPeriod', () => {
  it('is the period of the same length just before', () => {
    expect(previousPeriod(yearPeriod(2026)).key).toBe('2025');
    expect(previousPeriod(quarterPeriod(2026, 1)).key).toBe('2025-Q4');
    expect(previousPeriod(quarterPeriod(2026, 3)).key).toBe('2026-Q2');
    expect(previousPeriod(monthPeriod(2026, 1)).key).toBe('2025-12');
    expect(previousPeriod(monthPeriod(2026, 11)).key).toBe('2026-10');
  });
});

describe('analyse', () => {
  const current = [
    record('nyncj', 'reconsideration', true, '明显不当'),
    record('nyncj', 'reconsideration', true, '明显不当'),
    record('nyncj', 'reconsideration', true, '违反法定程序'),
    record('nyncj', 'reconsideration', false),
    record('nyncj', 'litigation', true, '违反法定程序'),
    record('jsj', 'reconsideration', false),
    record('jsj', 'reconsideration', true, '其他'),
  ];
  const previous = [record('nyncj', 'reconsideration', false), record('jsj', 'reconsideration', true, '其他')];

  it('counts cases, adverse outcomes and rates per unit, in the configured order', () => {
    const rows = analyse(current, previous, RULE, ['jsj', 'nyncj', 'zhzf']);
    expect(rows.map((r) => r.unit)).toEqual(['jsj', 'nyncj']);
    const nyncj = rows[1]!;
    expect(nyncj.current.reconsideration).toEqual({ cases: 4, adverse: 3, rate: 0.75 });
    expect(nyncj.current.litigation).toEqual({ cases: 1, adverse: 1, rate: 1 });
    expect(nyncj.previous.litigation).toEqual({ cases: 0, adverse: 0, rate: null });
    expect(nyncj.topReasons).toEqual([
      { reason: '明显不当', count: 2 },
      { reason: '违反法定程序', count: 2 },
    ]);
  });

  it('flags a rising rate with enough cases, not a falling one nor one case alone', () => {
    const rows = analyse(current, previous, RULE, ['jsj', 'nyncj']);
    expect(rows.find((r) => r.unit === 'nyncj')!.flagged).toBe(true);
    expect(rows.find((r) => r.unit === 'jsj')!.flagged).toBe(false);
    const single = analyse([record('zhzf', 'litigation', true, '其他')], [], RULE, ['zhzf']);
    expect(single[0]!.flagged).toBe(false);
  });

  it('lists a requested unit even without records', () => {
    const [row] = analyse([], [], RULE, ['zhzf'], ['zhzf']);
    expect(row!.current.reconsideration.rate).toBeNull();
    expect(percent(row!.current.reconsideration.rate)).toBe('—');
    expect(percent(1 / 3)).toBe('33.3%');
  });
});
