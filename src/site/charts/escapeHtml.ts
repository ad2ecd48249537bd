/** The project's one HTML escaper (also used by the check report and redaction). */
export { escapeHtml } from "../../pipeline/escapeHtml.ts";
