import type { ClueRoute } from '../../../src/config/routing';
import type { ClaimStore } from '../../../src/store/claims';
import { NumberTurns } from '../../../src/store/number-turns';
import { addClueOnce, changeClueOnce, type ClueChange, type ClueDoc, type ClueRecords, type ClueSearchQuery, type ClueStore } from '../../../src/store/clues';

const byTime = (field: 'submittedAt' | 'acceptanceRemindAt', direction: 1 | -1) => (a: ClueDoc, b: ClueDoc) =>
  direction * (a[field].getTime() - b[field].getTime());

/**
 * Clues in an array, unique on number and draftId like the collection, every exactly-once decision
 * taken by the same claims as the mongoose store. For unit tests only.
 */
export class MemoryClueStore implements ClueStore, ClueRecords {
  readonly records: ClueDoc[] = [];
  readonly turns = new NumberTurns();

  constructor(readonly claims: ClaimStore) {}

  async find(number: string): Promise<ClueDoc | null> {
    return this.copy(this.records.find((clue) => clue.number === number));
  }

  async findByDraft(draftId: string): Promise<ClueDoc | null> {
    return this.copy(this.records.find((clue) => clue.draftId === draftId));
  }

  async lastSeq(year: number): Promise<number> {
    return Math.max(0, ...this.records.filter((clue) => clue.year === year).map((clue) => clue.seq));
  }

  async hasSeq(year: number, seq: number): Promise<boolean> {
    return this.records.some((clue) => clue.year === year && clue.seq === seq);
  }

  async insert(clue: ClueDoc): Promise<boolean> {
    if (this.records.some((stored) => stored.number === clue.number || stored.draftId === clue.draftId)) return false;
    this.records.push(structuredClone(clue));
    return true;
  }

  async update(number: string, { set, unset = [], transfer, supplement }: ClueChange, version: number): Promise<ClueDoc | null> {
    const clue = this.records.find((stored) => stored.number === number && stored.version === version);
    if (!clue) return null;
    Object.assign(clue, structuredClone(set), { version: version + 1 });
    for (const field of unset) delete clue[field];
    if (transfer) clue.transfers.push(structuredClone(transfer));
    if (supplement) clue.supplements = [...(clue.supplements ?? []), structuredClone(supplement)];
    return this.copy(clue);
  }

  addOnce(draftId: string, year: number, now: Date, build: (seq: number) => ClueDoc) {
    return addClueOnce(this, draftId, year, now, build);
  }

  change(number: string, version: number, change: ClueChange, now: Date) {
    return changeClueOnce(this, number, version, change, now);
  }

  async bySubmitter(submitterTags: readonly string[], skip: number, limit: number): Promise<ClueDoc[]> {
    return this.list((clue) => submitterTags.includes(clue.submitterTag), byTime('submittedAt', -1), skip + limit).slice(skip);
  }

  async search({ routes, notRoutes, submitterTags, statuses, from, before }: ClueSearchQuery, limit: number): Promise<ClueDoc[]> {
    const inScope = (clue: ClueDoc) => (routes ? routes.includes(clue.route) : !notRoutes?.includes(clue.route)) || submitterTags.includes(clue.submitterTag);
    return this.list(
      (clue) => inScope(clue) && (!statuses || statuses.includes(clue.status)) && (!from || clue.submittedAt >= from) && (!before || clue.submittedAt < before),
      byTime('submittedAt', -1),
      limit,
    );
  }

  async open(route: ClueRoute, skip: number, limit: number): Promise<ClueDoc[]> {
    return this.list(
      (clue) => clue.route === route && (clue.status === 'submitted' || clue.status === 'accepted'),
      byTime('submittedAt', 1),
      skip + limit,
    ).slice(skip);
  }

  async dueForAcceptanceReminder(at: Date): Promise<ClueDoc[]> {
    return this.list(
      (clue) => clue.status === 'submitted' && !clue.acceptanceReminded && clue.acceptanceRemindAt <= at,
      byTime('acceptanceRemindAt', 1),
      Number.POSITIVE_INFINITY,
    );
  }

  async markAcceptanceReminded({ number, route, acceptanceRemindAt }: Pick<ClueDoc, 'number' | 'route' | 'acceptanceRemindAt'>): Promise<void> {
    const clue = this.records.find(
      (stored) => stored.number === number && stored.route === route && stored.acceptanceRemindAt.getTime() === acceptanceRemindAt.getTime(),
    );
    if (clue) clue.acceptanceReminded = true;
  }

  async all(skip: number, limit: number): Promise<ClueDoc[]> {
    return [...this.records]
      .sort((a, b) => a.number.localeCompare(b.number))
      .slice(skip, skip + limit)
      .map((clue) => structuredClone(clue));
  }

  async replaceSealed(number: string, version: number, fields: Partial<ClueDoc>): Promise<boolean> {
    const clue = this.records.find((stored) => stored.number === number && stored.version === version);
    if (clue) Object.assign(clue, structuredClone(fields));
    return clue !== undefined;
  }

  async dueAlerts(at: Date): Promise<ClueDoc[]> {
    return this.list(
      (clue) => Boolean(clue.alertAt && clue.alertAt <= at),
      (a, b) => a.alertAt!.getTime() - b.alertAt!.getTime(),
      Number.POSITIVE_INFINITY,
    );
  }

  async markAlerted(number: string, alertAt: Date, next: Pick<ClueDoc, 'alertAt' | 'alert'> | null): Promise<void> {
    const clue = this.records.find((stored) => stored.number === number && stored.alertAt?.getTime() === alertAt.getTime());
    if (!clue) return;
    if (next) Object.assign(clue, next);
    else {
      delete clue.alertAt;
      delete clue.alert;
    }
  }

  async disputed(limit: number): Promise<ClueDoc[]> {
    return this.list((clue) => Boolean(clue.dispute), byTime('submittedAt', 1), limit);
  }

  async markAnnounced(number: string): Promise<void> {
    const clue = this.records.find((stored) => stored.number === number);
    if (clue) clue.announced = true;
  }

  async unannounced(before: Date): Promise<ClueDoc[]> {
    return this.list((clue) => clue.announced === false && clue.submittedAt <= before, byTime('submittedAt', 1), Number.POSITIVE_INFINITY);
  }

  private list(filter: (clue: ClueDoc) => boolean, order: (a: ClueDoc, b: ClueDoc) => number, limit: number): ClueDoc[] {
    return this.records
      .filter(filter)
      .sort(order)
      .slice(0, limit)
      .map((clue) => structuredClone(clue));
  }

  private copy(clue: ClueDoc | undefined): ClueDoc | null {
    return clue ? structuredClone(clue) : null;
  }
}
