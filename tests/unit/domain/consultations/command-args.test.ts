import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseConsultationArgs } from '../../../../src/domain/consultations/command-args';
import { Refusal } from '../../../../src/domain/errors';

describe('consultation request arguments', () => {
  it('reads the other agency, the category, a multi-word subject and an optional deadline', () => {
    expect(parseConsultationArgs('sfj 法律政策咨询 违法建筑 强制拆除的程序 期限 2026-12-20')).toEqual({
      to: 'sfj',
      category: '法律政策咨询',
      subject: '违法建筑 强制拆除的程序',
      due: '2026-12-20',
    });
    expect(parseConsultationArgs('县司法局 重点问题研讨 行刑衔接 2026-12-20').due).toBe('2026-12-20');
    expect(parseConsultationArgs('jcy 复杂案件研究 某案定性').due).toBeUndefined();
  });

  it('refuses a request without a subject', () => {
    expect(() => parseConsultationArgs('sfj 法律政策咨询')).toThrow(/格式不对/);
    expect(() => parseConsultationArgs('sfj 法律政策咨询 期限 2026-12-20')).toThrow(Refusal);
  });

  it('keeps every word of the subject (property)', () => {
    const word = fc.stringMatching(/^[a-z\u4e00-\u4e2f]{1,6}$/);
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 6 }), (subject) => {
        expect(parseConsultationArgs(`sfj 法律政策咨询 ${subject.join(' ')}`).subject).toBe(subject.join(' '));
      }),
    );
  });
});
