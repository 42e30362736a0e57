import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConversationModel } from '../../src/store/mongo/models/conversation';
import { PersonModel } from '../../src/store/mongo/models/person';
import { startTestBot, type TestBot } from '../support/test-bot';
import { storedCases } from './support/cases';

let bot: TestBot;
beforeEach(async () => {
  bot = await startTestBot();
});
afterEach(async () => {
  expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
  expect(await storedCases()).toEqual({});
  await bot.close();
});

async function send(body: string | Buffer | ReadableStream, headers: Record<string, string> = {}) {
  const res = await fetch(`${bot.url}/console/messages`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', ...headers },
    ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
  } as RequestInit);
  const text = await res.text();
  return { status: res.status, text, json: text.startsWith('{') ? (JSON.parse(text) as { replies?: { text: string }[]; error?: string }) : undefined };
}

describe('hostile input on the console API', () => {
  it('refuses MongoDB operators in place of strings with 400, and stores nothing', async () => {
    const bodies = [
      { userId: { $ne: null }, text: '帮助' },
      { userId: { $gt: '' }, text: '帮助' },
      { userId: 'jw-officer', text: { $regex: '.*' } },
      { userId: 'jw-officer', text: '帮助', messageId: { $ne: null } },
      { userId: ['jw-officer'], text: '帮助' },
    ];
    for (const body of bodies) {
      const res = await send(JSON.stringify(body));
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json?.error).toMatch(/bad field/);
    }
    expect(await ConversationModel.countDocuments()).toBe(0);
  });

  it('does not let query-string tricks reach the outbox query', async () => {
    for (const query of ['userId[$ne]=x', 'userId=a&userId=b', `userId=${'x'.repeat(65)}`, 'userId=']) {
      const res = await fetch(`${bot.url}/console/outbox?${query}`);
      expect(res.status, query).toBe(400);
    }
    const res = await fetch(`${bot.url}/console/outbox?userId=${encodeURIComponent('{"$ne":null}')}`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { messages: unknown[] }).messages).toEqual([]);
  });

  it('drops __proto__ and constructor keys: no prototype pollution, no field smuggled in', async () => {
    const polluting = '{"userId":"jw-officer","text":"帮助","__proto__":{"polluted":"yes","roles":["admin"]},"constructor":{"prototype":{"polluted":"yes"}}}';
    const res = await send(polluting);
    expect(res.status).toBe(200);
    expect(res.json?.replies?.[0]?.text).toContain('张明');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('roles');

    // A required field hidden behind __proto__ is not found.
    const hidden = await send('{"__proto__":{"userId":"jw-officer"},"text":"帮助"}');
    expect(hidden.status).toBe(400);
    const person = await PersonModel.findOne({ userId: 'jw-officer' }).lean();
    expect(person?.roles).not.toContain('admin');
  });

  it('refuses JSON nested 200,000 deep with 400 and takes a wide object with 40,000 keys', async () => {
    const deep = `{"userId":"jw-officer","text":"帮助","extra":${'['.repeat(200_000)}${']'.repeat(200_000)}}`;
    const nested = await send(deep);
    expect(nested.status).toBe(400);
    expect(nested.json?.error).toBe('malformed JSON');

    const unclosed = await send(`{"userId":"jw-officer","text":${'['.repeat(500_000)}`);
    expect(unclosed.status).toBe(400);

    const manyKeys = `{${Array.from({ length: 40_000 }, (_, i) => `"k${i}":${i}`).join(',')},"userId":"jw-officer","text":"帮助"}`;
    const wide = await send(manyKeys);
    expect(wide.status).toBe(200);
    expect(wide.json?.replies?.[0]?.text).toContain('张明');
  });

  it('refuses a body over 1 MB plus the upload allowance with 413, declared or streamed without a length', async () => {
    // The limit is 1 MB of JSON plus a 10 MB upload in base64 (config/attachments.yaml): about 15 MB.
    const big = JSON.stringify({ userId: 'jw-officer', text: 'x'.repeat(15_100_000) });
    expect((await send(big)).status).toBe(413);
    const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 240) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const streamed = await send(stream).catch((err: Error) => ({ status: -1, text: err.message }));
    // Node may cut the upload off once the 413 is written: either way, no 2xx.
    expect([413, -1]).toContain(streamed.status);
    expect(await ConversationModel.countDocuments()).toBe(0);
  });

  it('handles invalid UTF-8 without crashing: replacement characters and a polite reply, or 400 when it is not JSON', async () => {
    const prefix = Buffer.from('{"userId":"jw-officer","text":"', 'utf8');
    const suffix = Buffer.from('"}', 'utf8');
    const res = await send(Buffer.concat([prefix, Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xe2, 0x82]), suffix]));
    expect(res.status).toBe(200);
    expect(res.json?.replies?.[0]?.text).toContain('帮助');

    const badUser = await send(Buffer.concat([Buffer.from('{"userId":"jw-off', 'utf8'), Buffer.from([0xc0, 0xaf]), Buffer.from('icer","text":"帮助"}')]));
    expect(badUser.status).toBe(200);
    expect(badUser.json?.replies?.[0]?.text).toContain('未登记');

    const notJson = await send(Buffer.from([0xef, 0xbb, 0xbf, 0x00, 0xff, 0x7b]));
    expect(notJson.status).toBe(400);
  });

  it('strips control characters from the text and treats them in a user id as an unknown sender', async () => {
    const res = await send(JSON.stringify({ userId: 'jw-officer', text: '\u0000帮\u0007助\u001b[31m\u007f' }));
    expect(res.status).toBe(200);
    const reply = res.json?.replies?.[0]?.text ?? '';
    expect(reply).toMatch(/张明|帮助/);
    expect(reply).not.toMatch(/[\u0000-\u0008\u001b\u007f]/);

    const nulUser = await send(JSON.stringify({ userId: 'jw-officer\u0000', text: '帮助' }));
    expect(nulUser.status).toBe(200);
    expect(nulUser.json?.replies?.[0]?.text).toContain('未登记');

    const rtl = await send(JSON.stringify({ userId: 'jw-officer', text: '\u202e助帮\u202c' }));
    expect(rtl.status).toBe(200);
  });

  it('answers a 10,000-character message politely (too long) and refuses a longer one with 400', async () => {
    const tenThousand = await send(JSON.stringify({ userId: 'jw-officer', text: '线'.repeat(10_000) }));
    expect(tenThousand.status).toBe(200);
    expect(tenThousand.json?.replies?.[0]?.text).toMatch(/过长|帮助/);

    const longer = await send(JSON.stringify({ userId: 'jw-officer', text: 'a'.repeat(10_001) }));
    expect(longer.status).toBe(400);

    const longCommand = await send(JSON.stringify({ userId: 'jw-officer', text: `提交线索：${'某局长期不作为。'.repeat(1_200)}` }));
    expect(longCommand.status).toBe(200);
    expect(longCommand.json?.replies?.[0]?.text).toMatch(/过长/);
  });

  it('serves no file outside the simulator and report stores, whatever the path', async () => {
    for (const path of [
      '/console/web/..%2F..%2F..%2Fpackage.json',
      '/console/web/%2e%2e%2fweb-page.ts',
      '/console/web/....//....//.env',
      '/console/../package.json',
      '/reports/files/..%2F..%2Fpackage.json?userId=admin',
      `/reports/files/${'A'.repeat(43)}?userId=admin`,
      '/reports/charts/%00.png?userId=admin',
      '/%2e%2e/%2e%2e/etc/passwd',
    ]) {
      const res = await fetch(`${bot.url}${path}`);
      expect(res.status, path).toBeGreaterThanOrEqual(400);
      expect(res.status, path).toBeLessThan(500);
      const body = await res.text();
      expect(body, path).not.toMatch(/"dependencies"|root:|import /);
    }
  });

  it('refuses wrong methods, content types and empty bodies with a 4xx', async () => {
    expect((await send('')).status).toBe(400);
    expect((await send('null')).status).toBe(400);
    expect((await send('"帮助"')).status).toBe(400);
    const get = await fetch(`${bot.url}/console/messages`);
    expect(get.status).toBeGreaterThanOrEqual(400);
    expect(get.status).toBeLessThan(500);
  });
});
