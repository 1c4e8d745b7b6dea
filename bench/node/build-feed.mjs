// The reference for bench/build.py: what a Node site does with the npm `feed` package, built
// the usual way (gray-matter for front matter, marked for Markdown): read every item, keep the
// newest 50, and write RSS 2.0, Atom 1.0 and JSON Feed 1.1. Usage: node build-feed.mjs ITEMS_DIR
// With --read-only it only reads every file: the floor for any builder.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import matter from 'gray-matter';
import { marked } from 'marked';
import { Feed } from 'feed';

const [dir, mode] = process.argv.slice(2);
const files = readdirSync(dir, { recursive: true }).filter(f => f.endsWith('.md'));
if (mode === '--read-only') {
  let bytes = 0;
  for (const f of files) bytes += readFileSync(join(dir, f)).length;
  console.log(`read ${files.length} files, ${bytes} bytes`);
  process.exit(0);
}

const items = files.map(f => {
  const { data, content } = matter(readFileSync(join(dir, f), 'utf8'));
  return { file: f, data, content, date: new Date(data.date) };
}).filter(i => !i.data.draft);
items.sort((a, b) => b.date - a.date);

const base = 'http://localhost:5000/';
const feed = new Feed({
  title: 'Feed', description: 'The latest stories.', id: base, link: base, language: 'en', copyright: '',
  updated: items[0]?.date, generator: 'feed (npm)',
  feedLinks: { rss: base + 'feed.xml', atom: base + 'atom.xml', json: base + 'feed.json' },
});
for (const item of items.slice(0, 50)) {
  const slug = item.file.replace(/\.md$/, '').replace(/^\d{4}-\d{2}-\d{2}-/, '');
  feed.addItem({
    title: item.data.title, id: `tag:localhost,${item.file.slice(0, 10)}:${slug}`, link: base + 'items/' + slug,
    description: item.data.summary, content: marked.parse(item.content), date: item.date,
    author: item.data.author ? [{ name: String(item.data.author) }] : undefined,
    category: (item.data.tags ?? []).map(name => ({ name })),
  });
}
const out = [feed.rss2(), feed.atom1(), feed.json1()];
console.log(`built 3 feeds from ${items.length} items (${out.reduce((n, s) => n + s.length, 0)} characters)`);
