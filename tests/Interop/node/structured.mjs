// Structured data read back by a third-party extractor (@marbec/web-auto-extractor), not by Feed's
// own code: every story page (each item of /feed.json) carries one schema.org NewsArticle with the
// fields Google's article guidance names (headline, image, datePublished, dateModified, author with
// name and url, publisher with name and logo), and the index a WebSite.
// Usage: node structured.mjs BASE_URL
import WebAutoExtractor from '@marbec/web-auto-extractor';

const base = process.argv[2];
const problems = [];
const extract = async (url) => new WebAutoExtractor({ addLocation: false, embedSource: false }).parse(await (await fetch(url)).text()).jsonld;
const isDate = (value) => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value));

const feed = await (await fetch(base + 'feed.json')).json();
for (const item of feed.items) {
  const where = new URL(item.url).pathname;
  const articles = (await extract(item.url)).NewsArticle ?? [];
  if (articles.length !== 1) { problems.push(`${where}: ${articles.length} NewsArticle blocks`); continue; }
  const a = articles[0];
  const check = (ok, what) => { if (!ok) problems.push(`${where}: ${what}`); };
  check(a.headline === item.title, `headline ${JSON.stringify(a.headline)} is not the title ${JSON.stringify(item.title)}`);
  check(isDate(a.datePublished) && Date.parse(a.datePublished) === Date.parse(item.date_published), 'datePublished');
  check(isDate(a.dateModified) && Date.parse(a.dateModified) === Date.parse(item.date_modified), 'dateModified');
  check(Array.isArray(a.author) && a.author.length > 0 && a.author.every((p) => p.name && p.url && ['Person', 'Organization'].includes(p['@type'])), 'author name, url and type');
  check(a.publisher?.['@type'] === 'Organization' && a.publisher.name === feed.title.replace(/:.*/, ''), 'publisher');
  check(a.mainEntityOfPage?.['@id'] === (item.external_url ?? item.url), 'mainEntityOfPage is the canonical URL');
  check(typeof a.inLanguage === 'string' && a.inLanguage.length >= 2, 'inLanguage');
  if (item.image) check(a.image?.url === item.image, 'image');
  for (const person of a.author ?? []) {
    if (person['@type'] !== 'Person') continue;
    const page = await fetch(person.url);
    check(page.status === 200 && (await page.text()).includes(`${new URL(person.url).pathname}/feed.xml`), `${person.url} is an author page with its feed`);
  }
}
const sites = (await extract(base)).WebSite ?? [];
if (sites.length !== 1 || sites[0].url !== base) problems.push(`index: ${sites.length} WebSite blocks`);
for (const p of problems) console.log(`  structured data: ${p}`);
console.log(`interop structured data (web-auto-extractor): ${problems.length ? 'FAIL' : 'ok'} (${feed.items.length} story pages, ${problems.length} problems)`);
process.exit(problems.length ? 1 : 0);
