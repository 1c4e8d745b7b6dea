using System.ServiceModel.Syndication;
using System.Text.Json;
using System.Xml;
using Feed.Documents;
using Feed.Folder;
using Feed.Items.Text;
using Feed.Publishing;
using Feed.Site;
using Feed.Testing;

namespace Feed.Tests;

/// <summary>
/// The corpus of bad and tricky item files (Corpus/), each with its expected outcome: published
/// as what, skipped with which problem, or ignored. The feeds built from all of it stay valid.
/// </summary>
public sealed class CorpusTests : IDisposable
{
    static readonly string Source = Path.Combine(Repository.TestsDirectory, "Corpus");
    static readonly DateTimeOffset Now = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    static readonly FeedSettings Settings = Parse.Settings with { MaxItemBytes = 64 * 1024 };

    readonly TempFolder _folder = new();
    readonly FolderScan _scan;
    readonly Publication _publication;

    public CorpusTests()
    {
        foreach (var file in Directory.GetFiles(Source, "*", SearchOption.AllDirectories))
            _folder.Write(Path.GetRelativePath(Source, file), File.ReadAllBytes(file));
        // Made here rather than committed: a file over the size limit and links.
        _folder.Write("over-the-limit.md", "---\ntitle: Too big\n---\n" + new string('x', 70 * 1024));
        using var outside = new TempFolder();
        File.CreateSymbolicLink(Path.Combine(_folder.Path, "link-outside.md"), "/etc/passwd");
        Directory.CreateSymbolicLink(Path.Combine(_folder.Path, "link-loop"), _folder.Path);
        File.CreateSymbolicLink(Path.Combine(_folder.Path, "link-to-itself.md"), Path.Combine(_folder.Path, "link-to-itself.md"));
        _scan = new ItemFolder(_folder.Path, Settings).Scan();
        _publication = Publication.Select(_scan.Items, Now);
    }

    public void Dispose() => _folder.Dispose();

    NewsItem Published(string path) =>
        _publication.Items.SingleOrDefault(i => i.SourcePath == path) ?? throw new Xunit.Sdk.XunitException($"{path} is not published: {Problems(path)}");

    string Problems(string path) => string.Join(" | ", _scan.Problems.Concat(_publication.Problems).Where(p => p.Path == path));

    void Skipped(string path, string reason, int? line = null)
    {
        Assert.DoesNotContain(_scan.Items, i => i.SourcePath == path);
        var problem = Assert.Single(_scan.Problems, p => p.Path == path && p.Level == ProblemLevel.Error);
        Assert.Contains(reason, problem.Message);
        if (line is not null)
            Assert.Equal(line, problem.Line);
    }

    void Ignored(string path)
    {
        Assert.DoesNotContain(_scan.Items, i => i.SourcePath == path);
        Assert.DoesNotContain(_scan.Problems, p => p.Path == path);
    }

    [Theory]
    [InlineData("empty.md", "is empty", null)]
    [InlineData("unterminated-front-matter.md", "no closing '---'", 1)]
    [InlineData("invalid-yaml.md", "not valid YAML", 4)]
    [InlineData("wrong-shape.md", "'title' must be a single value, not a list", 3)]
    [InlineData("bad-date.md", "'date' is not a date: '31/12/2024'", 3)]
    [InlineData("not-utf8.md", "is not UTF-8 text (byte 0xE9", 5)]
    [InlineData("binary.md", "is not UTF-8", 1)]
    [InlineData("over-the-limit.md", "over the 65,536-byte limit", null)]
    [InlineData("relative-id.md", "'id' must be an absolute IRI", 4)]
    [InlineData("duplicate-key.md", "front matter is not valid YAML: Duplicate key", 3)]
    [InlineData("tab-indented-yaml.md", "not valid YAML", null)]
    [InlineData("yaml-empty-key.md", "front matter is not valid YAML: a key is missing before ':'", 3)]
    [InlineData("tags-wrong-shape.md", "'tags' must be a list", 4)]
    [InlineData("yaml-lone-surrogate.md", "invalid Unicode surrogates", 2)]
    [InlineData("toml-unterminated.md", "no closing '+++'", 1)]
    [InlineData("toml-invalid.md", "not valid TOML", 2)]
    [InlineData("toml-wrong-types.md", "'date' is not a date: '20240501'", 3)]
    [InlineData("toml-wrong-shape.md", "'title' must be a single value, not a set of keys", 3)]
    [InlineData("hostile-billion-laughs.md", "front matter aliases expand to more than 10,000 values", 6)]
    [InlineData("hostile-alias-key.md", "front matter uses the alias '*n' as a key", 4)]
    [InlineData("hostile-question-marks.md", "front matter uses a list or a set of keys as a key", 3)]
    [InlineData("hostile-nested-bold.md", "nests HTML elements more than 1,000 deep", 4)]
    [InlineData("hostile-link-openers.md", "opens more than 1,000 links ('](') in one paragraph", 7)]
    public void Bad_files_are_skipped_with_their_reason_and_line(string path, string reason, int? line) => Skipped(path, reason, line);

