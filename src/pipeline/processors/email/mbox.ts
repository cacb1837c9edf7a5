/**
 * Splits an mbox file into messages: each starts at a line beginning with
 * `From ` (the envelope line, dropped), and `>From ` quoting in bodies is
 * undone (mboxrd). A file that is a single message without an envelope
 * line is returned whole.
 */
export function splitMbox(bytes: Uint8Array): Uint8Array[] {
  const text = Buffer.from(bytes).toString('latin1'); // byte-preserving
  const starts: number[] = [];
  const re = /(^|\n)From [^\n]*\n/g;
  for (let m = re.exec(text); m; m = re.exec(text)) starts.push(m.index + m[1].length);
  if (starts.length === 0) return [bytes];
  const messages: Uint8Array[] = [];
  for (let i = 0; i < starts.length; i++) {
    const block = text.slice(starts[i], starts[i + 1] ?? text.length);
    const body = block.slice(block.indexOf('\n') + 1).replace(/^>(>*From )/gm, '$1');
    if (body.trim()) messages.push(Buffer.from(body, 'latin1'));
  }
  return messages;
}
