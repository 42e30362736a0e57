import type { Bot } from '../src/conversation/bot';
import type { AttachmentRef } from '../src/domain/clues/attachments';
import type { EncryptedField } from '../src/kernel/field-cipher';
import { MEDIA_KINDS } from '../src/kernel/messages';
import { defineWizard } from '../src/conversation/wizard';
import { Refusal } from '../src/domain/errors';
import type { AccessRequestInput } from '../src/domain/file-access/file-access-service';
import { parseApprovalArgs } from '../src/domain/file-access/command-args';
import { APPROVE_USAGE, ATTACH_USAGE, countsLine, describe, listLine, openLine, REFUSE_USAGE, REQUEST_USAGE } from '../src/domain/file-access/texts';

// ---- wizard: 对方机构 → 案件或文书 → 事由 → 确认 ----

const asked = (text: string, max: number, what: string) => (!text || text.length > max ? { error: `请填写${what}（不超过${max}字）。` } : null);

const requestWizard = defineWizard<Partial<AccessRequestInput>>({
  id: 'file-access-request',
  version: 1,
  restartHint: '请重新发送「申请调阅」。',
  steps: [
    {
      key: 'owner',
      label: '对方机构',
      prompt: () => '请输入要调阅其案卷的机构（jw 纪委监委、jcy 检察院 或 sfj 司法局）：',
      parse: ({ text }, draft, ctx) => {
        try {
          return { data: { ...draft, owner: ctx.services.fileAccess.ownerFor(ctx.sender, text) } };
        } catch (err) {
          if (err instanceof Refusal) return { error: `${err.message}\n` };
          throw err;
        }
      },
    },
    {
      key: 'subject',
      label: '案件或文书',
      prompt: () => '请输入要调阅的案件或文书编号/名称（例如 TZ-2026-0001）：',
      parse: ({ text }, draft) => asked(text, 100, '案件或文书编号/名称') ?? { data: { ...draft, subject: text } },
    },
    {
      key: 'reason',
      label: '事由',
      prompt: () => '请输入调阅事由（可写明本单位关联的线索或文书编号）：',
      parse: ({ text }, draft) => asked(text, 300, '调阅事由') ?? { data: { ...draft, reason: text } },
    },
  ],
  review: (draft, ctx) => ({
    data: draft,
    summary: [
      `请确认调阅申请：向${ctx.services.fileAccess.nameOf(draft.owner!)}申请调阅「${draft.subject}」`,
      `事由：${draft.reason}`,
      '回复「确认」提交，「修改」更改某一项，「取消」放弃。',
    ].join('\n'),
  }),
  submit: async (draft, ctx) => {
    const { fileAccess } = ctx.services;
    const request = await fileAccess.request(ctx.sender, draft as AccessRequestInput);
    ctx.reply(`已提交${describe(request, fileAccess.nameOf)}\n已通知对方审批，结果将推送给您。`);
  },
});

// ---- wizard: the owner attaches files (images, PDFs, documents) to an approved request, then 完成 → 确认 ----

interface AttachDraft {
  number: string;
  /** Files already on the request when the wizard started (for the per-request limit). */
  already: number;
  attachments: AttachmentRef[];
}

const DONE = /^(完成|好了|发完了|无|没有)$/;

