import { defineWizard } from '../src/conversation/wizard';
import type { AttachmentRef } from '../src/domain/clues/attachments';
import * as texts from '../src/domain/clues/texts';
import type { EncryptedField } from '../src/kernel/field-cipher';
import { MEDIA_KINDS } from '../src/kernel/messages';

/** 补充 XS-… without text: images, files, voice and a line of text for one clue, then 确认. Sealed in the session. */
export interface SupplementDraft {
  number: string;
  text?: string;
  attachments: AttachmentRef[];
}

const MAX_TEXT = 2000;
const DONE = /^(无|没有|完成|好了|发完了)$/;

export const supplementWizard = defineWizard<SupplementDraft>({
  id: 'clue-supplement',
  version: 1,
  restartHint: '请重新发送「补充 XS-年份-编号」。',
  describeOpen: (draft) => `补充线索 ${draft.number}`,
  codec: {
    encode: (draft, ctx) => ctx.services.clues.sealDraft(draft),
    decode: (sealed, ctx) => ctx.services.clues.openDraft<SupplementDraft>(sealed as EncryptedField),
  },
  steps: [
    {
      key: 'material',
      label: '补充内容',
      acceptsMedia: true,
      prompt: (draft) => texts.supplementPrompt(draft.number),
      parse: async ({ text, message }, draft, ctx) => {
        if (MEDIA_KINDS.includes(message.kind)) {
          const received = await ctx.services.clues.attachments.receive(message, draft.attachments.length);
          if ('refusal' in received) return { data: draft, stay: received.refusal };
          const attachments = [...draft.attachments, received.ref];
          return { data: { ...draft, attachments }, stay: texts.supplementAttachmentReceived(received.ref.name, attachments.length) };
        }
        if (text.length > MAX_TEXT) return { error: `内容过长（超过${MAX_TEXT}字），请精简后重新发送。` };
        if (DONE.test(text)) return draft.attachments.length ? { data: draft } : { error: '还没有收到补充的内容。' };
        if (!text) return { error: '' };
        return { data: { ...draft, text } };
      },
    },
  ],
  review: (draft) => ({ data: draft, summary: { title: '核对补充材料', text: texts.supplementSummary(draft) } }),
  submit: async (draft, ctx) => {
    await ctx.services.clues.supplement(ctx.sender, draft.number, draft.text ?? '', ctx.message.channel, draft.attachments);
    ctx.reply(`已为线索 ${draft.number} 补充材料，并通知了接收机关。`);
  },
});
