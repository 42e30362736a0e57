import type { OutgoingMessage } from '../../kernel/messages';
import type { Person } from '../../kernel/people';
import { parseLocalDate } from '../../kernel/time/local-date';
import { instantAt } from '../../kernel/time/local-time';
import type { DeadlineDocument } from '../../store/documents';
import type { Notifier } from '../notifier';
import type { Names } from './kinds';

/** A to-do falls due at the end of the working day of its deadline (Asia/Shanghai). */
const DUE_TIME = '17:30';

/**
 * The receiving unit's platform to-do (DingTalk 待办) for a deadline item: one per person, written through the
 * outbox under `todo:<number>:<change>`, so each change goes out once; the channel keeps the platform's task id and
 * changes that task in place. Channels without to-dos ignore the row.
 */
export async function syncTasks(notifier: Notifier, people: Person[], doc: DeadlineDocument, names: Names, change: string): Promise<void> {
  await notifier.toPeople(people, `todo:${doc.number}:${change}`, taskMessage(doc, names));
}

export function taskMessage(doc: DeadlineDocument, names: Names): OutgoingMessage {
  return {
    text: '',
    task: {
      id: doc.number,
      subject: `${names.kind.name} ${doc.number}（${doc.reference}）`,
      detail: `签发：${names.issuer}；期限：${doc.dueDate}。在机器人中发送「文书 ${doc.number}」查看，「回复 ${doc.number} <摘要>」登记回复。`,
      dueAt: instantAt(parseLocalDate(doc.dueDate), DUE_TIME).getTime(),
      done: doc.status === 'closed',
    },
  };
}