const attachWizard = defineWizard<AttachDraft>({
  id: 'file-access-attach',
  version: 1,
  restartHint: '请重新发送「附加调阅材料 DY-年份-编号」。',
  describeOpen: (draft) => `为调阅申请 ${draft.number} 附加材料`,
  // File names are sealed in the session, as a clue draft's.
  codec: {
    encode: (draft, ctx) => ctx.services.clues.sealDraft(draft),
    decode: (sealed, ctx) => ctx.services.clues.openDraft<AttachDraft>(sealed as EncryptedField),
  },
  steps: [
    {
      key: 'files',
      label: '材料文件',
      acceptsMedia: true,
      prompt: (draft) => `请发送要提供给 ${draft.number} 申请人的图片或文件（可发多个）；发完请回复「完成」。发送「取消」可退出。`,
      parse: async ({ text, message }, draft, ctx) => {
        if (MEDIA_KINDS.includes(message.kind)) {
          const received = await ctx.services.clues.attachments.receive(message, draft.already + draft.attachments.length);
          if ('refusal' in received) return { data: draft, stay: received.refusal };
          const attachments = [...draft.attachments, received.ref];
          return {
            data: { ...draft, attachments },
            stay: `已收到「${received.ref.name}」（本次共${attachments.length}个），已加密保存。可继续发送，发完请回复「完成」。`,
          };
        }
        if (DONE.test(text)) return draft.attachments.length ? { data: draft } : { error: '还没有收到文件。请发送图片或文件，或发送「取消」退出。' };
        return { error: '请发送图片或文件；发完请回复「完成」。' };
      },
    },
  ],
  review: (draft) => ({
    data: draft,
    summary: [
      `请确认为 ${draft.number} 附加以下文件：`,
      ...draft.attachments.map((a, i) => `${i + 1}. ${a.name}`),
      '回复「确认」附加并通知申请人，「取消」放弃。',
    ].join('\n'),
  }),
  submit: async (draft, ctx) => {
    const { request, notes } = await ctx.services.fileAccess.attachFiles(ctx.sender, draft.number, draft.attachments);
    ctx.reply([`已为 ${request.number} 附加 ${draft.attachments.length} 个文件，已通知申请人（原链接即可查看，均带水印）。`, ...notes].join('\n'));
  },
});

