using System.Net;
using System.Xml.Linq;
using Feed.Testing;

namespace Feed.Server.Tests.Site;

/// <summary>
/// /podcast.xml, the audio stories with Apple's and the Podcasting 2.0 tags, served and
/// listed like the other feeds when Feed:Podcast is set; one warning and no podcast feed when a
/// required key is missing.
/// </summary>
public sealed class PodcastFeedTests
{
    static readonly XNamespace Itunes = "http://www.itunes.com/dtds/podcast-1.0.dtd";
    static readonly XNamespace Podcast = "https://podcastindex.org/namespace/1.0";

    static readonly string[] Settings =
    [
        "--Feed:Podcast:Image=https://news.example.com/artwork.jpg", "--Feed:Podcast:Category=News/Daily News",
        "--Feed:Podcast:OwnerEmail=podcast@example.com", "--Feed:Podcast:Explicit=false", "--Feed:Author=The Desk",
    ];

    static TempFolder Folder()
    {
        var folder = new TempFolder();
        folder.Write("2024-03-08-episode-12.md", Items.Story("Episode 12", "2024-03-08",
            extra: "enclosure: https://media.example.org/ep12.mp3\nduration: \"20:34\"\ntranscript: /transcripts/ep12.vtt\n"));
        folder.Write("2024-03-09-episode-13.md", Items.Story("Episode 13", "2024-03-09",
            extra: "enclosure:\n  url: https://media.example.org/ep13.m4a\n  type: audio/x-m4a\n  length: 1200\nduration: 61\n"));
        folder.Write("2024-03-10-video.md", Items.Story("A video", "2024-03-10", extra: "enclosure: https://media.example.org/clip.mp4\n"));
        folder.Write("2024-03-11-text.md", Items.Story("A text story", "2024-03-11"));
        return folder;
    }

    [Fact]
    public async Task The_podcast_feed_holds_the_audio_stories_with_apples_and_the_podcast_namespace_tags()
    {
        using var folder = Folder();
        await using var server = await RunningServer.StartAsync(folder, Settings);
        using var response = await server.GetAsync("/podcast.xml");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/rss+xml", response.Content.Headers.ContentType!.MediaType);
        Assert.NotNull(response.Headers.ETag);
        Assert.NotNull(response.Content.Headers.LastModified);

        var channel = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!.Element("channel")!;
        Assert.Equal("https://news.example.com/artwork.jpg", channel.Element(Itunes + "image")!.Attribute("href")!.Value);
        var category = channel.Element(Itunes + "category")!;
        Assert.Equal("News", category.Attribute("text")!.Value);
        Assert.Equal("Daily News", category.Element(Itunes + "category")!.Attribute("text")!.Value);
        Assert.Equal("false", channel.Element(Itunes + "explicit")!.Value);
        Assert.Equal("The Desk", channel.Element(Itunes + "author")!.Value);
        Assert.Equal("The Desk", channel.Element(Itunes + "owner")!.Element(Itunes + "name")!.Value);
        Assert.Equal("podcast@example.com", channel.Element(Itunes + "owner")!.Element(Itunes + "email")!.Value);
        // uuid5(ead4c236-bf58-58c6-a2c6-a6b28d128cb6, "news.example.com/podcast.xml"), as Python's uuid computes it.
        Assert.Equal("30d8ce9e-b863-5b96-a68d-b8190eaa03a6", channel.Element(Podcast + "guid")!.Value);
        var locked = channel.Element(Podcast + "locked")!;
        Assert.Equal(("yes", "podcast@example.com"), (locked.Value, locked.Attribute("owner")!.Value));

        var items = channel.Elements("item").ToList();
        Assert.Equal(["Episode 13", "Episode 12"], items.Select(i => i.Element("title")!.Value));
        Assert.Equal(["00:01:01", "00:20:34"], items.Select(i => i.Element(Itunes + "duration")!.Value));
        Assert.All(items, i => Assert.Equal(("full", "false"), (i.Element(Itunes + "episodeType")!.Value, i.Element(Itunes + "explicit")!.Value)));
        var transcript = items[1].Element(Podcast + "transcript")!;
        Assert.Equal("https://news.example.com/transcripts/ep12.vtt", transcript.Attribute("url")!.Value);
        Assert.Equal(("text/vtt", "captions"), (transcript.Attribute("type")!.Value, transcript.Attribute("rel")!.Value));
        Assert.Null(items[0].Element(Podcast + "transcript"));
    }

