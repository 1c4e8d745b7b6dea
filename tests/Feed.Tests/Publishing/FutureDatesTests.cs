using System.Text.Json;
using System.Xml.Linq;
using Feed.Documents;
using Feed.Publishing;
using Feed.Site;
namespace Feed.Tests.Publishing;

/// <summary>A published story whose 'updated' is still to come: a warning with its line, and no feed-level date in the future.</summary>
public class FutureDatesTests
{
    static readonly DateTimeOffset Now = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

    static readonly NewsItem Typo = Parse.Item("2024-12-30-typo.md", "---\ntitle: Typo\ndate: 2024-12-30T09:00:00Z\ntags: [world]\nupdated: 2031-01-01\n---\nText.\n");
    static readonly NewsItem Plain = Parse.Item("2024-12-29-plain.md", "---\ntitle: Plain\ndate: 2024-12-29T09:00:00Z\n---\nText.\n");

    [Fact]
    public void A_future_updated_is_a_warning_naming_file_and_line()
    {
        var publication = Publication.Select([Typo, Plain], Now);
        var problem = Assert.Single(publication.Problems);
        Assert.Equal(ProblemLevel.Warning, problem.Level);
        Assert.Equal("2024-12-30-typo.md", problem.Path);
        Assert.Equal(5, problem.Line);
        Assert.Contains("'updated' 2031-01-01T00:00:00Z is later than now", problem.Message);
    }

    [Fact]
    public void A_future_updated_is_clamped_to_the_story_date()
    {
        var item = Publication.Select([Typo, Plain], Now).Items.Single(i => i.Slug == "typo");
        Assert.Equal(Typo.Published, item.Updated);
        Assert.Equal(2, Publication.Select([Typo, Plain], Now).Items.Count);
    }

    [Fact]
    public void An_updated_that_has_come_is_published_as_written()
    {
        var publication = Publication.Select([Typo], new DateTimeOffset(2031, 1, 2, 0, 0, 0, TimeSpan.Zero));
        Assert.Empty(publication.Problems);
        Assert.Equal(Typo.Updated, publication.Items.Single().Updated);
    }

    [Fact]
    public void No_feed_level_date_or_sitemap_lastmod_is_later_than_now()
    {
        var snapshot = FeedSnapshot.Build(Publication.Select([Typo, Plain], Now), Parse.Settings);
        XNamespace atom = "http://www.w3.org/2005/Atom";
        var dates = new List<DateTimeOffset>();
        foreach (var path in new[] { SitePaths.Atom, "/tags/world/atom.xml" })
        {
            var feed = XDocument.Parse(Text(snapshot, path)).Root!;
            dates.Add(DateTimeOffset.Parse(feed.Element(atom + "updated")!.Value, System.Globalization.CultureInfo.InvariantCulture));
        }
        var rss = XDocument.Parse(Text(snapshot, SitePaths.Rss)).Root!.Element("channel")!;
        dates.Add(DateTimeOffset.Parse(rss.Element("lastBuildDate")!.Value, System.Globalization.CultureInfo.InvariantCulture));
        using var json = JsonDocument.Parse(Text(snapshot, SitePaths.Json));
        foreach (var item in json.RootElement.GetProperty("items").EnumerateArray())
            dates.Add(item.GetProperty("date_modified").GetDateTimeOffset());
        XNamespace sitemap = "http://www.sitemaps.org/schemas/sitemap/0.9";
        foreach (var lastmod in XDocument.Parse(Text(snapshot, SitePaths.Sitemap)).Descendants(sitemap + "lastmod"))
            dates.Add(DateTimeOffset.Parse(lastmod.Value, System.Globalization.CultureInfo.InvariantCulture));

        Assert.True(dates.Count >= 6);
        Assert.All(dates, d => Assert.True(d <= Now, $"{d:O} is later than now"));
    }

    static string Text(FeedSnapshot snapshot, string path) => System.Text.Encoding.UTF8.GetString(snapshot.Document(path)!.Identity.Body);
}
