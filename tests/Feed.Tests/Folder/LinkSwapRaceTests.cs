using System.Diagnostics;
using Feed.Folder;
using Feed.Testing;

namespace Feed.Tests.Folder;

/// <summary>
/// A subfolder swapped for a symbolic link while a scan runs put a file from outside the
/// items folder into the feed after 21-62 swaps. Every item a scan gives is what the documents are
/// built from, so a secret in no item is a secret in no document.
/// </summary>
public sealed class LinkSwapRaceTests(ITestOutputHelper output) : IDisposable
{
    readonly TempFolder _folder = new();
    readonly TempFolder _outside = new();

    public void Dispose()
    {
        _folder.Dispose();
        _outside.Dispose();
    }

    const int Swaps = 1_000;
    const string Secret = "SECRET-OUTSIDE-ITEMS";

    [Theory]
    [InlineData(false)]
    [InlineData(true)] // as under a system call filter that refuses openat2, or a kernel before 5.6
    public void A_subfolder_swapped_for_a_link_1000_times_during_scans_never_publishes_a_file_from_outside(bool withoutOpenat2)
    {
        var before = FolderHandle.Openat2Refused;
        FolderHandle.Openat2Refused = withoutOpenat2;
        try
        {
            Race();
        }
        finally
        {
            FolderHandle.Openat2Refused = before;
        }
    }

    void Race()
    {
        // The outside folder holds the subfolder's names (a listing taken before a swap, read after
        // it) and names of its own (a listing taken through the link).
        for (var i = 0; i < 20; i++)
        {
            _folder.Write($"news/story-{i}.md", $"---\ntitle: Story {i}\ndate: 2024-01-01\n---\nText {i}.\n");
            _outside.Write($"story-{i}.md", $"---\ntitle: {Secret} {i}\ndate: 2024-01-01\n---\n{Secret}, longer than the story it replaces.\n");
            _outside.Write($"secret-{i}.md", $"---\ntitle: {Secret} own {i}\ndate: 2024-01-01\n---\n{Secret}.\n");
        }
        _folder.Write("front.md", "---\ntitle: Front\ndate: 2024-01-01\n---\nFront.\n");
        var sub = Path.Combine(_folder.Path, "news");
        var away = Path.Combine(_folder.Path, ".news-away"); // a hidden name: never read while moved aside

        using var items = new ItemFolder(_folder.Path, Parse.Settings);
        var swaps = 0;
        var stop = false;
        var swapper = new Thread(() =>
        {
            while (!Volatile.Read(ref stop))
            {
                Directory.Move(sub, away);
                Directory.CreateSymbolicLink(sub, _outside.Path);
                Thread.Yield();
                File.Delete(sub); // the link itself
                Directory.Move(away, sub);
                Interlocked.Increment(ref swaps);
                Thread.Yield();
            }
        });

        var scans = 0;
        var leaked = new List<string>();
        var clock = Stopwatch.StartNew();
        swapper.Start();
        try
        {
            // Scans until the swapper has done its 1,000 swaps and at least 200 scans ran among them.
            while (Volatile.Read(ref swaps) < Swaps || scans < 200)
            {
                var scan = items.Scan();
                scans++;
                leaked.AddRange(scan.Items.Where(i => i.Title.Contains(Secret, StringComparison.Ordinal)
                    || i.RenderContent().Contains(Secret, StringComparison.Ordinal)).Select(i => $"scan {scans}, swap {swaps}: {i.SourcePath}"));
                if (leaked.Count > 0)
                    break;
            }
        }
        finally
        {
            Volatile.Write(ref stop, true);
            swapper.Join();
        }
        output.WriteLine($"{swaps:N0} swaps, {scans:N0} scans in {clock.ElapsedMilliseconds:N0} ms");
        Assert.True(leaked.Count == 0, $"a file from outside the items folder was published after {swaps} swaps: {string.Join("; ", leaked.Take(3))}");

        // Swapped back for good: the subfolder's own stories are all there again.
        var last = items.Scan();
        Assert.Equal(21, last.Items.Count);
    }
}
