import { describe, expect, it } from 'vitest';
import { ReportFiles } from '../../../../src/domain/reports/files';
import { FixedClock } from '../../../../src/kernel/clock';
import { LinkTokens } from '../../../../src/domain/links/link-tokens';
import { MemoryLinkTokenStore } from '../../../support/memory/link-tokens';
import { MemoryReportFileStore } from '../../../support/memory/report-files';

const OWNER = { channel: 'console', userId: 'jcy-leader' } as const;
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47]);

function setup() {
  const clock = new FixedClock(new Date('2026-11-26T02:00:00Z'));
  const store = new MemoryReportFileStore();
  const links = new MemoryLinkTokenStore();
  return { clock, store, links, files: new ReportFiles(store, new LinkTokens(links, clock), clock, 30) };
}

describe('report files', () => {
  it('keep a file behind an unguessable token that opens for its owner until it expires', async () => {
    const { clock, store, links, files } = setup();
    const { token, expiresAt } = await files.save(OWNER, 'chart', 'trend-2026-11-26.png', 'image/png', PNG);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(expiresAt.toISOString()).toBe('2026-11-26T02:30:00.000Z');
    const [stored] = [...store.files.values()];
    expect(stored).toMatchObject({ kind: 'chart', owner: OWNER, createdAt: clock.now(), expiresAt });
    // The link token is stored nowhere: only its hash, bound to the owner, the purpose and the file.
    expect(stored!.token).not.toBe(token);
    expect(JSON.stringify(links.records)).not.toContain(token);
    expect(links.records).toMatchObject([{ purpose: 'report-file', item: stored!.token, holder: OWNER, expiresAt }]);

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
    expect(await files.open('A'.repeat(43), OWNER)).toBeNull();
    expect(await files.open(token, null)).toBeNull();
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
    const { clock, store, links, files } = setup();
    await files.save(OWNER, 'chart', 'old.png', 'image/png', PNG);
    clock.advance(20 * 60_000);
    await files.save(OWNER, 'chart', 'new.png', 'image/png', PNG);
    expect(await files.purgeExpired(new Date(clock.now().getTime() + 10 * 60_000))).toBe(1);
    expect([...store.files.values()].map((f) => f.name)).toEqual(['new.png']);
    expect(links.records).toHaveLength(1);
  });
});
