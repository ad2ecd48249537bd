/**
 * The narrative of an annual summary in the sections real work reports have: 一、基本情况;
 * 二、主要做法和成效 (care against the norms, activities, social support, each with last
 * year's change where published); 三、存在的问题 (`issueSentences.ts`); 四、下一步工作 (the
 * bureau's own text, redacted like all published free text); then the notes on definitions
 * and protection, unnumbered. Built from published figures only (see `narrative.ts`).
 */
import { issueParagraphs } from "./issueSentences.ts";
import {
  activitySentence,
  changeSentence,
  compositionSentence,
  coverageSentences,
  definitionSentence,
  enrolmentSentence,
  otherDefinitionSentence,
  socialSentence,
  suppressionSentence,
  unassessedSentence,
  type NarrativeInput,
  type NarrativeSection,
} from "./narrative.ts";

/**
 * The narrative of one unit in one year. `nextSteps` are the bureau's paragraphs for
 * 下一步工作 (already redacted); without them that section is left out — the editable copy
 * marks the blank instead. A section with nothing to say is left out (the notes are always
 * there).
 */
export function summaryNarrative(
  input: NarrativeInput,
  nextSteps: readonly string[] = [],
): NarrativeSection[] {
  const paragraph = (sentences: readonly (string | null)[]) =>
    sentences.filter((s): s is string => s !== null).join("");
  const sections: NarrativeSection[] = [
    {
      id: "basic",
      heading: "基本情况",
      numbered: true,
      paragraphs: [
        paragraph([
          enrolmentSentence(input),
          changeSentence(input),
          compositionSentence(input),
          otherDefinitionSentence(input),
          unassessedSentence(input),
        ]),
      ],
    },
    {
      id: "work",
      heading: "主要做法和成效",
      numbered: true,
      paragraphs: [
        paragraph(coverageSentences(input)),
        paragraph([activitySentence(input), socialSentence(input)]),
      ],
    },
    { id: "issues", heading: "存在的问题", numbered: true, paragraphs: issueParagraphs(input) },
    { id: "next", heading: "下一步工作", numbered: true, paragraphs: [...nextSteps] },
    {
      id: "notes",
      heading: "统计口径和说明",
      numbered: false,
      paragraphs: [definitionSentence(input), suppressionSentence(input)],
    },
  ];
  return sections
    .map((s) => ({ ...s, paragraphs: s.paragraphs.filter((p) => p !== "") }))
    .filter((s) => s.paragraphs.length > 0);
}
