/**
 * Whether a phone reader sees every cell of every table: with all `<details>` opened, a
 * visible header or data cell must lie wholly inside the viewport and inside any box that
 * clips it (a scrolling wrapper), and its own content must not overflow it.
 */
import type { Page } from "playwright-core";

/** Every clipped cell of the page's tables, as "caption: cell text"; empty when none is. */
export function clippedTableCells(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    for (const d of Array.from(document.querySelectorAll("details"))) d.open = true;
    const width = document.documentElement.clientWidth;
    const clipped: string[] = [];
    for (const table of Array.from(document.querySelectorAll("table"))) {
      const caption = table.querySelector("caption")?.textContent?.trim() ?? "table";
      const cells = Array.from(table.querySelectorAll<HTMLElement>("th, td"));
      for (const cell of cells) {
        const r = cell.getBoundingClientRect();
        // Not shown: empty, or inside a visually hidden box (the header row of cards).
        if (r.width === 0 || r.height === 0) continue;
        if (cell.closest("thead")?.getBoundingClientRect().width === 1) continue;
        let bounds = { left: 0, right: width };
        for (let el = cell.parentElement; el; el = el.parentElement) {
          const o = getComputedStyle(el).overflowX;
          if (o !== "visible") {
            const b = el.getBoundingClientRect();
            bounds = {
              left: Math.max(bounds.left, b.left),
              right: Math.min(bounds.right, b.right),
            };
          }
        }
        const outside = r.left < bounds.left - 1 || r.right > bounds.right + 1;
        const overflowing = cell.scrollWidth > cell.clientWidth + 1;
        if (outside || overflowing) {
          const why = outside
            ? `${Math.round(r.left)}–${Math.round(r.right)} outside ${Math.round(bounds.left)}–${Math.round(bounds.right)}`
            : `content ${cell.scrollWidth} wider than ${cell.clientWidth}`;
          clipped.push(`${caption}: ${cell.textContent?.trim()} (${why})`);
        }
      }
    }
    return clipped;
  });
}
