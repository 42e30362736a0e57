import type { Bot } from '../src/conversation/bot';
import { CLUE_NOT_AVAILABLE } from '../src/domain/clues/access';
import { CLUE_USAGE, clueVerb, parseClueCommand } from '../src/domain/clues/commands';
import * as texts from '../src/domain/clues/texts';
import { Refusal } from '../src/domain/errors';

/**
 * 附件 XS-… <序号>: one evidence attachment of a clue, for whoever may see the clue's facts (the same rule and
 * audit as 线索 XS-…). It goes as an image or file message where the platform takes media, and as a link that
 * opens for the asker alone, for a few minutes, everywhere.
 */
export const clueAttachmentsBot: Bot = {
  name: 'clue-attachments',
  topic: '线索',
  commands: [
    {
      name: '附件',
      usage: '附件 XS-年份-编号 <序号> — 查看线索的证据附件（只发编号可列出全部附件）',
      example: '附件 XS-2026-0001 1',
      match: clueVerb('附件'),
      async handle(ctx) {
        const command = parseClueCommand(ctx.text);
        if (command?.kind !== 'attachment') return ctx.reply(`格式：${CLUE_USAGE.attachment}`);
        const { clues } = ctx.services;
        const found = await clues.lookup(ctx.sender, command.number, ctx.message.channel);
        if (found.level !== 'details') throw new Refusal(CLUE_NOT_AVAILABLE);
        const all = texts.attachmentsOf(found.clue);
        const ref = command.index === undefined ? undefined : all[command.index - 1];
        if (!ref) {
          const list = command.index === undefined ? texts.attachmentLines(found.clue) : [];
          return ctx.reply(list.length ? list.join('\n') : texts.noSuchAttachment(command.number, all.length));
        }
        const { url } = await clues.attachments.link(ref, { channel: ctx.message.channel, userId: ctx.message.userId });
        const text = texts.attachmentReply(command.number, command.index!, ref, clues.attachments.linkMinutes);
        ctx.reply(ref.kind === 'image' ? { text, image: { url } } : { text, file: { url, name: ref.name } });
      },
    },
  ],
};
