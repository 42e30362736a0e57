import { describe, expect, it } from 'vitest';
import { meetingsBot } from '../../../bots/meetings';
import { examplePeople } from '../../support/example-roster';
import { startMemoryBot } from '../../support/memory-bot';

/** 2026-06-20 is a Saturday: the organizer confirms it in the command. */
const SCHEDULE = '安排联席会议 2026-06-20 09:30 县司法局三楼会议室 上半年工作通报 邀请:nyncj 确认';

/** The meetings bot behind the real inbox and dispatcher, on the memory stores, on 2026-06-08. */
function start() {
  const bot = startMemoryBot({
    bots: [meetingsBot],
    people: examplePeople(),
    answers: { kind: 'passive', budgetMs: null },
    now: new Date('2026-06-08T02:00:00Z'),
  });
  const say = async (userId: string, text: string) => {
    const answer = await bot.channel.send(userId, text);
    if (answer.kind !== 'passive') throw new Error('the console answers in the request');
    return answer.replies.map((reply) => reply.text).join('\n');
  };
  return { ...bot, say };
}

describe('安排联席会议 / 安排专题会议', () => {
  it('schedules the meeting, answers with its number and what comes next, and notifies the participants', async () => {
    const bot = start();
    expect(await bot.say('jcy-organizer', SCHEDULE)).toBe(
      '已安排 HY-2026-0001 联席会议：2026-06-20 09:30，县司法局三楼会议室；议题：上半年工作通报；邀请：县农业农村局。\n' +
        '已通知参会人员，会前7天、1天及当天早上将再次提醒。会后请发送「会议纪要 HY-2026-0001 <要点>」记录纪要。',
    );
    expect(bot.outboxKeys().filter((key) => key.startsWith('meeting:HY-2026-0001:scheduled:'))).toHaveLength(7);
    expect(await bot.say('sfj-leader', '安排专题会议 2026-06-10 15:00 县检察院二楼')).toMatch(
      /^已安排 HY-2026-0002 专题会议：2026-06-10 15:00，县检察院二楼。/,
    );
  });

  it('shows the usage for a short command, and refuses whom the organization does not allow', async () => {
    const bot = start();
    expect(await bot.say('jw-organizer', '安排专题会议 2026-06-20')).toBe(
      '格式不对。请发送：安排专题会议 <YYYY-MM-DD HH:mm> <地点> [议题] [邀请:单位1,单位2]\n例如：安排专题会议 2026-06-20 09:30 县司法局三楼会议室 上半年工作通报 邀请:nyncj',
    );
    expect(await bot.say('jw-officer', SCHEDULE)).toBe(
      '「安排联席会议」仅限联络员、领导、管理员使用。如需开通，请联系本单位联络员或系统管理员。发送「帮助」查看您可用的命令。',
    );
    expect(await bot.say('nyncj-liaison', SCHEDULE)).toBe('只有纪委监委、检察院、司法局的召集人或领导可以安排会议。发送「会议」查看已安排的会议。');
    expect(await bot.say('jw-organizer', '安排联席会议 2026-06-01 09:30 会议室')).toBe('会议时间已过，请填写将来的时间。');
    expect(bot.stores.meetings.meetings.size).toBe(0);
  });
});

describe('会议', () => {
  it('lists the meetings ahead for anyone on the roster, or says how to schedule one', async () => {
    const bot = start();
    expect(await bot.say('nyncj-liaison', '会议')).toBe(
      '近期没有已安排的会议。召集人可发送「安排联席会议 <YYYY-MM-DD HH:mm> <地点> [议题] [邀请:单位1,单位2]」安排。',
    );
    await bot.say('jcy-organizer', SCHEDULE);
    expect(await bot.say('nyncj-liaison', '会议')).toBe(
      '近期会议：\n• HY-2026-0001 联席会议：2026-06-20 09:30，县司法局三楼会议室；议题：上半年工作通报；邀请：县农业农村局',
    );
  });
});

