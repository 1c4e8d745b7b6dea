#!/usr/bin/python3
"""The podcast feed as podcast software reads it: feedparser reads every episode's
itunes_duration, the show's image and its Apple category; podcast:guid is the UUIDv5 the
Podcasting 2.0 namespace derives from the feed's URL (computed here with Python's uuid), and each
transcript is where its story says. Usage: check_podcast.py BASE_URL EXPECTED_JSON, where the JSON
maps each episode's title to its itunes_duration."""
import json, sys, urllib.request, uuid
import feedparser

base, want = sys.argv[1], json.loads(sys.argv[2])
url = base + "podcast.xml"
feed = feedparser.parse(url)
problems = []
if feed.bozo:
    problems.append(f"bozo: {feed.get('bozo_exception')!r}")
durations = {e.get("title"): e.get("itunes_duration") for e in feed.entries}
if durations != want:
    problems.append(f"itunes_duration: expected {want}, got {durations}")
if not feed.feed.get("image", {}).get("href", "").endswith("/artwork.jpg"):
    problems.append(f"image: {feed.feed.get('image')!r}")
terms = [t.get("term") for t in feed.feed.get("tags", [])]
if "News" not in terms or "Daily News" not in terms:
    problems.append(f"category: expected News and Daily News, got {terms}")
# Podcasting 2.0: UUIDv5 of the URL without its scheme and trailing slashes.
guid = str(uuid.uuid5(uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6"), url.split("://", 1)[1].rstrip("/")))
if f"<podcast:guid>{guid}</podcast:guid>" not in urllib.request.urlopen(url).read().decode():
    problems.append(f"podcast:guid is not {guid}")
for p in problems:
    print(f"  podcast feedparser: {p}")
print(f"interop podcast (feedparser: {len(feed.entries)} episodes, durations, image, category, podcast:guid): {'FAIL' if problems else 'ok'}")
sys.exit(1 if problems else 0)
