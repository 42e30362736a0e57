import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../../src/config';
import { annualIndicators, missingData } from '../../../../src/domain/indicators/annual';
import { clueTimeliness, display, total, type YearRecords } from '../../../../src/domain/indicators/sources';
import type { ClueDeadlineRow } from '../../../../src/store/reports';
import type { DeadlineDocument } from '../../../../src/store/documents';
import type { RectificationItem } from '../../../../src/store/inspections';

const config = loadConfig({ NODE_ENV: 'test' }).indicators;

function records(partial: Partial<YearRecords>): YearRecords {
  return {
    asOf: '2026-12-03',
    months: ['2026-10', '2026-11', '2026-12'],
    inspections: [],
    items: [],
    documents: [],
    closedByCorrection: new Set(['notice']),
    reviewOutcomes: [],
    accountability: [],
    selfInspections: [],
    mediation: [],
    successOutcome: '调解成功',
    clues: [],
    pausesWhileReturned: true,
    ...partial,
  };
}

const item = (owner: string, status: 'open' | 'done') => ({ owner, status }) as RectificationItem;
const answer = (late: boolean) => ({ at: new Date(), by: { channel: 'console', userId: 'u', name: 'n', agency: 'nyncj' }, text: 't', late });

describe('annual indicators', () => {
  it('adds counts and, for rates, numerators and denominators', () => {
    expect(
      total([
        { kind: 'count', value: 2 },
        { kind: 'count', value: 3 },
      ]),
    ).toEqual({ kind: 'count', value: 5 });
    expect(
      total([
        { kind: 'rate', numerator: 1, denominator: 2 },
        { kind: 'rate', numerator: 0, denominator: 0 },
        { kind: 'rate', numerator: 2, denominator: 2 },
      ]),
    ).toEqual({ kind: 'rate', numerator: 3, denominator: 4 });
    expect(display({ kind: 'rate', numerator: 3, denominator: 4 })).toBe('75.0%（3/4）');
    expect(display({ kind: 'rate', numerator: 0, denominator: 0 })).toBe('—');
  });

  it('counts a notice on time only by its correction, a recommendation by its reply', () => {
    const documents = [
      { kind: 'notice', recipient: 'nyncj', dueDate: '2026-11-01', reply: answer(false) },
      { kind: 'notice', recipient: 'nyncj', dueDate: '2026-11-01', correction: answer(false) },
      { kind: 'recommendation', recipient: 'nyncj', dueDate: '2026-11-01', reply: answer(true) },
      { kind: 'recommendation', recipient: 'nyncj', dueDate: '2027-01-01' },
    ] as DeadlineDocument[];
    const report = annualIndicators(2026, records({ documents }), config, ['nyncj']);
    expect(display(report.units[0]!.rows.find((r) => r.key === 'documentsOnTime')!.value)).toBe('33.3%（1/3）');
  });

  it('gives the county the sum of the units and lists what each unit still lacks', () => {
    const data = records({ items: [item('nyncj', 'done'), item('nyncj', 'open'), item('jsj', 'done')] });
    const report = annualIndicators(2026, data, config, ['nyncj', 'jsj']);
    expect(display(report.county.find((r) => r.key === 'rectificationRate')!.value)).toBe('66.7%（2/3）');
    expect(missingData(data, 'nyncj')).toEqual(['自查缺3个月（10月、11月、12月）', '未录入复议、诉讼记录（确无案件的可忽略）']);
  });

  it('counts a clue on time only when accepted and concluded within their periods, for the agency holding it', () => {
    // 09:00 Asia/Shanghai on the day.
    const at = (day: string) => new Date(`${day}T01:00:00Z`);
    const clue = (partial: Partial<ClueDeadlineRow>): ClueDeadlineRow => ({ route: 'jcy', status: 'submitted', acceptanceDue: '2026-10-20', ...partial });
    const onTime = clue({ status: 'concluded', acceptedAt: at('2026-10-20'), handlingDue: '2026-11-30', concludedAt: at('2026-11-30') });
    const acceptedLate = clue({ status: 'concluded', acceptedAt: at('2026-10-21'), handlingDue: '2026-11-30', concludedAt: at('2026-11-02') });
    const concludedLate = clue({ status: 'concluded', acceptedAt: at('2026-10-10'), handlingDue: '2026-11-30', concludedAt: at('2026-12-01') });
    const neverAccepted = clue({});
    const stillWithin = clue({ acceptanceDue: '2026-12-03' });
    const handlingPassed = clue({ status: 'accepted', acceptedAt: at('2026-10-10'), handlingDue: '2026-12-02' });
    const waiting = clue({ returned: { at: at('2026-10-15') } });
    const disputed = clue({ dispute: { at: at('2026-10-15') } });
    const withdrawn = clue({ status: 'withdrawn' });
    const states = [onTime, acceptedLate, concludedLate, neverAccepted, stillWithin, handlingPassed, waiting, disputed, withdrawn].map((c) =>
      clueTimeliness(c, '2026-12-03', true),
    );
    expect(states).toEqual(['onTime', 'late', 'late', 'late', 'open', 'late', 'open', 'open', 'open']);
    // Without the pause, waiting for 补充 does not stop the clock.
    expect(clueTimeliness(waiting, '2026-12-03', false)).toBe('late');

    const data = records({ clues: [onTime, acceptedLate, stillWithin, { ...onTime, route: 'jw' }, { ...neverAccepted, route: 'jw' }] });
    const report = annualIndicators(2026, data, config, ['nyncj'], ['jw', 'jcy', 'sfj']);
    const figure = (unit: string) => report.units.find((u) => u.unit === unit)!.rows.find((r) => r.key === 'clueTransfersOnTime');
    expect(display(figure('jcy')!.value)).toBe('50.0%（1/2）');
    expect(display(figure('jw')!.value)).toBe('50.0%（1/2）');
    expect(display(figure('sfj')!.value)).toBe('—');
    // Not an enforcement unit's figure: clues name no unit.
    expect(figure('nyncj')).toBeUndefined();
    expect(report.units.find((u) => u.unit === 'jcy')!.rows.map((r) => r.key)).toEqual(['clueTransfersOnTime']);
    expect(display(report.county.find((r) => r.key === 'clueTransfersOnTime')!.value)).toBe('50.0%（2/4）');
    expect(report.units.find((u) => u.unit === 'jcy')!.missing).toEqual(['1件线索尚未办结（办结或期限届满后计入按期办理率）']);
  });
});