describe('a meeting on a rest day', () => {
  it('asks to confirm, with a button that sends the same command confirmed', async () => {
    const bot = start();
    const answer = await bot.channel.send('jw-organizer', '安排专题会议 2026-10-03 09:30 县司法局三楼会议室');
    expect(answer.kind === 'passive' && answer.replies).toEqual([
      {
        title: '请确认会议日期',
        text:
          '2026-10-03 是法定节假日（国庆节），不是工作日。确定在这一天开会吗？\n' +
          '确认请发送「安排专题会议 2026-10-03 09:30 县司法局三楼会议室 确认」；如需改期，请重新发送「安排专题会议」并填写工作日。',
        buttons: ['安排专题会议 2026-10-03 09:30 县司法局三楼会议室 确认'],
      },
    ]);
    expect(bot.stores.meetings.meetings.size).toBe(0);
    expect(await bot.say('jw-organizer', '安排专题会议 2026-10-03 09:30 县司法局三楼会议室 确认')).toMatch(/^已安排 HY-2026-0001 专题会议：2026-10-03 09:30/);
  });
});

describe('参加 / 请假 / 参会情况', () => {
  it('records the answers of invitees and shows them to the organizer', async () => {
    const bot = start();
    await bot.say('jcy-organizer', SCHEDULE);
    expect(await bot.say('nyncj-liaison', '请假 HY-2026-0001')).toBe('请写明请假理由，例如「请假 HY-2026-0001 外出执法」。');
    expect(await bot.say('nyncj-liaison', '请假 HY-2026-0001 外出执法')).toBe(
      '已登记 HY-2026-0001 请假，召集人可以看到您的理由。如能参加，可发送「参加 HY-2026-0001」。',
    );
    expect(await bot.say('jw-leader', '参加 hy-2026-0001')).toBe(
      '已回复参加 HY-2026-0001（2026-06-20 县司法局三楼会议室）。如有变化，可发送「请假 HY-2026-0001 <理由>」。',
    );
    expect(await bot.say('jcy-organizer', '参会情况 HY-2026-0001')).toMatch(
      /参加（1）：\n• 纪委监委 纪委副书记王强\n请假（1）：\n• 农业农村局 农业农村局联络员冯磊（外出执法）\n未回复（5）/,
    );
  });
});

describe('会议纪要', () => {
  it('records the minutes once the meeting has started, by the meeting number in any case', async () => {
    const bot = start();
    await bot.say('jcy-organizer', SCHEDULE);
    expect(await bot.say('jcy-organizer', '会议纪要 HY-2026-0001 要点')).toBe('HY-2026-0001 将于 2026-06-20 09:30 开始，会议开始后才能记录纪要。');
    bot.clock.set(new Date('2026-06-20T02:00:00Z'));
    expect(await bot.say('jcy-organizer', '会议纪要 hy-2026-0001 通报上半年移送情况')).toBe('已记录 HY-2026-0001 的纪要（召开日期 2026-06-20）。');
    expect(bot.stores.meetings.meetings.get('HY-2026-0001')?.minutes?.text).toBe('通报上半年移送情况');
    expect(await bot.say('sfj-organizer', '会议纪要 HY-2026-0001 再记一次')).toBe('HY-2026-0001 已记录过纪要。后续事项请联系召集单位。');
  });

  it('refuses a follow-up line it cannot read, an unknown meeting and someone who may not organize', async () => {
    const bot = start();
    await bot.say('jcy-organizer', SCHEDULE);
    expect(await bot.say('jcy-organizer', '会议纪要 HY-2026-0001 要点\n跟进：nyncj 下个月')).toBe(
      '跟进事项「跟进：nyncj 下个月」格式不对，请写成「跟进：<单位> <YYYY-MM-DD> <事项>」。',
    );
    expect(await bot.say('jcy-organizer', '会议纪要 HY-2026-0009 要点')).toBe('找不到会议 HY-2026-0009。发送「会议」查看会议编号。');
    expect(await bot.say('jcy-officer', '会议纪要 HY-2026-0001 要点')).toMatch(/^「会议纪要」仅限/);
    expect(bot.stores.meetings.meetings.get('HY-2026-0001')?.minutes).toBeUndefined();
  });
});
