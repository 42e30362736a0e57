import { afterEach, describe, expect, it } from 'vitest';
import { ConsultationRequestModel } from '../../src/store/mongo/models/consultation-request';
import { pushed, tickAt } from '../support/deadline-helpers';
import { startTestBot, type TestBot } from '../support/test-bot';

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

const say = async (user: string, text: string) => (await bot!.say(user, text)).join('\n');

describe('consultation requests', () => {
  it('is sent, reminded, answered once and counted on both sides', async () => {
    bot = await startTestBot({ now: new Date('2026-12-03T02:00:00Z') });
    expect(await say('jcy-officer', '协作请求 sfj 闲聊 某事')).toContain('类别应为');
    expect(await say('jcy-officer', '协作请求 jcy 法律政策咨询 某事')).toContain('其他单位');
    expect(await say('jcy-officer', '协作请求 sfj')).toContain('格式不对');
    expect(await ConsultationRequestModel.countDocuments()).toBe(0);

    const sent = await say('jcy-officer', '协作请求 司法局 法律政策咨询 违法建筑强制拆除的程序要求');
    expect(sent).toContain('XZ-2026-0001');
    // 10 working days from Thursday 2026-12-03: 12-17.
    expect(sent).toContain('答复期限：2026-12-17');
    expect(await pushed(bot, 'sfj-organizer', '【协作请求】')).toHaveLength(1);
    expect(await say('jw-officer', '协作 XZ-2026-0001')).toContain('找不到您可查看');

    await tickAt(bot, '2026-12-16T09:00:00+08:00');
    expect(await pushed(bot, 'sfj-officer', '明天（2026-12-17）到期')).toHaveLength(1);

    bot.clock.set(new Date('2026-12-16T03:00:00Z'));
    expect(await say('jcy-officer', '答复协作 XZ-2026-0001 自问自答')).toContain('只有县司法局可以答复');
    expect(await say('sfj-officer', '答复协作 XZ-2026-0001 应先行催告并作出强制拆除决定，详见书面意见')).toContain('已答复');
    expect(await pushed(bot, 'jcy-officer', '【协作答复】')).toHaveLength(1);
    expect(await say('sfj-organizer', '答复协作 XZ-2026-0001 再答')).toContain('已答复');

    const listed = await say('jcy-officer', '协作');
    expect(listed).toContain('本单位（发出和收到）：待答复 0 件，已答复 1 件');
    expect(listed).not.toContain('全县');
    expect(await say('sfj-leader', '协作')).toContain('全县：待答复 0 件，已答复 1 件');
    await tickAt(bot, '2026-12-18T09:00:00+08:00');
    expect(await pushed(bot, 'sfj-leader', '逾期督办')).toHaveLength(0);
  });

  it('escalates an unanswered request and puts it on a 专题会议 agenda', async () => {
    bot = await startTestBot({ now: new Date('2026-12-03T02:00:00Z') });
    await say('sfj-officer', '协作请求 jcy 复杂案件研究 某非法占地案的定性 期限 2026-12-10');
    await tickAt(bot, '2026-12-11T09:00:00+08:00');
    expect(await pushed(bot, 'jcy-leader', '【逾期督办】')).toHaveLength(1);
    expect(await pushed(bot, 'sfj-leader', '【逾期督办】')).toHaveLength(1);
    const meeting = await say('sfj-organizer', '协作上会 XZ-2026-0001 2026-12-15 09:30 县司法局三楼会议室');
    expect(meeting).toMatch(/已安排专题会议 HY-2026-\d{4}/);
    expect(await pushed(bot, 'jcy-organizer', '复杂案件研究：某非法占地案的定性（XZ-2026-0001）')).toHaveLength(1);
    expect(await say('sfj-organizer', '协作 XZ-2026-0001')).toContain('已列入专题会议');
  });
});
