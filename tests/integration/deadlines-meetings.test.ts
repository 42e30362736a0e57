import { XMLValidator } from 'fast-xml-parser';
import PizZip from 'pizzip';
import { afterEach, describe, expect, it } from 'vitest';
import { pushed, tickAt } from '../support/deadline-helpers';
import { startTestBot, type TestBot } from '../support/test-bot';

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

const ORGANIZERS = ['jw-organizer', 'jcy-organizer', 'sfj-organizer'];
const PARTICIPANTS = [...ORGANIZERS, 'jw-leader', 'jcy-leader', 'sfj-leader', 'nyncj-liaison'];

describe('liaison meetings', () => {
  it('nags organizers weekly while the half-year has none, then reminds participants 7 and 1 days before and on the day', async () => {
    bot = await startTestBot({ now: new Date('2026-05-20T02:00:00Z') });

    await tickAt(bot, '2026-05-30T09:00:00+08:00');
    expect(await pushed(bot, 'jcy-organizer', '尚未安排联席会议')).toHaveLength(0);
    for (const at of ['2026-05-31T09:00:00+08:00', '2026-05-31T09:01:00+08:00', '2026-06-03T09:00:00+08:00', '2026-06-07T09:00:00+08:00']) {
      await tickAt(bot, at);
    }
    for (const user of ORGANIZERS) expect(await pushed(bot, user, '尚未安排联席会议'), user).toHaveLength(2);
    expect(await pushed(bot, 'jcy-leader', '尚未安排联席会议')).toHaveLength(0);

    bot.clock.set(new Date('2026-06-08T02:00:00Z'));
    const reply = (await bot.say('jcy-organizer', '安排联席会议 2026-06-20 09:30 县司法局三楼会议室 上半年工作通报 邀请:nyncj 确认')).join('');
    expect(reply).toContain('HY-2026-0001');
    for (const user of PARTICIPANTS) expect(await pushed(bot, user, '【会议通知】'), user).toHaveLength(1);
    expect(await pushed(bot, 'zhzf-liaison', '【会议通知】')).toHaveLength(0);
    expect((await bot.say('nyncj-liaison', '会议')).join('')).toContain('HY-2026-0001');

    // The meeting is on a Saturday (confirmed): the 7-day reminder falls on Saturday 06-13 and goes on
    // Friday 06-12; the day before is 端午 (06-19) and it goes on Thursday 06-18.
    for (const at of [
      '2026-06-12T09:00:00+08:00',
      '2026-06-12T09:00:20+08:00',
      '2026-06-13T09:00:00+08:00',
      '2026-06-18T09:00:00+08:00',
      '2026-06-19T09:00:00+08:00',
      '2026-06-20T08:30:00+08:00',
      '2026-06-20T08:31:00+08:00',
    ]) {
      await tickAt(bot, at);
    }
    expect(await pushed(bot, 'jcy-organizer', '尚未安排联席会议')).toHaveLength(2); // no nag once scheduled
    for (const user of PARTICIPANTS) {
      const reminders = await pushed(bot, user, '【会议提醒】');
      expect(
        reminders.map((t) => /(\d+天后|今天|明天|后天)/.exec(t)?.[0]),
        user,
      ).toEqual(['8天后', '后天', '今天']);
    }
  });

  it('turns follow-up items of the minutes into deadlines with reminders', async () => {
    bot = await startTestBot({ now: new Date('2026-06-08T02:00:00Z') });
    await bot.say('sfj-organizer', '安排专题会议 2026-06-10 15:00 县检察院二楼 河道污染整治');
    bot.clock.set(new Date('2026-06-10T09:00:00Z'));
    const minutes = (await bot.say('sfj-organizer', '会议纪要 HY-2026-0001 通报河道排污问题\n跟进：nyncj 2026-07-10 完成河道排污口排查')).join('');
    expect(minutes).toContain('HY-2026-0001-1');
    expect(await pushed(bot, 'nyncj-liaison', 'HY-2026-0001-1')).toHaveLength(1);

    await tickAt(bot, '2026-07-03T09:00:00+08:00');
    expect(await pushed(bot, 'nyncj-liaison', '还剩 5 个工作日（7 天，含休息日）')).toHaveLength(1);
    expect((await bot.say('nyncj-liaison', '回复 HY-2026-0001-1 已排查12处排污口')).join('')).toContain('按期');
    await tickAt(bot, '2026-07-09T09:00:00+08:00');
    expect(await pushed(bot, 'nyncj-liaison', '还剩 1 ')).toHaveLength(0);
  });

  it('asks to confirm a meeting on 2026-10-03 (National Day) and schedules it only when confirmed; takes attendance answers', async () => {
    bot = await startTestBot({ now: new Date('2026-09-21T02:00:00Z') });
    const question = (await bot.say('jw-organizer', '安排专题会议 2026-10-03 09:30 县司法局三楼会议室 邀请:nyncj')).join('');
    expect(question).toContain('2026-10-03 是法定节假日（国庆节），不是工作日。确定在这一天开会吗？');
    expect((await bot.say('jw-organizer', '会议')).join('')).toContain('近期没有');
    expect(await pushed(bot, 'nyncj-liaison', '【会议通知】')).toHaveLength(0);
    expect((await bot.say('jw-organizer', '安排专题会议 2026-10-03 09:30 县司法局三楼会议室 邀请:nyncj 确认')).join('')).toContain('已安排 HY-2026-0001');
    expect(await pushed(bot, 'nyncj-liaison', '【会议通知】')).toHaveLength(1);
    await bot.say('nyncj-liaison', '请假 HY-2026-0001 外出执法');
    await bot.say('jcy-leader', '参加 HY-2026-0001');
    const list = (await bot.say('jw-organizer', '参会情况 HY-2026-0001')).join('');
    expect(list).toContain('参加（1）：\n• 检察院 检察长孙立');
    expect(list).toContain('（外出执法）');
    expect(list).toContain('未回复（5）');
    await tickAt(bot, '2026-09-26T09:00:00+08:00');
    await tickAt(bot, '2026-10-02T09:00:00+08:00');
    expect(await pushed(bot, 'jw-leader', '尚未收到您的回复')).toHaveLength(1);
    expect(await pushed(bot, 'jcy-leader', '尚未收到您的回复')).toHaveLength(0);
    expect((await bot.say('jw-organizer', '会议纪要 HY-2026-0001 要点')).join('')).toContain('会议开始后才能记录纪要');

    // The notice and, once recorded, the minutes as .docx files.
    const fileOf = async (userId: string, text: string) => {
      const res = await bot!.post('/console/messages', JSON.stringify({ userId, text }));
      const [reply] = ((await res.json()) as { replies: { text: string; file?: { url: string } }[] }).replies;
      if (!reply?.file) return reply?.text ?? '';
      const bytes = Buffer.from(await (await bot!.open(reply.file.url, userId)).arrayBuffer());
      const xml = new PizZip(bytes).file('word/document.xml')!.asText();
      expect(XMLValidator.validate(xml)).toBe(true);
      return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
    };
    const notice = await fileOf('nyncj-liaison', '会议通知 HY-2026-0001');
    expect(notice).toContain('关于召开专题会议的通知');
    expect(notice).toContain('县纪委监委、县人民检察院、县司法局、县农业农村局：');
    expect(notice).toContain('定于 2026-10-03 09:30 在县司法局三楼会议室召开专题会议');
    expect(await fileOf('jw-organizer', '纪要文件 HY-2026-0001')).toContain('尚未记录纪要');
    bot.clock.set(new Date('2026-10-03T02:00:00Z'));
    await bot.say('jw-organizer', '会议纪要 HY-2026-0001 通报国庆期间执法检查安排');
    const minutes = await fileOf('jw-organizer', '纪要文件 HY-2026-0001');
    expect(minutes).toContain('专题会议纪要');
    expect(minutes).toContain('参加：检察院 检察长孙立');
    expect(minutes).toContain('请假：农业农村局 农业农村局联络员冯磊');
    expect(minutes).toContain('通报国庆期间执法检查安排');
  });

  it('refuses a meeting from someone outside the three agencies, and a time in the past', async () => {
    bot = await startTestBot({ now: new Date('2026-06-08T02:00:00Z') });
    expect((await bot.say('nyncj-liaison', '安排联席会议 2026-06-20 09:30 会议室')).join('')).toContain('只有纪委监委、检察院、司法局');
    expect((await bot.say('jw-organizer', '安排联席会议 2026-06-01 09:30 会议室')).join('')).toContain('会议时间已过');
    expect((await bot.say('jw-organizer', '安排联席会议 2026-06-31 09:30 会议室')).join('')).toContain('无效');
    expect((await bot.say('jw-organizer', '会议')).join('')).toContain('近期没有');
  });
});
