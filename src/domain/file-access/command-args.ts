import type { AccessScope } from '../../store/file-access';
import { Refusal } from '../errors';
import { APPROVE_USAGE } from './texts';

const SCOPE_WORDS: Record<string, AccessScope> = { 查看: 'view', 调阅: 'view', 复制: 'copy' };

export interface ApprovalInput {
  scope: AccessScope;
  days?: number;
  materials: string[];
}

/** `[查看|复制] [N天] [材料 A,B]` after the request number. */
export function parseApprovalArgs(args: string): ApprovalInput {
  const input: ApprovalInput = { scope: 'view', materials: [] };
  const tokens = args.trim().split(/\s+/).filter(Boolean);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const days = /^(\d{1,3})天$/.exec(token);
    const materials = /^材料[:：]?(.*)$/.exec(token);
    if (SCOPE_WORDS[token]) input.scope = SCOPE_WORDS[token];
    else if (days) input.days = Number(days[1]);
    else if (materials) {
      const list = materials[1] || tokens[++i] || '';
      input.materials.push(...list.split(/[,，、]/).filter(Boolean));
    } else throw new Refusal(`看不懂「${token}」。请按格式发送：${APPROVE_USAGE}`);
  }
  return input;
}
