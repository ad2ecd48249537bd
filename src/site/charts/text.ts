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

/** Breaks a label into lines that each fit in `maxWidth`, as Plot draws "\n" as a new line. */
export function wrapLabel(label: string, maxWidth: number, fontSize: number): string {
  const lines: string[] = [];
  let line = "";
  for (const char of label) {
    if (line !== "" && textWidth(line + char, fontSize) > maxWidth) {
      lines.push(line);
      line = "";
    }
    line += char;
  }
  lines.push(line);
  return lines.join("\n");
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
