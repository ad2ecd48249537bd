/** The self-check page's HTML: its policy allows exactly its own inline parts, and escapes the settings. */
import { createHash } from "node:crypto";
import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { bundleSelfCheck } from "../../src/selfcheck/bundle.ts";
import { renderSelfCheckPage } from "../../src/selfcheck/pageHtml.ts";
import type { SelfCheckSettings } from "../../src/selfcheck/settings.ts";

const SETTINGS: SelfCheckSettings = {
  title: "测试县</script><b>平台",
  publisher: "测试县教育局",
  year: "2024-2025",
  schoolsCsv: "学校标识码,学校名称\r\n4101020001,</script><script>alert(1)</script>\r\n",
  schools: 1,
  norms: [["谈心", "monthly"]],
};

const hash = (text: string) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;

describe("renderSelfCheckPage", () => {
  it("allows by hash exactly the inline script and style it holds, and no connection", async () => {
    const html = renderSelfCheckPage({ settings: SETTINGS, ...(await bundleSelfCheck()) });
    const { document } = parseHTML(html);
    const csp = document
      .querySelector('meta[http-equiv="Content-Security-Policy"]')!
      .getAttribute("content")!;
    const scripts = [...document.querySelectorAll("script")].filter((s) => !s.hasAttribute("type"));
    expect(scripts).toHaveLength(1);
    expect(csp).toContain(`script-src ${hash(scripts[0]!.textContent!)};`);
    expect(csp).toContain(`style-src ${hash(document.querySelector("style")!.textContent!)};`);
    expect(csp).toContain("connect-src 'none'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toMatch(/unsafe-(inline|eval)/);
  });

  it("keeps the settings as data: nothing in them can close an element or run", () => {
    const html = renderSelfCheckPage({
      settings: SETTINGS,
      pageJs: "void 0;",
      workerJs: "void 0;",
    });
    const { document } = parseHTML(html);
    expect(document.querySelectorAll("script")).toHaveLength(3);
    expect(JSON.parse(document.getElementById("settings")!.textContent!)).toEqual(SETTINGS);
    expect(document.querySelector("header")!.textContent).toBe("测试县</script><b>平台");
  });

  it("refuses a script that would close its element early", () => {
    expect(() =>
      renderSelfCheckPage({ settings: SETTINGS, pageJs: "'</script>'", workerJs: "" }),
    ).toThrow(/cannot be inlined/);
  });
});
