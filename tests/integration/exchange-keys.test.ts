import { afterEach, describe, expect, it } from 'vitest';
import { FieldCipher } from '../../src/kernel/field-cipher';
import { atRestKeys, openJson, openJsonWith } from '../../src/store/mongo/at-rest';
import { ConversationModel } from '../../src/store/mongo/models/conversation';
import { OutboxModel } from '../../src/store/mongo/models/outbox';
import { SessionModel } from '../../src/store/mongo/models/session';
import { startTestBot, type TestBot } from '../support/test-bot';

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

const say = async (user: string, text: string) => (await bot!.say(user, text)).join('\n');
const numberIn = (reply: string) => /XS-\d{4}-\d{4}/.exec(reply)?.[0] ?? '';

/** A jw clue's facts, typed by a jcy officer. */
const JW_SECRET = '县建设局副局长柏鹤年在工程招投标中收受施工方贿赂二十万元';

/** Every sealed value of one stored row that holds the secret once opened with all keys (text, replies, message, data). */
function sealedHolding(row: object, fields: Record<string, string>): Array<[unknown, string]> {
  const values = row as Record<string, unknown>;
  return Object.entries(fields).flatMap(([field, context]) => {
    const sealed = values[field];
    return sealed && JSON.stringify(openJson(sealed, context)).includes(JW_SECRET) ? [[sealed, context] as [unknown, string]] : [];
  });
}

describe('the conversation log, the outbox and sessions under the receiving agency’s key', () => {
  it('what a jcy officer typed about a jw clue, its draft, its replies and the push to jw open with jw’s keyring and not with jcy’s or the county’s', async () => {
    bot = await startTestBot();
    const keys = atRestKeys();
    const jw = new FieldCipher(keys.ring('jw'));
    const refused = [new FieldCipher(keys.ring('jcy')), new FieldCipher(keys.county)];
    const found: Record<'conversations' | 'sessions' | 'outbox', Array<[unknown, string]>> = { conversations: [], sessions: [], outbox: [] };

    expect(await say('jcy-officer', `提交线索：${JW_SECRET} 实名`)).toContain('确认');
    // The routed draft waiting for 确认 (sealed once more inside the session's data).
    for (const row of await SessionModel.find({ userId: 'jcy-officer' }).lean()) found.sessions.push([row.data, `session.data:${row._id}`]);
    const number = numberIn(await say('jcy-officer', '确认'));
    expect(number).toMatch(/XS-2026-\d{4}/);
    // The receiving agency reads it: its reply carries the facts too.
    expect(await say('jw-organizer', `线索 ${number}`)).toContain(JW_SECRET);

    const key = (row: { channel: string; platformMessageId: string }) => `${row.channel}:${row.platformMessageId}`;
    for (const row of await ConversationModel.find({}).lean()) {
      found.conversations.push(...sealedHolding(row, { text: `conversation.text:${key(row)}`, replies: `conversation.replies:${key(row)}` }));
    }
    for (const row of await OutboxModel.find({}).lean()) found.outbox.push(...sealedHolding(row, { message: `outbox.message:${row.key}` }));
    const outboxToJw = await OutboxModel.find({ userId: 'jw-organizer' }).lean();
    expect(outboxToJw.length, 'the notice to jw').toBeGreaterThan(0);

    // The typed text, the confirmation reply and jw's view; the routed draft.
    expect(found.conversations.length).toBeGreaterThanOrEqual(3);
    expect(found.sessions.length).toBe(1);
    const rows = [...found.conversations, ...found.sessions, ...outboxToJw.map((row) => [row.message, `outbox.message:${row.key}`] as [unknown, string])];
    for (const [sealed, context] of rows) {
      expect(() => openJsonWith(jw, sealed, context), context).not.toThrow();
      for (const other of refused) expect(() => openJsonWith(other, sealed, context), context).toThrow();
    }
  });

  it('an exchange about a jcy clue opens with jcy’s keyring, and one about no clue stays under the county key', async () => {
    bot = await startTestBot();
    const keys = atRestKeys();
    expect(await say('sfj-officer', '提交线索：县农业农村局对养殖场向河道排放污水长期不作为 实名')).toContain('确认');
    const number = numberIn(await say('sfj-officer', '确认'));
    expect(await say('jcy-organizer', `线索 ${number}`)).toContain('养殖场');
    await say('jcy-officer', '帮助');
    const key = (row: { channel: string; platformMessageId: string }) => `${row.channel}:${row.platformMessageId}`;
    const view = (await ConversationModel.find({ userId: 'jcy-organizer' }).lean())[0]!;
    expect(openJsonWith<unknown[]>(new FieldCipher(keys.ring('jcy')), view.replies, `conversation.replies:${key(view)}`)).toHaveLength(1);
    const help = (await ConversationModel.find({ userId: 'jcy-officer' }).lean())[0]!;
    expect(openJsonWith(new FieldCipher(keys.county), help.replies, `conversation.replies:${key(help)}`)).toBeTruthy();
  });
});
