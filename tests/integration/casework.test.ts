import { afterEach, describe, expect, it } from 'vitest';
import { pushed, tickAt } from '../support/deadline-helpers';
import { startTestBot, type TestBot } from '../support/test-bot';

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

const POLLUTION = '县农业农村局对某养殖场向河道排放污水的问题长期不作为，河水发黑发臭';
const text = (replies: string[]) => replies.join('\n');

async function submit(b: TestBot, userId: string): Promise<string> {
  await b.say(userId, `提交线索：${POLLUTION} 实名`);
  return /XS-\d{4}-\d{4}/.exec(text(await b.say(userId, '确认')))![0];
}

describe('casework inside the receiving agency, through /console', () => {
  it('accepts naming a colleague: the colleague sees it in 待办 and is reminded on the handling due day, then the agency is told', async () => {
    bot = await startTestBot({ now: new Date('2026-11-26T02:00:00Z') });
    const number = await submit(bot, 'sfj-officer');
    const accepted = text(await bot.say('jcy-officer', `受理 ${number} 钱程`));
    expect(accepted).toContain('承办人 检察院联络员钱程');
    const due = /办理期限 (\d{4}-\d{2}-\d{2})/.exec(accepted)![1]!;
    expect(await pushed(bot, 'jcy-organizer', '您被指定为线索')).toHaveLength(1);
    expect(text(await bot.say('jcy-organizer', '待办'))).toContain(`承办人 检察院联络员钱程（您承办）　办理期限 ${due}`);

    // The submitter sees the stage, not who handles it.
    const submitterView = text(await bot.say('sfj-officer', `线索 ${number}`));
    expect(submitterView).toContain('已受理');
    expect(submitterView).not.toContain('钱程');

    await tickAt(bot, `${due}T00:59:00Z`);
    expect(await pushed(bot, 'jcy-organizer', '【办理提醒】')).toHaveLength(0);
    await tickAt(bot, `${due}T01:00:00Z`);
    await tickAt(bot, `${due}T01:05:00Z`);
    const reminders = await pushed(bot, 'jcy-organizer', '【办理提醒】');
    expect(reminders).toHaveLength(1);
    expect(reminders[0]).not.toContain('养殖场');
    expect(await pushed(bot, 'jcy-officer', '【办理提醒】')).toHaveLength(0);

    await tickAt(bot, '2027-03-01T01:00:00Z');
    expect(await pushed(bot, 'jcy-leader', '【办理逾期】')).toHaveLength(1);

    expect(text(await bot.say('jcy-officer', `指派 ${number} 孙立`))).toContain('仅限');
    expect(text(await bot.say('jcy-leader', `指派 ${number} 赵敏`))).toContain('承办人已改为 检察官赵敏');
  });

  it('退回补充 reaches the submitter, the answer comes back, and the acceptance clock moves on by the days it waited', async () => {
    bot = await startTestBot({ now: new Date('2026-11-26T02:00:00Z') });
    const number = await submit(bot, 'sfj-officer');
    const before = /受理期限 (\d{4}-\d{2}-\d{2})/.exec(text(await bot.say('jcy-officer', `线索 ${number}`)))![1];
    expect(text(await bot.say('jcy-officer', `退回补充 ${number} 请补充排污的具体时间和照片`))).toContain('已退回提交人补充');
    expect(await pushed(bot, 'sfj-officer', '退回补充')).toHaveLength(1);
    expect(text(await bot.say('sfj-officer', `线索 ${number}`))).toContain('需要补充：请补充排污的具体时间和照片');
    expect(text(await bot.say('jcy-officer', '待办'))).toContain('待补充');

    bot.clock.set(new Date('2026-11-30T02:00:00Z'));
    await bot.say('sfj-officer', `补充 ${number} 每晚十点后排放，已拍照`);
    expect(await pushed(bot, 'jcy-officer', '补充了材料')).toHaveLength(1);
    const after = text(await bot.say('jcy-officer', `线索 ${number}`));
    expect(after).toContain('补充材料');
    expect(after).not.toContain('需要补充：');
    expect(/受理期限 (\d{4}-\d{2}-\d{2})/.exec(after)![1]! > before!).toBe(true);
  });

  it('refuses a third transfer and sends it to sfj, which decides; every past holder keeps 已转办至…', async () => {
    bot = await startTestBot();
    const number = await submit(bot, 'jw-officer');
    expect(text(await bot.say('jcy-officer', `转办 ${number} 司法局 不属本院`))).toContain('转办须选一项理由');
    expect(text(await bot.say('jcy-officer', `转办 ${number} 司法局 4 职责不清`))).toContain('已转办至县司法局');
    expect(text(await bot.say('sfj-officer', `转办 ${number} 检察院 3 行政机关不作为`))).toContain('已转办至县人民检察院');
    const third = text(await bot.say('jcy-officer', `转办 ${number} 纪委 2 可能涉及公职人员`));
    expect(third).toContain('转办次数已达上限，未转办');
    expect(await pushed(bot, 'sfj-organizer', '【管辖协调】')).toHaveLength(1);
    expect(text(await bot.say('sfj-leader', '待办'))).toContain(`${number}`);
    expect(text(await bot.say('jcy-officer', `转办 ${number} 纪委 2 可能涉及公职人员`))).toContain('协调');

    expect(text(await bot.say('jw-organizer', `协调 ${number} 纪委`))).toContain('「协调」不适用于县纪委监委');
    expect(text(await bot.say('sfj-organizer', `协调 ${number} 纪委`))).toContain(`已确定线索 ${number} 由县纪委监委办理`);
    expect(text(await bot.say('jw-officer', '待办'))).toContain(number);
    const past = text(await bot.say('sfj-officer', `线索 ${number}`));
    expect(past).toContain('已转办至县人民检察院');
    expect(past).not.toContain('养殖场');
    expect(text(await bot.say('jcy-officer', `线索 ${number}`))).toContain('已转办至县纪委监委');
  });
});
