using System.Text.Json;
using System.Xml.Linq;
using Feed.Documents;
using Feed.Publishing;
using Feed.Site;
namespace Feed.Tests.Documents;

/// <summary>RFC 5005 archives a reader can cache for good, and JSON Feed's next_url through the same months.</summary>
public class ArchiveDocumentsTests
{
    static readonly DateTimeOffset Now = new(2024, 5, 10, 12, 0, 0, TimeSpan.Zero);
    static readonly XNamespace AtomNs = "http://www.w3.org/2005/Atom";
    static readonly FeedSettings Settings = Parse.Settings with { MaxItems = 2, WebSubHub = new Uri("https://hub.example.com/") };

    // Two stories in January, none in February, one in March and April, one so far in May.
    static readonly string[] Dates = ["2024-01-05", "2024-01-20", "2024-03-02", "2024-04-10", "2024-05-03"];

    static FeedSnapshot Snapshot(DateTimeOffset now, params string[] dates) =>
        FeedSnapshot.Build(Publication.Select(dates.Select(d => Parse.Item($"{d}-story-{d}.md", $"Story of {d}.")), now), Settings);

    static Dictionary<string, byte[]> Months(FeedSnapshot snapshot) =>
        snapshot.DocumentPaths.Where(SitePaths.IsArchive).ToDictionary(p => p, p => snapshot.Document(p)!.Identity.Body);

    static string[] Unchanged(Dictionary<string, byte[]> before, Dictionary<string, byte[]> after) =>
        [.. before.Where(b => after.TryGetValue(b.Key, out var bytes) && bytes.AsSpan().SequenceEqual(b.Value)).Select(b => b.Key).Order(StringComparer.Ordinal)];

    static string[] AllMonths(params string[] except) =>
        [.. new[] { "01", "02", "03", "04", "05" }.SelectMany(m => new[] { $"/archive/2024/{m}.json", $"/archive/2024/{m}.xml" }).Except(except).Order(StringComparer.Ordinal)];

    [Fact]
    public void A_story_added_to_the_current_month_changes_no_archive()
    {
        var before = Months(Snapshot(Now, Dates));
        var after = Months(Snapshot(Now, [.. Dates, "2024-05-09"]));
        Assert.Equal(AllMonths("/archive/2024/05.xml", "/archive/2024/05.json"), Unchanged(before, after));
    }

    [Fact]
    public void A_story_added_to_a_past_month_changes_only_that_month()
    {
        var before = Months(Snapshot(Now, Dates));
        var after = Months(Snapshot(Now, [.. Dates, "2024-02-14"]));
        Assert.Equal(AllMonths("/archive/2024/02.xml", "/archive/2024/02.json"), Unchanged(before, after));
    }

    [Fact]
    public void When_a_month_ends_it_becomes_an_archive_and_no_older_archive_changes()
    {
        var may = Snapshot(Now, Dates);
        var june = Snapshot(new DateTimeOffset(2024, 6, 1, 0, 0, 1, TimeSpan.Zero), Dates);
        // The JSON month has no archive marker: only the Atom one changes.
        Assert.Equal(AllMonths("/archive/2024/05.xml"), Unchanged(Months(may), Months(june)));
        Assert.Null(Atom(may, "/archive/2024/05.xml").Element(XName.Get("archive", "http://purl.org/syndication/history/1.0")));
        var archived = Atom(june, "/archive/2024/05.xml");
        Assert.NotNull(archived.Element(XName.Get("archive", "http://purl.org/syndication/history/1.0")));
        Assert.Equal("https://news.example.com/archive/2024/06.xml", Link(archived, "next-archive"));
        Assert.Equal("https://news.example.com/archive/2024/06.xml", Link(Atom(june, SitePaths.Atom), "prev-archive"));
    }

    [Fact]
    public void Every_month_has_a_plausible_updated_empty_ones_included()
    {
        var snapshot = Snapshot(Now, Dates);
        Assert.Equal("2024-02-29T23:59:59Z", Atom(snapshot, "/archive/2024/02.xml").Element(AtomNs + "updated")!.Value);
        foreach (var path in snapshot.DocumentPaths.Where(p => SitePaths.IsArchive(p) && p.EndsWith(".xml", StringComparison.Ordinal)))
        {
            var updated = DateTimeOffset.Parse(Atom(snapshot, path).Element(AtomNs + "updated")!.Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(updated, new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), Now);
        }
    }

    [Fact]
    public void Json_feed_next_url_pages_back_through_every_story_once_a_month()
    {
        var snapshot = Snapshot(Now, Dates);
        var seen = new List<string>();
        var visited = new List<string>();
        string? next = SitePaths.Json;
        while (next is not null)
        {
            using var json = JsonDocument.Parse(snapshot.Document(next)!.Identity.Body);
            if (next != SitePaths.Json)
                seen.AddRange(json.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!));
            visited.Add(next);
            next = json.RootElement.TryGetProperty("next_url", out var url) ? new Uri(url.GetString()!).AbsolutePath : null;
        }
        Assert.Equal(["/feed.json", "/archive/2024/05.json", "/archive/2024/04.json", "/archive/2024/03.json", "/archive/2024/02.json", "/archive/2024/01.json"], visited);
        Assert.Equal(snapshot.Items.Select(i => i.Id).Order(), seen.Order());
    }

    [Fact]
    public void Monthly_documents_advertise_no_hub_because_they_are_not_pinged()
    {
        var snapshot = Snapshot(Now, Dates);
        Assert.Null(Link(Atom(snapshot, "/archive/2024/03.xml"), "hub"));
        Assert.DoesNotContain("hubs", System.Text.Encoding.UTF8.GetString(snapshot.Document("/archive/2024/03.json")!.Identity.Body));
        Assert.Equal("https://hub.example.com/", Link(Atom(snapshot, SitePaths.Atom), "hub"));
    }

    static XElement Atom(FeedSnapshot snapshot, string path) => XDocument.Parse(System.Text.Encoding.UTF8.GetString(snapshot.Document(path)!.Identity.Body)).Root!;

    static string? Link(XElement feed, string rel) =>
        feed.Elements(AtomNs + "link").FirstOrDefault(l => (string?)l.Attribute("rel") == rel)?.Attribute("href")?.Value;
}
