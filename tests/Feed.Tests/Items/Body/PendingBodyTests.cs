using Feed.Folder;
using Feed.Items.Body;
using Feed.Testing;

namespace Feed.Tests.Items.Body;

/// <summary>
/// Bodies that wait to be rendered (title and summary in the front matter) live in a temporary
/// file, not on the heap, and every item renders the body of its own version of the file.
/// </summary>
public sealed class PendingBodyTests : IDisposable
{
    readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    static string Story(string title, string body) =>
        $"---\ntitle: {title}\ndate: 2024-01-01\nsummary: The summary.\n---\n{body}\n";

    // Edits within one clock tick would look like no change: each version gets its own time.
    static void Touch(string path, int minute) => File.SetLastWriteTimeUtc(path, new DateTime(2026, 1, 1, 0, minute, 0, DateTimeKind.Utc));

    [Fact]
    public void A_waiting_body_is_kept_on_disk_and_renders_when_first_shown()
    {
        using var items = new ItemFolder(_folder.Path, Parse.Settings);
        _folder.Write("a.md", Story("A story", "The **whole** story, with <script>alert(1)</script> and a [link](/about)."));

        var item = Assert.Single(items.Scan().Items);

        Assert.True(item.PendingBody!.IsStored);
        Assert.Equal("""<p>The <strong>whole</strong> story, with  and a <a href="https://news.example.com/about">link</a>.</p>""", item.RenderContent().Trim());
    }

    [Fact]
    public void A_body_after_a_byte_order_mark_and_with_stripped_characters_is_the_files_own()
    {
        using var items = new ItemFolder(_folder.Path, Parse.Settings);
        _folder.Write("bom.md", (byte[])[0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes(Story("Bom", "Café au lait."))]);
        // Stripped before the Markdown is read, as the whole text is: the bell in front of
        // "##" would otherwise keep the line from being a heading.
        _folder.Write("control.md", Story("Control", "Bell\u0007 rings, naïvely.\n\n\u0007## Part two"));

        var scan = items.Scan();

        Assert.Equal("<p>Café au lait.</p>", scan.Items.Single(i => i.Title == "Bom").RenderContent().Trim());
        Assert.Equal("<p>Bell rings, naïvely.</p>\n<h2>Part two</h2>", scan.Items.Single(i => i.Title == "Control").RenderContent().Trim());
    }

    [Fact]
    public void An_item_of_an_earlier_scan_renders_its_own_body_after_the_file_changed()
    {
        using var items = new ItemFolder(_folder.Path, Parse.Settings);
        _folder.Write("a.md", Story("First", "The first version."));
        var first = Assert.Single(items.Scan().Items);

        Touch(_folder.Write("a.md", Story("Second", "The second version, longer than the first.")), 1);
        var second = Assert.Single(items.Scan().Items);

        Assert.Equal("<p>The second version, longer than the first.</p>", second.RenderContent().Trim());
        Assert.Equal("<p>The first version.</p>", first.RenderContent().Trim());
    }

    [Fact]
    public void A_store_left_mostly_dead_by_edits_is_compacted_and_every_item_still_renders()
    {
        using var items = new ItemFolder(_folder.Path, Parse.Settings) { CompactBodiesAbove = 64 * 1024 };
        var body = new string('x', 8 * 1024);
        _folder.Write("kept.md", Story("Kept", "Kept " + body));
        var kept = items.Scan().Items.Single();
        var firstStore = kept.PendingBody!.Store;
        NewsItem? early = null;

        for (var edit = 0; edit < 40; edit++)
        {
            Touch(_folder.Write("edited.md", Story("Edited", $"Edit {edit} {body}")), edit);
            var edited = items.Scan().Items.Single(i => i.Title == "Edited");
            early ??= edited;
        }

        var now = items.Scan().Items;
        var store = now.Single(i => i.Title == "Kept").PendingBody!.Store!;
        Assert.NotSame(firstStore, store);
        // 40 edits of 8 KB each were written; only two bodies are alive.
        Assert.True(store.Length < 64 * 1024, $"store holds {store.Length} bytes");
        Assert.Equal($"<p>Kept {body}</p>", now.Single(i => i.Title == "Kept").RenderContent().Trim());
        Assert.Equal($"<p>Edit 39 {body}</p>", now.Single(i => i.Title == "Edited").RenderContent().Trim());
        // An item of an older snapshot still reads from the store it was written to.
        Assert.Equal($"<p>Edit 0 {body}</p>", early!.RenderContent().Trim());
    }

    [Fact]
    public void Without_a_body_store_the_body_stays_in_memory()
    {
        var pending = new PendingBody("In *memory*."u8.ToArray());
        Assert.False(pending.IsStored);
        Assert.Equal("In *memory*.", System.Text.Encoding.UTF8.GetString(pending.Utf8().Span));
        Assert.Null(BodyStore.TryCreate(Path.Combine(_folder.Path, "no-such-folder")));
    }

    [Fact]
    public void A_body_store_read_that_fails_is_reported_naming_the_file()
    {
        var item = Parse.Item("2024-01-01-stored.md", "---\ntitle: T\nsummary: S\n---\nBody.\n");
        var store = BodyStore.TryCreate(_folder.Path)!;
        item.PendingBody!.MoveTo(store);
        store.Dispose(); // as a store that fails to read
        var reported = new List<string>();
        void Record(string path, Exception e)
        {
            if (path == "2024-01-01-stored.md")
                lock (reported) reported.Add(path);
        }
        PendingBody.ReadFailed += Record;
        try
        {
            Assert.Equal("", item.RenderContent()); // shown with its summary only
        }
        finally
        {
            PendingBody.ReadFailed -= Record;
        }
        Assert.Single(reported);
    }
}
