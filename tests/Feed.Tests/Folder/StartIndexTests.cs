using System.Collections;
using System.Reflection;
using Feed.Folder;
using Feed.Testing;

namespace Feed.Tests.Folder;

/// <summary>
/// The start index: a start takes a file from it only when the file's status is the one indexed,
/// and what it takes is exactly what reading the file would give.
/// </summary>
public sealed class StartIndexTests : IDisposable
{
    readonly TempFolder _folder = new();
    readonly string _index;

    public StartIndexTests() => _index = Path.Combine(_folder.StatePath, ItemFolder.IndexFileName);

    public void Dispose()
    {
        _folder.Dispose();
        if (Directory.Exists(_folder.StatePath))
            Directory.Delete(_folder.StatePath, recursive: true);
    }

    // The files of these tests were written a moment ago: trusted at once (IndexRacyWindow), as a
    // file system with no time step would allow. The step itself has its own test below.
    ItemFolder Folder(FeedSettings? settings = null) =>
        new(_folder.Path, settings ?? Parse.Settings) { IndexPath = _index, IndexRacyWindow = TimeSpan.Zero };

    int Indexed(FeedSettings? settings = null)
    {
        using var folder = Folder(settings);
        folder.Scan();
        return folder.TakeIndex().Save();
    }

    static readonly string[] Rich =
    [
        "---\ntitle: With every rare field\nsummary: Rare.\ndate: 2024-03-01T10:00:00+05:30\nupdated: 2024-03-02\nauthor:\n  name: Sam Roe\n  email: sam@example.com\n  uri: https://example.com/sam\n"
            + "image: lead.jpg\nenclosure:\n  url: https://cdn.example.com/a.mp3\n  type: audio/mpeg\n  length: 4000\nduration: 1:02:03\ntranscript: a.vtt\n"
            + "expires: 2031-01-01\nlang: fr\naliases: [/old/one, /old/two]\npermalink: /2019/old-story/\ntags: [Économie, économie, Trade]\n---\n"
            + "Body with ![a picture](pic.png) and [a link](../x).\n",
        "---\ntitle: Updated before its date\ndescription: Hugo's word for it.\ndate: 2024-03-05\nupdated: 2024-03-01\nunknown: kept quiet\nlink: https://elsewhere.example.org/story\ndraft: true\n---\n# Heading\n\nText.\n",
        "---\ntitle: Own id and slug\nid: urn:uuid:11111111-2222-3333-4444-555555555555\nslug: own-slug\ndate: 2024-03-06T00:00:00Z\nsummary: Given.\n---\n\r\nCRLF body.\r\n",
    ];

    void WriteCorpus()
    {
        var fixtures = Path.Combine(Repository.TestsDirectory, "Fixtures", "items");
        var corpus = Path.Combine(Repository.TestsDirectory, "Corpus");
        foreach (var source in new[] { fixtures, corpus })
        {
            foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
                _folder.Write(Path.Join("copied", Path.GetFileName(source), Path.GetRelativePath(source, file)), File.ReadAllBytes(file));
        }
        for (var i = 0; i < Rich.Length; i++)
            _folder.Write($"desk/2024-03-0{i + 1}-rich-{i}.md", Rich[i]);
    }

    [Fact]
    public void Every_story_taken_from_the_index_is_the_story_its_file_gives()
    {
        WriteCorpus();
        var kept = Indexed();
        // The dated ones whose front matter gives the title (26 of the 50): the others are read at every start.
        Assert.True(kept >= 20, $"only {kept} stories were indexed");

        using var read = new ItemFolder(_folder.Path, Parse.Settings);
        using var started = Folder();
        var expected = read.Scan();
        var actual = started.Scan();

        Assert.Equal(kept, started.FilesFromIndex);
        Assert.Null(started.IndexUnused);
        Assert.Equal(expected.Problems, actual.Problems); // warnings said again, in the same order
        Assert.Equal(expected.Items.Count, actual.Items.Count);
        var fromIndex = actual.Items.ToDictionary(i => i.SourcePath);
        foreach (var item in expected.Items)
            AssertSame(item, fromIndex[item.SourcePath]);
    }

