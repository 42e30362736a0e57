import { afterEach, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../support/test-bot';

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

interface ConsoleReply {
  text: string;
  buttons?: string[];
}

async function ask(b: TestBot, userId: string, text: string): Promise<ConsoleReply[]> {
  const res = await b.post('/console/messages', JSON.stringify({ userId, text }));
  expect(res.status).toBe(200);
  return ((await res.json()) as { replies: ConsoleReply[] }).replies;
}

const POLLUTION = '县农业农村局对某养殖场向河道排放污水的问题长期不作为，河水发黑发臭';

describe('names people type, through /console', () => {
  it('transfers to 纪委, and answers a typo with 您是不是要找 and a button that works', async () => {
    bot = await startTestBot();
    await ask(bot, 'sfj-officer', `提交线索：${POLLUTION} 实名`);
    const number = /XS-\d{4}-\d{4}/.exec((await ask(bot, 'sfj-officer', '确认'))[0]!.text)![0];

    const [typo] = await ask(bot, 'jcy-officer', `转办 ${number} 司法句 不属本院`);
    expect(typo!.text).toContain('您是不是要找：县司法局');
    expect(typo!.buttons).toEqual([`转办 ${number} 县司法局 不属本院`]);
    expect((await ask(bot, 'jcy-officer', `线索 ${number}`))[0]!.text).toContain('县人民检察院');

    const [moved] = await ask(bot, 'jcy-officer', `转办 ${number} 纪委 涉及公职人员`);
    expect(moved!.text).toContain('已转办至县纪委监委');
  });

  it('registers a notice for 县生态环境局, and offers the configured unit for a near miss in the wizard', async () => {
    bot = await startTestBot();
    const [done] = await ask(bot, 'sfj-officer', '登记监督通知书 嘉司监〔2026〕21号 县生态环境局 2026-11-20');
    expect(done!.text).toContain('市生态环境局嘉善分局');

    await ask(bot, 'sfj-officer', '登记监督通知书');
    await ask(bot, 'sfj-officer', '嘉司监〔2026〕22号');
    const [suggested] = await ask(bot, 'sfj-officer', '生态环竟分局');
    expect(suggested!.text).toContain('您是不是要找：市生态环境局嘉善分局');
    expect(suggested!.buttons).toEqual(['市生态环境局嘉善分局']);
    const [next] = await ask(bot, 'sfj-officer', suggested!.buttons![0]!);
    expect(next!.text).toContain('日期');
  });
});
