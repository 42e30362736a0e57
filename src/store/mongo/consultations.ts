import { ANSWER_LEASE_MS, type ConsultationCounts, type ConsultationRequest, type ConsultationStore } from '../consultations';
import type { Outcome } from '../documents';
import { claimAttempt } from './claims';
import { ConsultationRequestModel } from './models/consultation-request';

const bothWays = (agency: string) => ({ $or: [{ from: agency }, { to: agency }] });

export class MongoConsultationStore implements ConsultationStore {
  async insert(request: ConsultationRequest): Promise<void> {
    await ConsultationRequestModel.create(request);
  }

  find(number: string): Promise<ConsultationRequest | null> {
    return ConsultationRequestModel.findOne({ number }).lean<ConsultationRequest>();
  }

  listFor(agency: string, limit: number): Promise<ConsultationRequest[]> {
    return ConsultationRequestModel.find(bothWays(agency)).sort({ status: -1, createdAt: -1 }).limit(limit).lean<ConsultationRequest[]>();
  }

  async counts(agency?: string): Promise<ConsultationCounts> {
    const scope = agency ? bothWays(agency) : {};
    const [open, answered] = await Promise.all([
      ConsultationRequestModel.countDocuments({ ...scope, status: 'open' }),
      ConsultationRequestModel.countDocuments({ ...scope, status: 'answered' }),
    ]);
    return { open, answered };
  }

  async answer(number: string, answer: Outcome, now: Date): Promise<ConsultationRequest | null> {
    if (!(await claimAttempt(`consultation:${number}:answer`, now, ANSWER_LEASE_MS))) return null;
    return ConsultationRequestModel.findOneAndUpdate(
      { number, status: 'open' },
      { $set: { answer, status: 'answered', nextRemindAt: null, nextStepOffset: null } },
      { returnDocument: 'after' },
    ).lean<ConsultationRequest>();
  }

  async setMeeting(number: string, meetingNumber: string): Promise<void> {
    await ConsultationRequestModel.updateOne({ number }, { $set: { meetingNumber } });
  }

  dueForReminder(until: Date, limit: number): Promise<ConsultationRequest[]> {
    return ConsultationRequestModel.find({ nextRemindAt: { $lte: until } })
      .sort({ nextRemindAt: 1 })
      .limit(limit)
      .lean<ConsultationRequest[]>();
  }

  async advanceReminder(request: ConsultationRequest, next: { at: Date; offset: number }, escalatedAt: Date | undefined): Promise<boolean> {
    const result = await ConsultationRequestModel.updateOne(
      { number: request.number, status: 'open', nextStepOffset: request.nextStepOffset },
      { $set: { nextRemindAt: next.at, nextStepOffset: next.offset, ...(escalatedAt ? { escalatedAt } : {}) } },
    );
    return result.modifiedCount > 0;
  }
}
