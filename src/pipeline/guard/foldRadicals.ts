/**
 * Text taken out of a PDF is not always the text that was printed. A PDF maps each glyph back
 * to one character (its ToUnicode map), and when a font draws two characters with the same
 * glyph the PDF writer picks one of them. Noto CJK draws 马 and the radical ⻢ alike, 青 and
 * ⻘, 民 and ⺠, 入 and the Kangxi radical ⼊ …, and Chromium (Skia) writes the radical, the
 * lower code point. So a PDF of "马小明" reads back as "⻢小明" and a name search misses it.
 *
 * NFKC folds the Kangxi radicals (U+2F00–U+2FDF) and the CJK compatibility ideographs; the
 * radicals supplement (U+2E80–U+2EFF) has no NFKC mapping, hence the table below.
 */

/**
 * Pairs of characters, a radical then the ideograph that shares its glyph. Derived from the
 * cmap of the installed Noto Sans CJK and Noto Serif CJK (Regular and Bold, every regional
 * face): every glyph mapped from a non-ideograph (the lower code point) and an ideograph,
 * where NFKC does not already give that ideograph. Where the faces disagree (⼾: 戸 in JP,
 * 户 in SC) the Simplified Chinese face wins.
 */
const PAIRS =
  "⺂乛⺃乚⺅亻⺇𠘨⺉刂⺋㔾⺍𭕄⺎兀⺏尣⺐尢⺒巳⺓幺⺔彑⺕彐⺖忄⺘扌⺙攵⺛旡⺞歺⺠民⺡氵⺣灬⺤爫⺦丬⺨犭" +
  "⺩𤣩⺫罒⺭礻⺮𥫗⺯糹⺰纟⺱罓⺳㓁⺹耂⺺肀⺽𦥑⺾艹⺿艹⻁虎⻂衤⻃覀⻄西⻅见⻆角⻇𧢲⻈讠⻉贝⻊𧾷⻋车⻌辶" +
  "⻍辶⻎辶⻐钅⻑長⻒镸⻓长⻔门⻕𨸏⻖阝⻘青⻙韦⻚页⻛风⻜飞⻝食⻞𩙿⻟飠⻠饣⻡𩠐⻢马⻣骨⻤鬼⻥鱼⻦鸟" +
  "⻧卤⻨麦⻩黄⻪黾⻫斉⻬齐⻭歯⻮齿⻯竜⻰龙⻱龜⻲亀⼾户﨣𧺯";

const TABLE: ReadonlyMap<string, string> = (() => {
  const chars = [...PAIRS];
  const table = new Map<string, string>();
  for (let i = 0; i + 1 < chars.length; i += 2) table.set(chars[i]!, chars[i + 1]!);
  return table;
})();

const RADICAL = /[\u2e80-\u2eff\u2f3e\ufa23]/gu;

/**
 * The text with radicals that stand for an ideograph replaced by it, then NFKC-normalised:
 * "⻢⼩明" → "马小明". Text without such characters comes back NFKC-normalised only.
 */
export function foldRadicals(text: string): string {
  return text.replace(RADICAL, (c) => TABLE.get(c) ?? c).normalize("NFKC");
}

/** How many radicals the table maps (for tests). */
export const FOLDED_RADICALS = TABLE.size;
