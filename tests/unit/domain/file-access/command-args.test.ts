import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Refusal } from '../../../../src/domain/errors';
import { parseApprovalArgs } from '../../../../src/domain/file-access/command-args';

describe('approval arguments', () => {
  it('defaults to view only with the configured days and the requested record', () => {
    expect(parseApprovalArgs('')).toEqual({ scope: 'view', materials: [] });
  });

  it('reads scope, days and materials in any order', () => {
    expect(parseApprovalArgs('复制 材料 TZ-2026-0001,JY-2026-0002 5天')).toEqual({ scope: 'copy', days: 5, materials: ['TZ-2026-0001', 'JY-2026-0002'] });
    expect(parseApprovalArgs('3天 查看 材料：TZ-2026-0001、TZ-2026-0002')).toEqual({ scope: 'view', days: 3, materials: ['TZ-2026-0001', 'TZ-2026-0002'] });
  });

  it('refuses what it does not understand', () => {
    expect(() => parseApprovalArgs('永久')).toThrow(/看不懂「永久」/);
  });

  it('never throws anything but a Refusal (property)', () => {
    const words = fc.constantFrom('查看', '复制', '3天', '材料', '材料：', 'TZ-2026-0001', ',', ' ');
    fc.assert(
      fc.property(fc.array(fc.oneof(words, fc.string()), { maxLength: 8 }), (parts) => {
        try {
          parseApprovalArgs(parts.join(' '));
        } catch (err) {
          expect(err).toBeInstanceOf(Refusal);
        }
      }),
    );
  });
});
