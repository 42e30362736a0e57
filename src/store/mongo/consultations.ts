import { ANSWER_LEASE_MS, type ConsultationCounts, type ConsultationRequest, type ConsultationStore } from '../consultations';
import type { Outcome } from '../documents';
import { sealedFields } from './at-rest';
import { claimAttempt } from './claims';
import { ConsultationRequestModel } from './models/consultation-request';
import { RemindAgenda } from './remind-agenda';

type Row = Record<string, unknown>;

/** Sealed under the key of the agency asked (`to`): what was asked, the answer, and who wrote them. */
export const CONSULTATION_SEALING = sealedFields<ConsultationRequest>('consultation', 'to', ['subject', 'answer.text', 'answer.by.name', 'createdBy.name']);
const { open, openAll } = { open: (row: Row | null) => row && CONSULTATION_SEALING.open(row), openAll: (rows: Row[]) => CONSULTATION_SEALING.openAll(rows) };

const bothWays = (agency: string) => ({ $or: [{ from: agency }, { to: agency }] });

/** The reminder agenda of the consultation register (`agenda rebuild` files it anew). */
export const consultationAgenda = new RemindAgenda<ConsultationRequest>('consultations', 'consultation', ConsultationRequestModel as never, (row) =>
  CONSULTATION_SEALING.open(row),
);

export class MongoConsultationStore implements ConsultationStore {
  async insert(request: ConsultationRequest): Promise<void> {
    await consultationAgenda.file(request);
    await ConsultationRequestModel.create(CONSULTATION_SEALING.seal(request));
  }

  async find(number: string): Promise<ConsultationRequest | null> {
    return open(await ConsultationRequestModel.findOne({ number }).lean<Row>());
  }

  async listFor(agency: string, limit: number): Promise<ConsultationRequest[]> {
    return openAll(await ConsultationRequestModel.find(bothWays(agency)).sort({ status: -1, createdAt: -1 }).limit(limit).lean<Row[]>());
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
    const owner = (await ConsultationRequestModel.findOne({ number }, { to: 1 }).lean())?.to;
    if (!owner) return null;
    return consultationAgenda.settled(
      open(
        await ConsultationRequestModel.findOneAndUpdate(
          { number, status: 'open' },
          { $set: { ...CONSULTATION_SEALING.sealSet({ answer }, owner), status: 'answered', nextRemindAt: null, nextStepOffset: null } },
          { returnDocument: 'after' },
        ).lean<Row>(),
      ),
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
