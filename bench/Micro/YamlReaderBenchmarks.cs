using BenchmarkDotNet.Attributes;
using Feed.Items.FrontMatter;

/// <summary>
/// The same front matter (the common shape, <see cref="Sample.Item"/>'s) read by the three
/// readers Feed could use: its own subset reader (to the nodes the field readers take),
/// YamlDotNet's parser (the fallback for anything outside the subset) and SharpYaml 3's parser;
/// and the whole front matter read as Feed does it, for scale. docs/design.md has the figures and the decision.
/// </summary>
[MemoryDiagnoser]
public class YamlReaderBenchmarks
{
    string _yaml = "";
    string _text = "";

    [GlobalSetup]
    public void Setup()
    {
        _text = Sample.Item;
        var lines = _text.Split('\n');
        var close = Array.IndexOf(lines, "---", 1);
        _yaml = string.Join('\n', lines[1..close]) + "\n";
        // The same input to the same events, or the comparison is void.
        if (SimpleYamlNodes() != YamlDotNetEvents() || YamlDotNetEvents() != SharpYamlEvents())
            throw new InvalidOperationException($"event counts differ: {SimpleYamlNodes()}, {YamlDotNetEvents()}, {SharpYamlEvents()}");
    }

    [Benchmark(Baseline = true)]
    public int SimpleYamlNodes()
    {
        if (!SimpleYamlParser.TryRead(_yaml, null, out var map) || map is null)
            throw new InvalidOperationException("the sample is outside the subset");
        // Counted as the events a parser gives for the same text: a key and its value, a list's
        // ends and items, and the ends of the stream, the document and the mapping.
        var count = 6;
        foreach (var entry in map.Entries)
            count += entry.Value is FrontList list ? 3 + list.Items.Count : 2;
        return count;
    }

    [Benchmark]
    public int YamlDotNetEvents()
    {
        var parser = new YamlDotNet.Core.Parser(new StringReader(_yaml));
        var count = 0;
        while (parser.MoveNext())
            count++;
        return count;
    }

    [Benchmark]
    public int SharpYamlEvents()
    {
        var parser = SharpYaml.Parser.CreateParser(new StringReader(_yaml));
        var count = 0;
        while (parser.MoveNext())
            count++;
        return count;
    }

    [Benchmark]
    public FrontMatterFields FrontMatterAsFeedReadsIt() => FrontMatterReader.Read(_text, "x.md", TimeZoneInfo.Utc, [], out string _, out _);
}
