import { describe, expect, it } from 'vitest';
import {
  compareTexts,
  compileNoise,
  diffLines,
  isDue,
  readableDiff,
  removeNoise,
} from '../../domain/trackers.ts';
import { SelectorError, normaliseText, selectedText } from '../../domain/page-text.ts';

describe('selectedText', () => {
  const html = `<html><head><style>p{}</style></head><body>
    <div id="m"><h1>Titre</h1><p>Un  <b>deux</b>
      trois</p><ul><li>x</li><li>y<br>z</li></ul><script>var a = 1</script>
      <table><tr><td>A</td><td>B</td></tr></table></div>
    <div class="x">hors</div><div class="x">encore</div></body></html>`;

  it('keeps one line per block, folds spaces and source line breaks, skips scripts', () => {
    expect(selectedText(html, '#m')).toBe('Titre\nUn deux trois\nx\ny\nz\nA B');
  });

  it('joins every match in document order', () => {
    expect(selectedText(html, '.x')).toBe('hors\nencore');
  });

  it('throws a SelectorError when nothing matches', () => {
    expect(() => selectedText(html, '#absent')).toThrow(SelectorError);
  });

  it('normalises Unicode and every kind of space', () => {
    expect(normaliseText('  e\u0301t\u00e9\u00a0\u202f 2026 \r\n\r\n\tfin ')).toBe('été 2026\nfin');
  });
});

describe('noise patterns', () => {
  it('replaces each match, case-insensitively', () => {
    expect(removeNoise('Visiteurs : 12\nVISITEURS : 7', ['visiteurs : \\d+'])).toBe('…\n…');
    // JavaScript syntax: Unicode escapes and named groups; Unicode case folding.
    expect(removeNoise('MIS À JOUR le 3 mars', ['mis \\u00e0 jour le (?<jour>\\d+) mars'])).toBe(
      '…',
    );
  });

  it('rejects an invalid, empty-matching or overlong pattern with a reason', () => {
    expect(() => compileNoise('(')).toThrow(/expression régulière invalide/);
    expect(() => compileNoise('\\d*')).toThrow(/texte vide/);
    expect(() => compileNoise('a'.repeat(201))).toThrow(/trop long/);
    expect(() => compileNoise('  ')).toThrow(/vide/);
  });

  it('refuses patterns that need backtracking (lookarounds, backreferences), with a French reason', () => {
    for (const pattern of ['(?=Visiteurs)\\w+', '(?<=le )\\d+', '(\\d)\\1'])
      expect(() => compileNoise(pattern), pattern).toThrow(/non prise en charge/);
  });

  it('runs a catastrophic pattern in linear time', () => {
    // A backtracking engine takes about 2^n steps on n letters here (seconds at 26).
    const started = performance.now();
    expect(removeNoise(`${'a'.repeat(26)}!`, ['(a+)+$'])).toBe(`${'a'.repeat(26)}!`);
    expect(performance.now() - started).toBeLessThan(500);
    const long = `${'a'.repeat(100_000)}!`;
    expect(removeNoise(long, ['(a+)+$'])).toBe(long);
    expect(performance.now() - started).toBeLessThan(800);
  }, 1000);
});

describe('compareTexts', () => {
  it('tells first, same, noise-only and real changes apart', () => {
    expect(compareTexts(null, 'a', [])).toEqual({ kind: 'first' });
    expect(compareTexts('a\nle 3 mars', 'a\nle 3 mars', [])).toEqual({ kind: 'same' });
    expect(compareTexts('a\nle 3 mars', 'a\nle 4 mars', ['le \\d+ mars'])).toEqual({
      kind: 'noise',
    });
    expect(compareTexts('a\nle 3 mars', 'b\nle 4 mars', ['le \\d+ mars'])).toEqual({
      kind: 'changed',
      before: 'a\n…',
      after: 'b\n…',
      diff: '- a\n+ b\n  …',
    });
  });
});

describe('readableDiff', () => {
  it('shows changed lines with two lines of context and a gap between distant hunks', () => {
    const before = 'a\nb\nc\nd\ne\nf\ng\nh';
    const after = 'a\nB\nc\nd\ne\nf\ng\nh\ni';
    const diff = readableDiff(before, after);
    expect(diff).toBe('  a\n- b\n+ B\n  c\n  d\n…\n  g\n  h\n+ i');
    expect(diffLines(diff).map((l) => l.kind)).toEqual([
      'context',
      'removed',
      'added',
      'context',
      'context',
      'gap',
      'context',
      'context',
      'added',
    ]);
    expect(readableDiff('same', 'same')).toBe('');
  });
});

describe('isDue', () => {
  const now = new Date('2026-03-05T12:00:00Z');
  it('is due when never checked or once the interval has passed', () => {
    expect(isDue(null, 60, now)).toBe(true);
    expect(isDue('2026-03-05T11:00:00.000Z', 60, now)).toBe(true);
    expect(isDue('2026-03-05T11:00:01.000Z', 60, now)).toBe(false);
  });
});
