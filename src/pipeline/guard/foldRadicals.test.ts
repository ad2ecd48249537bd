import { describe, expect, it } from "vitest";
import { FOLDED_RADICALS, foldRadicals } from "./foldRadicals.ts";

describe("foldRadicals", () => {
  it("reads names back as printed when the PDF wrote radicals for them", () => {
    // As Chromium writes 马小明, 黄民, 青岚县 … with Noto CJK.
    expect(foldRadicals("⻢⼩明")).toBe("马小明");
    expect(foldRadicals("⻩⺠")).toBe("黄民");
    expect(foldRadicals("⻘岚县第 1 ⻚")).toBe("青岚县第 1 页");
    expect(foldRadicals("⼊学⼈数")).toBe("入学人数");
  });

  it("maps every radical in its table to one CJK ideograph that NFKC alone does not give", () => {
    expect(FOLDED_RADICALS).toBe(88);
    const ideograph = /^[\u3400-\u4dbf\u4e00-\u9fff\u{20000}-\u{3ffff}]$/u;
    for (let cp = 0x2e80; cp <= 0x2eff; cp++) {
      const c = String.fromCodePoint(cp);
      const folded = foldRadicals(c);
      if (folded !== c) expect(folded, c).toMatch(ideograph);
    }
  });

  it("leaves ordinary text as NFKC makes it", () => {
    expect(foldRadicals("全县留守儿童 1,234 人（36.9%）")).toBe("全县留守儿童 1,234 人(36.9%)");
    expect(foldRadicals("")).toBe("");
  });
});