    [Theory]
    [InlineData(".hidden.md")]
    [InlineData("backup.md~")]
    [InlineData(".story.md.swp")]
    [InlineData("link-loop")]
    public void Hidden_files_editor_leftovers_and_loops_are_ignored_silently(string path) => Ignored(path);

    [Theory]
    [InlineData("link-outside.md")]
    [InlineData("link-to-itself.md")]
    public void Links_out_of_the_folder_are_not_followed(string path)
    {
        Assert.DoesNotContain(_scan.Items, i => i.SourcePath == path);
        Assert.Contains("not followed", Assert.Single(_scan.Problems, p => p.Path == path).Message);
    }

    [Fact]
    public void Only_front_matter_with_a_title_is_a_link_post() =>
        Assert.Equal(("https://example.org/elsewhere", ""), (Published("only-front-matter.md").Link.AbsoluteUri, Published("only-front-matter.md").RenderContent()));

    [Fact]
    public void Dates_with_an_offset_and_date_only_values_are_the_right_instants()
    {
        Assert.Equal(new DateTimeOffset(2024, 5, 2, 9, 30, 0, TimeSpan.Zero), Published("date-with-offset.md").Published);
        Assert.Equal(new DateTimeOffset(2024, 5, 3, 0, 0, 0, TimeSpan.Zero), Published("date-only.md").Published);
        Assert.Equal(new DateTimeOffset(2024, 5, 23, 0, 0, 0, TimeSpan.Zero), Published("wire-copy.txt").Published);
    }

    [Fact]
    public void Bom_and_crlf_files_read_like_any_other()
    {
        Assert.Equal("Starts with a BOM", Published("utf8-bom.md").Title);
        var crlf = Published("crlf.md");
        Assert.Equal("Windows line endings", crlf.Title);
        Assert.Equal("<p>First paragraph.</p>\n<p>Second paragraph.</p>\n", crlf.RenderContent());
    }

    [Fact]
    public void Characters_xml_forbids_never_reach_an_item()
    {
        foreach (var item in _publication.Items)
        {
            foreach (var text in new[] { item.Title, item.Summary, item.RenderContent() })
                Assert.Equal(text, XmlChars.Strip(text));
        }
        Assert.Equal("Control characters and U+FFFE removed", Published("control-characters.md").Title);
        Assert.DoesNotContain("&#xD800;", Published("lone-surrogates.md").RenderContent());
        // Nor the U+FFFD it decodes to: the W3C validator flags it (BadCharacters).
        Assert.DoesNotContain("\uFFFD", Published("lone-surrogates.md").RenderContent());
        Assert.DoesNotContain("\uFFFD", Published("lone-surrogates.md").Summary);
        Assert.Contains("📰", Published("lone-surrogates.md").RenderContent());
    }

    [Fact]
    public void Cdata_end_and_markup_are_escaped_in_every_feed()
    {
        Assert.Equal("CDATA end ]]> in the title", Published("cdata-end.md").Title);
        var snapshot = FeedSnapshot.Build(_publication, Settings with { MaxItems = 100 });
        var rss = LoadXml(snapshot.Document(SitePaths.Rss)!.Identity.Body);
        Assert.Contains(rss.Items, i => i.Title.Text == "CDATA end ]]> in the title");
    }

    [Fact]
    public void Scripts_handlers_and_javascript_urls_are_sanitized_away()
    {
        var content = Published("script-and-handlers.md").RenderContent();
        Assert.DoesNotContain("<script", content);
        Assert.DoesNotContain("onerror=", content);
        Assert.DoesNotContain("javascript:", content);
        Assert.Contains("a link", content);
    }

    [Fact]
    public void Stray_tags_lose_their_tag_but_keep_their_text_and_unclosed_ones_are_closed()
    {
        var content = Published("stray-brackets.md").RenderContent();
        Assert.DoesNotContain("<brackets>", content);
        Assert.DoesNotContain("unknown-element", content);
        Assert.Contains("through as a tag", content);
        Assert.Contains("inline", content);
        Assert.Contains("<b>bold is never closed.</b>", content);
        Assert.Equal("Stray <brackets> and a lone <b> in the title", Published("stray-brackets.md").Title);
    }

