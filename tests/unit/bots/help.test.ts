import { describe, expect, it } from 'vitest';
import { capabilityBots } from '../../../bots';
import { helpBot } from '../../../bots/help';
import type { MenuTopic } from '../../../src/conversation/bot';
import type { Person } from '../../../src/kernel/people';
import { examplePeople } from '../../support/example-roster';
import { startMemoryBot } from '../../support/memory-bot';
import { memoryServices } from '../../support/memory-services';

const BOTS = capabilityBots(memoryServices());
const TWO_ROLES: Person = { channel: 'console', userId: 'sfj-both', name: '司法局双岗', agency: 'sfj', roles: ['organizer', 'leader'] };

/** 帮助 in front of every capability bot, as the app registers it, on the memory stores. */
function start() {
  let menuFor: (person: Person) => MenuTopic[] = () => [];
  const bot = startMemoryBot({
    bots: [helpBot((person) => menuFor(person)), ...BOTS],
    people: [...examplePeople(), TWO_ROLES],
    answers: { kind: 'passive', budgetMs: null },
  });
  menuFor = (person) => bot.dispatcher.menuFor(person);
  const help = async (userId: string, text = '帮助') => {
    const answer = await bot.channel.send(userId, text);
    if (answer.kind !== 'passive' || answer.replies.length !== 1) throw new Error('expected one reply in the answer');
    return answer.replies[0]!;
  };
  return { ...bot, help };
}

const allCommands = BOTS.flatMap((bot) => bot.commands);
const allowedTo = (bot: ReturnType<typeof start>, person: Person) =>
  allCommands.filter((c) => (!c.permission || bot.services.org.may(person, c.permission)) && (c.available?.(person, bot.services) ?? true));
/** The command names 帮助 lists, from its 【heading】name、name lines. */
const listedNames = (menu: string) =>
  menu
    .split('\n')
    .filter((l) => l.startsWith('【'))
    .flatMap((l) => l.replace(/^【[^】]+】/, '').split('、'));

describe('帮助', () => {
  it('names the sender, their agency and roles, lists their commands by heading and says how to see a usage and leave an operation', async () => {
    const bot = start();
    const reply = await bot.help('sfj-both');
    expect(reply.title).toBe('可用命令');
    const lines = reply.text.split('\n');
    expect(lines[0]).toBe('司法局双岗（县司法局，联络员、领导），您可以使用：');
    expect(lines[1]).toMatch(/^【线索】线索、为什么、受理、/);
    expect(lines.at(-2)).toBe('发送「帮助 <命令或类别>」查看用法和示例，如「帮助 线索」。');
    expect((await bot.help('jcy-officer')).text.split('\n').at(-2)).toBe('发送「帮助 <命令或类别>」查看用法和示例，如「帮助 提交线索」「帮助 线索」。');
    expect(lines.at(-1)).toBe('进行中的操作随时可发送「取消」退出。');
  });

  it('lists exactly the command names the organization allows the sender, in registration order, within one WeCom message', async () => {
    const bot = start();
    for (const person of [...examplePeople(), TWO_ROLES]) {
      const menu = (await bot.help(person.userId)).text;
      expect(listedNames(menu), person.userId).toEqual(allowedTo(bot, person).map((c) => c.name));
      // One passive reply on WeCom (2,048 bytes with its 【可用命令】 title line): a phone shows it at once.
      expect(Buffer.byteLength(`【可用命令】\n${menu}`), person.userId).toBeLessThanOrEqual(2048);
    }
  });

  it('帮助 <类别> lists the usage of each command under that heading the sender may use; 帮助 <命令> gives its usage and example', async () => {
    const bot = start();
    const organizer = await bot.help('jcy-organizer', '帮助 会议');
    expect(organizer.title).toBe('用法：会议');
    expect(organizer.text).toContain('• 安排联席会议 <YYYY-MM-DD HH:mm> <地点> [议题] [邀请:单位1,单位2] — 安排会议并提醒参会人员');
    expect(organizer.text).toContain('• 会议纪要 <编号> [召开日期 YYYY-MM-DD] <要点>');
    const officer = (await bot.help('jcy-officer', '帮助 会议')).text;
    expect(officer).toContain('• 会议 [第N页] — 查看近期会议');
    expect(officer).not.toContain('安排联席会议');
    const submit = allCommands.find((c) => c.name === '提交线索')!;
    expect((await bot.help('jcy-officer', '帮助 提交线索')).text).toBe(`• ${submit.usage}\n例：${submit.example}`);
  });

  it('帮助 <X> for a command the sender may not use, or for nothing known, says so and shows their menu', async () => {
    const bot = start();
    const menu = (await bot.help('jcy-officer')).text;
    for (const asked of ['概况', '安排联席会议', '不存在的命令']) {
      expect((await bot.help('jcy-officer', `帮助 ${asked}`)).text).toBe(`没有找到您可用的命令或类别「${asked}」。\n${menu}`);
    }
  });

  it('shows an officer no organizer or leader command, and an organizer the meeting commands', async () => {
    const bot = start();
    const officer = listedNames((await bot.help('jcy-officer')).text);
    expect(officer).toContain('会议');
    expect(officer).not.toContain('安排联席会议');
    expect(officer).not.toContain('概况');
    const organizer = listedNames((await bot.help('jcy-organizer')).text);
    expect(organizer).toEqual(expect.arrayContaining(['安排联席会议', '安排专题会议', '会议纪要']));
  });

  it('answers its other names too', async () => {
    const bot = start();
    const text = (await bot.help('jw-leader')).text;
    for (const name of ['help', 'HELP', '菜单', '?', '？']) expect((await bot.help('jw-leader', name)).text).toBe(text);
  });

  it('for every persona of config/roster.example.csv: each listed command runs past the permission check, each unlisted one is refused', async () => {
    const refusedByPolicy = /仅限.*使用|不适用于|^只有.{1,20}可以登记[^。]*。发送「帮助」查看您可用的命令/;
    for (const person of examplePeople()) {
      const bot = start();
      const listed = new Set(listedNames((await bot.help(person.userId)).text));
      for (const command of allCommands) {
        const answer = await bot.channel.send(person.userId, command.example);
        const text = answer.kind === 'passive' ? answer.replies.map((r) => r.text).join('\n') : '';
        await bot.channel.send(person.userId, '取消');
        if (listed.has(command.name)) expect(text, `${person.userId} ${command.example}`).not.toMatch(refusedByPolicy);
        else expect(text, `${person.userId} ${command.example}`).toMatch(refusedByPolicy);
      }
    }
  }, 120_000);
});
