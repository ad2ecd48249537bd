/**
 * Whether cell parsers and row checkers may be generated as code (`new Function`), the
 * fastest form for V8. The self-check page's worker runs under a Content-Security-Policy
 * without 'unsafe-eval': its bundle sets `globalThis.LSRT_NO_CODEGEN` before any module
 * runs, and the same steps then run as plain loops and maps.
 */
export function codegenAllowed(): boolean {
  return (globalThis as { LSRT_NO_CODEGEN?: boolean }).LSRT_NO_CODEGEN !== true;
}

/** The statement a bundle starts with to turn code generation off. */
export const NO_CODEGEN_BANNER = "globalThis.LSRT_NO_CODEGEN=true;";
