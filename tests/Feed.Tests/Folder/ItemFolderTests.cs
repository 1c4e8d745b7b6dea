using Feed.Folder;
using Feed.Testing;

namespace Feed.Tests.Folder;

public sealed class ItemFolderTests : IDisposable
{
    readonly TempFolder _folder = new();
    readonly ItemFolder _items;

    public ItemFolderTests() => _items = new ItemFolder(_folder.Path, Parse.Settings);

    public void Dispose() => _folder.Dispose();

    const string Story = "---\ntitle: A story\ndate: 2024-01-01\n---\nText.\n";

    [Fact]
    public void Reads_markdown_and_text_files_in_subfolders_and_ignores_the_rest()
    {
        _folder.Write("a.md", Story);
        _folder.Write("b.markdown", Story.Replace("A story", "B"));
        _folder.Write("deep/er/c.txt", "date 2024-01-02 C story.");
        _folder.Write("#breaking.md", Story.Replace("A story", "Hash"));
        foreach (var ignored in new[] { ".hidden.md", ".git/x.md", "draft.md~", "#autosave.md#", "x.md.swp", "x.tmp", "notes.json", "README", "posts/_index.md" })
            _folder.Write(ignored, Story);

        var scan = _items.Scan();
        Assert.Equal(["#breaking.md", "a.md", "b.markdown", "deep/er/c.txt"], scan.Items.Select(i => i.SourcePath).Order(StringComparer.Ordinal));
        Assert.Empty(scan.Problems);
    }

    [Fact]
    public void Bad_file_is_reported_once_and_the_rest_is_read()
    {
        _folder.Write("good.md", Story);
        _folder.Write("bad.md", "---\ntitle: [\n---\n");
        var first = _items.Scan();
        Assert.Equal(["good.md"], first.Items.Select(i => i.SourcePath));
        Assert.Equal("bad.md", Assert.Single(first.Problems).Path);
        Assert.Equal(1, first.Skipped);

        var second = _items.Scan();
        Assert.Empty(second.Problems);
        Assert.Equal(0, second.FilesRead);
        Assert.Equal(1, second.Skipped);
    }

    [Fact]
    public void Only_new_and_changed_files_are_read_again()
    {
        for (var i = 0; i < 20; i++)
            _folder.Write($"2024-01-01-item-{i}.md", $"Story {i}.");
        Assert.Equal(20, _items.Scan().FilesRead);

        _folder.Write("2024-01-01-item-3.md", "Story three, now longer.");
        _folder.Write("2024-01-01-item-20.md", "Story 20.");
        _folder.Delete("2024-01-01-item-7.md");
        var scan = _items.Scan();
        Assert.Equal(2, scan.FilesRead);
        Assert.Equal(3, scan.Changed);
        Assert.Equal(20, scan.Items.Count);
        Assert.Contains(scan.Items, i => i.Title == "Story three, now longer");
    }

    [Fact]
    public void Broken_edit_keeps_the_last_good_version_until_fixed()
    {
        _folder.Write("story.md", Story);
        var good = Assert.Single(_items.Scan().Items);

        _folder.Write("story.md", "---\ntitle: A story\ndate: not yet\n---\nText, edited.\n");
        var broken = _items.Scan();
        Assert.Same(good, Assert.Single(broken.Items));
        var problem = Assert.Single(broken.Problems);
        Assert.Equal(("story.md", 3), (problem.Path, problem.Line));
        Assert.EndsWith("the previous version stays published until the file is fixed", problem.Message);

        _folder.Write("story.md", Story.Replace("Text.", "Text, fixed."));
        var fixedScan = _items.Scan();
        Assert.Equal(["story.md"], fixedScan.Fixed);
        Assert.Contains("fixed", Assert.Single(fixedScan.Items).RenderContent());
    }

    [Fact]
    public void A_file_that_was_never_valid_is_simply_skipped()
    {
        _folder.Write("story.md", "---\ndate: nope\n---\nText.\n");
        var scan = _items.Scan();
        Assert.Empty(scan.Items);
        Assert.DoesNotContain("previous version", Assert.Single(scan.Problems).Message);
    }

    [Fact]
    public void Deleted_file_removes_its_item_and_a_renamed_one_keeps_its_id()
    {
        _folder.Write("2024-01-01-story.md", Story);
        var id = Assert.Single(_items.Scan().Items).Id;
        File.Move(Path.Combine(_folder.Path, "2024-01-01-story.md"), Path.Combine(_folder.Path, "world", "..", "2024-01-01-story.markdown"));
        Assert.Equal(id, Assert.Single(_items.Scan().Items).Id);
        _folder.Delete("2024-01-01-story.markdown");
        Assert.Empty(_items.Scan().Items);
    }

