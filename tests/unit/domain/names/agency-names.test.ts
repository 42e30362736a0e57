import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../../src/config';
import { choiceButtons, NameRefusal } from '../../../../src/domain/names';
import { Organization } from '../../../../src/domain/organization';

const org = new Organization(loadConfig({ NODE_ENV: 'test' }));

function refusalOf(text: string): NameRefusal {
  try {
    org.resolve(text);
  } catch (err) {
    if (err instanceof NameRefusal) return err;
  }
  throw new Error(`${text} resolved`);
}

describe('agency names (config/agencies.yaml)', () => {
  it('knows the names people type: 纪委, 监委, 检察院, 司法局, 市场监管局, 综合执法局, 生态环境局', () => {
    const codes = ['纪委', '监委', '检察院', '司法局', '市场监管局', '综合执法局', '生态环境局', '县生态环境局', '环保局'].map((t) => org.resolve(t).code);
    expect(codes).toEqual(['jw', 'jw', 'jcy', 'sfj', 'scjg', 'zhzf', 'sthj', 'sthj', 'sthj']);
  });

  it('answers a typo with 您是不是要找 and buttons that repeat the message with the right name', () => {
    const refusal = refusalOf('司法句');
    expect(refusal.message).toContain('您是不是要找：县司法局');
    expect(choiceButtons(refusal, '转办 XS-2026-0001 司法句 不属本院')).toEqual(['转办 XS-2026-0001 县司法局 不属本院']);
    expect(choiceButtons(refusal, '司法句')).toEqual(['县司法局']);
  });

  it('asks which one when a name fits several', () => {
    expect(refusalOf('火星局').choices).toEqual([]);
    const several = refusalOf('农业局公安局');
    expect(several.message).toContain('您指的是哪一个');
    expect(several.choices).toEqual(expect.arrayContaining(['县农业农村局', '县公安局']));
  });

  it('finds the agencies a question names', () => {
    expect(org.mentioned('县纪委监委和检察院本月收到几条线索').map((a) => a.code)).toEqual(['jw', 'jcy']);
  });
});
