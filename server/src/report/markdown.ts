// Markdown escaping shared by the hover cards (service/hover.ts) and the CLI's reports, with no editor dependency: the
// CLI bundle must not pull in the language server's modules (test/robustness/safety.test.ts).

/** `s` with every ASCII punctuation character Markdown or HTML could act on backslash-escaped (plain text: as is). */
export function escapeMarkdown(s: string, markdown = true): string {
  // Every ASCII punctuation character may be backslash-escaped in CommonMark; escaping them all (but the colon, which
  // alone starts nothing, so `AWS::S3::Bucket` stays readable in the raw text) leaves no syntax, autolinks included.
  return markdown ? s.replace(/[!-/;-@[-`{-~]/g, (c) => `\\${c}`) : s;
}
