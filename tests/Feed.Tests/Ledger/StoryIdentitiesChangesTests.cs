using System.Globalization;
using System.Text;
using Feed.Folder;
using Feed.Items;
using Feed.Ledger;

namespace Feed.Tests.Ledger;

/// <summary>
/// The differential test of assigning identities to what changed: random change sequences
/// (edits, additions, deletions, renames, namesakes, stated ids, drafts, scheduled stories)
/// assigned two ways, by a pass that looks at the changed files alone and by a pass that looks at
/// every file, each over its own ledger memory; every story, page and item must come out the same.
/// </summary>
public class StoryIdentitiesChangesTests
{
    static readonly DateTimeOffset Start = new(2026, 12, 1, 6, 0, 0, TimeSpan.Zero);
    static readonly string[] Titles = ["Storm", "Budget", "Floods", "Vote", "Markets", "Storm warning"];
    static readonly string[] Folders = ["", "desk/", "wire/"];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    // Seeds that once failed: a stated id against a path (126), namesakes that claimed one id (32, 34).
    [InlineData(32)]
    [InlineData(34)]
    [InlineData(126)]
    public void Random_changes_assign_what_a_pass_over_every_file_would(int seed)
    {
        var random = new Random(seed);
        var files = new Dictionary<string, (string Text, NewsItem Item)>(StringComparer.Ordinal);
        var now = Start;
        var changes = new StoryIdentities(Parse.Settings);
        var everything = new StoryIdentities(Parse.Settings) { Incremental = false };
        var named = new StoryIdentities(Parse.Settings);
        LedgerMemory changesMemory = new(), everythingMemory = new(), namedMemory = new();
        Dictionary<string, NewsItem> before = [];
        long version = 0;
        for (var i = 0; i < 40; i++)
            Add(random, files, now);

        for (var step = 0; step < 120; step++)
        {
            var what = step == 0 ? "the first pass" : string.Join(", ", Enumerable.Range(0, random.Next(1, 4)).Select(_ => Change(random, files, now)));
            var candidates = files.Values.Select(f => f.Item).OrderBy(_ => random.Next()).ToList();
            var a = changes.Assign(candidates, changesMemory, now);
            var b = everything.Assign(candidates, everythingMemory, now);
            // The third is told what changed, as the folder tells the server.
            var present = files.ToDictionary(f => f.Key, f => f.Value.Item, StringComparer.Ordinal);
            var told = present.Keys.Union(before.Keys).Where(p => !ReferenceEquals(present.GetValueOrDefault(p), before.GetValueOrDefault(p)))
                .ToDictionary(p => p, p => present.GetValueOrDefault(p), StringComparer.Ordinal);
            var c = named.Assign(candidates, namedMemory, now, step == 0 ? null : new ItemChanges(version, version + 1, told), out _);
            (before, version) = (present, version + 1);
            var context = $"seed {seed}, step {step}: {what}";
            Assert.True(a.Select(Shown).SequenceEqual(b.Select(Shown)), $"{context}\n{Diff(a.Select(Shown), b.Select(Shown))}");
            Assert.True(Stories(changesMemory).SequenceEqual(Stories(everythingMemory)), $"{context}\n{Diff(Stories(changesMemory), Stories(everythingMemory))}");
            var (byPath, toldByPath) = (b.Select(Shown).Order(StringComparer.Ordinal), c.Select(Shown).Order(StringComparer.Ordinal));
            Assert.True(toldByPath.SequenceEqual(byPath), $"{context} (told)\n{Diff(toldByPath, byPath)}");
            Assert.True(Stories(namedMemory).SequenceEqual(Stories(everythingMemory)), $"{context} (told)\n{Diff(Stories(namedMemory), Stories(everythingMemory))}");
            Assert.True(changesMemory.Pages.OrderBy(p => p.Key, StringComparer.Ordinal).SequenceEqual(everythingMemory.Pages.OrderBy(p => p.Key, StringComparer.Ordinal)),
                context);
            // The URL history kept up to date as stories change gives what one made from scratch gives.
            var fresh = LedgerMemory.From(namedMemory.Stories, namedMemory.Pages, 0, null);
            var published = c.Where(i => !i.Draft && i.Published <= now).Select(i => i.PagePath).ToHashSet(StringComparer.Ordinal);
            var (kept, made) = (namedMemory.UrlHistory(published.Contains), fresh.UrlHistory(published.Contains));
            Assert.Equal(made.Moved, kept.Moved);
            Assert.Equal(made.Gone, kept.Gone);
            changesMemory.Published((ulong)step + 1, now);
            namedMemory.Published((ulong)step + 1, now);
            everythingMemory.Published((ulong)step + 1, now);
            now = now.AddMinutes(random.Next(1, 240));
        }
        // The test means something only if most passes looked at the changes alone.
        Assert.True(changes.PassesOverChanges > 40, $"{changes.PassesOverChanges} of 120 passes looked at the changes alone");
        Assert.True(named.PassesOverChanges > 40, $"{named.PassesOverChanges} of 120 passes told what changed looked at it alone");
        Assert.Equal(0, everything.PassesOverChanges);
    }

