using System.Globalization;
using Feed.Documents;
using Feed.Folder;
using Feed.Publishing;
using Feed.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Feed.Tests.Folder;

/// <summary>
/// The differential test of incremental rebuilds: random change sequences applied to one folder,
/// published two ways after each change (the paths file events would name, scanned by a
/// long-lived folder, built on the previous snapshot; and a new folder walked and built from
/// scratch), and every document compared byte for byte.
/// </summary>
public sealed partial class IncrementalRebuildTests : IDisposable
{
    readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    static readonly FeedSettings Settings = Parse.Settings with { MaxItems = 4, MaxSitemapUrls = 20 };

    static readonly string[] Folders = ["", "world/", "business/", "world/europe/"];
    static readonly string[] Tags = ["Weather", "Elections", "Markets", "Sport"];
    static readonly string[] Authors = ["Ada Byline", "Ben Desk"];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void Random_changes_publish_the_same_bytes_as_a_full_rebuild(int seed)
    {
        var random = new Random(seed);
        // The fake clock runs ahead of the real one, which stamps the folders' times: a folder's
        // time then counts (a deletion shows only there), and so does a touched file's.
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(1));
        using var incremental = new ItemFolder(_folder.Path, Settings, time: time);
        using var walker = new ItemFolder(_folder.Path, Settings, time: time);
        var files = new List<string>();
        for (var i = 0; i < 30; i++)
            files.Add(Write(random, time, NewPath(random, files), random.Next(2020, 2027)));
        FeedSnapshot? previous = null;
        var first = incremental.Scan();
        previous = CompareWithFullRebuild(first, walker, previous, time, "the first walk");

