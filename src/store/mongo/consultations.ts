import { ANSWER_LEASE_MS, type ConsultationCounts, type ConsultationRequest, type ConsultationStore } from '../consultations';
import type { Outcome } from '../documents';
import { claimAttempt } from './claims';
import { ConsultationRequestModel } from './models/consultation-request';
import { RemindAgenda } from './remind-agenda';

const bothWays = (agency: string) => ({ $or: [{ from: agency }, { to: agency }] });

/** The reminder agenda of the consultation register (`agenda rebuild` files it anew). */
export const consultationAgenda = new RemindAgenda<ConsultationRequest>('consultations', 'consultation', ConsultationRequestModel as never);

export class MongoConsultationStore implements ConsultationStore {
  async insert(request: ConsultationRequest): Promise<void> {
    await consultationAgenda.file(request);
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
    return consultationAgenda.settled(
      await ConsultationRequestModel.findOneAndUpdate(
        { number, status: 'open' },
        { $set: { answer, status: 'answered', nextRemindAt: null, nextStepOffset: null } },
        { returnDocument: 'after' },
      ).lean<ConsultationRequest>(),
    );
  }

  async setMeeting(number: string, meetingNumber: string): Promise<void> {
    await ConsultationRequestModel.updateOne({ number }, { $set: { meetingNumber } });
  }

  dueForReminder(until: Date, limit: number): Promise<ConsultationRequest[]> {
    return consultationAgenda.due(until, limit);
  }

  advanceReminder(request: ConsultationRequest, next: { at: Date; offset: number }, escalatedAt: Date | undefined): Promise<boolean> {
    return consultationAgenda.advance(request, next, escalatedAt, { status: 'open', nextStepOffset: request.nextStepOffset });
  }
}
