import { describe, expect, it } from 'vitest';
import { memoryServices } from '../../../support/memory-services';

const figures = { casesClosed: 1, penalties: 1, transfers: 0, selfChecked: 0, unexecuted: 0 };

describe('BulletinService.remindMissing', () => {
  it('waits for the due day, then reminds each unit that has not reported once, marked late after downtime', async () => {
    const s = memoryServices({ now: new Date('2026-12-02T02:00:00Z') });
    await s.bulletin.report(s.who('nyncj-liaison'), { figures });
    expect(await s.bulletin.remindMissing(new Date('2026-12-04T09:00:00+08:00'))).toBe(0);
    expect(await s.bulletin.remindMissing(new Date('2026-12-07T10:00:00+08:00'))).toBe(1);
    expect(await s.bulletin.remindMissing(new Date('2026-12-07T10:01:00+08:00'))).toBe(0);
    expect(s.pushed('zhzf-liaison', '尚未报送 2026-11')).toHaveLength(1);
    expect(s.pushed('nyncj-liaison', '尚未报送')).toHaveLength(0);
    const row = [...s.stores.outbox.rows.values()].find((r) => r.userId === 'zhzf-liaison');
    expect(row!.late).toBe(true);
  });

  it('reminds for December in January', async () => {
    const s = memoryServices({ now: new Date('2027-01-05T02:00:00Z') });
    await s.bulletin.remindMissing(new Date('2027-01-05T09:00:00+08:00'));
    expect(s.pushed('zhzf-liaison', '尚未报送 2026-12')).toHaveLength(1);
    expect((await s.bulletin.table()).month).toBe('2026-12');
  });
});
