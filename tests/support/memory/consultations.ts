import type { ClaimStore } from '../../../src/store/claims';
import { ANSWER_LEASE_MS, type ConsultationCounts, type ConsultationRequest, type ConsultationStore } from '../../../src/store/consultations';
import type { Outcome } from '../../../src/store/documents';
import { byKeys, copies, copy, DuplicateKeyError } from './records';

/** 协作请求 in an array, unique by number. For unit tests only. */
export class MemoryConsultationStore implements ConsultationStore {
  readonly requests: ConsultationRequest[] = [];

  constructor(private readonly claims: ClaimStore) {}

  private ofAgency(agency: string | undefined): ConsultationRequest[] {
    return this.requests.filter((r) => !agency || r.from === agency || r.to === agency);
  }

  async insert(request: ConsultationRequest): Promise<void> {
    if (this.requests.some((r) => r.number === request.number)) throw new DuplicateKeyError('consultation_requests', request.number);
    this.requests.push(structuredClone(request));
  }

  async find(number: string): Promise<ConsultationRequest | null> {
    return copy(this.requests.find((r) => r.number === number));
  }

  async listFor(agency: string, limit: number): Promise<ConsultationRequest[]> {
    return copies(this.ofAgency(agency).sort(byKeys<ConsultationRequest>('-status', '-createdAt')).slice(0, limit));
  }

  async counts(agency?: string): Promise<ConsultationCounts> {
    const scope = this.ofAgency(agency);
    return { open: scope.filter((r) => r.status === 'open').length, answered: scope.filter((r) => r.status === 'answered').length };
  }

  async answer(number: string, answer: Outcome, now: Date): Promise<ConsultationRequest | null> {
    if (!(await this.claims.claimAttempt(`consultation:${number}:answer`, now, ANSWER_LEASE_MS))) return null;
    const request = this.requests.find((r) => r.number === number && r.status === 'open');
    if (!request) return null;
    Object.assign(request, { answer: structuredClone(answer), status: 'answered', nextRemindAt: null, nextStepOffset: null });
    return copy(request);
  }

  async setMeeting(number: string, meetingNumber: string): Promise<void> {
    const request = this.requests.find((r) => r.number === number);
    if (request) request.meetingNumber = meetingNumber;
  }

  async dueForReminder(until: Date, limit: number): Promise<ConsultationRequest[]> {
    return copies(
      this.requests
        .filter((r) => r.nextRemindAt && r.nextRemindAt <= until)
        .sort(byKeys<ConsultationRequest>('nextRemindAt'))
        .slice(0, limit),
    );
  }

  async advanceReminder(request: ConsultationRequest, next: { at: Date; offset: number }, escalatedAt: Date | undefined): Promise<boolean> {
    const stored = this.requests.find((r) => r.number === request.number && r.status === 'open' && r.nextStepOffset === request.nextStepOffset);
    if (!stored) return false;
    Object.assign(stored, { nextRemindAt: next.at, nextStepOffset: next.offset }, escalatedAt ? { escalatedAt } : {});
    return true;
  }
}
