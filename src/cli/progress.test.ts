import { describe, expect, it } from "vitest";
import { Progress, StepProgress } from "./progress.ts";

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  return {
    stream: {
      isTTY,
      columns: 200,
      write: (s: string) => writes.push(s),
    } as unknown as NodeJS.WriteStream,
    writes,
  };
}

const event = (file: string, bytes: number, rows: number, done: boolean) => ({
  file,
  bytes,
  size: 100,
  rows,
  done,
  totalFiles: 2,
  totalBytes: 200,
});

describe("progress", () => {
  it("logs a plain line per finished file when not on a terminal, with rate and time left", () => {
    let now = 0;
    const { stream, writes } = fakeStream(false);
    const p = new Progress({ stage: "检查", stream, now: () => now });
    now = 1000;
    p.update(event("a.csv", 50, 500, false));
    now = 2000;
    p.update(event("a.csv", 100, 1000, true));
    expect(writes).toEqual([
      "[检查] 完成 a.csv：1,000 行（共 1,000 行，500 行/秒，剩余约 2 秒）\n",
    ]);
    expect(p.rows).toBe(1000);
  });

  it("redraws one line in place on a terminal, naming the file number", () => {
    let now = 0;
    const { stream, writes } = fakeStream(true);
    const p = new Progress({ stage: "检查", stream, now: () => now });
    now = 500;
    p.update(event("b.csv", 50, 2000, false));
    const ESC = String.fromCharCode(27);
    expect(writes[0]).toBe(`\r${ESC}[2K[检查] 文件 1/2  b.csv  2,000 行  4,000 行/秒  剩余约 2 秒`);
    p.finish();
    expect(writes.at(-1)).toBe(`\r${ESC}[2K`);
  });
});

describe("step progress", () => {
  it("logs a plain line per finished item with the count and time left", () => {
    let now = 0;
    const { stream, writes } = fakeStream(false);
    const p = new StepProgress({ stage: "生成 PDF", total: 4, stream, now: () => now });
    p.begin("青岚县");
    now = 2000;
    p.step("青岚县");
    now = 4000;
    p.step("城关镇");
    expect(writes).toEqual([
      "[生成 PDF] 1/4 已完成 青岚县（剩余约 6 秒）\n",
      "[生成 PDF] 2/4 已完成 城关镇（剩余约 4 秒）\n",
    ]);
    expect(p.finish()).toBe(4);
  });

  it("redraws one line in place on a terminal, naming the item in hand", () => {
    let now = 0;
    const { stream, writes } = fakeStream(true);
    const p = new StepProgress({ stage: "生成 PDF", total: 2, stream, now: () => now });
    p.begin("青岚县");
    const ESC = String.fromCharCode(27);
    expect(writes[0]).toBe(`\r${ESC}[2K[生成 PDF] 0/2  正在处理 青岚县  剩余时间估算中`);
    now = 3000;
    p.step("青岚县");
    expect(writes[1]).toBe(`\r${ESC}[2K[生成 PDF] 1/2  已完成 青岚县  剩余约 3 秒`);
    p.finish();
    expect(writes.at(-1)).toBe(`\r${ESC}[2K`);
  });
});
