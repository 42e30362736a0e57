import type { Model } from 'mongoose';
import { ACCOUNTABILITY_SEALING } from './accountability';
import type { SealedFields } from './at-rest';
import { CONSULTATION_SEALING } from './consultations';
import { COURT_SUPERVISION_SEALING } from './court-supervision';
import { DOCUMENT_SEALING } from './documents';
import { FILE_ACCESS_SEALING } from './file-access';
import { MEDIATION_SEALING } from './mediation';
import { ATTENDANCE_SEALING, MEETING_SEALING } from './meetings';
import { AccountabilityCaseModel } from './models/accountability-case';
import { ConsultationRequestModel } from './models/consultation-request';
import { CourtSupervisionCaseModel } from './models/court-supervision-case';
import { DeadlineDocumentModel } from './models/deadline-document';
import { FileAccessRequestModel } from './models/file-access';
import { MediationCaseModel } from './models/mediation-case';
import { MeetingAttendanceModel, MeetingModel } from './models/meeting';
import { ReviewOutcomeModel } from './models/review-outcome';
import { REVIEW_OUTCOME_SEALING } from './review-outcomes';

/** Every register whose fields are sealed under an agency's key (one declaration each), with its collection. */
export const SEALED_REGISTERS: ReadonlyArray<{ sealing: SealedFields<unknown>; model: { collection: Model<never>['collection'] } }> = [
  { sealing: DOCUMENT_SEALING, model: DeadlineDocumentModel },
  { sealing: CONSULTATION_SEALING, model: ConsultationRequestModel },
  { sealing: COURT_SUPERVISION_SEALING, model: CourtSupervisionCaseModel },
  { sealing: FILE_ACCESS_SEALING, model: FileAccessRequestModel },
  { sealing: MEETING_SEALING, model: MeetingModel },
  { sealing: ATTENDANCE_SEALING, model: MeetingAttendanceModel },
  { sealing: ACCOUNTABILITY_SEALING, model: AccountabilityCaseModel },
  { sealing: MEDIATION_SEALING, model: MediationCaseModel },
  { sealing: REVIEW_OUTCOME_SEALING, model: ReviewOutcomeModel },
] as never;

const BATCH = 100;

/**
 * `keys reencrypt` for the registers: every row whose sealed fields are not all under its owner's current key
 * (or still plain, written before sealing) is sealed again. Returns the rows changed per register.
 */
export async function resealRegisters(): Promise<Record<string, number>> {
  const tally: Record<string, number> = {};
  for (const { sealing, model } of SEALED_REGISTERS) {
    tally[sealing.model] = 0;
    for (let skip = 0; ; skip += BATCH) {
      // The raw collection: rows as stored, written back without the schema's casting.
      const rows = await model.collection.find({}).sort({ _id: 1 }).skip(skip).limit(BATCH).toArray();
      for (const row of rows) {
        const set = sealing.reseal(row);
        if (!set) continue;
        await model.collection.updateOne({ _id: row._id }, { $set: set });
        tally[sealing.model]! += 1;
      }
      if (rows.length < BATCH) break;
    }
  }
  return tally;
}
