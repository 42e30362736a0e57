import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RosterFileError, parseRosterCsv } from '../../../../src/domain/roster/roster-csv';

const known = { agencies: new Set(['jw', 'jcy', 'sfj', 'zf', 'nyncj', 'zhzf']), channels: new Set(['wecom', 'dingtalk', 'console']) };
const header = 'userId,name,agency,roles,channel';

function problemsOf(text: string): string[] {
  try {
    parseRosterCsv(text, known);
  } catch (err) {
    if (err instanceof RosterFileError) return err.problems;
    throw err;
  }
  return [];
}

describe('roster CSV', () => {
  it('parses the shipped example: officer, organizer and leader in each supervising agency', () => {
    const people = parseRosterCsv(readFileSync('config/roster.example.csv', 'utf8'), known);
    for (const agency of ['jw', 'jcy', 'sfj']) {
      for (const role of ['officer', 'organizer', 'leader']) {
        expect(
          people.some((p) => p.agency === agency && p.roles.includes(role as never)),
          `${agency} ${role}`,
        ).toBe(true);
      }
    }
    expect(people.filter((p) => !['jw', 'jcy', 'sfj'].includes(p.agency)).length).toBeGreaterThanOrEqual(2);
    expect(people.every((p) => p.channel === 'console')).toBe(true);
  });

  it('splits roles on | and removes repeats', () => {
    const [p] = parseRosterCsv(`${header}\nu1,张三,jw,officer|leader|officer,wecom\n`, known);
    expect(p).toEqual({ userId: 'u1', name: '张三', agency: 'jw', roles: ['officer', 'leader'], channel: 'wecom' });
  });

  it('reports every bad row with its line number', () => {
    const text = [
      header,
      'u1,张三,jw,officer,wecom',
      'u2,李四,police,officer,wecom',
      'u3,王五,jw,boss,wecom',
      'u4,赵六,jw,officer,qq',
      'u1,张三,jw,officer,wecom',
      'u5,,jw,officer,wecom',
      'u6,only-three,jw',
      'u7,张\u0000七,jw,officer,wecom',
    ].join('\n');
    expect(problemsOf(text)).toEqual([
      'line 3: unknown agency "police"',
      'line 4: unknown role "boss" (allowed: officer, organizer, leader, admin)',
      'line 5: unknown channel "qq" (allowed: wecom, dingtalk, console)',
      'line 6: wecom:u1 already appears on line 2',
      'line 7: name is empty',
      'line 8: expected 5 columns, found 3',
      'line 9: name contains a control character',
    ]);
  });

  it('requires the exact header', () => {
    expect(problemsOf('id,name,agency,roles,channel\nu1,a,jw,officer,wecom')[0]).toMatch(/line 1: header/);
    expect(problemsOf('')[0]).toMatch(/line 1: header/);
  });

  it('never throws anything but RosterFileError, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (tail) => {
        try {
          parseRosterCsv(`${header}\n${tail}`, known);
        } catch (err) {
          expect(err).toBeInstanceOf(RosterFileError);
        }
      }),
    );
  });
});
