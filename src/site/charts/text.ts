/**
 * Plot cannot measure text without a browser and underestimates CJK, so margins and wraps
 * are estimated here: about one em for a CJK or full-width character, 0.62 em otherwise.
 */
export function textWidth(text: string, fontSize: number): number {
  let ems = 0;
  for (const char of text) ems += isWide(char) ? 1 : 0.62;
  return ems * fontSize;
}

function isWide(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return code >= 0x2e80 || code === 0x2014;
}

/**
 * Breaks a label into lines that each fit in `maxWidth`, as Plot draws "\n" as a new line.
 * Breaks fall between CJK characters or around runs of other characters, never inside a
 * number unless it is too long for a line; lines are balanced ("学业\n辅导", not "学业辅\n导") when equal parts fit.
 */
export function wrapLabel(label: string, maxWidth: number, fontSize: number): string {
  const tokens = (label.match(/[\u2e80-\uffff]|[^\u2e80-\uffff\s]+\s*|\s+/gu) ?? []).flatMap(
    (token) => (textWidth(token, fontSize) > maxWidth ? [...token] : [token]),
  );
  const greedy = greedyLines(tokens, maxWidth, fontSize);
  if (greedy.length <= 1) return label;
  const size = Math.ceil(tokens.length / greedy.length);
  const balanced: string[] = [];
  for (let i = 0; i < tokens.length; i += size) balanced.push(tokens.slice(i, i + size).join(""));
  const fits = balanced.every((line) => textWidth(line, fontSize) <= maxWidth);
  return (fits && balanced.length === greedy.length ? balanced : greedy).join("\n");
}

function greedyLines(tokens: readonly string[], maxWidth: number, fontSize: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const token of tokens) {
    if (line !== "" && textWidth(line + token, fontSize) > maxWidth) {
      lines.push(line);
      line = "";
    }
    line += token;
  }
  lines.push(line);
  return lines;
}

export function lineCount(text: string): number {
  return text.split("\n").length;
}

/** The width of the widest line of (possibly wrapped) texts; 0 for none. */
export function widestLine(texts: readonly string[], fontSize: number): number {
  let widest = 0;
  for (const text of texts) {
    for (const line of text.split("\n")) widest = Math.max(widest, textWidth(line, fontSize));
  }
  return widest;
}
