import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { Keyring, keyringFromEnv } from '../../src/kernel/field-cipher';
import { useAtRestKeys } from '../../src/store/mongo/at-rest';
import { ConversationModel } from '../../src/store/mongo/models/conversation';
import { OutboxModel } from '../../src/store/mongo/models/outbox';
import { MongoOutboxStore } from '../../src/store/mongo/outbox';
import { startTestBot, type TestBot } from '../support/test-bot';

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

const HELP = JSON.stringify({ userId: 'jw-officer', text: '帮助' });
const TOKEN = 'console-token-for-tests-0123456789';

describe('console input rules (issue 22, item 10)', () => {
  it('refuses a POST that is not application/json (a cross-origin form or text/plain needs no preflight) with 415, storing nothing', async () => {
    bot = await startTestBot();
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', '']) {
      const res = await fetch(`${bot.url}/console/messages`, { method: 'POST', body: HELP, headers: type ? { 'content-type': type } : {} });
      expect(res.status).toBe(415);
    }
    expect(await ConversationModel.countDocuments({})).toBe(0);
    expect((await bot.post('/console/messages', HELP, { 'content-type': 'application/json; charset=utf-8' })).status).toBe(200);
  });

  it('with a console token, answers only requests that carry it', async () => {
    bot = await startTestBot({ env: { CONSOLE_TOKEN: TOKEN } });
    expect((await bot.post('/console/messages', HELP)).status).toBe(401);
    expect((await bot.post('/console/messages', HELP, { authorization: `Bearer ${TOKEN}x` })).status).toBe(401);
    expect((await fetch(`${bot.url}/console/outbox?userId=jw-officer`)).status).toBe(401);
    expect((await fetch(`${bot.url}/console/roster`)).status).toBe(401);
    expect(await ConversationModel.countDocuments({})).toBe(0);
    expect((await bot.post('/console/messages', HELP, { authorization: `Bearer ${TOKEN}` })).status).toBe(200);
    expect((await fetch(`${bot.url}/console/roster`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
  });

  it('echoes a well-formed request id and replaces a long or odd one', async () => {
    bot = await startTestBot();
    const idOf = async (id: string) => (await fetch(`${bot!.url}/healthz`, { headers: { 'x-request-id': id } })).headers.get('x-request-id');
    expect(await idOf('req-42.a_b:c')).toBe('req-42.a_b:c');
    for (const bad of ['x'.repeat(8000), 'a b', 'id\u00e9', '<script>']) {
      const answered = await idOf(bad);
      expect(answered).not.toBe(bad);
      expect(answered).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('skips an outbox row sealed under a key no longer configured, never a 500 for the whole list', async () => {
    bot = await startTestBot();
    const outbox = new MongoOutboxStore();
    await outbox.enqueue([{ key: 'test:readable', channel: 'console', userId: 'jw-officer', message: { text: '看得见' } }], bot.clock.now());
    useAtRestKeys(new Keyring(randomBytes(32)));
    try {
      await outbox.enqueue([{ key: 'test:lost-key', channel: 'console', userId: 'jw-officer', message: { text: '旧钥匙' } }], bot.clock.now());
    } finally {
      useAtRestKeys(keyringFromEnv({}).keyring);
    }
    const res = await fetch(`${bot.url}/console/outbox?userId=jw-officer`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { messages: { text: string }[] }).messages.map((m) => m.text)).toEqual(['看得见']);
    // The sender gives such a row up (failed, no retry) instead of stopping at it.
    await bot.sender.deliverDue();
    expect(await OutboxModel.findById('test:lost-key').lean()).toMatchObject({ status: 'failed' });
    expect(await OutboxModel.findById('test:readable').lean()).toMatchObject({ status: 'sent' });
  });
});
