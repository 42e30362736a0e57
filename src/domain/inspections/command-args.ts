import { Refusal } from '../errors';

export const INSPECTION_USAGE = '登记联合巡查 <日期 YYYY-MM-DD> <单位…> [抽查案卷N]';
export const PROBLEM_USAGE = '登记问题 <巡查编号> <责任单位> <整改期限 YYYY-MM-DD> <问题描述>';
export const CLOSE_USAGE = '整改销号 <整改编号> [完成日期 YYYY-MM-DD] <整改情况>';
export const SELF_INSPECTION_USAGE = '登记自查 <单位> <自查案件数> <未执行案件数>';

export interface InspectionArgs {
  date: string;
  units: string[];
  filesSampled: number;
}

export interface ProblemArgs {
  inspectionNumber: string;
  owner: string;
  dueDate: string;
  text: string;
}

export interface SelfInspectionArgs {
  unit: string;
  casesChecked: number;
  unexecuted: number;
}

const FILES = /^抽查(?:案卷)?(\d{1,6})(?:份|卷|件)?$/;

function words(text: string): string[] {
  return text
    .trim()
    .split(/[\s,，、;；]+/)
    .filter(Boolean);
}

/** `<日期> <单位…> [抽查案卷N]`: units by code or name, separated by spaces or 、 ，. */
export function parseInspectionArgs(text: string): InspectionArgs {
  const [date, ...rest] = words(text);
  let filesSampled = 0;
  const units: string[] = [];
  for (const word of rest) {
    const files = FILES.exec(word);
    if (files) filesSampled = Number(files[1]);
    else units.push(word);
  }
  if (!date || units.length === 0) throw new Refusal(`请按格式发送：${INSPECTION_USAGE}，例如「登记联合巡查 2026-11-20 nyncj zhzf 抽查案卷12」。`);
  return { date, units: [...new Set(units)], filesSampled };
}

export function parseProblemArgs(text: string): ProblemArgs {
  const match = /^(\S+)\s+(\S+)\s+(\S+)\s+([\s\S]+)$/.exec(text.trim());
  if (!match) throw new Refusal(`请按格式发送：${PROBLEM_USAGE}，例如「登记问题 XC-2026-0001 nyncj 2026-12-31 处罚决定未执行到位」。`);
  return { inspectionNumber: match[1]!.toUpperCase(), owner: match[2]!, dueDate: match[3]!, text: match[4]!.trim() };
}

function count(text: string | undefined): number | undefined {
  return text !== undefined && /^\d{1,7}$/.test(text) ? Number(text) : undefined;
}

export function parseSelfInspectionArgs(text: string): SelfInspectionArgs {
  const [unit, checked, unexecuted, extra] = words(text);
  const casesChecked = count(checked);
  const unexecutedCount = count(unexecuted);
  if (!unit || casesChecked === undefined || unexecutedCount === undefined || extra !== undefined) {
    throw new Refusal(`请按格式发送：${SELF_INSPECTION_USAGE}，例如「登记自查 nyncj 120 8」。`);
  }
  if (unexecutedCount > casesChecked) throw new Refusal('未执行案件数不能大于自查案件数，请核对后重新发送。');
  return { unit, casesChecked, unexecuted: unexecutedCount };
}
