import { Refusal } from '../errors';
import type { RegistrationInput } from './document-service';
import type { RegistrableKind } from './kinds';

const URGENT = /^(紧急|诉前紧急)$/;
const DUE_INLINE = /^期限[:：=](.+)$/;

/**
 * Reads the one-line form of a kind's registration command (the text after the command word):
 * 文号, the recipient unless the kind has a fixed one, the start date, then 紧急 (a kind with an
 * urgent period) and 期限 <date> in any order.
 */
export function parseRegistrationArgs(kind: RegistrableKind, args: string): RegistrationInput {
  const tokens = args.trim().split(/\s+/).filter(Boolean);
  const positional: string[] = [];
  let urgent = false;
  let customDue: string | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const inline = DUE_INLINE.exec(token);
    if (URGENT.test(token) && kind.urgent) urgent = true;
    else if (inline) customDue = inline[1];
    else if (token === '期限' && i + 1 < tokens.length) customDue = tokens[++i];
    else positional.push(token);
  }
  const expected = kind.recipient ? 2 : 3;
  if (positional.length !== expected) {
    throw new Refusal(`格式不对。请发送：${kind.command.usage}\n或只发送「${kind.command.word}」按提示逐项填写。`);
  }
  const [reference, second, third] = positional as [string, string, string?];
  return kind.recipient
    ? { kind: kind.key, reference, startDate: second, urgent: false, customDue }
    : { kind: kind.key, reference, recipient: second, startDate: third!, urgent, customDue };
}
