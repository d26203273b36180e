// The allow-list the amendments' HTML (dispositif, exposé sommaire) is reduced to: at ingest
// (scrapers/amendements/sanitize.ts) and again when a page outputs it, so that the only
// scraped HTML the site outputs as such holds nothing but these tags, with no attribute but
// a table cell's span, whatever the database holds.
import sanitizeHtml from 'sanitize-html';

/** A table cell keeps colspan and rowspan only as small whole numbers. */
function cell(tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag {
  const kept: sanitizeHtml.Attributes = {};
  for (const name of ['colspan', 'rowspan']) {
    const value = attribs[name]?.trim();
    if (value && /^\d{1,3}$/.test(value)) kept[name] = value;
  }
  return { tagName, attribs: kept };
}

/** The sanitize-html options of the amendments' HTML. */
export const AMENDEMENT_HTML_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'em',
    'strong',
    'ul',
    'ol',
    'li',
    'sup',
    'sub',
    'table',
    'caption',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
  ],
  allowedAttributes: { td: ['colspan', 'rowspan'], th: ['colspan', 'rowspan'] },
  allowedSchemes: [],
  allowProtocolRelative: false,
  // <script>, <style>… go with their content; other tags are dropped, their text kept.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object'],
  disallowedTagsMode: 'discard',
  transformTags: { i: 'em', b: 'strong', td: cell, th: cell },
};

const ESCAPES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"' };

/** The text of sanitised HTML (tags become spaces, escapes decoded), blanks collapsed. */
export function htmlToText(clean: string): string {
  return clean
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(?:amp|lt|gt|quot);/g, (e) => ESCAPES[e]!)
    .replace(/[\s\u00a0\u202f]+/gu, ' ')
    .trim();
}

/** HTML reduced to the allow-list; null when nothing but blanks remains. */
export function sanitizeAmendementHtml(html: string | null): string | null {
  if (html === null) return null;
  const clean = sanitizeHtml(html, AMENDEMENT_HTML_OPTIONS).trim();
  return htmlToText(clean) === '' ? null : clean;
}
