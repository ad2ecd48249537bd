/**
 * Chinese resident ID numbers (GB 11643-1999) as used inside 学籍号: six-digit area code,
 * birth date YYYYMMDD, three-digit sequence (odd for boys, even for girls) and an
 * ISO 7064 MOD 11-2 check character.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = "10X98765432";

/** The ISO 7064 MOD 11-2 check character of the first 17 digits. */
export function idCheckChar(body17: string): string {
  if (!/^\d{17}$/.test(body17)) throw new Error(`invalid id body: ${body17}`);
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body17[i]) * (WEIGHTS[i] as number);
  return CHECK_CHARS[sum % 11] as string;
}

/** True if an 18-character ID number has the right shape and check character. */
export function isValidIdNumber(id: string): boolean {
  return /^\d{17}[\dX]$/.test(id) && idCheckChar(id.slice(0, 17)) === id[17];
}

/**
 * Builds an 18-character ID number.
 * @param area six-digit administrative area code
 * @param birth birth date as YYYY-MM-DD
 * @param sequence 1…999; odd for boys, even for girls
 */
export function idNumber(area: string, birth: string, sequence: number): string {
  if (!/^\d{6}$/.test(area)) throw new Error(`invalid area code: ${area}`);
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > 999)
    throw new Error(`invalid sequence: ${sequence}`);
  const body = area + birth.replaceAll("-", "") + String(sequence).padStart(3, "0");
  return body + idCheckChar(body);
}

/**
 * True if Excel's 15-digit truncation would be suspected: an 18-character tail ending in
 * "000" is what the data contract reports as damaged, so the generator never produces one.
 */
export function looksTruncated(studentNo: string): boolean {
  return studentNo.endsWith("000");
}
