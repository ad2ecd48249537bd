import { describe, expect, it } from "vitest";
import { escapeHtml } from "../../../src/site/charts/index.ts";

describe("escapeHtml", () => {
  it("turns an injected image tag into text", () => {
    expect(escapeHtml("<img src=x onerror=alert(1)>")).toBe("&lt;img src=x onerror=alert(1)&gt;");
  });

  it("escapes &, quotes and apostrophes, & first so nothing is escaped twice", () => {
    expect(escapeHtml(`<a href="x">'&amp;'</a>`)).toBe(
      "&lt;a href=&quot;x&quot;&gt;&#39;&amp;amp;&#39;&lt;/a&gt;",
    );
  });

  it("leaves Chinese text and numbers as they are", () => {
    expect(escapeHtml("白沙乡留守儿童占比最高，为38.2%")).toBe("白沙乡留守儿童占比最高，为38.2%");
  });
});
