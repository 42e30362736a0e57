/** Formats `PREFIX-YYYY-NNNN`, the numbering every register of the bot uses. */
export function formatNumber(prefix: string, year: number, seq: number): string {
  return `${prefix}-${year}-${String(seq).padStart(4, '0')}`;
}
