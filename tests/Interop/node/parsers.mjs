// Two npm feed parsers read the RSS and the Atom feed: every item, every field.
// Usage: node parsers.mjs BASE_URL
import Parser from 'rss-parser';
import { parseFeed } from '@rowanmanning/feed-parser';
import { Checker, htmlText, iso, load } from './expected.mjs';

const base = process.argv[2];
const data = load(base);
let failed = 0;

for (const [kind, path] of [['rss', 'feed.xml'], ['atom', 'atom.xml']]) {
  const xml = await (await fetch(base + path)).text();

  // rss-parser: dc:creator and Atom categories are custom fields in its API.
  const c1 = new Checker(`rss-parser ${kind}`);
  const feed1 = await new Parser({
    customFields: {
      item: [['dc:creator', 'creators', { keepArray: true }], ['category', 'atomCategories', { keepArray: true }],
        ['media:content', 'mediaContent', { keepArray: true }], ['media:thumbnail', 'mediaThumbnail', { keepArray: true }]],
    },
  }).parseString(xml);
  c1.equal('feed title', data.feed_title, feed1.title);
  c1.equal('item count', data.items.length, feed1.items.length);
  data.items.forEach((want, i) => {
    const got = feed1.items[i] ?? {};
    const where = want.id;
    c1.equal(`${where} id`, want.id, kind === 'rss' ? got.guid : got.id);
    c1.equal(`${where} title`, want.title, got.title);
    c1.equal(`${where} link`, want.link, got.link);
    c1.equal(`${where} published`, want.published, iso(got.isoDate));
    // For Atom, rss-parser keeps only the first author's name.
    // RSS carries every author in one dc:creator, as WordPress does.
    const rssAuthors = want.authors.length ? [want.authors.join(', ')] : [];
    if (kind === 'rss') c1.equal(`${where} authors`, rssAuthors, got.creators ?? []);
    else c1.equal(`${where} first author`, want.authors.slice(0, 1), got.author ? [got.author] : []);
    const tags = kind === 'rss' ? (got.categories ?? []) : (got.atomCategories ?? []).map(c => c.$?.term);
    c1.equal(`${where} tags`, want.tags, tags);
    c1.equal(`${where} summary`, want.summary, kind === 'rss' ? htmlText(got.content) : got.summary);
    // Media RSS: the lead image, with its size when the item gives it.
    const image = want.image;
    c1.equal(`${where} media:content`, image ? [{ ...image, medium: 'image' }] : [], (got.mediaContent ?? []).map(m => ({ ...m.$ })));
    c1.equal(`${where} media:thumbnail`, image ? [image] : [], (got.mediaThumbnail ?? []).map(m => ({ ...m.$ })));
    const content = kind === 'rss' ? got['content:encoded'] : got.content;
    for (const part of want.content) c1.true(`${where} content`, content?.includes(part), `missing ${JSON.stringify(part)}`);
  });
  failed |= c1.finish(feed1.items.length);

  // @rowanmanning/feed-parser: Atom entries inherit the feed's author (RFC 4287 4.2.1).
  const c2 = new Checker(`feed-parser ${kind}`);
  const feed2 = parseFeed(xml);
  c2.equal('feed title', data.feed_title, feed2.title);
  c2.equal('item count', data.items.length, feed2.items.length);
  data.items.forEach((want, i) => {
    const got = feed2.items[i];
    const rssAuthors = want.authors.length ? [want.authors.join(', ')] : [];
    const where = want.id;
    c2.equal(`${where} id`, want.id, got?.id);
    c2.equal(`${where} title`, want.title, got?.title);
    c2.equal(`${where} link`, want.link, got?.url);
    c2.equal(`${where} published`, want.published, iso(got?.published));
    if (kind === 'atom') c2.equal(`${where} updated`, want.updated, iso(got?.updated));
    const authors = (got?.authors ?? []).map(a => a.name);
    c2.equal(`${where} authors`, kind === 'rss' ? rssAuthors : want.authors.length === 0 ? [data.feed_title] : want.authors, authors);
    c2.equal(`${where} tags`, want.tags, (got?.categories ?? []).map(c => c.term));
    c2.equal(`${where} summary`, want.summary, got?.description);
    c2.equal(`${where} media`, want.image ? [want.image.url] : [], (got?.media ?? []).filter(m => m.type === 'image').map(m => m.url));
    for (const part of want.content) c2.true(`${where} content`, got?.content?.includes(part), `missing ${JSON.stringify(part)}`);
  });
  failed |= c2.finish(feed2.items.length);
}
process.exit(failed);
