import { describe, expect, it } from 'vitest';
import { capabilityBots } from '../../../bots';
import { helpBot } from '../../../bots/help';
import type { Command } from '../../../src/conversation/bot';
import type { Person } from '../../../src/kernel/people';
import { examplePeople } from '../../support/example-roster';
import { startMemoryBot } from '../../support/memory-bot';
import { memoryServices } from '../../support/memory-services';

const BOTS = capabilityBots(memoryServices());
const TWO_ROLES: Person = { channel: 'console', userId: 'sfj-both', name: '司法局双岗', agency: 'sfj', roles: ['organizer', 'leader'] };

/** 帮助 in front of every capability bot, as the app registers it, on the memory stores. */
function start() {
  let commandsFor: (person: Person) => Command[] = () => [];
  const bot = startMemoryBot({
    bots: [helpBot((person) => commandsFor(person)), ...BOTS],
    people: [...examplePeople(), TWO_ROLES],
    answers: { kind: 'passive', budgetMs: null },
  });
  commandsFor = (person) => bot.dispatcher.commandsFor(person);
  const help = async (userId: string, text = '帮助') => {
    const answer = await bot.channel.send(userId, text);
    if (answer.kind !== 'passive' || answer.replies.length !== 1) throw new Error('expected one reply in the answer');
    return answer.replies[0]!;
  };
  return { ...bot, help };
}

const allCommands = BOTS.flatMap((bot) => bot.commands);

describe('帮助', () => {
  it('names the sender, their agency and roles, lists their commands and says how to leave an operation', async () => {
    const bot = start();
    const reply = await bot.help('sfj-both');
    expect(reply.title).toBe('可用命令');
    const lines = reply.text.split('\n');
    expect(lines[0]).toBe('司法局双岗（县司法局，联络员、领导），您可以使用：');
    expect(lines[1]).toBe('• 帮助 — 查看您可以使用的命令');
    expect(lines.at(-1)).toBe('进行中的操作随时可发送「取消」退出。');
  });

  it('lists exactly the commands the organization allows the sender, in registration order', async () => {
    const bot = start();
    for (const person of [...examplePeople(), TWO_ROLES]) {
      const listed = (await bot.help(person.userId)).text.split('\n').slice(2, -1);
      const allowed = allCommands
        .filter((c) => (!c.permission || bot.services.org.may(person, c.permission)) && (c.available?.(person, bot.services) ?? true))
        .map((c) => `• ${c.usage}`);
      expect(listed, person.userId).toEqual(allowed);
    }
  });

  it('shows an officer no organizer or leader command, and an organizer the meeting commands', async () => {
    const bot = start();
    const officer = (await bot.help('jcy-officer')).text;
    expect(officer).toContain('• 会议 [第N页] — 查看近期会议');
    expect(officer).not.toContain('安排联席会议');
    expect(officer).not.toContain('概况');
    const organizer = (await bot.help('jcy-organizer')).text;
    expect(organizer).toContain('• 安排联席会议 <YYYY-MM-DD HH:mm> <地点> [议题] [邀请:单位1,单位2] — 安排会议并提醒参会人员');
    expect(organizer).toContain('• 安排专题会议 ');
    expect(organizer).toContain('• 会议纪要 <编号> [召开日期 YYYY-MM-DD] <要点>');
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
      const listed = new Set((await bot.help(person.userId)).text.split('\n').slice(2, -1));
      for (const command of allCommands) {
        const answer = await bot.channel.send(person.userId, command.example);
        const text = answer.kind === 'passive' ? answer.replies.map((r) => r.text).join('\n') : '';
        await bot.channel.send(person.userId, '取消');
        if (listed.has(`• ${command.usage}`)) expect(text, `${person.userId} ${command.example}`).not.toMatch(refusedByPolicy);
        else expect(text, `${person.userId} ${command.example}`).toMatch(refusedByPolicy);
      }
    }
  });
});
