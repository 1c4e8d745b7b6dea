using Feed.Ledger;
using Feed.Testing;
using Microsoft.Data.Sqlite;

namespace Feed.Tests.Ledger;

public class SqliteLedgerTests
{
    static readonly DateTimeOffset Now = new(2026, 12, 4, 8, 0, 0, TimeSpan.FromHours(5));

    [Fact]
    public void What_is_saved_is_loaded_back_the_same()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "state", "ledger.db");
        var memory = new LedgerMemory();
        var story = new StoryRecord("tag:x,2026-12-04:a", "/2026/12/04/a", "a.md", ulong.MaxValue, "A", null, Now, Now, Now.AddHours(1), null);
        memory.Put(story);
        memory.Put(new StoryRecord("tag:x,2026-12-04:b", "/2026/12/04/b", "b.md", 7, "B", "b", Now, Now, Now, Now.AddDays(1)));
        memory.Published(42, Now);
        using (var ledger = new SqliteLedger(path))
            ledger.Save(memory.Unsaved());

        using var reopened = new SqliteLedger(path);
        var loaded = reopened.Load();
        Assert.Equal(story, loaded.Story(story.Id));
        Assert.Equal(Now.AddHours(1).Offset, loaded.Story(story.Id)!.LastChanged.Offset);
        Assert.Equal(Now.AddDays(1), loaded.Story("tag:x,2026-12-04:b")!.GoneAt);
        Assert.Equal(story.Id, loaded.PageOwner("/2026/12/04/a"));
        Assert.Equal((42UL, Now), (loaded.Fingerprint, loaded.LastModified!.Value));
        Assert.False(loaded.HasUnsaved);
    }

    [Fact]
    public void Every_row_is_loaded_back_as_saved_whatever_its_text_and_times()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "ledger.db");
        var random = new Random(20261206);
        string[] words = ["a", "é", "中文", "🗞", "news", "Zürich", "-", " "];
        string Text(int most) => string.Concat(Enumerable.Range(0, random.Next(1, most)).Select(_ => words[random.Next(words.Length)]));
        DateTimeOffset Time() => new DateTimeOffset(new DateTime(1990, 1, 1).AddTicks(random.NextInt64(TimeSpan.FromDays(365 * 110).Ticks)),
            TimeSpan.FromMinutes(random.Next(-14 * 60, 14 * 60 + 1)));
        var memory = new LedgerMemory();
        for (var i = 0; i < 2_000; i++)
        {
            var story = new StoryRecord($"tag:x,2026:{i}-{Text(4)}", $"/p/{i}/{Text(4)}", $"{Text(3)}/{i}.md", (ulong)random.NextInt64(), Text(i % 50 == 0 ? 300 : 8),
                random.Next(3) == 0 ? Text(3) : null, Time(), Time(), Time(), random.Next(4) == 0 ? Time() : null);
            memory.Put(story);
            if (random.Next(5) == 0)
                memory.Put(story with { PagePath = story.PagePath + "-moved" }); // the first page stays the story's, answering 301
        }
        memory.Published(7, Time());
        using (var ledger = new SqliteLedger(path))
            ledger.Save(memory.All());

        using var reopened = new SqliteLedger(path);
        var loaded = reopened.Load();
        static string Row(StoryRecord s) => string.Join("|", s.Id, s.PagePath, s.SourcePath, s.ContentHash, s.Title, s.OwnSlug ?? "null",
            s.Published.ToString("o"), s.FirstSeen.ToString("o"), s.LastChanged.ToString("o"), s.GoneAt?.ToString("o") ?? "null"); // offsets too
        Assert.Equal(memory.Stories.Select(Row).Order(), loaded.Stories.Select(Row).Order());
        Assert.Equal(memory.Pages.OrderBy(p => p.Key, StringComparer.Ordinal), loaded.Pages.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.True(memory.Pages.Count() > memory.Stories.Count(), "some stories have an earlier page");
        Assert.Equal(memory.LastModified!.Value.ToString("o"), loaded.LastModified!.Value.ToString("o"));
    }

    [Fact]
    public async Task A_ledger_another_process_is_writing_is_read_once_it_is_done()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "ledger.db");
        var memory = new LedgerMemory();
        memory.Put(new StoryRecord("tag:x,2026-12-04:a", "/2026/12/04/a", "a.md", 1, "A", null, Now, Now, Now, null));
        using (var ledger = new SqliteLedger(path))
            ledger.Save(memory.All());

        using var reopened = new SqliteLedger(path);
        using var writer = new SqliteConnection($"Data Source={path};Pooling=False");
        writer.Open();
        using (var begin = writer.CreateCommand())
        {
            begin.CommandText = "BEGIN EXCLUSIVE";
            begin.ExecuteNonQuery();
        }
        var load = Task.Run(() => reopened.Load());
        await Task.Delay(300, TestContext.Current.CancellationToken); // the reader meets the lock, whatever the machine's pace
        Assert.False(load.IsCompleted);
        using (var commit = writer.CreateCommand())
        {
            commit.CommandText = "COMMIT";
            commit.ExecuteNonQuery();
        }
        Assert.Equal("A", (await load.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken)).Story("tag:x,2026-12-04:a")!.Title);
    }

    [Fact]
    public void A_ledger_read_at_start_keeps_the_scanned_stories_strings_not_copies_of_its_own()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "ledger.db");
        var items = Fixture.Scan().Items;
        var memory = new LedgerMemory();
        var assigned = new StoryIdentities(Fixture.Settings).Assign(items, memory, Fixture.Now);
        using (var ledger = new SqliteLedger(path))
            ledger.Save(memory.All());

        using var reopened = new SqliteLedger(path);
        var loaded = reopened.Load(SharedStrings.Of(items));
        var shared = 0;
        foreach (var item in assigned.Where(i => loaded.Story(i.Id) is not null))
        {
            var story = loaded.Story(item.Id)!;
            var scanned = items.Single(i => i.SourcePath == item.SourcePath);
            Assert.Same(scanned.SourcePath, story.SourcePath);
            Assert.Same(scanned.Title, story.Title);
            if (story.Id == scanned.Id)
                Assert.Same(scanned.Id, story.Id);
            if (story.PagePath == scanned.PagePath)
            {
                Assert.Same(scanned.PagePath, story.PagePath);
                shared++;
            }
            Assert.Same(story.Id, loaded.PageOwner(story.PagePath)); // the pages' owners are the stories' ids, not a third copy
        }
        Assert.True(shared >= 3, $"only {shared} stories shared their page");
        Assert.Equal(memory.Stories.OrderBy(s => s.Id), loaded.Stories.OrderBy(s => s.Id)); // equal, whatever is shared
    }

    [Fact]
    public void A_ledger_from_a_later_version_is_refused_and_left_untouched()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "ledger.db");
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version = 99";
            command.ExecuteNonQuery();
        }
        var before = File.ReadAllBytes(path);
        var refusal = Assert.Throws<LedgerTooNewException>(() => new SqliteLedger(path));
        Assert.Contains("schema 99", refusal.Message);
        Assert.Contains(path, refusal.Message);
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact]
    public void A_version_1_ledger_is_migrated_and_keeps_its_stories_and_then_its_pings()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "ledger.db");
        var memory = new LedgerMemory();
        memory.Put(new StoryRecord("tag:x,2026-12-04:a", "/2026/12/04/a", "a.md", 1, "A", null, Now, Now, Now, null));
        using (var ledger = new SqliteLedger(path))
            ledger.Save(memory.Unsaved());
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "DROP TABLE pings; PRAGMA user_version = 1;";
            command.ExecuteNonQuery();
        }

        using (var migrated = new SqliteLedger(path))
        {
            var loaded = migrated.Load();
            Assert.NotNull(loaded.Story("tag:x,2026-12-04:a"));
            Assert.False(loaded.HasPings);
            loaded.Pinged([new("/feed.xml", 42UL)]);
            migrated.Save(loaded.Unsaved());
        }
        using var reopened = new SqliteLedger(path);
        Assert.Equal(42UL, reopened.Load().LastPinged("/feed.xml"));
    }
}