    [Fact]
    public void A_pass_over_one_edited_file_keeps_every_other_item_as_it_was()
    {
        var memory = new LedgerMemory();
        var identities = new StoryIdentities(Parse.Settings);
        var files = Enumerable.Range(0, 50).Select(i => File($"story-{i}.md", $"---\ntitle: Story {i}\ndate: 2026-11-{i % 28 + 1:D2}\n---\nText {i}.\n")).ToArray();
        var minted = identities.Assign(files, memory, Start);
        memory.Published(1, Start);
        var first = identities.Assign(files, memory, Start.AddMinutes(1));
        Assert.All(Enumerable.Range(0, 50), i => Assert.Same(minted[i], first[i]));
        files[7] = File("story-7.md", "---\ntitle: Story 7\ndate: 2026-11-08\n---\nText 7, corrected.\n");
        var second = identities.Assign(files, memory, Start.AddMinutes(2));
        // Each file holds the story minted for it from the first pass on: no pass after it looks at every file again.
        Assert.Equal(2, identities.PassesOverChanges);
        Assert.All(Enumerable.Range(0, 50).Where(i => i != 7), i => Assert.Same(first[i], second[i]));
        Assert.Equal((first[7].Id, first[7].PagePath), (second[7].Id, second[7].PagePath));
        Assert.Equal(Start.AddMinutes(2), second[7].Noticed);
    }

