import { REVIEW_KINDS, type ReviewKind, type ReviewOutcomesConfig } from '../../config/review-outcomes';
import type { LocalDate } from '../../kernel/time/local-date';
import type { ReviewOutcome } from '../../store/review-outcomes';
import { Refusal } from '../errors';
import { dateArg, enforcementUnit } from '../inspections/rules';
import type { Organization } from '../organization';

/** A record as typed in chat or read from one row of an import file: every field a string. */
export interface RecordInput {
  kind: string;
  caseNumber: string;
  unit: string;
  decidedOn: string;
  actType: string;
  outcome: string;
  reason?: string;
}

export type CheckedRecord = Pick<ReviewOutcome, 'ref' | 'kind' | 'caseNumber' | 'unit' | 'actType' | 'outcome' | 'adverse' | 'reason' | 'decidedOn'>;

const KIND_WORDS: Record<ReviewKind, readonly string[]> = {
  reconsideration: ['复议', '行政复议', 'reconsideration'],
  litigation: ['诉讼', '行政诉讼', 'litigation'],
};

function oneOf(value: string, allowed: readonly string[], what: string): string {
  const found = allowed.find((a) => a === value.trim());
  if (!found) throw new Refusal(`${what}「${value}」须为以下之一：${allowed.join('、')}`);
  return found;
}

/** The rules chat registration and the import share: kind, unit, date, act type, outcome and reason from config/review-outcomes.yaml. */
export function checkRecord(input: RecordInput, config: ReviewOutcomesConfig, org: Organization, today: LocalDate): CheckedRecord {
  const kind = REVIEW_KINDS.find((k) => KIND_WORDS[k].includes(input.kind.trim().toLowerCase()));
  if (!kind) throw new Refusal(`类型「${input.kind}」须为 复议 或 诉讼`);
  const caseNumber = input.caseNumber.trim();
  if (!caseNumber || caseNumber.length > 64) throw new Refusal('请填写案号（不超过64字）');
  const unit = enforcementUnit(org, input.unit);
  const decidedOn = dateArg(input.decidedOn, '决定日期');
  if (decidedOn > today) throw new Refusal(`决定日期 ${decidedOn} 晚于今天`);
  const actType = oneOf(input.actType, config.actTypes, '行为类型');
  const { adverse, other } = config.kinds[kind];
  const outcome = oneOf(input.outcome, [...adverse, ...other], `${config.kinds[kind].name}结果`);
  const isAdverse = adverse.includes(outcome);
  const reasonText = (input.reason ?? '').trim();
  if (isAdverse && !reasonText) throw new Refusal(`结果为「${outcome}」时须填写原因类别：${config.reasons.join('、')}`);
  const reason = reasonText ? oneOf(reasonText, config.reasons, '原因类别') : '';
  return { ref: `${kind}:${caseNumber}`, kind, caseNumber, unit, actType, outcome, adverse: isAdverse, reason, decidedOn };
}
