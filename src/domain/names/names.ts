import type { Agency } from '../../config/agencies';
import type { Person } from '../../kernel/people';
import { NameIndex, type NamedEntry, type NameMatch } from './name-index';
import { NameRefusal } from './name-refusal';

/** What the resolver is asked to find, and the words it uses for it. */
export interface NameKind {
  /** 单位, 人员, 文书种类 … : in 找不到单位「…」. */
  noun: string;
  /** An example of a good answer, in the refusal: 例如 纪委监委 或 县农业农村局. */
  example: string;
}

/**
 * Turns what a person typed into one thing, or a refusal that asks: 您指的是 (several fit) or
 * 您是不是要找 (a near miss), with the choices as buttons, or 找不到 with an example.
 */
export function resolveName<T>(index: NameIndex<T>, text: string, kind: NameKind): T {
  const match = index.match(text);
  if (match.kind === 'found') return match.entry.value;
  throw refusalFor(match, text.trim(), kind);
}

function refusalFor<T>(match: Exclude<NameMatch<T>, { kind: 'found' }>, typed: string, kind: NameKind): NameRefusal {
  if (match.kind === 'none') return new NameRefusal(`找不到${kind.noun}「${typed}」。请用全称或简称，${kind.example}。`, typed, []);
  const labels = match.entries.map((e) => e.label);
  const list = labels.join('、');
  const question =
    match.kind === 'ambiguous' ? `「${typed}」可指多个${kind.noun}：${list}。您指的是哪一个？` : `找不到${kind.noun}「${typed}」。您是不是要找：${list}？`;
  return new NameRefusal(`${question}请点选，或用全称重新发送。`, typed, labels);
}

const AGENCY: NameKind = { noun: '单位', example: '例如 纪委监委、检察院 或 县农业农村局' };
const PERSON: NameKind = { noun: '人员', example: '例如 姓名全称' };

/**
 * Agencies by their full name, short name, code and configured aliases (config/agencies.yaml), plus
 * any `more` names a use adds (e.g. a clue route's label).
 */
export function agencyIndex(agencies: readonly Agency[], more: (agency: Agency) => string[] = () => []): NameIndex<Agency> {
  return new NameIndex(agencies.map((a) => ({ value: a, label: a.name, names: [a.shortName, a.code, ...a.aliases, ...more(a)] })));
}

/** An agency of the index by what was typed; the refusal lists the choices when the index is a short list. */
export function resolveAgency(index: NameIndex<Agency>, text: string): Agency {
  const few = index.entries.length <= 4 ? { ...AGENCY, example: `可选：${index.entries.map((e) => e.label).join('、')}` } : AGENCY;
  return resolveName(index, text, few);
}

/** A person of a list (e.g. an agency's roster) by user id, full name, or a part of it only they have (赵敏 for 检察官赵敏). */
export function resolvePerson(people: readonly Person[], text: string): Person {
  const entries: NamedEntry<Person>[] = people.map((p) => ({ value: p, label: p.name, names: [p.userId] }));
  return resolveName(new NameIndex(entries), text, PERSON);
}
