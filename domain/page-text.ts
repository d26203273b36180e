// Pure helpers of the trackers: the text of the watched part of a page, normalised so that
// only a change of words (not of markup, spacing or whitespace) makes a difference.
import { load } from 'cheerio';

/** A DOM node as cheerio (domhandler) gives it, reduced to what the text walk reads. */
interface DomNode {
  type: string;
  name?: string;
  data?: string;
  children?: DomNode[];
}

/** Elements that start a new line of text. */
const BLOCKS = new Set(
  (
    'address article aside blockquote caption dd details div dl dt fieldset figcaption figure ' +
    'footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody ' +
    'thead tfoot tr ul'
  ).split(' '),
);

/** Elements whose content is never text a reader sees. */
const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'iframe', 'svg', 'head']);

function walk(node: DomNode, out: string[]): void {
  if (node.type === 'text') {
    // A line break in the source is only a space for the reader.
    out.push((node.data ?? '').replace(/[\r\n]+/g, ' '));
    return;
  }
  if (node.type !== 'tag' || !node.name) {
    if (node.type === 'root') for (const child of node.children ?? []) walk(child, out);
    return;
  }
  if (SKIPPED.has(node.name)) return;
  if (node.name === 'br') {
    out.push('\n');
    return;
  }
  const block = BLOCKS.has(node.name);
  if (block) out.push('\n');
  for (const child of node.children ?? []) walk(child, out);
  if (block) out.push('\n');
  else if (node.name === 'td' || node.name === 'th') out.push(' ');
}

/**
 * Lines of text: Unicode NFC, every kind of space folded to one, each line trimmed, empty
 * lines dropped.
 */
export function normaliseText(text: string): string {
  return text
    .normalize('NFC')
    .split(/\r\n|[\n\r\u2028\u2029]/)
    .map((line) => line.replace(/[\s\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
}

/** The selector matched nothing: the page changed shape, or the selector is wrong. */
export class SelectorError extends Error {
  constructor(readonly selector: string) {
    super(`le sélecteur « ${selector} » ne trouve rien dans la page`);
    this.name = 'SelectorError';
  }
}

/**
 * The normalised text of every element matching `selector` in `html`, in document order,
 * one line per block (paragraph, list item, heading, table row…).
 */
export function selectedText(html: string, selector: string): string {
  const $ = load(html);
  const matches = $(selector).toArray() as unknown as DomNode[];
  if (matches.length === 0) throw new SelectorError(selector);
  const out: string[] = [];
  for (const node of matches) {
    walk(node, out);
    out.push('\n');
  }
  return normaliseText(out.join(''));
}

/** Throws (with the reason) when `selector` is not a CSS selector cheerio understands. */
export function checkSelector(selector: string): void {
  load('<html></html>')(selector);
}
