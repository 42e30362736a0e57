import chineseDays from 'chinese-days';
import { weekdayOf, type LocalDate } from '../../kernel/time/local-date';
import type { Person } from '../../kernel/people';
import type { Attendance } from '../../store/meetings';
import type { Organization } from '../organization';

/** The two answers to a meeting notice, as the commands the buttons send back. */
export function attendanceButtons(number: string): string[] {
  return [`参加 ${number}`, `请假 ${number}`];
}

/** How a non-working day is named in the rest-day question: the holiday's name when known, else the weekday. */
export function restDayName(date: LocalDate): string {
  const holiday = chineseDays.getDayDetail(date).name.split(',')[1];
  if (holiday && !chineseDays.isWorkday(date)) return `法定节假日（${holiday}）`;
  const weekday = weekdayOf(date);
  if (weekday === 6) return '休息日（星期六）';
  if (weekday === 0) return '休息日（星期日）';
  return '休息日';
}

/** The platform calendar of a channel, as a 参会情况 line names where an answer was given. */
export function calendarName(channel: string): string {
  return channel === 'dingtalk' ? '钉钉日程' : channel === 'wecom' ? '企业微信日程' : '日程';
}

const personLine = (person: Pick<Person, 'agency' | 'name'>, org: Organization) => `${org.shortName(person.agency)} ${person.name}`;

/** 参会情况: answers grouped 参加 / 请假 (with reasons) / 未回复, each with its count; an answer from a platform calendar says so. */
export function attendanceList(heading: string, invitees: Person[], answers: Attendance[], org: Organization): string {
  const byPerson = new Map(answers.map((a) => [`${a.person.channel}:${a.person.userId}`, a]));
  const unique = new Map(invitees.map((p) => [`${p.channel}:${p.userId}`, p]));
  const attend = answers
    .filter((a) => a.answer === 'attend')
    .map((a) => `${personLine(a.person, org)}${a.via === 'platform' ? `（在${calendarName(a.person.channel)}中接受）` : ''}`);
  const leave = answers.filter((a) => a.answer === 'leave').map((a) => `${personLine(a.person, org)}（${a.reason}）`);
  const silent = [...unique.entries()].filter(([key]) => !byPerson.has(key)).map(([, p]) => personLine(p, org));
  const group = (label: string, lines: string[]) => [`${label}（${lines.length}）：`, ...(lines.length ? lines.map((l) => `• ${l}`) : ['• 无'])];
  return [heading, ...group('参加', attend), ...group('请假', leave), ...group('未回复', silent)].join('\n');
}