    [Fact]
    public void Long_titles_rtl_text_and_emoji_are_published_whole()
    {
        Assert.Equal(2000, Published("long-title.md").Title.Length);
        Assert.Equal("عنوان باللغة العربية", Published("right-to-left.md").Title);
        Assert.Equal("ar", Published("right-to-left.md").Language);
        Assert.Equal("Emoji 📰🗞️ and 👩🏽‍💻 in the title", Published("emoji.md").Title);
        Assert.Contains("👨‍👩‍👧", Published("emoji.md").RenderContent());
    }

    [Fact]
    public void Duplicate_ids_are_both_reported_and_the_newer_wins()
    {
        Assert.Equal("Second claimant of an id", Published("duplicate-id-newer.md").Title);
        Assert.DoesNotContain(_publication.Items, i => i.SourcePath == "duplicate-id-older.md");
        Assert.Equal(["duplicate-id-newer.md", "duplicate-id-older.md"],
            _publication.Problems.Where(p => p.Message.Contains("same id", StringComparison.Ordinal)).Select(p => p.Path).Order());
    }

    [Fact]
    public void Drafts_and_future_items_are_not_published()
    {
        Assert.DoesNotContain(_publication.Items, i => i.SourcePath is "draft.md" or "future.md");
        Assert.Equal(new DateTimeOffset(2099, 1, 1, 0, 0, 0, TimeSpan.Zero), _publication.NextScheduled);
    }

    [Fact]
    public void Odd_file_names_and_deep_folders_are_published()
    {
        Assert.Equal("unicode-straße-cafe", Published("2024-05-17 Ünïcode Straße café.md").Slug);
        Assert.Equal("a/b/c/d/e/f/g/h/deep", Published("a/b/c/d/e/f/g/h/deep.md").Slug);
    }

    [Fact]
    public void Hugo_toml_front_matter_is_published_with_its_keys()
    {
        var item = Published("toml-hugo.md");
        Assert.Equal(("A Hugo post in TOML", "Hugo front matter publishes as it is."), (item.Title, item.Summary));
        Assert.Equal(new DateTimeOffset(2024, 5, 4, 5, 0, 0, TimeSpan.Zero), item.Published.ToUniversalTime());
        Assert.Equal(["hugo", "migration"], item.Tags);
        Assert.Contains(_scan.Problems, p => p.Path == "toml-hugo.md" && p.Level == ProblemLevel.Debug && p.Message.Contains("'params'", StringComparison.Ordinal));
    }

    [Fact]
    public void Unknown_keys_are_noted_and_kept_out()
    {
        Published("unknown-keys.md");
        Assert.Equal(2, _scan.Problems.Count(p => p.Path == "unknown-keys.md" && p.Level == ProblemLevel.Debug));
    }

    [Fact]
    public void Feeds_built_from_the_whole_corpus_are_valid_and_hold_every_good_item()
    {
        var snapshot = FeedSnapshot.Build(_publication, Settings with { MaxItems = 100 });
        Assert.Equal(
            [
                "2024-05-17 Ünïcode Straße café.md", "a/b/c/d/e/f/g/h/deep.md", "cdata-end.md", "control-characters.md", "crlf.md",
                "date-only.md", "date-with-offset.md", "duplicate-id-newer.md", "emoji.md", "lone-surrogates.md", "long-title.md",
                "only-front-matter.md", "right-to-left.md", "script-and-handlers.md", "stray-brackets.md", "toml-hugo.md", "unknown-keys.md", "utf8-bom.md", "wire-copy.txt",
            ],
            _publication.Items.Select(i => i.SourcePath).Order(StringComparer.Ordinal));
        var expected = _publication.Items.Select(i => i.Id).ToList();
        Assert.Equal(expected, LoadXml(snapshot.Document(SitePaths.Rss)!.Identity.Body).Items.Select(i => i.Id));
        Assert.Equal(expected, LoadXml(snapshot.Document(SitePaths.Atom)!.Identity.Body).Items.Select(i => i.Id));
        using var json = JsonDocument.Parse(snapshot.Document(SitePaths.Json)!.Identity.Body);
        Assert.Equal(expected, json.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()));
        foreach (var item in _publication.Items)
            Assert.NotNull(snapshot.ItemPage(item.PagePath));
    }

    static SyndicationFeed LoadXml(byte[] bytes)
    {
        // Strict: checks every character against XML 1.0, as any reader's parser does.
        using var reader = XmlReader.Create(new MemoryStream(bytes), new XmlReaderSettings { CheckCharacters = true, DtdProcessing = DtdProcessing.Prohibit });
        return SyndicationFeed.Load(reader);
    }
}
