using System.Globalization;
using Feed.Folder;
using Feed.Publishing;

namespace Feed.Tests.Publishing;

/// <summary>
/// The differential test of selecting from what changed: random change sequences (edits,
/// additions, deletions, drafts, scheduled and expiring stories, shared ids and pages) selected
/// from the previous publication and from scratch, compared after every step.
/// </summary>
public class SelectionChangesTests
{
    static readonly DateTimeOffset Start = new(2026, 12, 1, 6, 0, 0, TimeSpan.Zero);
    static readonly string[] Slugs = ["storm", "budget", "floods", "vote", "markets", "rates", "match", "census"];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public void Random_changes_select_what_a_whole_selection_would(int seed)
    {
        var random = new Random(seed);
        var files = new Dictionary<string, NewsItem>(StringComparer.Ordinal);
        var now = Start;
        for (var i = 0; i < 60; i++)
            Put(random, files, $"story-{i}.md", now);
        Publication? previous = null, toldPrevious = null;
        int fromChanges = 0, fromTold = 0;
        Dictionary<string, NewsItem> before = [];
        long version = 0;
        for (var step = 0; step < 150; step++)
        {
            var what = string.Join(", ", Enumerable.Range(0, random.Next(1, 4)).Select(_ => Change(random, files, now)));
            var candidates = files.Values.OrderBy(_ => random.Next()).ToList();
            var context = $"seed {seed}, step {step}: {what}";
            var whole = Publication.Select(candidates, now);
            var index = previous?.HasIndex ?? false;
            var changed = Publication.Select(candidates, now, previous);
            // Told what changed, as the rebuild tells it.
            var told = files.Keys.Union(before.Keys).Where(p => !ReferenceEquals(files.GetValueOrDefault(p), before.GetValueOrDefault(p)))
                .ToDictionary(p => p, p => files.GetValueOrDefault(p), StringComparer.Ordinal);
            var toldChanged = Publication.Select(candidates, now, toldPrevious, new ItemChanges(version, version + 1, told));
            (before, version, toldPrevious) = (new(files), version + 1, toldChanged);
            fromTold += toldChanged.SelectedFromChanges ? 1 : 0;
            Assert.True(whole.Items.Select(Shown).SequenceEqual(toldChanged.Items.Select(Shown)), context + " (told)");
            Assert.Equal(whole.NextScheduled, toldChanged.NextScheduled);
            Assert.Equal(Paths(whole.Drafts), Paths(toldChanged.Drafts));
            Assert.Equal(Paths(whole.Scheduled), Paths(toldChanged.Scheduled));
            Assert.True(whole.Items.Select(Shown).SequenceEqual(changed.Items.Select(Shown)), context);
            Assert.Equal(whole.Problems, changed.Problems);
            Assert.Equal(whole.NextScheduled, changed.NextScheduled);
            Assert.Equal(Paths(whole.Scheduled), Paths(changed.Scheduled));
            Assert.Equal(Paths(whole.Expired), Paths(changed.Expired));
            Assert.Equal(Paths(whole.Drafts), Paths(changed.Drafts));
            if (index && changed.SelectedFromChanges)
                fromChanges++;
            previous = changed;
            // Mostly within the next scheduled change; now and then past it.
            now = now.AddMinutes(random.Next(1, random.Next(4) == 0 ? 600 : 30));
        }
        Assert.True(fromChanges > 50, $"{fromChanges} of 150 selections started from the changes");
        Assert.True(fromTold > 50, $"{fromTold} of 150 selections told what changed started from it");
    }

    static string Shown(NewsItem i) => $"{i.SourcePath} {i.Id} {i.PagePath} {i.Published:O} {i.Updated:O}";

    static IEnumerable<string> Paths(IReadOnlyList<NewsItem> items) => items.Select(i => i.SourcePath).Order(StringComparer.Ordinal);

    static void Put(Random random, Dictionary<string, NewsItem> files, string path, DateTimeOffset now)
    {
        var lines = new List<string> { $"title: {Slugs[random.Next(Slugs.Length)]} {random.Next(100)}" };
        // Scheduled, expiring and draft stories are common; the conflicts and warnings that make a
        // selection look at every file are rare, as in a newsroom.
        var kind = random.Next(60);
        var date = kind < 3 ? now.AddHours(random.Next(1, 6)) : now.AddDays(-random.Next(0, 40)).AddMinutes(-random.Next(600));
        lines.Add($"date: {Time(date)}");
        if (kind is >= 3 and < 6)
            lines.Add($"expires: {Time(now.AddHours(random.Next(-2, 8)))}");
        if (kind is >= 6 and < 9)
            lines.Add("draft: true");
        if (kind == 9)
            lines.Add($"updated: {Time(now.AddHours(2))}"); // a correction dated ahead: a warning
        if (kind == 10)
            lines.Add($"id: urn:story:{random.Next(3)}");
        if (kind == 11)
            lines.Add($"slug: {Slugs[random.Next(Slugs.Length)]}");
        files[path] = Parse.Item(path, $"---\n{string.Join('\n', lines)}\n---\nText {random.Next(9)}.\n");
    }

    static string Time(DateTimeOffset t) => t.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    static string Change(Random random, Dictionary<string, NewsItem> files, DateTimeOffset now)
    {
        var path = files.Keys.ElementAt(random.Next(files.Count));
        switch (random.Next(4))
        {
            case 0:
                Put(random, files, path, now);
                return $"edit {path}";
            case 1:
                var added = $"story-{random.Next(1000)}.md";
                Put(random, files, added, now);
                return $"add {added}";
            case 2 when files.Count > 10:
                files.Remove(path);
                return $"delete {path}";
            default:
                return "nothing";
        }
    }
}
