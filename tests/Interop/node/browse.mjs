// A reader browsing a site of many stories in a real browser (Debian's Chromium, driven by
// playwright-core): "Older stories" from the index down to the oldest story, the tag index to a
// tag page, a trailing slash redirected, the HTML 404 page, and a web-based reader on another
// origin fetching the JSON Feed (CORS) while pages stay same-origin.
// Usage: node browse.mjs BASE_URL STORIES   (stories numbered 1..STORIES, 1 the oldest)
import { chromium } from 'playwright-core';
import { Checker } from './expected.mjs';

const [base, count] = [process.argv[2], Number(process.argv[3])];
const c = new Checker('chromium browsing');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage();
  await page.goto(base);
  const seen = new Set();
  const visited = [page.url()];
  for (;;) {
    for (const title of await page.$$eval('main article h2 a', as => as.map(a => a.textContent)))
      seen.add(title);
    const older = await page.$('a[rel=next]');
    if (!older)
      break;
    await Promise.all([page.waitForNavigation(), older.click()]);
    visited.push(page.url());
  }
  c.equal('pages followed', [base, ...[2, 1].map(n => `${base}page/${n}`)], visited);
  c.equal('every story reached', count, seen.size);
  // The oldest story is on the last page; open it.
  await Promise.all([page.waitForNavigation(), page.click('text="Story 1"')]);
  c.equal('oldest story opens', 'Story 1', await page.textContent('article h1'));

  await page.goto(base);
  await Promise.all([page.waitForNavigation(), page.click('footer a[href$="/tags"]')]);
  c.equal('tag index', `${base}tags`, page.url());
  c.equal('tag index lists counts', 'Weather (40 stories)', (await page.textContent(`a[href="${base}tags/weather"] >> xpath=..`)).trim());
  await Promise.all([page.waitForNavigation(), page.click('text=Weather')]);
  c.equal('tag page', `${base}tags/weather`, page.url());
  c.equal('tag page heading', 'Weather', await page.textContent('h1'));
  c.equal('tag page lists its newest', 'Story 118', await page.textContent('main article h2 a'));

  const slash = await page.goto(`${base}tags/Weather/`);
  c.equal('trailing slash and case redirect to the one URL', [`${base}tags/weather`, 200], [page.url(), slash.status()]);
  const missing = await page.goto(`${base}no/such/page`);
  c.equal('browser 404', [404, 'Not found'], [missing.status(), await page.textContent('h1')]);

  // A JSON document (no CSP) at another origin: the same server by another name.
  const other = base.replace('127.0.0.1', 'localhost');
  await page.goto(`${other}healthz`);
  const fetched = await page.evaluate(async urls => Promise.all(urls.map(u => fetch(u).then(r => r.status, () => 'blocked'))),
    [`${base}feed.json`, `${base}tags/weather/feed.json`, base]);
  c.equal('feeds cross-origin, pages not', [200, 200, 'blocked'], fetched);
} finally {
  await browser.close();
}
process.exit(c.finish(count));