    [Fact]
    public void File_over_the_size_limit_is_not_read()
    {
        var small = new ItemFolder(_folder.Path, Parse.Settings with { MaxItemBytes = 10 });
        _folder.Write("big.md", Story);
        var scan = small.Scan();
        Assert.Empty(scan.Items);
        Assert.Contains("over the 10-byte limit", Assert.Single(scan.Problems).Message);
    }

    [Fact]
    public void Symbolic_links_out_of_the_folder_are_not_followed_and_loops_do_no_harm()
    {
        using var outside = new TempFolder();
        outside.Write("secret.md", "---\ntitle: Secret\n---\nPrivate.\n");
        _folder.Write("story.md", Story);
        File.CreateSymbolicLink(Path.Combine(_folder.Path, "leak.md"), Path.Combine(outside.Path, "secret.md"));
        Directory.CreateSymbolicLink(Path.Combine(_folder.Path, "leakdir"), outside.Path);
        Directory.CreateSymbolicLink(Path.Combine(_folder.Path, "loop"), _folder.Path);
        File.CreateSymbolicLink(Path.Combine(_folder.Path, "self.md"), Path.Combine(_folder.Path, "self.md"));

        var scan = _items.Scan();
        Assert.Equal(["story.md"], scan.Items.Select(i => i.SourcePath));
        Assert.Equal(["leak.md", "leakdir", "self.md"], scan.Problems.Select(p => p.Path).Order());
        Assert.All(scan.Problems, p => Assert.Contains("not followed", p.Message));
        Assert.Empty(_items.Scan().Problems); // said once, not on every pass
    }

    [Fact]
    public void Missing_folder_is_reported_as_such_and_found_when_created()
    {
        var missing = new ItemFolder(Path.Combine(_folder.Path, "not-yet"), Parse.Settings);
        Assert.False(missing.Scan().FolderExists);
        _folder.Write("not-yet/story.md", Story);
        var scan = missing.Scan();
        Assert.True(scan.FolderExists);
        Assert.Single(scan.Items);
    }

    [Fact]
    public void Beyond_max_item_files_only_the_first_by_path_are_read_with_one_warning()
    {
        var capped = new ItemFolder(_folder.Path, Parse.Settings with { MaxItemFiles = 3 });
        for (var i = 0; i < 5; i++)
            _folder.Write($"2024-01-0{i + 1}-item-{i}.md", $"Story {i}.");
        var scan = capped.Scan();
        Assert.Equal(["2024-01-01-item-0.md", "2024-01-02-item-1.md", "2024-01-03-item-2.md"], scan.Items.Select(i => i.SourcePath).Order());
        Assert.Contains("holds 5 item files, more than Feed:MaxItemFiles (3)", Assert.Single(scan.Problems).Message);
        Assert.Empty(capped.Scan().Problems);
    }

    [Fact]
    public void A_fifo_named_like_an_item_is_reported_empty_and_never_opened()
    {
        _folder.Write("story.md", Story);
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [Path.Combine(_folder.Path, "pipe.md")]))
            mkfifo.WaitForExit();
        var scan = _items.Scan(); // opening the FIFO would block here forever
        Assert.Equal(["story.md"], scan.Items.Select(i => i.SourcePath));
        Assert.Equal("pipe.md: is empty; write a story in it or delete it", Assert.Single(scan.Problems).ToString());
    }

    [Fact]
    public void A_file_name_that_is_not_utf8_is_skipped_with_a_warning_naming_it_and_counted()
    {
        _folder.Write("2024-01-01-good.md", Story);
        // Latin-1 "café.md": .NET strings cannot spell such a name, so the shell writes it.
        using (var shell = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("/bin/sh",
            ["-c", "printf '%s' \"$1\" > \"$(printf 'caf\\351.md')\"", "sh", Story])
        { WorkingDirectory = _folder.Path })!)
            shell.WaitForExit();
        Assert.Equal(2, Directory.GetFiles(_folder.Path).Length);

        var scan = _items.Scan();
        Assert.Equal(["2024-01-01-good.md"], scan.Items.Select(i => i.SourcePath));
        Assert.Equal(1, scan.Skipped);
        var problem = Assert.Single(scan.Problems, p => p.Level == ProblemLevel.Error);
        Assert.Equal("caf\uFFFD.md", problem.Path);
        Assert.StartsWith("has a file name that is not UTF-8", problem.Message);

        var again = _items.Scan();
        Assert.Equal(1, again.Skipped);
        Assert.Empty(again.Problems); // said once, not on every rescan
    }
}
