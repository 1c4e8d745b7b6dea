// A real browser (Debian's Chromium, driven by playwright-core) opens the site: autodiscovery
// links, an item page, no script running, the Urdu page right to left, the Open Graph tags a
// link preview reads, and screenshots for the CI artifacts.
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
  // The sanitizer removed the script and the handler; the CSP would block them if it had not.
  c.equal('no script or handler left in the story', 0,
    await page.$$eval('article script, article [onerror], article [onclick]', nodes => nodes.length));
  c.equal('nothing for the CSP to block', [], violations);
  await page.screenshot({ path: `${outdir}/item.png`, fullPage: true });

  // The Urdu story: lang and dir from its language, its heading aligned to the right.
  const urdu = data.items.find(i => i.language === 'ur');
  await page.goto(urdu.link);
  c.equal('urdu lang and dir', ['ur', 'rtl'], await page.$eval('html', h => [h.lang, h.dir]));
  c.equal('urdu direction', 'rtl', await page.$eval('article', a => getComputedStyle(a).direction));
  const [text, box] = await page.$eval('article h1', h => {
    const range = document.createRange();
    range.selectNodeContents(h);
    const t = range.getBoundingClientRect(), b = h.getBoundingClientRect();
    return [[t.left, t.right], [b.left, b.right]];
  });
  c.true('urdu heading is right-aligned', Math.abs(text[1] - box[1]) < 2 && text[0] - box[0] > 20,
    `heading text spans ${text}, its box ${box}`);
  c.equal('urdu page has one h1', 1, await page.$$eval('h1', hs => hs.length));
  await page.screenshot({ path: `${outdir}/urdu.png`, fullPage: true });

  // What a link preview reads: canonical, Open Graph, description.
  const meta = await page.$$eval('meta[property], meta[name=description], link[rel=canonical]',
    nodes => Object.fromEntries(nodes.map(n => [n.getAttribute('property') ?? n.getAttribute('name') ?? 'canonical',
      n.getAttribute('content') ?? n.getAttribute('href')])));
  c.equal('canonical', urdu.link, meta.canonical);
  c.equal('og:url', urdu.link, meta['og:url']);
  c.equal('og:type', 'article', meta['og:type']);
  c.equal('og:title', urdu.title, meta['og:title']);
  c.equal('og:description', urdu.summary, meta['og:description']);
  c.equal('meta description', urdu.summary, meta.description);
  c.equal('og:image', urdu.image.url, meta['og:image']);
  c.equal('article:published_time', urdu.published, meta['article:published_time']);

  // The seed story renders with its subheading and curly quotes.
  const seed = data.items.find(i => i.id.endsWith(':us-backs-operation-azm-e-istehkam'));
  await page.goto(seed.link);
  c.equal('seed subheading', 'Operation Azm-e-Istehkam', await page.textContent('article h2'));
  c.true('seed quotes', (await page.textContent('article')).includes('“We support Pakistan’s efforts'), 'curly quotes lost');
} finally {
  await browser.close();
}
process.exit(c.finish(data.items.length));
