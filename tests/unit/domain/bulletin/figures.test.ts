import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeFigures, FIGURE_LABELS, parseFiguresArgs } from '../../../../src/domain/bulletin/figures';
import { Refusal } from '../../../../src/domain/errors';
import { FIGURE_KEYS } from '../../../../src/store/enforcement-figures';

describe('enforcement figures arguments', () => {
  it('reads an optional unit and month, then the figures in any order', () => {
    expect(parseFiguresArgs('nyncj 2026-9 移送1 结案12件 处罚：8')).toEqual({
      unit: 'nyncj',
      month: '2026-09',
      figures: { casesClosed: 12, penalties: 8, transfers: 1, selfChecked: 0, unexecuted: 0 },
    });
    expect(parseFiguresArgs('结案0 处罚0 移送0 自查30 未执行2').figures).toMatchObject({ selfChecked: 30, unexecuted: 2 });
  });

  it('refuses a missing, repeated or unknown figure', () => {
    expect(() => parseFiguresArgs('结案12 处罚8')).toThrow(/缺少移送/);
    expect(() => parseFiguresArgs('结案12 结案13 处罚8 移送1')).toThrow(/填了两次/);
    expect(() => parseFiguresArgs('结案12 处罚8 移送1 罚款3')).toThrow(/看不懂「罚款3」/);
    expect(() => parseFiguresArgs('')).toThrow(Refusal);
  });

  it('reads back whatever figures it describes, in any order (property)', () => {
    const figures = fc.record(
      Object.fromEntries(FIGURE_KEYS.map((key) => [key, fc.nat({ max: 999_999 })])) as Record<(typeof FIGURE_KEYS)[number], fc.Arbitrary<number>>,
    );
    fc.assert(
      fc.property(figures, fc.boolean(), (values, reversed) => {
        const tokens = describeFigures(values).split('，');
        const text = (reversed ? tokens.reverse() : tokens).join(' ');
        expect(parseFiguresArgs(text).figures).toEqual(values);
      }),
    );
  });

  it('never throws anything but a Refusal (property)', () => {
    const words = fc.constantFrom(...Object.values(FIGURE_LABELS), 'nyncj', '2026-11', '2026-13', '件', '：', ' ');
    fc.assert(
      fc.property(fc.array(fc.oneof(words, fc.string(), fc.nat().map(String)), { maxLength: 8 }), (parts) => {
        try {
          parseFiguresArgs(parts.join(''));
        } catch (err) {
          expect(err).toBeInstanceOf(Refusal);
        }
      }),
    );
  });
});
