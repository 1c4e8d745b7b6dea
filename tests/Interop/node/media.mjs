// Pictures and audio in a real browser (Debian's Chromium, driven by playwright-core): every story
// page the sitemap lists loads with no failed image, audio or video request to the site (the
// request log is asserted; requests to other hosts are refused here, as the test machine has no
// internet, and counted), and each page's <audio> reaches canplay. Then a range request of the
// first enclosure is answered 206 with exactly those bytes.
// Usage: node media.mjs BASE_URL NAME [AUDIO_PAGES]   (AUDIO_PAGES: how many pages must play audio)
import { chromium } from 'playwright-core';
import { Checker } from './expected.mjs';

const [base, name, audioPages] = [process.argv[2], process.argv[3], Number(process.argv[4] ?? 0)];
const c = new Checker(`chromium media (${name})`);
const sitemap = await (await fetch(`${base}sitemap.xml`)).text();
const stories = [...sitemap.matchAll(/<loc>([^<]+\/\d{4}\/\d{2}\/\d{2}\/[^<]+)<\/loc>/g)].map(m => m[1]);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--autoplay-policy=no-user-gesture-required'],
});
const media = new Set(['image', 'media']);
let loaded = 0, elsewhere = 0, played = 0;
const failed = [];
let enclosure = null;
try {
  const page = await browser.newPage();
  await page.route('**/*', route => {
    if (route.request().url().startsWith(base))
      return route.continue();
    elsewhere++;
    return route.abort();
  });
  page.on('requestfailed', r => {
    if (media.has(r.resourceType()) && r.url().startsWith(base))
      failed.push(`${r.url()} (${r.failure()?.errorText}) on ${page.url()}`);
  });
  page.on('response', r => {
    if (!media.has(r.request().resourceType()) || !r.url().startsWith(base))
      return;
    if (r.status() >= 400)
      failed.push(`${r.url()} answered ${r.status()} on ${page.url()}`);
    else
      loaded++;
  });
  for (const story of stories) {
    await page.goto(story, { waitUntil: 'load' });
    const audio = await page.$('audio');
    if (!audio)
      continue;
    const src = await audio.getAttribute('src');
    if (!src.startsWith(base))
      continue;
    enclosure ??= src;
    const state = await page.evaluate(() => new Promise(resolve => {
      const a = document.querySelector('audio');
      if (a.readyState >= 3)
        return resolve('canplay');
      a.addEventListener('canplay', () => resolve('canplay'));
      a.addEventListener('error', () => resolve(`error ${a.error?.code}`));
      a.preload = 'auto';
      a.load();
    }));
    c.equal(`${story} audio`, 'canplay', state);
    if (state === 'canplay')
      played++;
  }
} finally {
  await browser.close();
}
c.equal('story pages in the sitemap', true, stories.length > 0);
c.equal('failed image, audio and video requests to the site', [], failed);
c.equal('pages whose audio reached canplay', audioPages, played);
if (enclosure) {
  const whole = new Uint8Array(await (await fetch(enclosure)).arrayBuffer());
  const part = await fetch(enclosure, { headers: { Range: 'bytes=10-49' } });
  c.equal('range status', [206, `bytes 10-49/${whole.length}`], [part.status, part.headers.get('content-range')]);
  c.equal('range bytes', Array.from(whole.slice(10, 50)), Array.from(new Uint8Array(await part.arrayBuffer())));
}
console.log(`interop chromium media (${name}): ${stories.length} story pages, ${loaded} pictures and media files loaded, ${elsewhere} requests to other hosts refused`);
process.exit(c.finish(stories.length));
