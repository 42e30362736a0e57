import type { EncryptedField } from '../../kernel/field-cipher';
import { atRestKeys, cipherFor } from './at-rest';
import { ClueAttachmentChunkModel, ClueAttachmentModel } from './models/clue-attachment';
import { ClueModel } from './models/clue';
import { ConversationModel } from './models/conversation';

const BATCH = 100;
const PURGED = '（已按保存期限清除）';

/** What one retention run removed: counts only, for the log. */
export interface RetentionCounts {
  cluesAnonymised: number;
  attachmentsDeleted: number;
  refusedExchanges: number;
  conversationEntriesDeleted: number;
}

/** The ids of a clue's evidence files (attachment refs sealed under the clue's agency key). */
function attachmentIds(route: string, sealed: EncryptedField | undefined, context: string): string[] {
  if (!sealed) return [];
  const keys = atRestKeys();
  const ring = keys.ring(route);
  const cipher = ring.key(sealed.keyId) ? cipherFor(route) : cipherFor();
  return (JSON.parse(cipher.decrypt(sealed, context)) as { id: string }[]).map((ref) => ref.id);
}

/**
 * Concluded and withdrawn clues older than `before` keep their number, route, category, status and dates (the
 * figures count them); their facts, reporter and the texts of their 补充/退回/异议 history become a placeholder
 * sealed under the agency's key (the history keeps its dates), every other text is removed, the submitter's index unlinked, and their evidence files deleted. Runs again harmlessly.
 */
export async function anonymiseClosedClues(before: Date): Promise<Pick<RetentionCounts, 'cluesAnonymised' | 'attachmentsDeleted'>> {
  const counts = { cluesAnonymised: 0, attachmentsDeleted: 0 };
  const closed = {
    purgedAt: { $exists: false },
    $or: [
      { status: 'concluded', concludedAt: { $lte: before } },
      { status: 'withdrawn', withdrawnAt: { $lte: before } },
    ],
  };
  for (;;) {
    const docs = await ClueModel.find(closed as never)
      .limit(BATCH)
      .lean();
    for (const doc of docs) {
      const ids = [
        ...attachmentIds(doc.route, doc.attachments, 'attachments'),
        ...(doc.supplements ?? []).flatMap((s) => attachmentIds(doc.route, s.attachments, 'supplement-attachments')),
      ];
      if (ids.length) {
        await ClueAttachmentChunkModel.deleteMany({ attachmentId: { $in: ids } });
        counts.attachmentsDeleted += (await ClueAttachmentModel.deleteMany({ id: { $in: ids } })).deletedCount;
      }
      const cipher = cipherFor(doc.route);
      const reporter = { channel: '-', userId: '-', name: PURGED, agency: '-' };
      await ClueModel.collection.updateOne(
        { _id: doc._id },
        {
          $set: {
            facts: cipher.encrypt(PURGED, 'facts'),
            reporter: cipher.encrypt(JSON.stringify(reporter), 'reporter'),
            submitterTag: `purged:${doc.number}`,
            transfers: doc.transfers.map((t) => ({ ...t, reason: cipher.encrypt(PURGED, 'transferReason') })),
            // The history keeps its dates and kinds (退回, 补充, 异议); only the texts go.
            supplements: (doc.supplements ?? []).map((s) => ({ at: s.at, ...(s.text && { text: cipher.encrypt(PURGED, 'supplement') }) })),
            ...(doc.returned && { returned: { at: doc.returned.at, question: cipher.encrypt(PURGED, 'returnQuestion') } }),
            ...(doc.dispute && { dispute: { ...doc.dispute, reason: cipher.encrypt(PURGED, 'transferReason') } }),
            purgedAt: new Date(),
          },
          $unset: { subject: 1, timePlace: 1, evidence: 1, attachments: 1, result: 1, withdrawReason: 1 },
        },
      );
      counts.cluesAnonymised++;
    }
    if (docs.length < BATCH) return counts;
  }
}

/**
 * The conversation-log exchanges of clues refused as higher-level, older than `before`: the refusing entry and the
 * same officer's entries of the `windowMs` before it (what they typed into the wizard) are deleted.
 */
export async function purgeRefusedExchanges(before: Date, windowMs: number): Promise<Pick<RetentionCounts, 'refusedExchanges' | 'conversationEntriesDeleted'>> {
  const counts = { refusedExchanges: 0, conversationEntriesDeleted: 0 };
  for (;;) {
    const marked = await ConversationModel.find({ retention: 'refused-clue', receivedAt: { $lte: before } }, { channel: 1, userId: 1, receivedAt: 1 })
      .limit(BATCH)
      .lean();
    for (const entry of marked) {
      const deleted = await ConversationModel.deleteMany({
        channel: entry.channel,
        userId: entry.userId,
        receivedAt: { $gte: new Date(entry.receivedAt.getTime() - windowMs), $lte: entry.receivedAt },
      });
      // The marked entry itself goes in any case (also if the window query missed it).
      await ConversationModel.deleteOne({ _id: entry._id });
      counts.refusedExchanges++;
      counts.conversationEntriesDeleted += deleted.deletedCount;
    }
    if (marked.length < BATCH) return counts;
  }
}
