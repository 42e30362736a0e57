import { afterEach, describe, expect, it, vi } from 'vitest';
import { DeadlineDocumentModel } from '../../src/store/mongo/models/deadline-document';
import { OutboxModel } from '../../src/store/mongo/models/outbox';
import { cliTick, pushed, tickAt } from '../support/deadline-helpers';
import { startTestBot, type TestBot } from '../support/test-bot';

let bot: TestBot | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await bot?.close();
  bot = undefined;
});

const REGISTER = '登记检察建议 嘉检行公建〔2026〕3号 nyncj 2026-03-02';

async function registerRecommendation(): Promise<TestBot> {
  bot = await startTestBot({ now: new Date('2026-03-02T02:00:00Z') });
  const reply = (await bot.say('jcy-officer', REGISTER)).join('\n');
  // 2026-03-02 + 2 months = 05-02, inside the Labour Day holiday (05-01…05-05) → 05-06.
  expect(reply).toContain('JY-2026-0001');
  expect(reply).toContain('县农业农村局');
  expect(reply).toContain('期限：2026-05-06');
  return bot;
}

// The CLI ticks start processes of their own (tsx compiles on start): far above the default 30 s on a busy machine.
describe('a recommendation to nyncj, driven by scheduler ticks', { timeout: 240_000 }, () => {
  it('reminds on each day once, escalates on the first overdue day, and stops on 回复', async () => {
    const bot = await registerRecommendation();
    expect(await pushed(bot, 'nyncj-liaison', '【新文书】')).toHaveLength(1);

    await tickAt(bot, '2026-04-21T08:59:00+08:00');
    expect(await pushed(bot, 'nyncj-liaison', '期限提醒')).toHaveLength(0);

    // The first reminder through the real CLI, twice: still one message.
    expect(await cliTick(bot, '2026-04-21T09:00:00+08:00')).toMatch(/tick at 2026-04-21T01:00:00.000Z/);
    await cliTick(bot, '2026-04-21T09:01:00+08:00');
    // The 未签收 escalation, sent late, now words the same countdown: count the reminders only.
    expect((await pushed(bot, 'nyncj-liaison', '还剩 8 个工作日')).filter((text) => text.startsWith('【期限提醒】'))).toHaveLength(1);
    expect((await pushed(bot, 'jcy-organizer', '还剩 8 个工作日')).filter((text) => text.startsWith('【期限提醒】'))).toHaveLength(1);

    // The 1-day step falls on 05-05, a holiday: it goes out on 04-30, the last working day before.
    for (const day of ['04-29', '04-30', '05-01', '05-05', '05-06', '05-07']) {
      await tickAt(bot, `2026-${day}T09:00:00+08:00`);
      await tickAt(bot, `2026-${day}T09:00:30+08:00`);
      await tickAt(bot, `2026-${day}T17:00:00+08:00`);
    }
    // Deadline reminders only (the unit also gets the monthly 执法信息报送提醒 in these days).
    const reminders = (await bot.outbox('nyncj-liaison')).map((m) => m.text).filter((t) => /^【(期限|逾期)提醒】/.test(t));
    expect(reminders).toHaveLength(5);
    expect(reminders.map((t) => /还剩 \d+ 个工作日|今天|逾期 \d+ 天/.exec(t)?.[0])).toEqual([
      '还剩 8 个工作日',
      '还剩 2 个工作日',
      '还剩 1 个工作日',
      '今天',
      '逾期 1 天',
    ]);
    expect(reminders[2]).toContain('将于 2026-05-06（节后首个工作日）到期，还剩 1 个工作日（6 天，含休息日）');
    const onHoliday = await OutboxModel.countDocuments({ createdAt: { $gte: new Date('2026-04-30T16:00:00Z'), $lt: new Date('2026-05-05T16:00:00Z') } });
    expect(onHoliday).toBe(0);

    for (const user of ['jcy-organizer', 'jcy-leader', 'sfj-organizer', 'sfj-leader']) {
      const escalation = await pushed(bot, user, '逾期督办');
      expect(escalation, user).toHaveLength(1);
      expect(escalation[0]).toContain('报告上一级人民检察院');
    }
    expect(await pushed(bot, 'nyncj-liaison', '逾期督办')).toHaveLength(0);
    expect((await bot.services.documents.overdue()).map((d) => d.number)).toEqual(['JY-2026-0001']);

    bot.clock.set(new Date('2026-05-08T02:00:00Z'));
    expect((await bot.say('nyncj-liaison', '回复 JY-2026-0001 已于5月8日书面回复并整改')).join('')).toContain('逾期 2 天');
    expect(await pushed(bot, 'jcy-organizer', '【回复】')).toHaveLength(1);
    expect((await bot.say('jcy-officer', '文书 JY-2026-0001')).join('')).toContain('已办结');

    await tickAt(bot, '2026-05-14T09:00:00+08:00');
    expect((await bot.outbox('nyncj-liaison')).filter((m) => /^【(期限|逾期)提醒】/.test(m.text))).toHaveLength(5);
    expect(await bot.services.documents.overdue()).toHaveLength(0);
  });

  it('sends each reminder once under concurrent ticks of two scheduler processes and in-process', async () => {
    const bot = await registerRecommendation();
    const at = '2026-04-21T09:00:00+08:00';
    bot.clock.set(new Date(at));
    await Promise.all([cliTick(bot, at), cliTick(bot, at), bot.scheduler.tick(new Date(at)), bot.services.documents.remindDue(new Date(at))]);
    expect(await pushed(bot, 'nyncj-liaison', '还剩 8 个工作日')).toHaveLength(1);
    expect(await OutboxModel.countDocuments({ key: /^remind:JY-2026-0001:2026-05-06:d-15:/ })).toBe(2); // nyncj-liaison, jcy-organizer
  });

  it('survives a crash between the outbox write and the step move: the next tick repeats nothing', async () => {
    const bot = await registerRecommendation();
    vi.spyOn(DeadlineDocumentModel, 'updateOne').mockRejectedValueOnce(new Error('injected crash'));
    const crashed = await tickAt(bot, '2026-04-21T09:00:00+08:00');
    expect(crashed.failedJobs).toContain('deadline-reminders');
    expect((await DeadlineDocumentModel.findOne({ number: 'JY-2026-0001' }).lean())!.nextStepOffset).toBe(-15);

    await tickAt(bot, '2026-04-21T09:01:00+08:00');
    expect(await pushed(bot, 'nyncj-liaison', '还剩 8 个工作日')).toHaveLength(1);
    expect((await DeadlineDocumentModel.findOne({ number: 'JY-2026-0001' }).lean())!.nextStepOffset).toBe(-7);
    expect(await OutboxModel.countDocuments({ key: /^remind:/, status: 'sent' })).toBe(2);
  });

  it('delivers rows written before a crash of the sender on the next tick, once', async () => {
    const bot = await registerRecommendation();
    bot.clock.set(new Date('2026-04-21T01:00:00Z'));
    await bot.services.documents.remindDue(new Date('2026-04-21T01:00:00Z')); // written, process "dies" before sending
    expect(await OutboxModel.countDocuments({ key: /^remind:/, status: 'pending' })).toBe(2);
    await tickAt(bot, '2026-04-21T09:05:00+08:00');
    await tickAt(bot, '2026-04-21T09:06:00+08:00');
    expect(await OutboxModel.countDocuments({ key: /^remind:/, status: 'sent' })).toBe(2);
    expect(await pushed(bot, 'nyncj-liaison', '还剩 8 个工作日')).toHaveLength(1);
  });

  it('after downtime folds every missed step into one current reminder, marked late', async () => {
    const bot = await registerRecommendation();
    await tickAt(bot, '2026-05-06T10:00:00+08:00');
    await tickAt(bot, '2026-05-06T10:01:00+08:00');
    const messages = (await bot.outbox('nyncj-liaison')).filter((m) => /^【(期限|逾期)提醒】/.test(m.text)) as { text: string; late?: boolean }[];
    expect(messages.map((m) => m.late)).toEqual([true]);
    expect(messages[0]!.text).toContain('今天（2026-05-06）到期');
    expect(messages[0]!.text).toContain('补发：此提醒原定 2026-05-06 09:00 发送');
  });
});
