import type { Clock } from '../../kernel/clock';
import type { OutgoingMessage } from '../../kernel/messages';
import type { Person } from '../../kernel/people';
import { daysBetween, parseLocalDate } from '../../kernel/time/local-date';
import { localDateOf } from '../../kernel/time/local-time';
import type { DeadlineDocument, LadderLevel, Outcome } from '../../store/documents';
import type { DocumentService } from '../documents/document-service';
import { signedBy, whenSigned } from '../documents/receipt';
import type { Organization } from '../organization';
import type { ReportFiles } from '../reports/files';
import { DOCX_TYPE, type DocxTemplates } from './docx';

export interface OfficialDocumentDeps {
  documents: Pick<DocumentService, 'view' | 'names'>;
  templates: DocxTemplates;
  files: ReportFiles;
  org: Organization;
  clock: Clock;
}

const LEVEL_NAMES: Record<LadderLevel, string> = { yellow: '黄色预警', red: '红色预警', bulletin: '已拟通报' };

const outcomeLine = (outcome: Outcome | undefined, org: Organization) =>
  outcome ? `${localDateOf(outcome.at)} ${org.shortName(outcome.by.agency)} ${outcome.by.name}：${outcome.text}${outcome.late ? '（逾期）' : ''}` : '无';

/** Official documents generated on request, as .docx files for the person who asked (a link on the console, a file elsewhere). */
export class OfficialDocuments {
  constructor(private readonly deps: OfficialDocumentDeps) {}

  /** 办理情况 <编号>: one document's handling status sheet (办理情况表), for anyone who may see the document. */
  async statusSheet(person: Person, number: string): Promise<OutgoingMessage> {
    const doc = await this.deps.documents.view(person, number);
    const names = this.deps.documents.names(doc);
    const today = localDateOf(this.deps.clock.now());
    const bytes = this.deps.templates.render('status-sheet', {
      title: names.kind.name,
      docNumber: doc.number,
      kind: names.kind.name,
      reference: doc.reference,
      issuer: names.issuer,
      unit: names.recipient,
      startDate: doc.startDate,
      receipt: doc.receipt ? `${signedBy(doc.receipt, this.deps.org)} ${whenSigned(doc.receipt)}` : '尚未签收',
      dueDate: doc.dueDate,
      status: this.status(doc, today),
      reply: outcomeLine(doc.reply, this.deps.org),
      correction: outcomeLine(doc.correction, this.deps.org),
      ladder: this.ladder(doc),
      generatedOn: today,
    });
    const name = `办理情况表 ${doc.number}.docx`;
    const { token } = await this.deps.files.save({ channel: person.channel, userId: person.userId }, 'document', name, DOCX_TYPE, bytes);
    return { text: `${doc.number} 的办理情况表已生成（Word 文件）。`, file: { url: `/reports/files/${token}`, name } };
  }

  private status(doc: DeadlineDocument, today: string): string {
    if (doc.status === 'closed') return '已办结';
    const late = daysBetween(parseLocalDate(doc.dueDate), parseLocalDate(today));
    return late > 0 ? `办理中，已逾期 ${late} 天` : '办理中';
  }

  private ladder(doc: DeadlineDocument): string {
    const ladder = doc.ladder?.due === doc.dueDate ? doc.ladder : undefined;
    if (!ladder?.level) return '无';
    return [LEVEL_NAMES[ladder.level], ladder.urge ? `${ladder.urge.on} 发出催办通知书 ${ladder.urge.number}` : ''].filter(Boolean).join('；');
  }
}
