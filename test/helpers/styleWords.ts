/**
 * The style word list (docs/style-words.md, table “不用的词”) and a check of built pages
 * against it: the visible text of a page, its title attributes and its <title>.
 */
import { readFileSync } from "node:fs";
import { parseHTML } from "linkedom";

export interface AvoidedWord {
  /** As written in the doc: a literal, or a /pattern/. */
  word: string;
  pattern: RegExp;
  instead: string;
  /** Site paths (e.g. "method/technical/") where the word is allowed. */
  except: string[];
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The rows of the “不用的词” table of docs/style-words.md. */
export function avoidedWords(docPath: string): AvoidedWord[] {
  const doc = readFileSync(docPath, "utf8");
  const section = doc.slice(doc.indexOf("## 不用的词"));
  const rows = section
    .split("\n")
    .filter((line) => line.startsWith("|"))
    .slice(2) // header and separator
    .map((line) =>
      line
        .split("|")
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
  return rows.map(([word = "", instead = "", except = ""]) => ({
    word,
    pattern: /^\/.+\/$/.test(word) ? new RegExp(word.slice(1, -1)) : new RegExp(escape(word)),
    instead,
    except: except === "" ? [] : except.split(/[,，、\s]+/),
  }));
}

/** What a reader of the page can read: text outside <style> and <script>, titles, alt texts. */
export function readableText(html: string): string {
  const { document } = parseHTML(html);
  for (const el of Array.from(document.querySelectorAll("style, script"))) el.remove();
  const attributes = Array.from(document.querySelectorAll("[title], [alt], [aria-label]")).flatMap(
    (el) => ["title", "alt", "aria-label"].map((a) => el.getAttribute(a) ?? ""),
  );
  return [document.title, document.body?.textContent ?? "", ...attributes].join("\n");
}

/** "page: word (改用 …)" for every avoided word found on `page` (a site path such as "method/"). */
export function styleProblems(page: string, html: string, words: readonly AvoidedWord[]): string[] {
  const text = readableText(html);
  return words
    .filter((w) => !w.except.includes(page) && w.pattern.test(text))
    .map((w) => `${page}: ${w.word}（改用 ${w.instead}）`);
}
