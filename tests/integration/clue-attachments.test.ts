import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLUE_NOT_AVAILABLE } from '../../src/domain/clues/access';
import { ATTACHMENT_TEXTS, CHUNK_BYTES } from '../../src/domain/clues/attachments';
import { startFakeWecomApi, type FakeWecomApi } from '../support/fake-wecom-api';
import { startTestBot, type TestBot } from '../support/test-bot';
import { OFFICIAL, callbackRequest, mediaMessageXml, openPassiveReply, textMessageXml } from '../support/wecom-client';

// Done-when (issue 14): an image sent over the WeCom callback is fetched from the (fake) platform media API and
// becomes an encrypted attachment of the clue that jw can open and jcy cannot; no plaintext byte of it is stored.

const SECRET = 'wecom-app-secret';
const ROSTER = [readFileSync('config/roster.example.csv', 'utf8').trim(), 'wangfang,司法局执法监督员王芳,sfj,officer,wecom'].join('\n');
/** A PNG header and 700 KB of random bytes: more than one chunk, and nothing a scan could find by chance. */
const IMAGE = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(700_000)]);
const MEDIA_ID = `MEDIA-${randomBytes(8).toString('hex')}`;
const BRIBERY = '县住建局副局长周某在工程验收中多次收受施工方现金和购物卡，共计约十五万元';

let api: FakeWecomApi;
let bot: TestBot;
let msgId = 1000;

async function wecom(xml: (id: string) => string): Promise<string> {
  const sentBefore = api.sends.length;
  const request = callbackRequest(OFFICIAL, xml(String(++msgId)));
  const res = await fetch(`${bot.url}/wecom/callback?${request.query}`, { method: 'POST', body: request.body, headers: { 'content-type': 'text/xml' } });
  expect(res.status).toBe(200);
  const body = await res.text();
  if (body) return openPassiveReply(OFFICIAL, body).content ?? '';
  // Past the passive budget (a busy machine) the answer is pushed once processing ends: wait for it.
  const sent = await api.waitForSends(sentBefore + 1);
  return sent
    .slice(sentBefore)
    .map((s) => (s.body.text as { content?: string } | undefined)?.content ?? JSON.stringify(s.body))
    .join('\n');
}

const text = (content: string) => wecom((id) => textMessageXml({ from: 'wangfang', content, msgId: id, corpId: OFFICIAL.corpId }));
const image = (mediaId: string) => wecom((id) => mediaMessageXml({ from: 'wangfang', kind: 'image', mediaId, msgId: id, corpId: OFFICIAL.corpId }));

/** Every document of a collection as stored (raw driver, no model), as bytes to search. */
async function rawCollection(name: string): Promise<Buffer> {
  const docs = await mongoose.connection.db!.collection(name).find({}).toArray();
  return Buffer.from(JSON.stringify(docs));
}

beforeAll(async () => {
  api = await startFakeWecomApi({ corpId: OFFICIAL.corpId, secret: SECRET });
  api.addMedia(MEDIA_ID, { bytes: IMAGE, contentType: 'image/png', filename: '现场照片.png' });
  api.addMedia('MEDIA-EXE', { bytes: Buffer.from('MZ not a picture'), contentType: 'application/x-msdownload', filename: 'tool.exe' });
  bot = await startTestBot({
    roster: ROSTER,
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
  for (const answer of ['提交线索', BRIBERY, '周某', '2026年10月，县城']) await text(answer);
});

afterAll(async () => {
  await bot?.close();
  await api?.close();
});

describe('evidence attachments over the WeCom callback', () => {
  it('fetches the image through media/get, keeps it sealed, and refuses a type it does not take', async () => {
    expect(await image(MEDIA_ID)).toContain('已收到附件「现场照片.png」（共1个）');
    expect(api.mediaGets).toEqual([MEDIA_ID]);
    expect(await image('MEDIA-EXE')).toBe(ATTACHMENT_TEXTS.badType);
    await text('无');
    await text('否');
    expect(await text('确认')).toContain('XS-2026-0001');

    const chunks = await mongoose.connection.db!.collection('clue_attachment_chunks').countDocuments();
    expect(chunks).toBe(Math.ceil(IMAGE.length / CHUNK_BYTES));
    // Every collection the bot wrote to: no run of the image's bytes (raw, base64 or hex), and not the media id.
    const probe = IMAGE.subarray(3000, 3048); // at a multiple of 3, so the base64 of a plaintext chunk would contain its base64
    for (const name of ['clue_attachment_chunks', 'clue_attachments', 'clues', 'conversations', 'sessions', 'outbox']) {
      const stored = await rawCollection(name);
      expect(stored.includes(probe), name).toBe(false);
      expect(stored.includes(Buffer.from(probe.toString('base64').slice(4, 40))), name).toBe(false);
      expect(stored.includes(Buffer.from(probe.toString('hex'))), name).toBe(false);
      expect(stored.includes(Buffer.from(MEDIA_ID)), name).toBe(false);
    }
  });

  it('lists the attachment in 线索 XS-… and opens it for jw, by a link for jw alone', async () => {
    const details = (await bot.say('jw-officer', '线索 XS-2026-0001')).join('\n');
    expect(details).toContain('附件（1个）：');
    expect(details).toContain('1. 现场照片.png（图片，684KB）');

    const res = await bot.post('/console/messages', JSON.stringify({ userId: 'jw-officer', text: '附件 XS-2026-0001 1' }));
    const [reply] = ((await res.json()) as { replies: { text: string; image?: { url: string } }[] }).replies;
    expect(reply?.text).toContain('线索 XS-2026-0001 附件1：现场照片.png');
    const url = reply!.image!.url;
    const opened = await bot.open(url, 'jw-officer');
    expect(opened.status).toBe(200);
    expect(opened.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await opened.arrayBuffer()).equals(IMAGE)).toBe(true);

    // The link is jw-officer's: anyone else, or the same link after it expired, gets the same 404.
    expect((await bot.open(url, 'jcy-officer')).status).toBe(404);
    bot.clock.advance(11 * 60_000);
    expect((await bot.open(url, 'jw-officer')).status).toBe(404);
  });

  it('refuses jcy the attachment like a clue that does not exist', async () => {
    expect(await bot.say('jcy-officer', '附件 XS-2026-0001 1')).toEqual([CLUE_NOT_AVAILABLE]);
    expect(await bot.say('jcy-officer', '线索 XS-2026-0001')).toEqual([CLUE_NOT_AVAILABLE]);
  });
});
