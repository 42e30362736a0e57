import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MediationCaseModel } from '../../src/store/mongo/models/mediation-case';
import { pushed, tickAt } from '../support/deadline-helpers';
import { startTestBot, type TestBot } from '../support/test-bot';

async function say(bot: TestBot, userId: string, text: string): Promise<string> {
  return (await bot.say(userId, text)).join('\n');
}

describe('行政争议调解 through the console', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ now: new Date('2026-12-03T02:00:00Z') });
  }, 30_000);
  afterAll(async () => bot.close());

  it('registers a case, reminds its handling period and records its outcome', async () => {
    expect(await say(bot, 'sfj-officer', '登记调解 scjg 仲裁前 罚款争议')).toContain('阶段「仲裁前」须为以下之一');
    expect(await say(bot, 'jcy-officer', '登记调解 scjg 复议前 罚款争议')).toContain('由县司法局（调解中心）登记');
    const registered = await say(bot, 'sfj-officer', '登记调解 市场监管局 复议前 个体户张某对罚款决定不服');
    expect(registered).toContain('已登记调解案件 TJ-2026-0001 县市场监督管理局 复议前：个体户张某对罚款决定不服；办理期限 2027-01-04');
    const stored = await MediationCaseModel.findOne({ number: 'TJ-2026-0001' }).lean();
    expect(JSON.stringify(stored)).not.toContain('张某');

    await tickAt(bot, '2026-12-28T09:00:00+08:00');
    expect(await pushed(bot, 'sfj-organizer', 'TJ-2026-0001（县市场监督管理局，复议前）办理期限将于 2027-01-04 到期，还剩 ')).toHaveLength(1);

    expect(await say(bot, 'sfj-officer', '调解')).toContain('TJ-2026-0001');
    expect(await say(bot, 'sfj-officer', '调解结果 TJ-2026-0001 和解')).toContain('结果「和解」须为以下之一');
    expect(await say(bot, 'sfj-officer', '调解结果 TJ-2026-0001 调解成功 撤销罚款后达成和解')).toContain('已办结 TJ-2026-0001');
    expect(await say(bot, 'sfj-officer', '调解 TJ-2026-0001')).toContain('调解成功（2026-12-28）');
    await tickAt(bot, '2027-01-04T09:00:00+08:00');
    expect(await pushed(bot, 'sfj-organizer', '今天到期')).toHaveLength(0);
  }, 120_000);
});
