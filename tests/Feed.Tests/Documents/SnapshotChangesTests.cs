using System.Globalization;
using Feed.Documents;
using Feed.Folder;
using Feed.Publishing;

namespace Feed.Tests.Documents;

/// <summary>
/// Snapshots built from the previous one's changes (groups, page lookups, the recent window)
/// against snapshots built from scratch, with stories the ledger dated as first seen or changed
/// lately, so that late stories ride the feeds and leave them as the window passes.
/// </summary>
public class SnapshotChangesTests
{
    static readonly DateTimeOffset Start = new(2026, 12, 1, 6, 0, 0, TimeSpan.Zero);
    static readonly FeedSettings Settings = Parse.Settings with { MaxItems = 4, MaxRecentItems = 3, RecentWindow = TimeSpan.FromHours(6) };
    static readonly string[] Tags = ["weather", "markets", "sport"];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Snapshots_built_from_changes_have_the_bytes_of_snapshots_built_from_scratch(int seed)
    {
        var random = new Random(seed);
        var now = Start;
        var files = new Dictionary<string, NewsItem>(StringComparer.Ordinal);
        for (var i = 0; i < 30; i++)
            Put(random, files, $"{(i % 3 == 0 ? "world/" : "")}story-{i}.md", now);
        FeedSnapshot? previous = null;
        Dictionary<string, NewsItem> before = [];
        long version = 0;
        var fromChanges = 0;
        for (var step = 0; step < 60; step++)
        {
            var path = files.Keys.ElementAt(random.Next(files.Count));
            var what = random.Next(3) switch
            {
                0 => $"edit {Put(random, files, path, now)}",
                1 => $"add {Put(random, files, $"story-{random.Next(1000)}.md", now)}",
                _ => files.Remove(path) ? $"delete {path}" : "",
            };
            var told = files.Keys.Union(before.Keys).Where(p => !ReferenceEquals(files.GetValueOrDefault(p), before.GetValueOrDefault(p)))
                .ToDictionary(p => p, p => files.GetValueOrDefault(p), StringComparer.Ordinal);
            var candidates = files.Values.ToList();
            var publication = Publication.Select(candidates, now, previous?.Publication, new ItemChanges(version, version + 1, told));
            fromChanges += publication.SelectedFromChanges ? 1 : 0;
            var changed = FeedSnapshot.Build(publication, Settings, previous, now);
            var scratch = FeedSnapshot.Build(Publication.Select(candidates, now), Settings, null, now);
            var context = $"seed {seed}, step {step}: {what}";
            Assert.Equal(scratch.DocumentPaths.Order(StringComparer.Ordinal), changed.DocumentPaths.Order(StringComparer.Ordinal));
            foreach (var document in scratch.DocumentPaths)
                Assert.True(scratch.Document(document)!.Identity.Body.AsSpan().SequenceEqual(changed.Document(document)!.Identity.Body), $"{context}: {document}");
            foreach (var item in candidates)
                Assert.Equal(scratch.ItemAt(item.PagePath)?.SourcePath, changed.ItemAt(item.PagePath)?.SourcePath);
            (previous, before, version) = (changed, new(files), version + 1);
            now = now.AddMinutes(random.Next(5, 120));
        }
        Assert.True(fromChanges > 30, $"{fromChanges} of 60 snapshots started from the changes");
    }

    static string Put(Random random, Dictionary<string, NewsItem> files, string path, DateTimeOffset now)
    {
        var date = now.AddDays(-random.Next(0, 20)).AddHours(-random.Next(24));
        var text = $"---\ntitle: Story {random.Next(100)}\ndate: {date.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}\ntags: [{Tags[random.Next(Tags.Length)]}]\n---\nText {random.Next(9)}.\n";
        // As the ledger dates it: first seen or last changed now, so an older-dated story rides the window.
        files[path] = Parse.Item(path, text, Settings) with { Noticed = now };
        return path;
    }
}
