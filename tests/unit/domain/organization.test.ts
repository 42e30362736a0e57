import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config';
import { Refusal } from '../../../src/domain/errors';
import { Organization } from '../../../src/domain/organization';
import { ROLES, type Role } from '../../../src/kernel/people';

const org = new Organization(loadConfig({ NODE_ENV: 'test' }));
const holders = (permission: Parameters<Organization['may']>[1]) => ROLES.filter((role: Role) => org.may({ roles: [role] }, permission));

describe('Organization', () => {
  it('names agencies by code, and answers with the code for one no longer configured', () => {
    expect(org.name('jcy')).toBe('县人民检察院');
    expect(org.shortName('jcy')).toBe('检察院');
    expect(org.name('gone')).toBe('gone');
  });

  it('knows the kinds and the parts agencies play', () => {
    expect(org.ofKind('supervisor')).toEqual(['jw', 'jcy', 'sfj']);
    expect(org.is('nyncj', 'enforcement')).toBe(true);
    expect(org.is('sfj', 'enforcement')).toBe(false);
    expect([org.part('discipline'), org.part('justice'), org.part('government'), org.part('police')]).toEqual(['jw', 'sfj', 'zf', 'gaj']);
  });

  it('resolves codes, full and short names, and a part of a name only one agency has', () => {
    expect(org.resolve('NYNCJ').code).toBe('nyncj');
    expect(org.resolve('县农业农村局').code).toBe('nyncj');
    expect(org.resolve('市场监管局').code).toBe('scjg');
    expect(org.resolve('嘉善分局').code).toBe('sthj');
    expect(() => org.resolve('县')).toThrow(Refusal);
    expect(() => org.resolve('不存在的局')).toThrow(/找不到单位/);
  });

  it('lets officers submit clues and leaders and organizers see the figures', () => {
    expect(holders('submitClues')).toEqual(['officer']);
    expect(holders('viewReports')).toEqual(['organizer', 'leader']);
    expect(holders('handleClues')).toEqual(['officer', 'organizer', 'leader']);
    expect(holders('organizeMeetings')).toEqual(['organizer', 'leader', 'admin']);
  });

  it('names the audience of each kind of notice', () => {
    expect(org.audience('newClue')).toEqual(['officer', 'organizer']);
    expect(org.audience('escalation')).toEqual(['organizer', 'leader']);
  });
});
