using System.Globalization;
using System.Xml.Linq;
using System.Xml.Schema;
using Feed.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Feed.Server.Tests.Site;

/// <summary>
/// Google's news sitemap rules over HTTP on a fake clock: the last 48 hours only, at most 1,000
/// stories (the newest), publication name and language, W3C dates, titles; checked against the
/// sitemaps.org and Google News XSDs vendored in tests/Interop/sitemap-xsd.
/// </summary>
public sealed class NewsSitemapRulesTests : IDisposable
{
    static readonly XNamespace Sitemap = "http://www.sitemaps.org/schemas/sitemap/0.9";
    static readonly XNamespace News = "http://www.google.com/schemas/sitemap-news/0.9";
    static readonly DateTimeOffset Start = new(2024, 7, 10, 12, 0, 0, TimeSpan.Zero);

    readonly TempFolder _folder = new();
    readonly FakeTimeProvider _clock = new(Start);

    public void Dispose() => _folder.Dispose();

    void Story(string file, string title, DateTimeOffset published, string extra = "") =>
        _folder.Write(file, Items.Story(title, published.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), extra: extra));

    // The folder's files are old by the real clock, so the first scan reads them as settled.
    void Settle()
    {
        foreach (var file in Directory.GetFiles(_folder.Path, "*", SearchOption.AllDirectories))
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddMinutes(-1));
    }

    /// <summary>The vendored schemas, as a crawler that validates would load them.</summary>
    static XmlSchemaSet Schemas()
    {
        var folder = Path.Combine(Items.RepositoryRoot, "tests", "Interop", "sitemap-xsd");
        var schemas = new XmlSchemaSet();
        schemas.Add(null, Path.Combine(folder, "sitemap.xsd"));
        schemas.Add(null, Path.Combine(folder, "sitemap-news.xsd"));
        schemas.Add(null, Path.Combine(folder, "sitemap-image.xsd"));
        schemas.Compile();
        return schemas;
    }

    static async Task<XDocument> ValidSitemap(RunningServer server, string path)
    {
        var errors = new List<string>();
        var document = XDocument.Parse(await server.TextAsync(path));
        document.Validate(Schemas(), (_, e) => errors.Add($"{e.Severity}: {e.Message}"));
        Assert.Empty(errors);
        return document;
    }

    static List<string> Titles(XDocument sitemap) => [.. sitemap.Descendants(News + "title").Select(t => t.Value)];

    [Fact]
    public async Task A_story_47_hours_old_is_listed_and_leaves_when_the_clock_passes_48_hours_with_no_file_change()
    {
        Story("2024-07-10-fresh.md", "Fresh", Start.AddHours(-1), "lang: zh-Hant-TW\n");
        Story("2024-07-08-edge.md", "Edge", Start.AddHours(-47));
        Story("2024-07-08-stale.md", "Stale", Start.AddHours(-49));
        Settle();
        await using var server = await RunningServer.StartAsync(_folder.Path, _clock, "--Feed:Title=The Daily Planet", "--Feed:Language=en-GB");

        var sitemap = await ValidSitemap(server, "/sitemap-news.xml");
        Assert.Equal(["Fresh", "Edge"], Titles(sitemap));
        var news = sitemap.Descendants(News + "news").ToList();
        Assert.All(news, n => Assert.Equal("The Daily Planet", n.Element(News + "publication")!.Element(News + "name")!.Value));
        Assert.Equal(["zh-tw", "en"], news.Select(n => n.Element(News + "publication")!.Element(News + "language")!.Value));
        Assert.Equal(["2024-07-10T11:00:00Z", "2024-07-08T13:00:00Z"], news.Select(n => n.Element(News + "publication_date")!.Value));

        // 48 hours after "Edge" it leaves, though no file changed; "Stale" never came back.
        _clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        await RunningServer.Eventually(async () => Titles(XDocument.Parse(await server.TextAsync("/sitemap-news.xml"))).Count == 1,
            "the 48-hour-old story to leave the news sitemap");
        Assert.Equal(["Fresh"], Titles(await ValidSitemap(server, "/sitemap-news.xml")));
        // The page itself stays in /sitemap.xml: only the news sitemap is two days long.
        Assert.Contains("https://news.example.com/2024/07/08/edge", await server.TextAsync("/sitemap.xml"), StringComparison.Ordinal);
        await ValidSitemap(server, "/sitemap.xml");
    }

    [Fact]
    public async Task The_news_sitemap_lists_the_1000_newest_of_more_stories()
    {
        for (var i = 0; i < 1_001; i++)
            Story($"2024-07-10-s{i:D4}.md", $"Story {i:D4}", Start.AddMinutes(-1 - i));
        Settle();
        await using var server = await RunningServer.StartAsync(_folder.Path, _clock);
        var titles = Titles(await ValidSitemap(server, "/sitemap-news.xml"));
        Assert.Equal(1_000, titles.Count);
        Assert.Equal("Story 0000", titles[0]);
        Assert.Equal("Story 0999", titles[^1]);
    }
}