    [Fact]
    public void Namesakes_minted_at_the_first_pass_do_not_make_the_next_pass_look_at_every_file()
    {
        var memory = new LedgerMemory();
        var identities = new StoryIdentities(Parse.Settings);
        // Two files named for one story on two local days, dated one day: the second is minted with a suffix.
        var files = Enumerable.Range(0, 20).Select(i => File($"2026-11-0{(i < 18 ? 2 : 1)}-story-{(char)('a' + i % 18)}.md", $"---\ntitle: Story {i}\ndate: 2026-11-02\n---\nText {i}.\n")).ToArray();
        var minted = identities.Assign(files, memory, Start);
        Assert.Equal(20, minted.Select(m => m.PagePath).Distinct().Count());
        Assert.Equal(["/2026/11/02/story-a-2", "/2026/11/02/story-b-2"], minted.Select(m => m.PagePath).Where(p => p.EndsWith("-2", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.Equal(20, minted.Select(m => m.Id).Distinct().Count());
        memory.Published(1, Start);
        files[5] = File("2026-11-02-story-f.md", "---\ntitle: Story 5\ndate: 2026-11-02\n---\nText 5, corrected.\n");
        var edited = identities.Assign(files, memory, Start.AddMinutes(1));
        Assert.Equal(1, identities.PassesOverChanges);
        Assert.Equal(minted.Select(m => (m.Id, m.PagePath)), edited.Select(m => (m.Id, m.PagePath)));
        var everything = new StoryIdentities(Parse.Settings) { Incremental = false }.Assign(files, memory, Start.AddMinutes(1));
        Assert.Equal(everything.Select(Shown), edited.Select(Shown));
    }

    static string Shown(NewsItem i) =>
        $"{i.SourcePath} {i.Id} {i.PagePath} {i.Slug} {i.Published:O} {i.Updated:O} {i.Noticed:O}";

    static IEnumerable<string> Stories(LedgerMemory memory) =>
        memory.Stories.OrderBy(s => s.Id, StringComparer.Ordinal).Select(s => (s with { Version = 0 }).ToString());

    static string Diff(IEnumerable<string> a, IEnumerable<string> b)
    {
        var (left, right) = (a.ToList(), b.ToList());
        return string.Join('\n', left.Except(right).Select(l => "changes only:    " + l).Concat(right.Except(left).Select(r => "everything only: " + r)));
    }

    static NewsItem File(string path, string text) =>
        ItemParser.Parse(new ItemSource(path, Encoding.UTF8.GetBytes(text), Parse.FileTime), Parse.Settings).Item!;

    static string Text(Random random, DateTimeOffset now)
    {
        var lines = new List<string> { "---", $"title: {Titles[random.Next(Titles.Length)]}" };
        var kind = random.Next(10);
        if (kind < 7)
            lines.Add($"date: {now.AddDays(-random.Next(0, 3)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}");
        else if (kind == 7)
            lines.Add($"date: {now.AddHours(random.Next(1, 12)).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}"); // scheduled
        // else undated: dated when first published
        if (random.Next(6) == 0)
            lines.Add($"id: urn:story:{random.Next(4)}");
        if (random.Next(6) == 0)
            lines.Add($"slug: {Titles[random.Next(Titles.Length)].ToLowerInvariant().Replace(' ', '-')}");
        if (random.Next(12) == 0)
            lines.Add("draft: true");
        lines.Add("---");
        lines.Add($"Text {random.Next(5)}.");
        return string.Join('\n', lines) + "\n";
    }

    static string NewPath(Random random, Dictionary<string, (string Text, NewsItem Item)> files)
    {
        string path;
        do
            path = $"{Folders[random.Next(Folders.Length)]}{Titles[random.Next(Titles.Length)].ToLowerInvariant().Replace(' ', '-')}-{random.Next(40)}.md";
        while (files.ContainsKey(path));
        return path;
    }

    static string Add(Random random, Dictionary<string, (string Text, NewsItem Item)> files, DateTimeOffset now) =>
        Put(files, NewPath(random, files), Text(random, now));

    static string Put(Dictionary<string, (string Text, NewsItem Item)> files, string path, string text)
    {
        files[path] = (text, File(path, text));
        return path;
    }

    static string Change(Random random, Dictionary<string, (string Text, NewsItem Item)> files, DateTimeOffset now)
    {
        var path = files.Keys.ElementAt(random.Next(files.Count));
        var text = files[path].Text;
        switch (random.Next(7))
        {
            case 0:
                return $"edit {Put(files, path, Text(random, now))}";
            case 1:
                return $"add {Add(random, files, now)}";
            case 2 when files.Count > 4:
                files.Remove(path);
                return $"delete {path}";
            case 3:
                files.Remove(path);
                return $"rename {path} -> {Put(files, NewPath(random, files), text)}"; // the same bytes at a new path
            case 4:
                files.Remove(path);
                return $"move and edit {path} -> {Put(files, NewPath(random, files), Text(random, now))}";
            case 5:
                return $"touch {Put(files, path, text)}"; // the same bytes read again: a new object
            default:
                return "nothing";
        }
    }
}
