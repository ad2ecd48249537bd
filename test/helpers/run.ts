import { vi } from "vitest";

/** Runs a command's `main` with stdout and stderr captured: its exit code and what it wrote. */
export async function runCommand(
  main: (argv: string[]) => Promise<number>,
  argv: string[],
): Promise<{ code: number; out: string }> {
  let out = "";
  const write = (chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  };
  const o = vi.spyOn(process.stdout, "write").mockImplementation(write as never);
  const e = vi.spyOn(process.stderr, "write").mockImplementation(write as never);
  try {
    return { code: await main(argv), out };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}
