import { describe, expect, it } from 'vitest';
import { ReportFiles } from '../../../../src/domain/reports/files';
import { FixedClock } from '../../../../src/kernel/clock';
import { MemoryReportFileStore } from '../../../support/memory/report-files';

const OWNER = { channel: 'console', userId: 'jcy-leader' } as const;
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47]);

function setup() {
  const clock = new FixedClock(new Date('2026-11-26T02:00:00Z'));
  const store = new MemoryReportFileStore();
  return { clock, store, files: new ReportFiles(store, clock, 30) };
}

describe('report files', () => {
  it('keep a file behind an unguessable token that opens for its owner until it expires', async () => {
    const { clock, store, files } = setup();
    const { token, expiresAt } = await files.save(OWNER, 'chart', 'trend-2026-11-26.png', 'image/png', PNG);
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(expiresAt.toISOString()).toBe('2026-11-26T02:30:00.000Z');
    expect(store.files.get(token)).toMatchObject({ kind: 'chart', owner: OWNER, createdAt: clock.now(), expiresAt });

    const file = await files.open(token, OWNER);
    expect(file).toMatchObject({ name: 'trend-2026-11-26.png', contentType: 'image/png' });
    expect(Buffer.isBuffer(file?.data) && file.data.equals(PNG)).toBe(true);

    clock.advance(30 * 60_000 - 1);
    expect(await files.open(token, OWNER)).not.toBeNull();
    clock.advance(1);
    expect(await files.open(token, OWNER)).toBeNull();
  });

  it('open for nobody else: another user, the same user on another channel, a malformed or unknown token', async () => {
    const { files } = setup();
    const { token } = await files.save(OWNER, 'export', '联合监督-2026.xlsx', 'application/octet-stream', PNG);
    expect(await files.open(token, { channel: 'console', userId: 'sfj-leader' })).toBeNull();
    expect(await files.open(token, { channel: 'wecom', userId: 'jcy-leader' })).toBeNull();
    expect(await files.open(`${token}x`, OWNER)).toBeNull();
    expect(await files.open('../../package.json', OWNER)).toBeNull();
    expect(await files.open('A'.repeat(32), OWNER)).toBeNull();
  });

  it('open from the chart and download URLs of a reply, and nothing else', async () => {
    const { files } = setup();
    const { token } = await files.save(OWNER, 'chart', 'trend.png', 'image/png', PNG);
    expect((await files.openUrl(`/reports/charts/${token}.png`, OWNER))?.name).toBe('trend.png');
    expect((await files.openUrl(`/reports/files/${token}`, OWNER))?.name).toBe('trend.png');
    expect(await files.openUrl(`/reports/charts/${token}.png?userId=jcy-leader`, OWNER)).toBeNull();
    expect(await files.openUrl(`https://example.com/reports/files/${token}`, OWNER)).toBeNull();
  });

  it('are purged once expired', async () => {
    const { clock, store, files } = setup();
    await files.save(OWNER, 'chart', 'old.png', 'image/png', PNG);
    clock.advance(20 * 60_000);
    const { token } = await files.save(OWNER, 'chart', 'new.png', 'image/png', PNG);
    expect(await files.purgeExpired(new Date(clock.now().getTime() + 10 * 60_000))).toBe(1);
    expect([...store.files.keys()]).toEqual([token]);
  });
});
