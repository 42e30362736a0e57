import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capabilityBots } from '../../bots';
import { TEXTS } from '../../src/conversation/texts';
import { examplePeople } from '../support/example-roster';
import { startTestBot, type TestBot } from '../support/test-bot';

/** The documents an officer or admin reads to learn what to send. */
const DOCS = ['README.md', 'docs/wecom-setup.md', 'docs/dingtalk-setup.md', 'docs/console-walkthrough.md', 'docs/import-format.md'];

interface Example {
  file: string;
  line: number;
  text: string;
}

/**
 * The commands the docs show: every code span whose first word names a registered command, and every
 * code span on a line about menu keys (菜单 / menu), which must work as sent whatever it names.
 */
function docExamples(commandNames: ReadonlySet<string>): Example[] {
  const found: Example[] = [];
  for (const file of DOCS) {
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((content, index) => {
        const menuLine = /菜单|menu/i.test(content) && /key/i.test(content);
        for (const [, span] of content.matchAll(/`([^`]+)`/g)) {
          const text = span!.trim();
          if (!/^\p{Script=Han}/u.test(text)) continue;
          const first = text.split(/[\s：:]/u)[0]!;
          if (menuLine || commandNames.has(first)) found.push({ file, line: index + 1, text });
        }
      });
  }
  return found;
}

const POLLUTION = '县农业农村局对某养殖场向河道排放污水的问题长期不作为，河水发黑发臭';

/**
 * The example as an officer would send it: optional parts dropped, a clue number filled in, other
 * placeholders left out (the command then answers with its usage or asks for them — never the fallback).
 */
function filled(text: string, clue: string): string {
  return text
    .replace(/XS-(?:…|年份-编号)/g, clue)
    .replace(/\s*\[[^\]]*\]/g, '')
    .replace(/<(?:内容|线索内容)>/g, POLLUTION)
    .replace(/\s*<[^>]*>(?:\[[^\]]*\])?/g, '')
    .replace(/ N$/, ' 1')
    .replace(/[；;]+$/u, '')
    .trim();
}

async function ask(bot: TestBot, userId: string, text: string): Promise<{ status: number; text: string }> {
  const res = await bot.post('/console/messages', JSON.stringify({ userId, text }));
  if (res.status !== 200) return { status: res.status, text: await res.text() };
  const { replies } = (await res.json()) as { replies: { text: string }[] };
  return { status: res.status, text: replies.map((r) => r.text).join('\n') };
}

/** The command names a 帮助 menu lists, from its 【heading】name、name… lines. */
const listedNames = (menu: string) =>
  menu
    .split('\n')
    .filter((l) => l.startsWith('【'))
    .flatMap((l) => l.replace(/^【[^】]+】/, '').split('、'));

describe('every command and menu key in the docs works when sent', () => {
  let bot: TestBot;
  let clue: string;
  const helps = new Map<string, string>();
  beforeAll(async () => {
    bot = await startTestBot({ now: new Date('2026-12-03T02:00:00Z') });
    await ask(bot, 'sfj-officer', `提交线索：${POLLUTION} 实名`);
    clue = /XS-\d{4}-\d{4}/.exec((await ask(bot, 'sfj-officer', '确认')).text)![0];
    for (const person of examplePeople()) helps.set(person.userId, (await ask(bot, person.userId, '帮助')).text);
  }, 120_000);
  afterAll(async () => bot.close());

  it('finds the examples in the markdown (the menu keys of the setup guides among them)', () => {
    const names = new Set(capabilityBots(bot.services).flatMap((b) => b.commands.map((c) => c.name)));
    const examples = docExamples(names);
    expect(examples.length).toBeGreaterThan(50);
    expect(examples.filter((e) => e.file === 'docs/wecom-setup.md').map((e) => e.text)).toEqual(expect.arrayContaining(['帮助', '我的待办']));
    expect(examples.some((e) => e.file === 'docs/console-walkthrough.md' && e.text.startsWith('办结 XS-'))).toBe(true);
  });

  it('answers each, sent by a persona of the example roster whose 帮助 lists it, with neither the fallback nor an internal error', async () => {
    const commands = [...capabilityBots(bot.services).flatMap((b) => b.commands), { name: '帮助', match: /^(帮助|help|菜单|\?|？)$/i }];
    const names = new Set(commands.map((c) => c.name));
    const failures: string[] = [];
    for (const example of docExamples(names)) {
      const text = filled(example.text, clue);
      const name = commands.find((c) => c.match.test(text))?.name ?? text.split(/[\s：:]/u)[0]!;
      const where = `${example.file}:${example.line} 「${example.text}」 sent as 「${text}」`;
      const persona = [...helps].find(([, help]) => listedNames(help).includes(name))?.[0] ?? 'jcy-officer';
      const answer = await ask(bot, persona, text);
      if (answer.status !== 200 || answer.text.includes('没有听懂') || answer.text.includes(TEXTS.failed))
        failures.push(`${where} by ${persona}: ${answer.status} ${answer.text.slice(0, 80)}`);
      // A wizard the example started ends here, so the next example is read as a command.
      await ask(bot, persona, '取消');
    }
    expect(failures).toEqual([]);
  }, 600_000);
});
