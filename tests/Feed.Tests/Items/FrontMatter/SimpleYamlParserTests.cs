using System.Text;
using System.Text.RegularExpressions;
using Feed.Items.FrontMatter;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Feed.Tests.Items.FrontMatter;

/// <summary>The fast front matter reader must agree with YamlDotNet's parser and loader wherever it does not decline.</summary>
public partial class SimpleYamlParserTests
{
    /// <summary>The one-line `key: value` shape the fast reader is for: it must read each of these itself.</summary>
    public static TheoryData<string> CommonShape() => new()
    {
        "title: Plain title\ndate: 2024-01-01",
        "title: \"Quoted \\\"inner\\\" and \\\\ backslash\"",
        "title: 'It''s single quoted'",
        "tags: [a, b c, d-e]",
        "tags: []",
        "title: C# tips and a:colon",
        "summary:",
        "draft: true\nmood: 42",
        "title: Trailing spaces   ",
        "\n\ntitle: blank lines around\n\n",
        "title: ünïcödé, 中文, اردو",
        "title: \"Fans revised harvest in Québec, Polaris Insurance says\"\ndate: 2020-05-22T15:36:25-07:00\nauthor: \"Raúl Çelik\"\ntags: [film]\nsummary: \"He said \\\"public but modest\\\".\"",
    };

    /// <summary>Everything else YAML can say: the fast reader must decline it and leave it to YamlDotNet.</summary>
    public static TheoryData<string> OtherShapes() => new()
    {
        "title: Foo: bar",
        "title: \"unterminated",
        "title: \"escape \\n newline\"",
        "tags: [a, [b]]",
        "author:\n  name: x",
        "- a\n- b",
        "title: &anchor x",
        "title: !tag x",
        "title: |\n  block",
        "title: >\n  folded",
        "title: x\ntitle: y",
        "title: \"ends\" extra",
        "title: 'a' b",
        "key with space: x",
        "title:x",
        "tags: [a,b,,c]",
        "# a comment line\ntitle: x",
        "tags: [\"quoted\", b]",
        "date: 2024-01-01 # comment",
        "title: a #comment",
    };

    static IEnumerable<string> CorpusFiles()
    {
        foreach (var (_, file) in Repository.ItemFiles())
        {
            string text;
            try { text = new UTF8Encoding(false, true).GetString(File.ReadAllBytes(file)); }
            catch (DecoderFallbackException) { continue; }
            var match = FrontMatterText().Match(text.TrimStart('\uFEFF'));
            if (match.Success)
                yield return match.Groups[1].Value;
        }
    }

    [GeneratedRegex(@"\A---[ \t]*\r?\n(.*?)\r?\n---", RegexOptions.Singleline)]
    private static partial Regex FrontMatterText();

    [Theory]
    [MemberData(nameof(CommonShape))]
    public void Reads_the_common_shape_itself_and_agrees_with_yamldotnet(string yaml)
    {
        Assert.True(SimpleYamlParser.TryRead(yaml, null, out var fast), "declined the shape it exists for");
        Assert.Equal(YamlDotNetReads(yaml), Describe(fast));
    }

    [Theory]
    [MemberData(nameof(OtherShapes))]
    public void Declines_every_other_shape(string yaml) => Assert.False(SimpleYamlParser.TryRead(yaml, null, out _));

    [Fact]
    public void Reads_most_front_matter_in_the_repository_and_agrees_with_yamldotnet_on_all_it_reads()
    {
        var files = CorpusFiles().ToList();
        var read = 0;
        foreach (var yaml in files)
        {
            if (!SimpleYamlParser.TryRead(yaml, null, out var fast))
                continue;
            read++;
            Assert.Equal(YamlDotNetReads(yaml), Describe(fast));
        }
        // Most items are written in the common shape; a reader that declined them all would be useless.
        Assert.True(read * 2 > files.Count, $"read {read} of {files.Count} front matters itself");
    }

    // What the field readers would get from YamlDotNet's parser and loader for the same text.
    static string YamlDotNetReads(string yaml)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new Parser(new StringReader(yaml)));
            return stream.Documents.Count == 0 ? "(none)" : Node(FrontNode.From(stream.Documents[0].RootNode));
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException)
        {
            return "error";
        }
    }

    static string Describe(FrontMap? map) => map is null ? "(none)" : Node(map);

    static string Node(FrontNode node) => node switch
    {
        FrontScalar s => $"{s.Value}|{(s.Plain ? "plain" : "quoted")}@{s.Line}",
        FrontList q => "[" + string.Join(",", q.Items.Select(Node)) + $"]@{q.Line}",
        FrontMap m => "{" + string.Join(";", m.Entries.Select(c => $"{c.Key}@{c.KeyLine}=" + Node(c.Value))) + "}",
        _ => "?",
    };
}
