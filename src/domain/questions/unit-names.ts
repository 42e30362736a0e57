/**
 * Which agency a question names: full name, short name, or a common alias. Kept in this one module so
 * the shared name resolver (src/domain/names) can replace it.
 */
export interface NamedAgency {
  code: string;
  name: string;
  shortName: string;
}

/** Common spoken aliases beyond config/agencies.yaml's names (by agency code). */
const ALIASES: Record<string, readonly string[]> = {
  jw: ['纪委', '监委', '纪检'],
  jcy: ['检察', '检察机关'],
  sfj: ['司法'],
  zf: ['政府'],
  nyncj: ['农业局', '农业农村'],
  jsj: ['住建局', '建设'],
  zhzf: ['综合执法', '执法局', '综合行政执法'],
  scjg: ['市场监管', '市监局', '市场局', '市场监督管理局'],
  sthj: ['生态环境局', '环保局', '环境局'],
  gaj: ['公安', '派出所'],
};

/** Every agency whose name, short name or alias occurs in `text`, longest words first, with the words. */
export function namedAgencies(text: string, agencies: readonly NamedAgency[]): { code: string; words: string }[] {
  const words = agencies
    .flatMap((a) => [a.name, a.shortName, a.name.replace(/^[县市]/, ''), ...(ALIASES[a.code] ?? [])].map((w) => ({ code: a.code, words: w })))
    .sort((a, b) => b.words.length - a.words.length);
  const found: { code: string; words: string }[] = [];
  let rest = text;
  for (const word of words) {
    if (!rest.includes(word.words)) continue;
    rest = rest.replace(word.words, '\u0000');
    if (!found.some((f) => f.code === word.code)) found.push(word);
  }
  return found;
}
