import { formatClueNumber, parseClueNumber } from './numbers';

export type ClueCommand =
  | { kind: 'start-wizard' }
  | { kind: 'submit'; facts: string; anonymous?: boolean }
  | { kind: 'transfer'; number: string; agency: string; reason: string }
  | { kind: 'accept'; number: string }
  | { kind: 'conclude'; number: string; result: string }
  | { kind: 'show'; number: string }
  | { kind: 'why'; number: string }
  | { kind: 'supplement'; number: string; text: string }
  | { kind: 'withdraw'; number: string; reason: string }
  | { kind: 'attachment'; number: string; index?: number }
  | { kind: 'mine' }
  | { kind: 'pending' };

/** A clue command recognized by its verb but written wrongly: the bot answers with the usage line. */
export interface ClueCommandUsage {
  kind: 'usage';
  usage: string;
}

export const CLUE_USAGE = {
  submit: '提交线索：<线索内容>（或只发“提交线索”按步骤填写）',
  transfer: '转办 XS-年份-编号 <机构> <理由>，例如：转办 XS-2026-0001 司法局 属于规范性文件问题',
  accept: '受理 XS-年份-编号',
  conclude: '办结 XS-年份-编号 <办理结果>',
  show: '线索 XS-年份-编号',
  why: '为什么 XS-年份-编号',
  supplement: '补充 XS-年份-编号 <补充内容>（只发「补充 XS-年份-编号」可接着发送图片或文件）',
  withdraw: '撤回 XS-年份-编号 <撤回理由>',
  attachment: '附件 XS-年份-编号 <序号>',
} as const;

const SPACE = /\s+/u;

/** What a command's `match` is for a clue verb: the verb on its own, or followed by a space or directly by a clue number. */
export function clueVerb(word: string): RegExp {
  return new RegExp(`^${word}(?:\\s|[xXｘＸ]|$)`, 'u');
}

function usage(key: keyof typeof CLUE_USAGE): ClueCommandUsage {
  return { kind: 'usage', usage: `格式：${CLUE_USAGE[key]}` };
}

/** Splits off the first `count` words; the rest of the text (spaces kept) is the last element. */
function words(text: string, count: number): string[] {
  const parts: string[] = [];
  let rest = text.trim();
  for (let i = 0; i < count && rest; i += 1) {
    const match = SPACE.exec(rest);
    parts.push(match ? rest.slice(0, match.index) : rest);
    rest = match ? rest.slice(match.index + match[0].length) : '';
  }
  parts.push(rest);
  return parts;
}

const ANONYMITY_WORD = '(匿名|不匿名|实名)';
const LEADING_ANONYMITY = new RegExp(`^${ANONYMITY_WORD}[\\s:：,，、;；。]+([\\s\\S]+)$`, 'u');
const TRAILING_ANONYMITY = new RegExp(`^([\\s\\S]+?)[\\s,，。;；、(（]+${ANONYMITY_WORD}[)）]?[。.]?$`, 'u');

/** `匿名` (or 实名 / 不匿名) as a word of its own before or after the facts of a one-line 提交线索 answers the 匿名 question. */
function withAnonymity(text: string): { facts: string; anonymous?: boolean } {
  const leading = LEADING_ANONYMITY.exec(text);
  if (leading) return { facts: leading[2]!.trim(), anonymous: leading[1] === '匿名' };
  const trailing = TRAILING_ANONYMITY.exec(text);
  if (trailing) return { facts: trailing[1]!.trim(), anonymous: trailing[2] === '匿名' };
  return { facts: text };
}

function canonicalNumber(token: string | undefined): string | null {
  const parsed = token ? parseClueNumber(token) : null;
  return parsed ? formatClueNumber(parsed) : null;
}

/** Returns the verb's argument text when `text` starts with the verb as a word of its own. */
function afterVerb(text: string, verb: string): string | null {
  if (!text.startsWith(verb)) return null;
  const rest = text.slice(verb.length);
  if (rest === '' || SPACE.test(rest[0]!)) return rest.trim();
  // 线索XS-2026-0001 without a space is still meant as the command.
  return /^[xXｘＸ]/u.test(rest) ? rest : null;
}

/**
 * Reads one line of clue commands. null: not a clue command (another bot may want it).
 * Facts, reasons and results are kept exactly as typed, apart from surrounding spaces.
 */
export function parseClueCommand(input: string): ClueCommand | ClueCommandUsage | null {
  const text = input.trim();
  if (text === '我的线索') return { kind: 'mine' };
  if (text === '待办') return { kind: 'pending' };

  const submit = /^提交线索(?:\s*[:：]|(?=\s)|$)([\s\S]*)$/u.exec(text);
  if (submit) {
    const facts = submit[1]!.trim();
    if (facts) return { kind: 'submit', ...withAnonymity(facts) };
    return text === '提交线索' ? { kind: 'start-wizard' } : usage('submit');
  }

  const transfer = afterVerb(text, '转办');
  if (transfer !== null) {
    const [numberToken, agency, reason] = words(transfer, 2);
    const number = canonicalNumber(numberToken);
    return number && agency && reason ? { kind: 'transfer', number, agency, reason } : usage('transfer');
  }
  const conclude = afterVerb(text, '办结');
  if (conclude !== null) {
    const [numberToken, result] = words(conclude, 1);
    const number = canonicalNumber(numberToken);
    return number && result ? { kind: 'conclude', number, result } : usage('conclude');
  }
  const supplement = afterVerb(text, '补充');
  if (supplement !== null) {
    const [numberToken, added = ''] = words(supplement, 1);
    const number = canonicalNumber(numberToken);
    return number ? { kind: 'supplement', number, text: added } : usage('supplement');
  }
  const withdraw = afterVerb(text, '撤回');
  if (withdraw !== null) {
    const [numberToken, reason] = words(withdraw, 1);
    const number = canonicalNumber(numberToken);
    return number && reason ? { kind: 'withdraw', number, reason } : usage('withdraw');
  }
  const attachment = afterVerb(text, '附件');
  if (attachment !== null) {
    const [numberToken, indexText = ''] = words(attachment, 1);
    const number = canonicalNumber(numberToken);
    const index = Number(indexText.trim());
    if (!number || (indexText.trim() && !(Number.isInteger(index) && index >= 1))) return usage('attachment');
    return { kind: 'attachment', number, ...(indexText.trim() && { index }) };
  }
  for (const [verb, kind] of [
    ['受理', 'accept'],
    ['线索', 'show'],
    ['为什么', 'why'],
  ] as const) {
    const args = afterVerb(text, verb);
    if (args === null) continue;
    const number = canonicalNumber(args);
    return number ? { kind, number } : usage(kind);
  }
  return null;
}
