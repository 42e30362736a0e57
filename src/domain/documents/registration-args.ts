import type { RegistrationInput } from './document-service';
import type { RegistrableKind } from './kinds';
import { Refusal } from '../errors';

export const REGISTRATION_COMMANDS: Record<RegistrableKind, { command: string; usage: string }> = {
  recommendation: { command: '登记检察建议', usage: '登记检察建议 <文号> <被建议单位> <送达日期 YYYY-MM-DD> [紧急] [期限 YYYY-MM-DD]' },
  notice: { command: '登记监督通知书', usage: '登记监督通知书 <文号> <被监督单位> <送达日期 YYYY-MM-DD> [期限 YYYY-MM-DD]' },
  decision: { command: '登记监督决定书', usage: '登记监督决定书 <文号> <被监督单位> <送达日期 YYYY-MM-DD> [期限 YYYY-MM-DD]' },
  transfer: { command: '登记移送案件', usage: '登记移送案件 <文号> <移送日期 YYYY-MM-DD> [期限 YYYY-MM-DD]' },
};

const URGENT = /^(紧急|诉前紧急)$/;
const DUE_INLINE = /^期限[:：=](.+)$/;

/** Reads the one-line form of a registration command (the text after the keyword). */
export function parseRegistrationArgs(kind: RegistrableKind, args: string): RegistrationInput {
  const tokens = args.trim().split(/\s+/).filter(Boolean);
  const positional: string[] = [];
  let urgent = false;
  let customDue: string | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const inline = DUE_INLINE.exec(token);
    if (URGENT.test(token) && kind === 'recommendation') urgent = true;
    else if (inline) customDue = inline[1];
    else if (token === '期限' && i + 1 < tokens.length) customDue = tokens[++i];
    else positional.push(token);
  }
  const expected = kind === 'transfer' ? 2 : 3;
  if (positional.length !== expected) {
    throw new Refusal(`格式不对。请发送：${REGISTRATION_COMMANDS[kind].usage}\n或只发送「${REGISTRATION_COMMANDS[kind].command}」按提示逐项填写。`);
  }
  const [reference, second, third] = positional as [string, string, string?];
  return kind === 'transfer'
    ? { kind, reference, startDate: second, urgent: false, customDue }
    : { kind, reference, recipient: second, startDate: third!, urgent, customDue };
}
