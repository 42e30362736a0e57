import type { Bot } from '../src/conversation/bot';
import type { Person } from '../src/kernel/people';

/** 帮助: lists exactly the commands the sender may use. */
export function helpBot(listCommands: (person: Person) => { name: string; usage: string }[]): Bot {
  return {
    name: 'help',
    commands: [
      {
        name: '帮助',
        usage: '帮助 — 查看您可以使用的命令',
        example: '帮助',
        groupSafe: true,
        match: /^(帮助|help|菜单|\?|？)$/i,
        async handle(ctx) {
          const { sender, services } = ctx;
          const { org } = services;
          const roles = sender.roles.map((code) => org.roleName(code)).join('、');
          const lines = listCommands(sender).map((c) => `• ${c.usage}`);
          ctx.reply({
            title: '可用命令',
            text: [`${sender.name}（${org.name(sender.agency)}，${roles}），您可以使用：`, ...lines, '进行中的操作随时可发送「取消」退出。'].join('\n'),
          });
        },
      },
    ],
  };
}
