import type { CaseworkConfig } from '../../config/casework';
import type { ClueRoute } from '../../config/routing';
import { addDays, daysBetween, type LocalDate } from '../../kernel/time/local-date';
import { instantAt, localDateOf } from '../../kernel/time/local-time';
import type { ClueAlert, ClueDoc } from '../../store/clues';
import { computeDeadline, onOrNextWorkingDay, type WorkingCalendar } from '../deadlines';
import { Refusal } from '../errors';

/**
 * The clock of a clue's casework (config/casework.yaml): the handling period after 受理, the
 * dispute period past the transfer limit, each reminded on its due day and escalated the next
 * working day; 退回补充 stops the clocks and moves the due days on by the days it waited.
 */
export class CaseworkClock {
  constructor(
    private readonly config: CaseworkConfig,
    private readonly calendar: WorkingCalendar,
    private readonly reminderTime: string,
  ) {}

  /** 受理 today: the handling due day and its first alert. */
  handling(route: ClueRoute, now: Date): Pick<ClueDoc, 'handlingDue' | 'alertAt' | 'alert'> {
    const { due } = computeDeadline(localDateOf(now), this.config.handling[route], this.calendar);
    return { handlingDue: due, ...this.firstAlert('handling', due) };
  }

  /** A dispute raised today: its decision due day and first alert. */
  dispute(now: Date): { due: LocalDate } & Pick<ClueDoc, 'alertAt' | 'alert'> {
    const { due } = computeDeadline(localDateOf(now), this.config.disputePeriod, this.calendar);
    return { due, ...this.firstAlert('dispute', due) };
  }

  /** After an alert: the escalation the next working day after the due day, then none. */
  next(alert: ClueAlert, due: string): Pick<ClueDoc, 'alertAt' | 'alert'> | null {
    if (alert.stage === 'escalate') return null;
    return {
      alertAt: instantAt(onOrNextWorkingDay(addDays(due as LocalDate, 1), this.calendar), this.reminderTime),
      alert: { kind: alert.kind, stage: 'escalate' },
    };
  }

  get pausesWhileReturned(): boolean {
    return this.config.pauseWhileReturned;
  }

  /** A due day moved on by the days a 退回补充 waited (from `since` to now), onto a working day. */
  resumed(due: string, since: Date, now: Date): LocalDate {
    const waited = Math.max(0, daysBetween(localDateOf(since), localDateOf(now)));
    return onOrNextWorkingDay(addDays(due as LocalDate, waited), this.calendar);
  }

  alertFor(kind: ClueAlert['kind'], due: string): Pick<ClueDoc, 'alertAt' | 'alert'> {
    return this.firstAlert(kind, due);
  }

  private firstAlert(kind: ClueAlert['kind'], due: string): Pick<ClueDoc, 'alertAt' | 'alert'> {
    return { alertAt: instantAt(due as LocalDate, this.reminderTime), alert: { kind, stage: 'remind' } };
  }
}

/**
 * A 转办's reason: one of the configured reasons (by its number or its words) and free text after it.
 * Refused, with the list, when the first word is neither or the free text is missing.
 */
export function transferReason(text: string, reasons: readonly string[], example: string): string {
  const trimmed = text.trim();
  const byNumber = /^(\d)\s*[.、．]?\s*/u.exec(trimmed);
  const index = byNumber ? Number(byNumber[1]) - 1 : reasons.findIndex((r) => trimmed.startsWith(r));
  const reason = reasons[index];
  const rest = reason ? trimmed.slice(byNumber ? byNumber[0].length : reason.length).replace(/^[\s:：,，。]+/u, '') : '';
  if (reason && rest) return `${reason}：${rest}`;
  const list = reasons.map((r, i) => `${i + 1}. ${r}`).join('\n');
  throw new Refusal(`转办须选一项理由（序号或原文）并写明具体说明：\n${list}\n例如：${example}`);
}