        for (var step = 0; step < 50; step++)
        {
            time.Advance(TimeSpan.FromMinutes(random.Next(1, 90)));
            var (what, named) = Change(random, time, files);
            var scan = incremental.Scan(named);
            previous = CompareWithFullRebuild(scan, walker, previous, time, $"seed {seed}, step {step}: {what}");
        }
    }

    /// <summary>One random change; what it was, and the paths its file events would name (null: the watcher asks for a walk).</summary>
    (string What, IReadOnlyCollection<string>? Named) Change(Random random, FakeTimeProvider time, List<string> files)
    {
        var path = files[random.Next(files.Count)];
        switch (random.Next(12))
        {
            case 0:
                Write(random, time, path, random.Next(2020, 2027));
                return ($"edit {path}", [path]);
            case 1:
                var added = NewPath(random, files);
                files.Add(Write(random, time, added, 2026));
                return ($"add {added}", [added]);
            case 2:
                _folder.Delete(path);
                files.Remove(path);
                return ($"delete {path}", [path]);
            case 3:
                var renamed = NewPath(random, files);
                Directory.CreateDirectory(Path.GetDirectoryName(Full(renamed))!);
                File.Move(Full(path), Full(renamed));
                files[files.IndexOf(path)] = renamed;
                return ($"rename {path} to {renamed}", [path, renamed]);
            case 4:
                return MoveFolder(random, files);
            case 5:
                File.SetLastWriteTimeUtc(Full(path), time.GetUtcNow().UtcDateTime.AddSeconds(-random.Next(1, 30)));
                return ($"touch {path}", [path]);
            case 6:
                var text = File.ReadAllText(Full(path));
                Rewrite(time, path, DateLine().Replace(text, $"date: {random.Next(2020, 2027)}-0{random.Next(1, 10)}-1{random.Next(0, 10)}T08:00:00Z", 1));
                return ($"date fix {path}", [path]);
            case 7:
                var tagged = File.ReadAllText(Full(path));
                Rewrite(time, path, TagLine().Replace(tagged, $"tags: [{Tags[random.Next(Tags.Length)]}]", 1));
                return ($"tag change {path}", [path]);
            case 8:
                Rewrite(time, path, "---\ntitle: [broken\n---\nText.\n");
                return ($"break {path}", [path]);
            case 9:
                return Namesake(time, path, files);
            case 10:
                return DeleteNewest(files);
            default:
                Write(random, time, path, random.Next(2020, 2027)); // a fix when it was broken
                return ($"rewrite {path}", [path]);
        }
    }

    /// <summary>The same story under a name that differs only in case: the same page on the same day, so one of them is "-2".</summary>
    (string, IReadOnlyCollection<string>?) Namesake(FakeTimeProvider time, string path, List<string> files)
    {
        var name = Path.GetFileName(path);
        var namesake = path[..^name.Length] + char.ToUpperInvariant(name[0]) + name[1..];
        if (files.Contains(namesake))
            return ("nothing", []);
        Rewrite(time, namesake, File.ReadAllText(Full(path)));
        files.Add(namesake);
        return ($"namesake {namesake} of {path}", [namesake]);
    }

    /// <summary>The story dated latest (the main feeds' first entry) deleted.</summary>
    (string, IReadOnlyCollection<string>?) DeleteNewest(List<string> files)
    {
        var newest = files.Select(f => (File: f, Date: DateLine().Match(File.ReadAllText(Full(f))).Value))
            .Where(f => f.Date.Length > 0).OrderByDescending(f => f.Date, StringComparer.Ordinal).Select(f => f.File).FirstOrDefault();
        if (newest is null || files.Count < 5)
            return ("nothing", []);
        _folder.Delete(newest);
        files.Remove(newest);
        return ($"delete the newest {newest}", [newest]);
    }

    (string, IReadOnlyCollection<string>?) MoveFolder(Random random, List<string> files)
    {
        var from = random.Next(2) == 0 ? "world/europe" : "business";
        if (!Directory.Exists(Full(from)))
            return ("nothing", []);
        // Into a folder the last walk saw, or into a new one.
        var to = random.Next(2) == 0 ? $"moved-{random.Next(1000)}/{Path.GetFileName(from)}" : $"world/{Path.GetFileName(from)}-{random.Next(1000)}";
        Directory.CreateDirectory(Path.GetDirectoryName(Full(to))!);
        Directory.Move(Full(from), Full(to));
        for (var i = 0; i < files.Count; i++)
        {
            if (files[i].StartsWith(from + "/", StringComparison.Ordinal))
                files[i] = to + files[i][from.Length..];
        }
        // As the watcher names it when both sides are inside; a move out and in again is a walk.
        return ($"move {from} to {to}", random.Next(2) == 0 ? [from, to] : null);
    }

    /// <summary>
    /// The reference is a walk of the whole folder by a folder that has seen every version (a
    /// broken file keeps its last good version there too), built from scratch; while no file is
    /// broken, a folder that never saw the folder before gives the same bytes too.
    /// </summary>
    FeedSnapshot CompareWithFullRebuild(FolderScan scan, ItemFolder walker, FeedSnapshot? previous, FakeTimeProvider time, string step)
    {
        var full = walker.Scan();
        var result = Compare(scan, full, previous, time, step);
        if (full.Skipped == 0)
        {
            using var fresh = new ItemFolder(_folder.Path, Settings, time: time);
            Compare(scan, fresh.Scan(), previous, time, step + " (a new folder)");
        }
        return result;
    }

    static FeedSnapshot Compare(FolderScan scan, FolderScan full, FeedSnapshot? previous, FakeTimeProvider time, string step)
    {
        var now = time.GetUtcNow();
        Assert.Equal(full.ChangedAt, scan.ChangedAt);
        Assert.Equal(full.Skipped, scan.Skipped);
        var incremental = FeedSnapshot.Build(Publication.Select(scan.Items, now, previous?.Publication, scan.ItemChanges), Settings, previous, scan.ChangedAt);
        var scratch = FeedSnapshot.Build(Publication.Select(full.Items, now), Settings, null, full.ChangedAt);

        Assert.True(scratch.DocumentPaths.Order(StringComparer.Ordinal).SequenceEqual(incremental.DocumentPaths.Order(StringComparer.Ordinal)), step);
        foreach (var path in scratch.DocumentPaths)
            Assert.True(scratch.Document(path)!.Identity.Body.AsSpan().SequenceEqual(incremental.Document(path)!.Identity.Body), $"{step}: {path}");
        Assert.Equal(scratch.Fingerprint, incremental.Fingerprint);
        Assert.Equal(scratch.Items.Select(i => i.PagePath), incremental.Items.Select(i => i.PagePath));
        foreach (var item in scratch.Items)
            Assert.True(scratch.ItemPage(item.PagePath)!.Identity.Body.AsSpan().SequenceEqual(incremental.ItemPage(item.PagePath)!.Identity.Body), $"{step}: {item.PagePath}");
        return incremental;
    }

    string NewPath(Random random, List<string> files)
    {
        string path;
        do
            path = $"{Folders[random.Next(Folders.Length)]}story-{random.Next(10_000)}.md";
        while (files.Contains(path) || File.Exists(Full(path)));
        return path;
    }

    string Write(Random random, FakeTimeProvider time, string path, int year)
    {
        var month = random.Next(1, 13).ToString("D2", CultureInfo.InvariantCulture);
        var day = random.Next(1, 29).ToString("D2", CultureInfo.InvariantCulture);
        Rewrite(time, path, $"""
            ---
            title: Story {random.Next(100_000)} from {Path.GetFileNameWithoutExtension(path)}
            date: {year}-{month}-{day}T{random.Next(0, 24):D2}:00:00Z
            tags: [{Tags[random.Next(Tags.Length)]}, {Tags[random.Next(Tags.Length)]}]
            author: {Authors[random.Next(Authors.Length)]}
            ---
            Body {random.Next()} with **markup**.

            """);
        return path;
    }

    // File times are set from the fake clock, a day back, so that a rewrite in the same tick of
    // the real clock still counts as a change, and the folders' times are the latest.
    void Rewrite(FakeTimeProvider time, string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Full(path))!);
        File.WriteAllText(Full(path), text);
        File.SetLastWriteTimeUtc(Full(path), time.GetUtcNow().UtcDateTime.AddDays(-1));
        time.Advance(TimeSpan.FromSeconds(2));
    }

    string Full(string path) => Path.Combine(_folder.Path, path);

    [System.Text.RegularExpressions.GeneratedRegex("^date: .*$", System.Text.RegularExpressions.RegexOptions.Multiline)]
    private static partial System.Text.RegularExpressions.Regex DateLine();

    [System.Text.RegularExpressions.GeneratedRegex("^tags: .*$", System.Text.RegularExpressions.RegexOptions.Multiline)]
    private static partial System.Text.RegularExpressions.Regex TagLine();
}