    [Fact]
    public async Task The_news_feeds_carry_the_duration_as_media_rss_and_no_podcast_tags()
    {
        using var folder = Folder();
        await using var server = await RunningServer.StartAsync(folder, Settings);
        var rss = await server.TextAsync("/feed.xml");
        Assert.Contains("<media:content url=\"https://media.example.org/ep12.mp3\" type=\"audio/mpeg\" medium=\"audio\" duration=\"1234\" />", rss);
        Assert.DoesNotContain("itunes", rss);
        Assert.DoesNotContain("podcastindex", rss);
    }

    [Fact]
    public async Task The_podcast_is_autodiscovered_on_the_index_and_listed_on_feeds_and_opml()
    {
        using var folder = Folder();
        await using var server = await RunningServer.StartAsync(folder, Settings);
        Assert.Contains("<link rel=\"alternate\" type=\"application/rss+xml\" title=\"Example News (podcast)\" href=\"https://news.example.com/podcast.xml\">",
            await server.TextAsync("/"));
        Assert.Contains("href=\"https://news.example.com/podcast.xml\"", await server.TextAsync("/feeds"));
        Assert.Contains("xmlUrl=\"https://news.example.com/podcast.xml\"", await server.TextAsync("/feeds.opml"));
    }

    [Fact]
    public async Task A_missing_podcast_setting_is_one_warning_and_no_podcast_feed()
    {
        using var folder = Folder();
        await using var server = await RunningServer.StartAsync(folder, [.. Settings.Where(s => !s.Contains("OwnerEmail", StringComparison.Ordinal))]);
        Assert.Equal(HttpStatusCode.NotFound, (await server.GetAsync("/podcast.xml")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.GetAsync("/feed.xml")).StatusCode);
        var warning = Assert.Single(server.Logs.GetSnapshot(), r => r.Id.Id == 85);
        Assert.Equal("No podcast feed: Feed:Podcast:OwnerEmail is missing (where Apple writes to the show's owner). "
            + "The news feeds are served as always; set the Feed:Podcast keys as docs/formats.md says to publish /podcast.xml", warning.Message);
        Assert.DoesNotContain("podcast.xml", await server.TextAsync("/feeds.opml"));
    }

    [Fact]
    public async Task Artwork_in_the_items_folder_of_a_size_apple_refuses_is_a_warning()
    {
        using var folder = Folder();
        // A PNG header saying 1000x1000: square, but under Apple's 1400.
        folder.Write("art/show.png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0x03, 0xE8, 0, 0, 0x03, 0xE8, 8, 2, 0, 0, 0]);
        await using var server = await RunningServer.StartAsync(folder,
            [.. Settings.Select(s => s.StartsWith("--Feed:Podcast:Image=", StringComparison.Ordinal) ? "--Feed:Podcast:Image=https://news.example.com/art/show.png" : s)]);
        var warning = Assert.Single(server.Logs.GetSnapshot(), r => r.Id.Id == 86);
        Assert.StartsWith("Feed:Podcast:Image art/show.png is 1000x1000 pixels; Apple Podcasts refuses", warning.Message);
        Assert.Equal(HttpStatusCode.OK, (await server.GetAsync("/podcast.xml")).StatusCode);
    }

    [Fact]
    public async Task Without_podcast_settings_there_is_no_podcast_feed_and_no_warning()
    {
        using var folder = Folder();
        await using var server = await RunningServer.StartAsync(folder);
        Assert.Equal(HttpStatusCode.NotFound, (await server.GetAsync("/podcast.xml")).StatusCode);
        Assert.DoesNotContain(server.Logs.GetSnapshot(), r => r.Id.Id == 85);
    }
}
