import { describe, expect, it } from 'vitest';
import { capabilityBots } from '../../../bots';
import { helpBot } from '../../../bots/help';
import type { Bot } from '../../../src/conversation/bot';
import { ROLES, type Person } from '../../../src/kernel/people';
import { startMemoryBot } from '../../support/memory-bot';
import { memoryServices } from '../../support/memory-services';

/** Someone every permission allows in each agency, so each example gets past the permission check to its handler. */
const EVERYONE: Person[] = ['sfj', 'jcy', 'nyncj'].map((agency) => ({
  channel: 'console',
  userId: `all-roles-${agency}`,
  name: '全岗位',
  agency,
  roles: [...ROLES],
}));

/** The bots as the app registers them, each handler replaced by one that records which command ran. */
function recordingBots(ran: string[]): Bot[] {
  const bots = [helpBot(() => []), ...capabilityBots(memoryServices())];
  return bots.map((bot) => ({
    ...bot,
    commands: bot.commands.map((command) => ({ ...command, handle: async () => void ran.push(`${bot.name}/${command.name}`) })),
  }));
}

describe('every command’s example', () => {
  const ran: string[] = [];
  const bots = recordingBots(ran);
  const services = memoryServices();
  const commands = bots.flatMap((bot) =>
    bot.commands.map((command) => ({
      id: `${bot.name}/${command.name}`,
      example: command.example,
      sender: EVERYONE.find((p) => command.available?.(p, services) ?? true)!,
    })),
  );

  it('is given for every command', () => {
    expect(commands.length).toBeGreaterThan(25);
    for (const { id, example } of commands) expect(example.trim(), id).not.toBe('');
  });

  it.each(commands)('$id: "$example" reaches its own command', async ({ id, example, sender }) => {
    const bot = startMemoryBot({ bots, people: EVERYONE, answers: { kind: 'passive', budgetMs: null } });
    ran.length = 0;
    await bot.say(sender.userId, example);
    expect(ran).toEqual([id]);
  });
});
