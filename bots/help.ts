import type { Bot } from '../src/conversation/bot';

/** 帮助: lists exactly the commands the sender's roles may use. */
export function helpBot(listCommands: (roles: readonly string[]) => { name: string; usage: string }[]): Bot {
  return {
    name: 'help',
    commands: [
      {
        name: '帮助',
        usage: '帮助 — 查看您可以使用的命令',
        match: /^(帮助|help|菜单|\?|？)$/i,
        async handle(ctx) {
          const { sender, services } = ctx;
          const agency = services.config.agencies.find((a) => a.code === sender.agency)?.name ?? sender.agency;
          const roles = sender.roles.map((code) => services.config.roles.find((r) => r.code === code)?.name ?? code).join('、');
          const lines = listCommands(sender.roles).map((c) => `• ${c.usage}`);
          ctx.reply({
            title: '可用命令',
            text: [`${sender.name}（${agency}，${roles}），您可以使用：`, ...lines, '进行中的操作随时可发送「取消」退出。'].join('\n'),
          });
        },
      },
    ],
  };
}
