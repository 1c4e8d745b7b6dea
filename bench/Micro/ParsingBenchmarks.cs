using System.Text;
using BenchmarkDotNet.Attributes;
using Feed;
using Feed.Items;
using Feed.Items.Body;
using Feed.Items.FrontMatter;

/// <summary>One item file's text to a NewsItem, and its pieces.</summary>
[MemoryDiagnoser]
public class ParsingBenchmarks
{
    static readonly FeedSettings Settings = new();
    byte[] _bytes = [];
    string _text = "";
    string _body = "";

    [GlobalSetup]
    public void Setup()
    {
        _bytes = Encoding.UTF8.GetBytes(Sample.Item);
        _text = Sample.Item;
        FrontMatterReader.Read(_text, "x.md", TimeZoneInfo.Utc, [], out _body, out _);
    }

    [Benchmark(Baseline = true)]
    public NewsItem? ParseItem() => ItemParser.Parse(new ItemSource("2024-01-01-x.md", _bytes, DateTimeOffset.UnixEpoch), Settings).Item;

    [Benchmark]
    public FrontMatterFields FrontMatterOnly() => FrontMatterReader.Read(_text, "x.md", TimeZoneInfo.Utc, [], out string _, out _);

    [Benchmark]
    public StoryBody MarkdownOnly() => MarkdownStory.Read(_body, dropLeadingHeading: false);

    [Benchmark]
    public string AbsoluteUrlsOnly() => AbsoluteUrls.Resolve(MarkdownStory.Read(_body, false).Html, Feed.Assets.StoryLocation.Of(new Uri("https://example.com/"), "x.md", new Uri("https://example.com/items/x")));
}
