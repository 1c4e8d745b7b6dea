// The structured data of every story page against the schema.org vocabulary and Google's Article
// guidance, read by a third-party extractor (@marbec/web-auto-extractor), not Feed's own code:
// every @type is a schema.org type; every property is a schema.org property, not superseded,
// used on a type within its domain (the type or one of its supertypes in domainIncludes); and
// each NewsArticle has what Google's Article documentation recommends (there is nothing it
// requires): headline, image (when the story has one), datePublished and dateModified as ISO 8601
// with a zone, author with name and url; plus publisher and the canonical mainEntityOfPage. The
// vocabulary is schema.org's own (../schemaorg/vocabulary.json, from a release; see its source).
// The pages are each story of /feed.json and the index (WebSite).
// Usage: node vocabulary.mjs BASE_URL
import { readFileSync } from 'node:fs';
import WebAutoExtractor from '@marbec/web-auto-extractor';
import { Checker } from './expected.mjs';

const base = process.argv[2];
const vocabulary = JSON.parse(readFileSync(new URL('../schemaorg/vocabulary.json', import.meta.url), 'utf8'));
const c = new Checker('schema.org vocabulary');
const extract = async (url) => new WebAutoExtractor({ addLocation: false, embedSource: false }).parse(await (await fetch(url)).text()).jsonld;
const isoDate = (value) => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value);

// A type and all its supertypes.
function lineage(type, seen = new Set()) {
  if (seen.has(type)) return seen;
  seen.add(type);
  for (const parent of vocabulary.types[type] ?? []) lineage(parent, seen);
  return seen;
}

// Every node of a JSON-LD value, checked against the vocabulary.
function check(where, node) {
  if (Array.isArray(node)) { node.forEach((n, i) => check(`${where}[${i}]`, n)); return; }
  if (node === null || typeof node !== 'object') return;
  const type = node['@type'];
  c.true(`${where}: @type`, typeof type === 'string', `a node without one @type: ${JSON.stringify(node).slice(0, 80)}`);
  if (typeof type !== 'string') return;
  c.true(`${where}: @type ${type}`, type in vocabulary.types, 'is not a schema.org type');
  const types = lineage(type);
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith('@')) continue;
    const property = vocabulary.properties[key];
    c.true(`${where}: ${type}.${key}`, property !== undefined, 'is not a schema.org property');
    if (!property) continue;
    c.true(`${where}: ${type}.${key}`, property.supersededBy.length === 0, `is superseded by ${property.supersededBy}`);
    c.true(`${where}: ${type}.${key}`, property.domain.some(d => types.has(d)), `is not a property of ${type} (its domain: ${property.domain.join(', ')})`);
    check(`${where}.${key}`, value);
  }
}

const feed = await (await fetch(base + 'feed.json')).json();
let pages = 0;
for (const item of feed.items) {
  const where = new URL(item.url).pathname;
  const data = await extract(item.url);
  pages++;
  for (const [type, nodes] of Object.entries(data)) check(`${where} ${type}`, nodes);
  const article = data.NewsArticle?.[0];
  c.equal(`${where}: one NewsArticle`, 1, data.NewsArticle?.length ?? 0);
  if (!article) continue;
  // Google: "Article" structured data, recommended properties.
  c.true(`${where}: headline`, typeof article.headline === 'string' && article.headline.length > 0, 'missing');
  c.true(`${where}: datePublished`, isoDate(article.datePublished), `${article.datePublished} is not ISO 8601 with a zone`);
  c.true(`${where}: dateModified`, isoDate(article.dateModified), `${article.dateModified} is not ISO 8601 with a zone`);
  c.true(`${where}: dateModified not before datePublished`, Date.parse(article.dateModified) >= Date.parse(article.datePublished), '');
  const authors = [article.author].flat();
  c.true(`${where}: author`, authors.length > 0 && authors.every(a => ['Person', 'Organization'].includes(a?.['@type']) && a.name && /^https?:\/\//.test(a.url ?? '')),
    'each author needs @type Person or Organization, a name and a url');
  if (item.image) c.true(`${where}: image`, [article.image].flat().every(i => /^https?:\/\//.test(i?.url ?? i ?? '')), 'the story has an image, the data none');
  c.true(`${where}: publisher`, article.publisher?.['@type'] === 'Organization' && article.publisher.name, 'Organization with a name');
  c.equal(`${where}: mainEntityOfPage`, item.external_url ?? item.url, article.mainEntityOfPage?.['@id']);
}
const index = await extract(base);
pages++;
for (const [type, nodes] of Object.entries(index)) check(`/ ${type}`, nodes);
c.equal('/: one WebSite', 1, index.WebSite?.length ?? 0);
process.exit(c.finish(pages));
