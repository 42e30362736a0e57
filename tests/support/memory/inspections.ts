import type { ClaimStore } from '../../../src/store/claims';
import {
  CLOSE_LEASE_MS,
  type InspectionStore,
  type ItemClosure,
  type JointInspection,
  type RectificationItem,
  type SelfInspection,
} from '../../../src/store/inspections';
import { byKeys, copies, copy, DuplicateKeyError } from './records';

/** Joint inspections, rectification items and self-inspections in arrays, with the collections' unique keys. For unit tests only. */
export class MemoryInspectionStore implements InspectionStore {
  readonly inspections: JointInspection[] = [];
  readonly items: RectificationItem[] = [];
  readonly selfInspections: SelfInspection[] = [];

  constructor(private readonly claims: ClaimStore) {}

  async insertInspection(inspection: JointInspection): Promise<void> {
    if (this.inspections.some((i) => i.number === inspection.number || i.ref === inspection.ref)) {
      throw new DuplicateKeyError('joint_inspections', inspection.number);
    }
    this.inspections.push(structuredClone(inspection));
  }

  async findInspection(number: string): Promise<JointInspection | null> {
    return copy(this.inspections.find((i) => i.number === number));
  }

  async recentInspections(skip: number, limit: number): Promise<JointInspection[]> {
    return copies(this.inspections)
      .sort(byKeys('-date', '-number'))
      .slice(skip, skip + limit);
  }

  async inspectionsByRef(refs: readonly string[]): Promise<JointInspection[]> {
    return copies(this.inspections.filter((i) => refs.includes(i.ref)));
  }

  async inspectionsByRefOrNumber(keys: readonly string[]): Promise<JointInspection[]> {
    return copies(this.inspections.filter((i) => keys.includes(i.ref) || keys.includes(i.number)));
  }

  async insertItem(item: RectificationItem): Promise<void> {
    if (this.items.some((i) => i.number === item.number || i.ref === item.ref)) throw new DuplicateKeyError('rectification_items', item.number);
    this.items.push(structuredClone(item));
  }

  async findItem(number: string): Promise<RectificationItem | null> {
    return copy(this.items.find((i) => i.number === number));
  }

  async itemRefsPresent(refs: readonly string[]): Promise<Set<string>> {
    return new Set(this.items.filter((i) => refs.includes(i.ref)).map((i) => i.ref));
  }

  async itemsOf(inspectionNumber: string): Promise<RectificationItem[]> {
    return copies(this.items.filter((i) => i.inspectionNumber === inspectionNumber)).sort(byKeys('number'));
  }

  async problemCounts(inspectionNumbers: readonly string[]): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    for (const item of this.items) {
      if (inspectionNumbers.includes(item.inspectionNumber)) counts.set(item.inspectionNumber, (counts.get(item.inspectionNumber) ?? 0) + 1);
    }
    return counts;
  }

  async closeItem(number: string, closure: ItemClosure, now: Date): Promise<RectificationItem | null> {
    if (!(await this.claims.claimAttempt(`rectification:${number}:close`, now, CLOSE_LEASE_MS))) return null;
    const item = this.items.find((i) => i.number === number && i.status === 'open');
    if (!item) return null;
    Object.assign(item, structuredClone(closure), { status: 'done', nextRemindAt: null, nextStepOffset: null });
    return copy(item);
  }

  async itemsDueForReminder(until: Date, limit: number): Promise<RectificationItem[]> {
    return copies(this.items.filter((i) => i.nextRemindAt !== null && i.nextRemindAt <= until))
      .sort(byKeys('nextRemindAt'))
      .slice(0, limit);
  }

  async advanceItemReminder(item: RectificationItem, next: { at: Date; offset: number }, escalatedAt: Date | undefined): Promise<boolean> {
    const stored = this.items.find((i) => i.number === item.number && i.status === 'open' && i.nextStepOffset === item.nextStepOffset);
    if (!stored) return false;
    const before = JSON.stringify(stored);
    Object.assign(stored, { nextRemindAt: next.at, nextStepOffset: next.offset }, escalatedAt ? { escalatedAt } : {});
    return JSON.stringify(stored) !== before;
  }

  async saveSelfInspection(report: SelfInspection): Promise<void> {
    const index = this.selfInspections.findIndex((r) => r.unit === report.unit && r.month === report.month);
    if (index >= 0) this.selfInspections[index] = structuredClone(report);
    else this.selfInspections.push(structuredClone(report));
  }
}
