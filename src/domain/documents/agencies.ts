import type { Agency } from '../../config/agencies';
import { Refusal } from '../errors';

/** An agency by code, full name or short name, or by a part of its name that only it contains. */
export function resolveAgency(agencies: readonly Agency[], text: string): Agency {
  const wanted = text.trim();
  const exact = agencies.find((a) => a.code === wanted.toLowerCase() || a.name === wanted || a.shortName === wanted);
  if (exact) return exact;
  const partial = wanted ? agencies.filter((a) => a.name.includes(wanted)) : [];
  if (partial.length === 1) return partial[0]!;
  const hint = partial.length > 1 ? `「${wanted}」可指多个单位：${partial.map((a) => `${a.name}（${a.code}）`).join('、')}。` : `找不到单位「${wanted}」。`;
  throw new Refusal(`${hint}请用单位代码或全称，例如 nyncj 或 县农业农村局。`);
}

export function agencyName(agencies: readonly Agency[], code: string): string {
  return agencies.find((a) => a.code === code)?.name ?? code;
}
