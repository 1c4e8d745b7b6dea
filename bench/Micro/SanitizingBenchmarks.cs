using BenchmarkDotNet.Attributes;
using Feed.Items.Body;
using Feed.Items.FrontMatter;

/// <summary>
/// What sanitizing costs per item: the typical item's rendered body through ContentSanitizer,
/// against rendering its Markdown (the cost it adds to an item's one lazy render).
/// </summary>
[MemoryDiagnoser]
public class SanitizingBenchmarks
{
    string _body = "";
    string _html = "";

    [GlobalSetup]
    public void Setup()
    {
        FrontMatterReader.Read(Sample.Item, "x.md", TimeZoneInfo.Utc, [], out _body, out _);
        _html = MarkdownStory.Html(_body, Feed.Assets.StoryLocation.Of(new Uri("https://example.com/"), "x.md", new Uri("https://example.com/items/x")));
    }

    [Benchmark(Baseline = true)]
    public string RenderMarkdown() => MarkdownStory.Html(_body, Feed.Assets.StoryLocation.Of(new Uri("https://example.com/"), "x.md", new Uri("https://example.com/items/x")));

    [Benchmark]
    public string SanitizeRendered() => ContentSanitizer.Clean(_html);
}
