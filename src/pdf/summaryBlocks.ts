/**
 * The content of a printed summary page as a list of blocks — headings, paragraphs, tables,
 * figures and the editable blank — read from the page in Chromium after print media is
 * emulated, so that the editable copy (.docx) holds exactly what the PDF shows: whatever print
 * hides (navigation, download links, the charts' data tables) is left out here too.
 */
import type { Page } from "playwright-core";

export type SummaryBlock =
  | { kind: "heading"; level: 1 | 2 | 3; text: string }
  | {
      kind: "paragraph";
      text: string;
      /** A narrative paragraph: first line indented by two characters. */
      indent?: boolean;
      /** Centred (the summary's head). */
      centred?: boolean;
      /** Smaller print: notes, captions, a chart's message. */
      small?: boolean;
      bold?: boolean;
    }
  | { kind: "table"; caption: string; head: string[][]; body: string[][] }
  | {
      kind: "figure";
      /** Index into the figures' screenshots. */
      figure: number;
      title: string;
      message: string;
      /** What the chart says, for screen readers (its aria-label, else its message). */
      alt: string;
      caption: string;
    }
  /** Where the bureau writes its own text: a heading and a marked blank (editable copy only). */
  | { kind: "blank"; heading: string };

/** A chart drawn as a picture for the editable copy. */
export interface FigureImage {
  png: Buffer;
  /** CSS pixels as laid out for print. */
  width: number;
  height: number;
}

/**
 * The walk over the page, run in the browser. A string, not a function: the bundler that
 * runs our TypeScript wraps named functions in helpers that do not exist in the page.
 */
const EXTRACT = String.raw`(() => {
  const root = document.querySelector("article.summary") || document.querySelector("main") || document.body;
  const blocks = [];
  let figures = 0;
  const clean = (s) => s.replace(/\s+/g, " ").replace(/ ?([\u3000-\u303f\uff00-\uffef]) ?/g, "$1").trim();
  const shown = (el) => getComputedStyle(el).display !== "none";
  const textOf = (el) => {
    let out = "";
    const walk = (n) => {
      if (n.nodeType === 3) { out += n.nodeValue; return; }
      if (n.nodeType !== 1 || !shown(n)) return;
      if (n.classList.contains("blank")) { out += n.classList.contains("short") ? "____" : "__________"; return; }
      if (n.tagName === "WBR") return;
      for (const c of n.childNodes) walk(c);
    };
    walk(el);
    return clean(out);
  };
  const cells = (tr) => [...tr.children].filter((c) => c.tagName === "TH" || c.tagName === "TD").map(textOf);
  const visit = (el) => {
    if (el.hasAttribute("data-docx-blank")) { blocks.push({ kind: "blank", heading: el.getAttribute("data-docx-blank") }); return; }
    if (!shown(el)) return;
    const tag = el.tagName;
    if (tag === "H1" || tag === "H2" || tag === "H3") { blocks.push({ kind: "heading", level: Number(tag[1]), text: textOf(el) }); return; }
    if (tag === "P") {
      const text = textOf(el);
      if (text === "") return;
      blocks.push({
        kind: "paragraph", text,
        indent: el.classList.contains("narrative"),
        centred: getComputedStyle(el).textAlign === "center",
        small: parseFloat(getComputedStyle(el).fontSize) < 13,
      });
      return;
    }
    if (tag === "TABLE") {
      const caption = el.caption ? textOf(el.caption) : "";
      const head = el.tHead ? [...el.tHead.rows].map(cells) : [];
      const bodies = el.tBodies.length > 0 ? [...el.tBodies] : [el];
      const body = bodies.flatMap((b) => [...b.rows]).filter((r) => !el.tHead || r.parentElement !== el.tHead).map(cells);
      blocks.push({ kind: "table", caption, head, body });
      return;
    }
    if (tag === "FIGURE") {
      const svg = el.querySelector("svg");
      if (!svg) return;
      (svg.closest(".chart-plot") || svg).setAttribute("data-docx-figure", String(figures));
      const title = el.querySelector(".chart-title");
      const message = el.querySelector(".chart-message");
      const caption = el.querySelector("figcaption");
      const svgTitle = svg.querySelector("title");
      const alt = svg.getAttribute("aria-label") || (svgTitle ? svgTitle.textContent : "") || (message ? message.textContent : "");
      blocks.push({
        kind: "figure", figure: figures++,
        title: title ? textOf(title) : "", message: message ? textOf(message) : "",
        alt: clean(alt || ""), caption: caption ? textOf(caption) : "",
      });
      return;
    }
    if (tag === "SCRIPT" || tag === "STYLE" || tag === "NAV" || tag === "DETAILS") return;
    for (const child of el.children) visit(child);
  };
  visit(root);
  return { blocks, figures };
})()`;

/** Reads the blocks of the summary on `page` and draws each chart as a PNG. */
export async function summaryBlocks(
  page: Page,
): Promise<{ blocks: SummaryBlock[]; images: FigureImage[] }> {
  const { blocks, figures } = (await page.evaluate(EXTRACT)) as {
    blocks: SummaryBlock[];
    figures: number;
  };
  const images: FigureImage[] = [];
  for (let i = 0; i < figures; i++) {
    const plot = page.locator(`[data-docx-figure="${i}"]`);
    const box = await plot.boundingBox();
    // At the context's device scale (2): sharp enough on paper, small enough to edit.
    const png = await plot.screenshot({ type: "png", scale: "device", animations: "disabled" });
    images.push({ png, width: box?.width ?? 300, height: box?.height ?? 200 });
  }
  return { blocks, images };
}
