// A real browser (Debian's Chromium, driven by playwright-core) opens the site: autodiscovery
// links, an item page, no script running, and a screenshot for the CI artifacts.
// Usage: node browser.mjs BASE_URL OUTDIR
import { chromium } from 'playwright-core';
import { Checker, load } from './expected.mjs';

const [base, outdir] = process.argv.slice(2);
const data = load(base);
const c = new Checker('chromium');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage();
  const violations = [];
  page.on('console', m => { if (/Content Security Policy/i.test(m.text())) violations.push(m.text()); });

  const response = await page.goto(base, { waitUntil: 'load' });
  c.equal('index status', 200, response.status());
  const alternates = await page.$$eval('link[rel=alternate]', links => links.map(l => [l.type, l.href]));
  c.equal('autodiscovery', [
    ['application/rss+xml', base + 'feed.xml'],
    ['application/atom+xml', base + 'atom.xml'],
    ['application/feed+json', base + 'feed.json'],
  ], alternates);
  const listed = await page.$$eval('main article h2 a', as => as.map(a => a.textContent));
  c.equal('index lists every item, newest first', data.items.map(i => i.title), listed);
  const subscribe = await page.$$eval('.feeds a', as => as.map(a => a.textContent));
  c.equal('visible subscribe links', ['RSS', 'Atom', 'JSON Feed'], subscribe);
  await page.screenshot({ path: `${outdir}/index.png`, fullPage: true });

  // Follow the item whose body carries a <script> and an onerror handler.
  const raw = data.items.find(i => i.id.endsWith(':raw-html'));
  await Promise.all([page.waitForURL(raw.link), page.click(`text=${raw.title}`)]);
  c.equal('item page url', raw.link, page.url());
  c.equal('item page heading', raw.title, await page.textContent('article h1'));
  c.true('story renders', (await page.textContent('article')).includes('A paragraph after the raw HTML'), 'story text missing');
  c.equal('table renders', '3', await page.textContent('table.scores td'));
  await page.waitForTimeout(300);
  const title = await page.title();
  c.true('no script ran', !title.includes('pwned'), `document.title became ${JSON.stringify(title)}`);
  c.true('CSP blocked the script', violations.length > 0, 'no Content-Security-Policy report in the console');
  await page.screenshot({ path: `${outdir}/item.png`, fullPage: true });

  // The seed story renders with its subheading and curly quotes.
  const seed = data.items.find(i => i.id.endsWith(':us-backs-operation-azm-e-istehkam'));
  await page.goto(seed.link);
  c.equal('seed subheading', 'Operation Azm-e-Istehkam', await page.textContent('article h2'));
  c.true('seed quotes', (await page.textContent('article')).includes('“We support Pakistan’s efforts'), 'curly quotes lost');
} finally {
  await browser.close();
}
process.exit(c.finish(data.items.length));
