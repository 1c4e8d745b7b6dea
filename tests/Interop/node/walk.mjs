// A reader finding feeds in a real browser (Debian's Chromium, driven by playwright-core): from a
// story page the byline leads to the author page, which autodiscovers its feeds (link
// rel=alternate), and each answers a feed a parser reads (@rowanmanning/feed-parser for RSS and
// Atom, JSON Feed 1.1's version and items); /feeds lists exactly the feeds of every author, section
// and tag page /sitemap.xml names (computed here from the sitemap, not from /feeds.opml), each
// served; every page of the sitemap links /feeds.
// Usage: node walk.mjs BASE_URL
import { chromium } from 'playwright-core';
import { parseFeed } from '@rowanmanning/feed-parser';
import { Checker } from './expected.mjs';

const base = process.argv[2];
const c = new Checker('chromium feed walk');
const kinds = { 'application/rss+xml': 'feed.xml', 'application/atom+xml': 'atom.xml', 'application/feed+json': 'feed.json' };

// A feed URL answers 200 and a document its reader takes, with at least one story.
async function readable(url) {
  const response = await fetch(url);
  if (response.status !== 200) return `status ${response.status}`;
  const text = await response.text();
  try {
    if (url.endsWith('.json')) {
      const feed = JSON.parse(text);
      return feed.version === 'https://jsonfeed.org/version/1.1' && feed.items?.length > 0 ? null : 'not a JSON Feed 1.1 with items';
    }
    return parseFeed(text).items.length > 0 ? null : 'no items';
  } catch (e) {
    return `${e}`;
  }
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
let pages = 0;
try {
  const page = await browser.newPage();
  const sitemap = await (await fetch(`${base}sitemap.xml`)).text();
  const locations = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map(m => m[1]);
  const stories = locations.filter(l => /\/\d{4}\/\d{2}\/\d{2}\//.test(l));

  // From a story with a byline, click it.
  let story = null;
  for (const url of stories) {
    await page.goto(url);
    if (await page.$('a[rel=author]')) { story = url; break; }
  }
  c.true('a story page with a byline', story !== null, 'none of the sitemap\'s stories has a[rel=author]');
  if (story) {
    const name = (await page.textContent('a[rel=author]')).trim();
    await Promise.all([page.waitForNavigation(), page.click('a[rel=author]')]);
    c.true('the byline leads to an author page', new URL(page.url()).pathname.startsWith('/authors/'), page.url());
    c.equal('the author page is the byline\'s author', name, (await page.textContent('h1')).trim());
    const alternates = await page.$$eval('head link[rel=alternate][type]', links => links.map(l => ({ type: l.type, href: l.href })));
    const own = alternates.filter(a => a.href.startsWith(page.url() + '/'));
    c.equal('the author page autodiscovers its three feeds', Object.entries(kinds).map(([type, file]) => ({ type, href: `${page.url()}/${file}` })), own);
    for (const a of own) c.equal(`${a.href} is a feed a reader takes`, null, await readable(a.href));
  }

  // /feeds against the sitemap: the site's feeds and those of each author, section and tag page.
  const listed = locations.filter(l => /\/(authors|sections|tags)\/[^/]+$/.test(l));
  const expected = [base, ...listed].flatMap(p => Object.values(kinds).map(f => (p.endsWith('/') ? p : p + '/') + f)).sort();
  await page.goto(base);
  await Promise.all([page.waitForNavigation(), page.click('a[href$="/feeds"]')]);
  c.equal('every page\'s "Every feed" link leads to /feeds', `${base}feeds`, page.url());
  const offered = (await page.$$eval('main a[type]', as => as.map(a => a.href))).sort();
  c.equal('/feeds lists every feed of the sitemap\'s pages, each once', expected, offered);
  for (const feed of offered) c.equal(`${feed} is a feed a reader takes`, null, await readable(feed));

  // Every page links /feeds.
  for (const url of locations) {
    await page.goto(url);
    pages++;
    c.true(`${url} links /feeds`, (await page.$(`a[href="${base}feeds"]`)) !== null, 'no link to /feeds');
  }
} finally {
  await browser.close();
}
process.exit(c.finish(pages));
