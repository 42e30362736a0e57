import { describe, expect, it } from 'vitest';
import { memoryServices } from '../../../support/memory-services';

async function approvedRequest(scope: '查看' | '复制') {
  const s = memoryServices({ now: new Date('2026-12-03T02:00:00Z') });
  await s.documents.register(s.who('sfj-officer'), {
    kind: 'notice',
    reference: '嘉司监通〔2026〕5号',
    recipient: 'zhzf',
    startDate: '2026-12-01',
    urgent: false,
  });
  const request = await s.fileAccess.request(s.who('jcy-officer'), { owner: 'sfj', subject: 'tz-2026-0001', reason: '审查' });
  const approved = await s.fileAccess.approve(s.who('sfj-organizer'), request.number, { scope: scope === '复制' ? 'copy' : 'view', days: 1, materials: [] });
  const [notice] = s.pushed('jcy-officer', '【调阅已批准】');
  const token = /\/file-access\/([A-Za-z0-9_-]{43})/.exec(notice!)![1]!;
  return { s, token, approved };
}

describe('FileAccessService.open', () => {
  it('opens for the requester only, logs each opening, and refuses every other case alike', async () => {
    const { s, token } = await approvedRequest('查看');
    const jcy = { channel: 'console', userId: 'jcy-officer' };
    expect((await s.fileAccess.open(token, jcy, 'view'))!.pages.map((p) => p.number)).toEqual(['TZ-2026-0001']);
    expect(await s.fileAccess.open(token, jcy, 'download')).toBeNull();
    expect(await s.fileAccess.open(token, { channel: 'wecom', userId: 'jcy-officer' }, 'view')).toBeNull();
    expect(await s.fileAccess.open(token, { channel: 'console', userId: 'jw-officer' }, 'view')).toBeNull();
    expect(await s.fileAccess.open('x'.repeat(43), jcy, 'view')).toBeNull();
    expect(await s.fileAccess.open(token, null, 'view')).toBeNull();
    // Only the token's hash is stored, bound to the requester, purpose and item.
    expect(JSON.stringify(s.stores.linkTokens.records)).not.toContain(token);
    expect(s.stores.linkTokens.records).toMatchObject([{ purpose: 'file-access', item: 'DY-2026-0001', holder: jcy }]);
    expect(s.stores.fileAccess.log).toHaveLength(1);

    // Approved on 12-03 for 1 day: valid through 12-04, 24:00 Asia/Shanghai.
    s.clock.set(new Date('2026-12-04T15:59:00Z'));
    expect(await s.fileAccess.open(token, jcy, 'view')).not.toBeNull();
    s.clock.set(new Date('2026-12-04T16:00:00Z'));
    expect(await s.fileAccess.open(token, jcy, 'view')).toBeNull();
    expect(await s.fileAccess.expireDue(s.clock.now())).toEqual(['DY-2026-0001']);
    expect(s.stores.linkTokens.records).toHaveLength(0);
    expect(s.stores.fileAccess.log).toHaveLength(2);
  });

  it('serves a download for copy scope', async () => {
    const { s, token } = await approvedRequest('复制');
    const view = await s.fileAccess.open(token, { channel: 'console', userId: 'jcy-officer' }, 'download');
    expect(view!.downloadUrl).toBe(`/file-access/${token}/download`);
    expect(s.stores.fileAccess.log.map((e) => e.action)).toEqual(['download']);
  });
});
describe('FileAccessService.attachFiles', () => {
  const ref = (n: number, contentType = 'image/png') => ({ id: `att-${n}`, kind: 'image' as const, name: `f${n}.png`, contentType, size: 10 });

  it('lets only the owner attach, only while approved, within the limit, and tells the requester once per batch', async () => {
    const { s } = await approvedRequest('查看');
    await expect(s.fileAccess.attachFiles(s.who('jcy-organizer'), 'DY-2026-0001', [ref(1)])).rejects.toThrow('只有材料所属单位县司法局可以');
    await expect(s.fileAccess.attachFiles(s.who('sfj-organizer'), 'DY-2026-0001', [])).rejects.toThrow('还没有收到文件');
    const { request, notes } = await s.fileAccess.attachFiles(s.who('sfj-organizer'), 'DY-2026-0001', [
      ref(1),
      { ...ref(2, 'application/msword'), name: '案卷.doc' },
      // Its bytes cannot be read (none stored under that id): marked unreadable, never served.
      { ...ref(3, 'application/pdf'), name: '卷宗.pdf' },
    ]);
    expect(request.grant!.files!.map((f) => [f.id, f.unreadable])).toEqual([
      ['att-1', undefined],
      ['att-2', undefined],
      ['att-3', true],
    ]);
    expect(notes).toEqual([expect.stringContaining('「案卷.doc」的格式无法加水印'), expect.stringContaining('「卷宗.pdf」无法解析（可能已加密或损坏）')]);
    expect(s.pushed('jcy-officer', '【调阅材料已补充】')).toHaveLength(1);
    const tooMany = Array.from({ length: 18 }, (_, i) => ref(i + 4));
    await expect(s.fileAccess.attachFiles(s.who('sfj-organizer'), 'DY-2026-0001', tooMany)).rejects.toThrow('最多 20 个文件，已有 3 个');
    s.clock.set(new Date('2026-12-04T16:00:00Z'));
    await expect(s.fileAccess.attachFiles(s.who('sfj-organizer'), 'DY-2026-0001', [ref(9)])).rejects.toThrow('不在有效的批准期内（已过期）');
    expect(s.stores.fileAccess.requests[0]!.grant!.files).toHaveLength(3);
  });
});
