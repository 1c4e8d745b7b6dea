// The fixture's expected items (../expected.json) with {base} filled in, and a checker that
// collects every mismatch and prints one summary line.
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';

export function load(base) {
  const data = JSON.parse(readFileSync(new URL('../expected.json', import.meta.url), 'utf8'));
  for (const item of data.items) {
    item.link = item.link.replaceAll('{base}', base);
    item.content = item.content.map(c => c.replaceAll('{base}', base));
  }
  return data;
}

export class Checker {
  constructor(name) { this.name = name; this.problems = []; this.checked = 0; }
  equal(where, expected, actual) {
    this.checked++;
    if (!isDeepStrictEqual(expected, actual))
      this.problems.push(`${where}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
  true(where, condition, detail = '') {
    this.checked++;
    if (!condition) this.problems.push(`${where}: ${detail}`);
  }
  finish(items) {
    for (const p of this.problems) console.log(`  ${this.name}: ${p}`);
    console.log(`interop ${this.name}: ${this.problems.length ? 'FAIL' : 'ok'} (${items} items, ${this.checked} checks, ${this.problems.length} problems)`);
    return this.problems.length ? 1 : 0;
  }
}

export const iso = value => (value ? new Date(value).toISOString().replace('.000Z', 'Z') : null);

// The text of an HTML string that holds only text: RSS description is HTML (RSS Profile, item description).
export const htmlText = value => value?.replace(/&(lt|gt|quot|#39|amp);/g, (_, e) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[e]);
