import { readFileSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pushed } from '../support/deadline-helpers';
import { startFakeWecomApi, type FakeWecomApi } from '../support/fake-wecom-api';
import { decodePng } from '../support/png';
import { startTestBot, type TestBot } from '../support/test-bot';
import { OFFICIAL, callbackRequest, mediaMessageXml, openPassiveReply, textMessageXml } from '../support/wecom-client';

// Issue 16: the owner attaches materials from WeCom (an image message, fetched through media/get into the sealed
// attachment store); the requester, on the console, opens them watermarked.

const SECRET = 'wecom-app-secret';
const ROSTER = [readFileSync('config/roster.example.csv', 'utf8').trim(), 'wuqiang,司法局联络员吴强,sfj,organizer,wecom'].join('\n');
const SCAN = new Resvg('<svg xmlns="http://www.w3.org/2000/svg" width="200" height="120"><rect width="200" height="120" fill="#2050d0"/></svg>')
  .render()
  .asPng();

let api: FakeWecomApi;
let bot: TestBot;
let msgId = 5000;

async function wecom(xml: (id: string) => string): Promise<string> {
  const sentBefore = api.sends.length;
  const request = callbackRequest(OFFICIAL, xml(String(++msgId)));
  const res = await fetch(`${bot.url}/wecom/callback?${request.query}`, { method: 'POST', body: request.body, headers: { 'content-type': 'text/xml' } });
  expect(res.status).toBe(200);
  const body = await res.text();
  if (body) return openPassiveReply(OFFICIAL, body).content ?? '';
  const sent = await api.waitForSends(sentBefore + 1);
  return sent
    .slice(sentBefore)
    .map((s) => (s.body.text as { content?: string } | undefined)?.content ?? JSON.stringify(s.body))
    .join('\n');
}

const text = (content: string) => wecom((id) => textMessageXml({ from: 'wuqiang', content, msgId: id, corpId: OFFICIAL.corpId }));
const image = (mediaId: string) => wecom((id) => mediaMessageXml({ from: 'wuqiang', kind: 'image', mediaId, msgId: id, corpId: OFFICIAL.corpId }));

beforeAll(async () => {
  api = await startFakeWecomApi({ corpId: OFFICIAL.corpId, secret: SECRET });
  api.addMedia('MEDIA-SCAN', { bytes: SCAN, contentType: 'image/png', filename: '询问笔录.png' });
  bot = await startTestBot({
    roster: ROSTER,
    now: new Date('2026-12-03T02:00:00Z'),
    env: {
      WECOM_CORP_ID: OFFICIAL.corpId,
      WECOM_AGENT_ID: '1000002',
      WECOM_SECRET: SECRET,
      WECOM_TOKEN: OFFICIAL.token,
      WECOM_ENCODING_AES_KEY: OFFICIAL.encodingAesKey,
      WECOM_API_BASE: api.baseUrl,
      WECOM_REPLY_BUDGET_MS: '4500',
    },
  });
});

afterAll(async () => {
  await bot?.close();
  await api?.close();
});

describe('调阅 materials attached over WeCom', () => {
  it('an image message of the owner becomes a sealed file of the request, which the requester opens watermarked', async () => {
    await bot.say('jcy-officer', '申请调阅 sfj 某执法案卷 审查');
    expect(await text('批准调阅 DY-2026-0001 查看 3天')).toContain('附加调阅材料 DY-2026-0001');
    expect(await text('附加调阅材料 DY-2026-0001')).toContain('请发送要提供给 DY-2026-0001');
    expect(await image('MEDIA-SCAN')).toContain('已收到「询问笔录.png」');
    expect(api.mediaGets).toEqual(['MEDIA-SCAN']);
    await text('完成');
    expect(await text('确认')).toContain('已为 DY-2026-0001 附加 1 个文件');

    const [notice] = await pushed(bot, 'jcy-officer', '【调阅已批准】');
    const path = /\/file-access\/[A-Za-z0-9_-]{43}/.exec(notice!)![0];
    expect(notice).toContain('材料：（待对方附加文件）');
    const served = await bot.open(`${path}/files/1`, 'jcy-officer');
    expect(served.status).toBe(200);
    const png = Buffer.from(await served.arrayBuffer());
    expect(png.includes(Buffer.from('检察官赵敏（县人民检察院） 2026-12-03 10:00 DY-2026-0001'))).toBe(true);
    expect(decodePng(png).width).toBe(200);
    expect((await bot.open(`${path}/files/1`, 'wuqiang')).status).toBe(404);
    expect(await text('调阅记录 DY-2026-0001')).toContain('检察官赵敏 查看 DY-2026-0001 「询问笔录.png」');
  });
});
