/**
 * Splits text into pieces of at most maxBytes UTF-8 bytes, at line breaks where it can, so
 * a long answer (a full help menu, a long list) arrives whole in several messages.
 */
export function splitUtf8(text: string, maxBytes: number): string[] {
  const pieces: string[] = [];
  let current = '';
  const flush = () => {
    if (current) pieces.push(current);
    current = '';
  };
  for (const line of text.split('\n')) {
    const candidate = current ? `${current}\n${line}` : line;
    if (Buffer.byteLength(candidate) <= maxBytes) {
      current = candidate;
      continue;
    }
    flush();
    for (const char of line) {
      if (Buffer.byteLength(current + char) > maxBytes) flush();
      current += char;
    }
  }
  flush();
  return pieces.length ? pieces : [''];
}
