#!/usr/bin/python3
"""The sitemaps and robots.txt as crawlers read them: /sitemap.xml (or its index and
parts) and /sitemap-news.xml validated with lxml against the vendored sitemaps.org and Google News
XSDs (sitemap-xsd/); Google's news sitemap rules by the real clock (published in the last 48 h, at
most 1,000, the newest, publication name = Feed:Title, ISO 639 language or zh-cn/zh-tw, W3C dates,
a title); /robots.txt through urllib.robotparser: both sitemaps, each once (site_maps()), and, with
ROBOTS_FILE (the file given as Feed:RobotsTxt), its rules obeyed and its text served first.
Usage: check_sitemaps.py BASE_URL TITLE [--robots-file FILE] [--news-titles T1,T2...]"""
import argparse, datetime, os, re, sys, urllib.request, urllib.robotparser
from lxml import etree

HERE = os.path.dirname(os.path.abspath(__file__))
SM, NEWS = "{http://www.sitemaps.org/schemas/sitemap/0.9}", "{http://www.google.com/schemas/sitemap-news/0.9}"
parser = argparse.ArgumentParser()
parser.add_argument("base")
parser.add_argument("title")
parser.add_argument("--robots-file")
parser.add_argument("--news-titles", help="the titles the news sitemap must list, in order, comma-separated")
args = parser.parse_args()
base, problems = args.base, []


def schema(*files):
    # One schema document importing the others, so a strict xsd:any (news:news in a url) finds its declaration.
    imports = "".join(f'<xsd:import namespace="{etree.parse(os.path.join(HERE, "sitemap-xsd", f)).getroot().get("targetNamespace")}" '
                      f'schemaLocation="{os.path.join(HERE, "sitemap-xsd", f)}"/>' for f in files)
    return etree.XMLSchema(etree.fromstring(f'<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">{imports}</xsd:schema>'))


URLSET, INDEX = schema("sitemap.xsd", "sitemap-news.xsd", "sitemap-image.xsd"), schema("siteindex.xsd")


def valid(path, xsd):
    document = etree.fromstring(urllib.request.urlopen(base + path.lstrip("/")).read())
    if not xsd.validate(document):
        problems.append(f"{path} is not valid against the XSD: {xsd.error_log.filter_from_errors()[:3]}")
    return document


sitemap = urllib.request.urlopen(base + "sitemap.xml").read()
documents = 1
if etree.fromstring(sitemap).tag == SM + "sitemapindex":
    index = valid("/sitemap.xml", INDEX)
    for loc in index.iter(SM + "loc"):
        valid(loc.text[len(base) - 1:], URLSET)
        documents += 1
else:
    valid("/sitemap.xml", URLSET)

news = etree.fromstring(urllib.request.urlopen(base + "sitemap-news.xml").read())
entries = news.findall(SM + "url")
now = datetime.datetime.now(datetime.timezone.utc)
if entries:
    valid("/sitemap-news.xml", URLSET)
    documents += 1
elif news.tag != SM + "urlset" or len(news):
    problems.append("an empty news sitemap is not an empty urlset")
if len(entries) > 1000:
    problems.append(f"the news sitemap lists {len(entries)} stories, over Google's 1,000")
dates = []
for url in entries:
    n = url.find(NEWS + "news")
    loc, name = url.findtext(SM + "loc"), n.findtext(f"{NEWS}publication/{NEWS}name")
    language, published, title = n.findtext(f"{NEWS}publication/{NEWS}language"), n.findtext(NEWS + "publication_date"), n.findtext(NEWS + "title")
    if name != args.title:
        problems.append(f"{loc}: publication name {name!r}, not Feed:Title {args.title!r}")
    if not re.fullmatch(r"zh-cn|zh-tw|[a-z]{2,3}", language or ""):
        problems.append(f"{loc}: language {language!r} is not an ISO 639 code (or zh-cn, zh-tw)")
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})", published or ""):
        problems.append(f"{loc}: publication_date {published!r} is not a W3C date and time")
        continue
    when = datetime.datetime.fromisoformat(published.replace("Z", "+00:00"))
    dates.append(when)
    if not now - datetime.timedelta(hours=48) < when <= now:
        problems.append(f"{loc}: published {published}, outside the last 48 hours")
    if not (title or "").strip():
        problems.append(f"{loc}: no title")
    if not loc.startswith(base):
        problems.append(f"{loc}: not a page of this site")
if dates != sorted(dates, reverse=True):
    problems.append("the news sitemap is not newest first")
if args.news_titles is not None:
    titles, wanted = [u.findtext(f"{NEWS}news/{NEWS}title") for u in entries], [t for t in args.news_titles.split(",") if t]
    if titles != wanted:
        problems.append(f"the news sitemap lists {titles}, expected {wanted}")

robots = urllib.robotparser.RobotFileParser(base + "robots.txt")
robots.read()
if robots.site_maps() != [base + "sitemap.xml", base + "sitemap-news.xml"]:
    problems.append(f"robots.txt sitemaps (urllib.robotparser): {robots.site_maps()}")
if not robots.can_fetch("*", base + "feeds"):
    problems.append("robots.txt forbids /feeds")
if args.robots_file:
    own = open(args.robots_file, encoding="utf-8").read()
    served = urllib.request.urlopen(base + "robots.txt").read().decode()
    if not served.startswith(own):
        problems.append("/robots.txt does not start with the Feed:RobotsTxt file as it is")
    for line in own.splitlines():
        if line.lower().startswith("disallow:") and robots.can_fetch("*", base + line.split(":", 1)[1].strip().lstrip("/") + "x"):
            problems.append(f"urllib.robotparser does not apply the file's {line!r}")

for p in problems:
    print(f"  sitemaps: {p}")
print(f"interop sitemaps (lxml XSD, Google News rules, urllib.robotparser): {'FAIL' if problems else 'ok'} "
      f"({documents} sitemap documents valid, {len(entries)} news stories{', the user robots.txt' if args.robots_file else ''})")
sys.exit(1 if problems else 0)
