// Atom 1.0 (RFC 4287) documents, written by hand: a feed is a few elements, and every text
// goes through one escape function.

/** Characters XML 1.0 does not allow at all (control characters other than tab, LF, CR). */
const INVALID_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

/** Text escaped for XML content and attribute values. */
export function xmlEscape(value: string): string {
  return value
    .replace(INVALID_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export interface AtomEntry {
  id: string;
  title: string;
  updated: string;
  /** Absolute URL of the page the entry is about. */
  link: string | null;
  summary: string;
  categories: string[];
}

export interface AtomFeed {
  /** A stable IRI naming the feed. */
  id: string;
  title: string;
  /** Absolute URLs of the feed itself and of its HTML page. */
  self: string;
  alternate: string;
  /** Latest entry's time, or the time of the request for an empty feed. */
  updated: string;
  author: string;
  entries: AtomEntry[];
}

/** An Atom 1.0 document. */
export function atomXml(feed: AtomFeed): string {
  const e = xmlEscape;
  const entries = feed.entries.map(
    (entry) => `  <entry>
    <id>${e(entry.id)}</id>
    <title>${e(entry.title)}</title>
    <updated>${e(entry.updated)}</updated>
${entry.link ? `    <link rel="alternate" type="text/html" href="${e(entry.link)}"/>\n` : ''}${entry.categories
      .map((c) => `    <category term="${e(c)}"/>\n`)
      .join('')}    <summary type="text">${e(entry.summary)}</summary>
  </entry>
`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">
  <id>${e(feed.id)}</id>
  <title>${e(feed.title)}</title>
  <updated>${e(feed.updated)}</updated>
  <author><name>${e(feed.author)}</name></author>
  <link rel="self" type="application/atom+xml" href="${e(feed.self)}"/>
  <link rel="alternate" type="text/html" href="${e(feed.alternate)}"/>
${entries.join('')}</feed>
`;
}
