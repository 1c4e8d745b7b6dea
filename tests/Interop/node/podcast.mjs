// The Podcast Index's own feed parser (npm podcast-partytime, the parser behind podcastindex.org)
// reads /podcast.xml as a podcast app would: every episode with its enclosure, duration and guid,
// the show's artwork, category, owner, podcast:guid, podcast:locked and each transcript.
// Usage: node podcast.mjs BASE_URL EPISODES   (EPISODES: the count the folder holds)
import { parseFeed } from "podcast-partytime";

const [base, count] = process.argv.slice(2);
const xml = await (await fetch(new URL("podcast.xml", base))).text();
const feed = parseFeed(xml, { allowMissingGuid: false });
const problems = [];
const check = (ok, message) => { if (!ok) problems.push(message); };

check(feed, "the feed was not parsed");
if (feed) {
  check(feed.items.length === Number(count), `expected ${count} episodes, got ${feed.items.length}`);
  check(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(feed.guid ?? ""), `podcast:guid is not a UUIDv5: ${feed.guid}`);
  check(feed.locked === true, `podcast:locked is not yes: ${feed.locked}`);
  check(feed.podcastOwner === "podcast@example.org", `podcast:locked owner: ${feed.podcastOwner}`);
  check(feed.itunesImage?.endsWith("/artwork.jpg"), `itunes:image: ${feed.itunesImage}`);
  check(feed.itunesCategory?.includes("News > Daily News"), `itunes:category: ${JSON.stringify(feed.itunesCategory)}`);
  check(feed.explicit === false, `itunes:explicit: ${feed.explicit}`);
  for (const episode of feed.items) {
    const name = episode.title;
    check(episode.guid, `${name}: no guid`);
    check(episode.enclosure?.url?.endsWith(".mp3") && episode.enclosure.type === "audio/mpeg", `${name}: enclosure ${JSON.stringify(episode.enclosure)}`);
    check(episode.duration > 0, `${name}: duration ${episode.duration}`);
    check(episode.itunesEpisodeType === "full", `${name}: episodeType ${episode.itunesEpisodeType}`);
    check(episode.podcastTranscripts?.length === 1 && episode.podcastTranscripts[0].url.startsWith("http"), `${name}: transcripts ${JSON.stringify(episode.podcastTranscripts)}`);
  }
}
for (const p of problems) console.log(`  podcast-partytime: ${p}`);
console.log(`interop podcast client (podcast-partytime, ${feed?.items.length ?? 0} episodes): ${problems.length ? "FAIL" : "ok"}`);
process.exit(problems.length ? 1 : 0);
