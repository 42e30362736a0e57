import type { Bot, BotContext, MenuTopic } from '../src/conversation/bot';
import type { Person } from '../src/kernel/people';

const TOPIC = '帮助';
const LEAVE = '进行中的操作随时可发送「取消」退出。';

/** Who is asking, as the first line of every answer: the menu depends on agency and roles. */
function greeting({ sender, services: { org } }: BotContext): string {
  const roles = sender.roles.map((code) => org.roleName(code)).join('、');
  return `${sender.name}（${org.name(sender.agency)}，${roles}），您可以使用：`;
}

/** The short menu: one line of command names per heading, short enough for one message on a phone. */
function menu(ctx: BotContext, topics: MenuTopic[]): string {
  const lines = topics.map((t) => `【${t.topic}】${t.commands.map((c) => c.name).join('、')}`);
  const first = topics[0];
  const examples = first ? [...new Set([first.commands[0]!.name, first.topic])].map((x) => `「帮助 ${x}」`).join('') : '';
  const example = examples ? `，如${examples}` : '';
  return [greeting(ctx), ...lines, `发送「帮助 <命令或类别>」查看用法和示例${example}。`, LEAVE].join('\n');
}

/** 帮助 <X>: the usage lines of a heading, or one command's usage with its example. */
function details(ctx: BotContext, topics: MenuTopic[], asked: string): string {
  const topic = topics.find((t) => t.topic === asked);
  if (topic) return [`【${topic.topic}】`, ...topic.commands.map((c) => `• ${c.usage}`), LEAVE].join('\n');
  const command = topics.flatMap((t) => t.commands).find((c) => c.name === asked);
  if (command) return [`• ${command.usage}`, `例：${command.example}`].join('\n');
  return [`没有找到您可用的命令或类别「${asked}」。`, menu(ctx, topics)].join('\n');
}

/** 帮助: the headings and names of exactly the commands the sender may use; 帮助 <X> shows how to send them. */
export function helpBot(menuFor: (person: Person) => MenuTopic[]): Bot {
  return {
    name: 'help',
    topic: TOPIC,
    commands: [
      {
        name: '帮助',
        usage: '帮助 [命令或类别] — 查看您可以使用的命令及其用法',
        example: '帮助 提交线索',
        groupSafe: true,
        match: /^(?:帮助|help|菜单|\?|？)(?:\s+(\S.*))?$/i,
        async handle(ctx, match) {
          const topics = menuFor(ctx.sender).filter((t) => t.topic !== TOPIC);
          const asked = match[1]?.trim();
          ctx.reply({ title: asked ? `用法：${asked}` : '可用命令', text: asked ? details(ctx, topics, asked) : menu(ctx, topics) });
        },
      },
    ],
  };
}
