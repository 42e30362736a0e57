import { Refusal } from '../errors';
import type { ConsultationInput } from './consultation-service';
import { REQUEST_USAGE } from './texts';

const DUE = /\s+(?:期限\s*)?(\d{4}-\d{1,2}-\d{1,2})$/;

/** `<对方机构> <类别> <事项…> [期限 YYYY-MM-DD]`. */
export function parseConsultationArgs(args: string): ConsultationInput {
  const text = args.trim();
  const due = DUE.exec(text);
  const [to, category, ...subject] = (due ? text.slice(0, due.index) : text).split(/\s+/).filter(Boolean);
  if (!to || !category || !subject.length) {
    throw new Refusal(`格式不对。请发送：${REQUEST_USAGE}\n例如：协作请求 sfj 法律政策咨询 违法建筑强制拆除的程序要求 期限 2026-12-20`);
  }
  return { to, category, subject: subject.join(' '), due: due?.[1] };
}
