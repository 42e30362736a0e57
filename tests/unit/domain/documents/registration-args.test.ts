import { describe, expect, it } from 'vitest';
import { parseRegistrationArgs } from '../../../../src/domain/documents/registration-args';
import { Refusal } from '../../../../src/domain/errors';
import { configured } from '../../../support/document-kinds';

const { kinds } = configured();
const kind = (key: string) => kinds.registrable.find((k) => k.key === key)!;

describe('one-line registration', () => {
  it('reads 文号, unit, date, 紧急 and a custom 期限 in any order after the positionals', () => {
    expect(parseRegistrationArgs(kind('recommendation'), '嘉检建〔2026〕1号 nyncj 2026-03-02 紧急 期限 2026-03-10')).toEqual({
      kind: 'recommendation',
      reference: '嘉检建〔2026〕1号',
      recipient: 'nyncj',
      startDate: '2026-03-02',
      urgent: true,
      customDue: '2026-03-10',
    });
    expect(parseRegistrationArgs(kind('notice'), 'A号 zhzf 2026-03-02 期限：2026-04-01')).toMatchObject({
      recipient: 'zhzf',
      customDue: '2026-04-01',
      urgent: false,
    });
  });

  it('takes a transfer without a unit: it always goes to the police', () => {
    expect(parseRegistrationArgs(kind('transfer'), 'Y号 2026-06-05')).toEqual({
      kind: 'transfer',
      reference: 'Y号',
      startDate: '2026-06-05',
      urgent: false,
      customDue: undefined,
    });
  });

  it('refuses a wrong number of parts with the usage line', () => {
    expect(() => parseRegistrationArgs(kind('recommendation'), 'A号 nyncj')).toThrow(Refusal);
    expect(() => parseRegistrationArgs(kind('transfer'), 'Y号 gaj 2026-06-05')).toThrow(/登记移送案件 <文号>/);
  });
});
