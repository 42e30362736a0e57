import { describe, expect, it } from 'vitest';
import { agenciesSchema } from '../../../../src/config/agencies';
import { loadYamlFile } from '../../../../src/config/load';
import { agencyIndex } from '../../../../src/domain/names';
import { parseKey, readQuestion } from '../../../../src/domain/questions/question';
import { parseLocalDate } from '../../../../src/kernel/time/local-date';

const TODAY = parseLocalDate('2026-11-26');
const names = agencyIndex(loadYamlFile('config', 'agencies.yaml', agenciesSchema).agencies);
const read = (text: string) => readQuestion(text, TODAY, names);

describe('a question’s unit slot, through the one names resolver', () => {
  it('reads full names, short names, aliases and a part only one unit has', () => {
    const key = (text: string) => {
      const r = read(text);
      return r.kind === 'slots' ? parseKey(r.slots).split('|')[1] : r.kind;
    };
    expect(key('上季度县市场监督管理局通知书几份')).toBe('scjg');
    expect(key('上季度城管局通知书几份')).toBe('zhzf');
    expect(key('上季度人民检察院收到几条线索')).toBe('jcy');
    expect(key('上季度农村局通知书几份')).toBe('nyncj');
    expect(key('今年市监局和城管局检察建议回复率')).toBe('scjg+zhzf');
  });

  it('asks 您是不是要找 for a misspelt unit, with buttons that ask again with each choice', () => {
    const r = read('近三个月市场监管句通知书几份');
    expect(r).toEqual({
      kind: 'ask',
      question: '找不到单位「市场监管句」。您是不是要找：县市场监督管理局？请点选，或换个说法再问。',
      buttons: ['问 近三个月县市场监督管理局通知书几份'],
    });
    const again = read(r.kind === 'ask' ? r.buttons[0]!.replace(/^问 /, '') : '');
    expect(again.kind === 'slots' && again.slots.units).toEqual(['scjg']);
  });

  it('asks rather than guesses a rate of what is only counted, or an item not named', () => {
    expect(read('今年以来线索回复率')).toMatchObject({ kind: 'ask', question: expect.stringContaining('线索只统计数量'), buttons: ['问 今年以来线索数量'] });
    expect(read('哪些单位逾期没回复')).toMatchObject({ kind: 'ask', question: expect.stringContaining('检察建议、通知书还是决定书') });
    expect(read('上个月情况怎么样')).toMatchObject({ kind: 'ask', question: expect.stringContaining('您想统计哪类事项') });
  });
});