/** 调阅/复制: case files shared between the supervising agencies, by approval, behind watermarked expiring links. */
export const fileAccessBot: Bot = {
  name: 'file-access',
  topic: '调阅案卷',
  commands: [
    {
      name: '申请调阅',
      usage: `${REQUEST_USAGE} — 向其他监督机关申请调阅或复制案卷材料（只发「申请调阅」可逐项填写）`,
      example: '申请调阅 sfj TZ-2026-0001 审查关联公益诉讼线索',
      permission: 'requestFiles',
      match: /^申请调阅(?:\s+([\s\S]+))?$/,
      handle: async (ctx, match) => {
        if (!match[1]) {
          ctx.services.fileAccess.assertMayRequest(ctx.sender);
          return requestWizard.start(ctx, {}, { before: '开始申请调阅（随时发送「取消」退出）。' });
        }
        const [, owner, subject, reason] = /^(\S+)\s+(\S+)\s+([\s\S]+)$/.exec(match[1].trim()) ?? [];
        if (!reason) return ctx.reply(`请按格式发送：${REQUEST_USAGE}\n例如：申请调阅 sfj TZ-2026-0001 审查关联公益诉讼线索`);
        const { fileAccess } = ctx.services;
        const request = await fileAccess.request(ctx.sender, { owner: owner!, subject: subject!, reason });
        ctx.reply(`已提交${describe(request, fileAccess.nameOf)}\n已通知对方审批，结果将推送给您。`);
      },
    },
    {
      name: '批准调阅',
      usage: `${APPROVE_USAGE} — 批准调阅申请（默认仅查看、7天）`,
      example: '批准调阅 DY-2026-0001 查看 3天',
      permission: 'answerFileRequests',
      match: /^批准调阅(?:\s+(\S+))?(?:\s+([\s\S]+))?$/,
      handle: async (ctx, match) => {
        if (!match[1]) return ctx.reply(`请按格式发送：${APPROVE_USAGE}。`);
        const { fileAccess } = ctx.services;
        const request = await fileAccess.approve(ctx.sender, match[1], parseApprovalArgs(match[2] ?? ''));
        ctx.reply(
          `已批准，链接已发给申请人。\n${describe(request, fileAccess.nameOf)}\n如需提供文件，发送「附加调阅材料 ${request.number}」；提供本单位的线索或文书记录，发送「附加调阅材料 ${request.number} <编号>」；发送「调阅记录 ${request.number}」查看打开记录。`,
        );
      },
    },
    {
      name: '附加调阅材料',
      usage: `${ATTACH_USAGE} — 为已批准的调阅申请附加本单位的线索、文书记录，或（不写记录编号时）图片、文件（随后逐个发送，发完回复「完成」）`,
      example: '附加调阅材料 DY-2026-0001 XS-2026-0003',
      permission: 'answerFileRequests',
      match: /^附加调阅材料(?:\s+(\S+))?(?:\s+([\s\S]+))?$/,
      handle: async (ctx, match) => {
        if (!match[1]) return ctx.reply(`请按格式发送：${ATTACH_USAGE}。`);
        const { fileAccess } = ctx.services;
        if (match[2]) {
          const records = match[2].split(/[\s,，、]+/).filter(Boolean);
          const { request, added } = await fileAccess.attachRecords(ctx.sender, match[1], records);
          return ctx.reply(
            `已为 ${request.number} 附加本单位记录 ${added.join('、')}，已通知申请人（原链接即可查看，带水印）。\n${describe(request, fileAccess.nameOf)}`,
          );
        }
        const request = await fileAccess.attachable(ctx.sender, match[1]);
        return attachWizard.start(ctx, { number: request.number, already: request.grant!.files?.length ?? 0, attachments: [] });
      },
    },
    {
      name: '拒绝调阅',
      usage: `${REFUSE_USAGE} — 不予调阅并说明理由`,
      example: '拒绝调阅 DY-2026-0001 案件尚在审查中，暂不宜提供',
      permission: 'answerFileRequests',
      match: /^拒绝调阅(?:\s+(\S+))?(?:\s+([\s\S]+))?$/,
      handle: async (ctx, match) => {
        if (!match[1]) return ctx.reply(`请按格式发送：${REFUSE_USAGE}。`);
        const { fileAccess } = ctx.services;
        const request = await fileAccess.refuse(ctx.sender, match[1], match[2] ?? '');
        ctx.reply(`已拒绝，已告知申请人。\n${describe(request, fileAccess.nameOf)}`);
      },
    },
    {
      name: '调阅',
      usage: '调阅 [编号] — 本单位提出和收到的调阅申请，或一件的详情',
      example: '调阅 DY-2026-0001',
      permission: 'requestFiles',
      match: /^调阅(?:\s+(DY-\d{4}-\d{4}))?$/i,
      handle: async (ctx, match) => {
        const { fileAccess } = ctx.services;
        if (match[1]) return ctx.reply(describe(await fileAccess.view(ctx.sender, match[1]), fileAccess.nameOf));
        const { requests, county } = await fileAccess.overview(ctx.sender);
        const lines = requests.length ? requests.map((r) => listLine(r, fileAccess.nameOf)) : [`本单位暂无调阅申请。申请请发送：${REQUEST_USAGE}。`];
        ctx.reply([...(county ? [countsLine(county)] : []), ...lines].join('\n'));
      },
    },
    {
      name: '调阅记录',
      usage: '调阅记录 [编号] — 本单位提供的材料被谁在何时查看或下载',
      example: '调阅记录 DY-2026-0001',
      permission: 'answerFileRequests',
      match: /^调阅记录(?:\s+(DY-\d{4}-\d{4}))?$/i,
      handle: async (ctx, match) => {
        const { fileAccess } = ctx.services;
        const opens = await fileAccess.accessLog(ctx.sender, match[1]);
        ctx.reply(opens.length ? [`共 ${opens.length} 次：`, ...opens.map((o) => openLine(o, fileAccess.nameOf))].join('\n') : '暂无打开记录。');
      },
    },
  ],
  wizards: [requestWizard, attachWizard],
};
