// Each page's text as pdf.js (Firefox's viewer) extracts it for search and copy: a JSON list of strings, one
// per page, items joined as the viewer joins them. Usage: node tests/pdfjs_text.mjs FILE.pdf
// Needs pdfjs-dist: `npm ci` in tests/ (tests that use this skip when node or pdfjs-dist is missing).
// The legacy build carries its own polyfills (Promise.withResolvers and others) for Node 20.
import { readFile } from "node:fs/promises";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

const data = new Uint8Array(await readFile(process.argv[2]));
const pdf = await getDocument({ data, verbosity: 0, isEvalSupported: false }).promise;
const pages = [];
for (let number = 1; number <= pdf.numPages; number++) {
  const content = await (await pdf.getPage(number)).getTextContent();
  pages.push(content.items.map((item) => item.str + (item.hasEOL ? "\n" : "")).join(""));
}
process.stdout.write(JSON.stringify(pages));
