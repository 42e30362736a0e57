import { afterEach, describe, expect, it } from 'vitest';
import { pushed, tickAt } from '../support/deadline-helpers';
import { startTestBot, type TestBot } from '../support/test-bot';

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

const PARTICIPANTS = ['jw-organizer', 'jcy-organizer', 'sfj-organizer', 'jw-leader', 'jcy-leader', 'sfj-leader', 'nyncj-liaison'];

describe('取消会议', () => {
  it('cancels a scheduled meeting once with a reason, tells every participant, and stops its reminders and answers', async () => {
    bot = await startTestBot({ now: new Date('2026-06-08T02:00:00Z') });
    await bot.say('jcy-organizer', '安排联席会议 2026-06-22 09:30 县司法局三楼会议室 上半年工作通报 邀请:nyncj');

    expect((await bot.say('nyncj-liaison', '取消会议 HY-2026-0001 有事')).join('')).not.toContain('已取消');
    expect((await bot.say('jcy-organizer', '取消会议 HY-2026-0001')).join('')).toContain('请写明取消理由');
    expect((await bot.say('jcy-organizer', '会议')).join('')).toContain('HY-2026-0001');

    const done = (await bot.say('jcy-organizer', '取消会议 HY-2026-0001 主要领导外出')).join('');
    expect(done).toContain('已取消 HY-2026-0001');
    for (const user of PARTICIPANTS) {
      const notices = await pushed(bot, user, '【会议取消】');
      expect(notices, user).toHaveLength(1);
      expect(notices[0]).toContain('理由：主要领导外出');
    }
    expect((await bot.say('sfj-organizer', '取消会议 HY-2026-0001 重复')).join('')).toContain('HY-2026-0001 已取消');
    expect((await bot.say('nyncj-liaison', '参加 HY-2026-0001')).join('')).toContain('已取消');
    expect((await bot.say('jcy-organizer', '会议')).join('')).not.toContain('HY-2026-0001');

    for (const at of ['2026-06-15T09:00:00+08:00', '2026-06-19T09:00:00+08:00', '2026-06-22T08:30:00+08:00']) await tickAt(bot, at);
    for (const user of PARTICIPANTS) expect(await pushed(bot, user, '【会议提醒】'), user).toHaveLength(0);
  });
});
