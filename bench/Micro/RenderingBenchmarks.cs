using System.Text;
using BenchmarkDotNet.Attributes;
using Feed;
using Feed.Documents;
using Feed.Formats;
using Feed.Formats.Syndication;
using Feed.Items;

/// <summary>The three feeds for 50 items, as a rebuild writes them (without compression).</summary>
[MemoryDiagnoser]
public class RenderingBenchmarks
{
    static readonly FeedSettings Settings = new();
    FeedDocument _document = null!;

    [GlobalSetup]
    public void Setup()
    {
        var items = Enumerable.Range(0, 50).Select(i => ItemParser.Parse(new ItemSource(
            $"2024-01-{1 + i % 28:D2}-story-{i}.md", Encoding.UTF8.GetBytes(Sample.Item.Replace("Fans revised", $"Story {i}:", StringComparison.Ordinal)),
            DateTimeOffset.UnixEpoch), Settings).Item!).ToList();
        foreach (var item in items)
            item.Body.Keep(); // rendered once and held, as the snapshot holds the main feeds' bodies
        _document = new FeedDocument(Settings.Title, Settings.Description, Settings.BaseUrl, items) { Id = Settings.FeedId(null) };
    }

    [Benchmark]
    public byte[] Rss() => FeedWriter.Rss(FeedBuilder.Rss(_document, Settings.Url("feed.xml"), Settings));

    [Benchmark]
    public byte[] Atom() => FeedWriter.Atom(FeedBuilder.Atom(_document, Settings.Url("atom.xml"), Settings));

    [Benchmark]
    public byte[] Json() => JsonFeedWriter.Write(_document, Settings.Url("feed.json"), Settings);
}
