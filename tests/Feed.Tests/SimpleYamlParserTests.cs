using System.Text;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Feed.Tests;

/// <summary>The fast front matter reader must agree with YamlDotNet's parser wherever it does not decline.</summary>
public partial class SimpleYamlParserTests
{
    public static TheoryData<string> Texts()
    {
        var data = new TheoryData<string>
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
            "title: a #comment",
            "title: Foo: bar",
            "title: \"unterminated",
            "title: \"escape \\n newline\"",
            "date: 2024-01-01 # comment",
            "tags: [a, [b]]",
            "tags: [\"quoted\", b]",
            "author:\n  name: x",
            "- a\n- b",
            "title: &anchor x",
            "title: !tag x",
            "title: |\n  block",
            "title: >\n  folded",
            "title: x\ntitle: y",
            "\n\ntitle: blank lines around\n\n",
            "# a comment line\ntitle: x",
            "title: \"ends\" extra",
            "title: 'a' b",
            "key with space: x",
            "title:x",
            "tags: [a,b,,c]",
            "title: ünïcödé, 中文, اردو",
        };
        foreach (var file in CorpusFiles())
            data.Add(file);
        return data;
    }

    static IEnumerable<string> CorpusFiles()
    {
        var roots = new[]
        {
            Path.Combine(Repository.TestsDirectory, "Corpus"), Path.Combine(Repository.TestsDirectory, "Fixtures"),
            Path.Combine(Repository.Root, "tests", "Interop", "fixture"), Path.Combine(Repository.Root, "items"),
        };
        foreach (var file in roots.SelectMany(r => Directory.GetFiles(r, "*.*", SearchOption.AllDirectories)).Order(StringComparer.Ordinal))
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
    [MemberData(nameof(Texts))]
    public void Agrees_with_yamldotnet_or_declines(string yaml)
    {
        if (!SimpleYamlParser.TryCreate(yaml, out var fast))
            return; // YamlDotNet reads it: nothing to compare
        var expected = Describe(() => new Parser(new StringReader(yaml)));
        Assert.Equal(expected, Describe(() => fast));
    }

    [Theory]
    [InlineData("title: Plain title\ndate: 2024-01-01")]
    [InlineData("title: \"Fans revised harvest in Québec, Polaris Insurance says\"\ndate: 2020-05-22T15:36:25-07:00\nauthor: \"Raúl Çelik\"\ntags: [film]\nsummary: \"He said \\\"public but modest\\\".\"")]
    public void Reads_the_common_shape_itself(string yaml) => Assert.True(SimpleYamlParser.TryCreate(yaml, out _));

    static string Describe(Func<IParser> parser)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(parser());
            return stream.Documents.Count == 0 ? "(none)" : Node(stream.Documents[0].RootNode);
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException)
        {
            return "error";
        }
    }

    static string Node(YamlNode node) => node switch
    {
        YamlScalarNode s => $"{s.Value}|{(s.Style == ScalarStyle.Plain ? "plain" : "quoted")}@{s.Start.Line}",
        YamlSequenceNode q => "[" + string.Join(",", q.Children.Select(Node)) + $"]@{q.Start.Line}",
        YamlMappingNode m => "{" + string.Join(";", m.Children.Select(c => Node(c.Key) + "=" + Node(c.Value))) + "}",
        _ => "?",
    };
}