    // Every public property, so that one added to NewsItem and not to the index fails here.
    static void AssertSame(NewsItem expected, NewsItem actual)
    {
        foreach (var property in typeof(NewsItem).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.Name is nameof(NewsItem.Body) or nameof(NewsItem.PendingBody))
                continue;
            var (e, a) = (property.GetValue(expected), property.GetValue(actual));
            if (e is Uri eu)
                Assert.Equal(eu.OriginalString, ((Uri)a!).OriginalString);
            else if (e is IEnumerable list and not string)
                Assert.Equal(list.Cast<object>(), ((IEnumerable)a!).Cast<object>());
            else
                Assert.True(Equals(e, a), $"{expected.SourcePath}: {property.Name} is {a}, not {e}");
        }
        Assert.Equal(expected.RenderContent(), actual.RenderContent());
    }

    [Fact]
    public void A_file_whose_status_moved_in_any_way_is_read_again()
    {
        for (var i = 0; i < 6; i++)
            _folder.Write($"2024-01-0{i + 1}-story-{i}.md", $"---\ntitle: Story {i}\nsummary: S.\n---\nBody {i}.\n");
        Assert.Equal(6, Indexed());
        var status = StatusOf("2024-01-01-story-0.md");

        // The same length and modification time, other bytes: only the change time tells.
        RewriteUntilChangeTimeMoves("2024-01-01-story-0.md", "---\ntitle: Story X\nsummary: S.\n---\nBody 0.\n", status);
        // Another file moved into its place, with the same length and times: only the inode tells.
        var other = _folder.Write("elsewhere.tmp", "---\ntitle: Story Y\nsummary: S.\n---\nBody 1.\n");
        File.SetLastWriteTimeUtc(other, File.GetLastWriteTimeUtc(Path.Join(_folder.Path, "2024-01-02-story-1.md")));
        File.Move(other, Path.Join(_folder.Path, "2024-01-02-story-1.md"), overwrite: true);
        _folder.Delete("2024-01-03-story-2.md");
        _folder.Write("2024-01-09-new.md", "---\ntitle: New\nsummary: S.\n---\nNew.\n");

        using var started = Folder();
        var scan = started.Scan();
        Assert.Equal(3, started.FilesFromIndex);
        Assert.Equal(3, scan.FilesRead);
        Assert.Equal(["New", "Story 3", "Story 4", "Story 5", "Story X", "Story Y"], scan.Items.Select(i => i.Title).Order());
        Assert.Contains("Body 1.", scan.Items.Single(i => i.Title == "Story Y").RenderContent());
    }

    FolderHandle.FileStatus StatusOf(string name)
    {
        using var folder = FolderHandle.Open(_folder.Path)!;
        return folder.StatusAt(name)!.Value;
    }

    // The change time moves by the file system's clock step: the rewrite is repeated until it has.
    void RewriteUntilChangeTimeMoves(string name, string text, FolderHandle.FileStatus before)
    {
        var full = Path.Join(_folder.Path, name);
        Assert.Equal(before.Length, System.Text.Encoding.UTF8.GetByteCount(text));
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            File.WriteAllText(full, text);
            File.SetLastWriteTimeUtc(full, before.LastWriteUtc);
            var now = StatusOf(name);
            Assert.Equal((before.Length, before.LastWriteUtc, before.Inode), (now.Length, now.LastWriteUtc, now.Inode));
            if (now.Change != before.Change)
                return;
            Thread.Sleep(1);
        }
        Assert.Fail("the change time never moved");
    }

    [Fact]
    public void An_index_of_other_settings_or_a_damaged_one_is_not_used_and_every_file_is_read()
    {
        _folder.Write("2024-01-01-a.md", "---\ntitle: A\nsummary: S.\n---\nBody.\n");
        _folder.Write("2024-01-02-b.md", "---\ntitle: B\nsummary: S.\n---\nBody.\n");
        Assert.Equal(2, Indexed());

        var other = Parse.Settings with { BaseUrl = new Uri("https://other.example.com/") };
        using (var moved = Folder(other))
        {
            var scan = moved.Scan();
            Assert.Equal(0, moved.FilesFromIndex);
            Assert.Contains("other settings", moved.IndexUnused);
            Assert.True(moved.IndexOutdated, "an upgrade or a new setting is expected, not damage");
            Assert.All(scan.Items, i => Assert.StartsWith("https://other.example.com/", i.PageUrl.AbsoluteUri));
        }

        var bytes = File.ReadAllBytes(_index);
        foreach (var damage in new Func<byte[], byte[]>[] { b => b[..(b.Length / 2)], b => { var c = (byte[])b.Clone(); c[^20] ^= 0x40; return c; }, _ => [] })
        {
            File.WriteAllBytes(_index, damage(bytes));
            using var started = Folder();
            var scan = started.Scan();
            Assert.Equal(0, started.FilesFromIndex);
            Assert.Contains("damaged", started.IndexUnused);
            Assert.False(started.IndexOutdated);
            Assert.Equal(["A", "B"], scan.Items.Select(i => i.Title).Order());
        }

        File.Delete(_index);
        using var none = Folder();
        Assert.Equal(2, none.Scan().Items.Count);
        Assert.Null(none.IndexUnused); // no index is not a problem
    }

    [Fact]
    public void A_file_read_within_a_clock_step_of_its_change_is_indexed_only_once_it_is_read_again_later()
    {
        _folder.Write("2024-01-01-a.md", "---\ntitle: A\nsummary: S.\n---\nBody.\n");
        using var folder = new ItemFolder(_folder.Path, Parse.Settings) { IndexPath = _index, IndexRacyWindow = TimeSpan.FromHours(1) };
        folder.Scan();
        // Written a moment before it was read: a write since could have left its status as it was.
        Assert.Equal(0, folder.TakeIndex().Save());
        Assert.True(folder.IndexStale, "it is tried again at the next write");

        using var later = new ItemFolder(_folder.Path, Parse.Settings) { IndexPath = _index, IndexRacyWindow = TimeSpan.Zero };
        later.Scan();
        Assert.Equal(1, later.TakeIndex().Save());
    }

    [Fact]
    public void A_body_left_in_its_file_is_never_read_from_bytes_other_than_those_indexed()
    {
        _folder.Write("2024-01-01-a.md", "---\ntitle: A\nsummary: S.\n---\nThe indexed body.\n");
        Assert.Equal(1, Indexed());
        using var started = Folder();
        var item = Assert.Single(started.Scan().Items);
        Assert.Equal(1, started.FilesFromIndex);

        // Edited after the start took it (the next pass publishes the edit): the old story shows no
        // body rather than the new file's body under the old title.
        _folder.Write("2024-01-01-a.md", "---\ntitle: A\nsummary: S.\n---\nAnother body, written later.\n");
        Assert.Equal("", item.RenderContent());
    }

    [Fact]
    public void Stories_that_the_clock_dates_or_whose_body_gives_the_title_are_read_at_every_start()
    {
        _folder.Write("undated.md", "---\ntitle: No date\nsummary: S.\n---\nBody.\n");
        _folder.Write("2024-01-01-wire.txt", "Wire copy headline\n\nA plain text story.");
        _folder.Write("2024-01-02-derived.md", "# Title from the body\n\nThe first paragraph.\n");
        _folder.Write("2024-01-04-stray.md", "---\ntitle: A body with a control character\n---\nBell \u0007 here.\n");
        _folder.Write("2024-01-03-kept.md", "---\ntitle: Kept\nsummary: S.\n---\nBody.\n");
        _folder.Write("2024-01-05-summary-from-body.md", "---\ntitle: Summary from the body\n---\nThe first paragraph is the summary.\n");
        Assert.Equal(2, Indexed());
        using var started = Folder();
        var items = started.Scan().Items;
        Assert.Equal(6, items.Count);
        Assert.Equal(2, started.FilesFromIndex);
        Assert.Equal("The first paragraph is the summary.", items.Single(i => i.Title == "Summary from the body").Summary);
    }
}
