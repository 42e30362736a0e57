import mongoose from 'mongoose';
import { afterEach, describe, expect, it } from 'vitest';
import { isSealed } from '../../src/store/mongo/at-rest';
import { startTestBot, type TestBot } from '../support/test-bot';

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

const say = async (user: string, text: string) => (await bot!.say(user, text)).join('\n');

/** Seeded through the console into the court-supervision and meeting registers: none may be stored in plaintext. */
const SECRETS = ['（2026）浙0421行审77号', '县司法局七楼密室', '柏鹤年受贿案研判'];

describe('register fields at rest', () => {
  it('seals the court’s 案号, a meeting’s topic and place and a file-access request’s related case; no collection holds them in plaintext', async () => {
    bot = await startTestBot({ now: new Date('2026-12-03T02:00:00Z') });
    expect(await say('jcy-officer', `登记非诉执行监督 不予执行 综合行政执法局 2026-11-20 ${SECRETS[0]}`)).toContain('FZ-2026-0001');
    expect(await say('jcy-officer', `非诉监督 FZ-2026-0001`)).toContain(SECRETS[0]);
    expect(await say('sfj-organizer', `安排专题会议 2026-12-20 15:00 ${SECRETS[1]} ${SECRETS[2]} 确认`)).toContain('HY-2026-0001');
    const agenda = await say('sfj-organizer', '会议');
    expect(agenda).toContain(SECRETS[1]);
    expect(await say('sfj-officer', '登记监督通知书 嘉司监通〔2026〕5号 zhzf 2026-12-01')).toContain('TZ-2026-0001');
    expect(await say('jcy-officer', '申请调阅 司法局 TZ-2026-0001 审查关联公益诉讼线索 XS-2026-0003')).toContain('XS-2026-0003');

    const db = mongoose.connection.db!;
    const names = (await db.listCollections().toArray()).map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(['court_supervision_cases', 'meetings']));
    for (const name of names.filter((n) => n !== 'roster')) {
      for (const doc of await db.collection(name).find().toArray()) {
        const text = JSON.stringify(doc);
        expect(
          SECRETS.filter((secret) => text.includes(secret)),
          `${name}: ${text.slice(0, 300)}`,
        ).toEqual([]);
      }
    }
    const access = await db.collection('file_access_requests').findOne({});
    expect(isSealed(access?.relatedCase), JSON.stringify(access)).toBe(true);
  });
});
