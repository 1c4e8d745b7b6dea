using Feed.Ledger;
using Feed.Testing;
using Npgsql;

namespace Feed.Tests.Ledger;

/// <summary>The PostgreSQL ledger against a real, throwaway PostgreSQL (skipped where none is installed).</summary>
public class PostgresLedgerTests(PostgresCluster cluster) : IClassFixture<PostgresCluster>
{
    static readonly DateTimeOffset Now = new(2026, 12, 4, 8, 0, 0, TimeSpan.FromHours(5));

    static StoryRecord Story(string slug, DateTimeOffset firstSeen) =>
        new($"tag:x,2026-12-04:{slug}", $"/2026/12/04/{slug}", $"{slug}.md", 7, slug, null, Now, firstSeen, firstSeen, null);

    [PostgresFact]
    public void What_is_saved_is_loaded_back_the_same()
    {
        var connection = cluster.CreateDatabase();
        var memory = new LedgerMemory();
        var story = new StoryRecord("tag:x,2026-12-04:a", "/2026/12/04/a", "a.md", ulong.MaxValue, "A", null, Now, Now, Now.AddTicks(1), null);
        memory.Put(story);
        memory.Put(new StoryRecord("tag:x,2026-12-04:b", "/2026/12/04/b", "b.md", 7, "B", "b", Now, Now, Now, Now.AddDays(1)));
        memory.Published(42, Now);
        using (var ledger = new PostgresLedger(connection))
            ledger.Save(memory.Unsaved());

        using var reopened = new PostgresLedger(connection);
        var loaded = reopened.Load();
        Assert.Equal(story, loaded.Story(story.Id)! with { Version = 0 });
        Assert.Equal(Now.AddTicks(1), loaded.Story(story.Id)!.LastChanged);
        Assert.Equal(Now.AddHours(1).Offset, loaded.Story(story.Id)!.LastChanged.Offset);
        Assert.Equal(Now.AddDays(1), loaded.Story("tag:x,2026-12-04:b")!.GoneAt);
        Assert.Equal(story.Id, loaded.PageOwner("/2026/12/04/a"));
        Assert.Equal((42UL, Now), (loaded.Fingerprint, loaded.LastModified!.Value));
        Assert.False(loaded.HasUnsaved);
    }

    [PostgresFact]
    public void A_schema_from_a_later_version_is_refused_and_left_untouched()
    {
        var connection = cluster.CreateDatabase();
        using (var ledger = new PostgresLedger(connection))
        {
        }
        Execute(connection, "UPDATE schema_version SET version = 99");

        var refusal = Assert.Throws<LedgerTooNewException>(() => new PostgresLedger(connection));
        Assert.Contains("schema 99", refusal.Message);
        Assert.Contains(PostgresLedger.NameOf(new NpgsqlConnectionStringBuilder(connection)), refusal.Message);
        Assert.Equal(99, Convert.ToInt32(Scalar(connection, "SELECT version FROM schema_version"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Its_name_never_includes_the_password()
    {
        var name = PostgresLedger.NameOf(new NpgsqlConnectionStringBuilder("Host=db.example;Port=5433;Database=news;Username=feed;Password=s3cret"));
        Assert.Equal("postgresql://db.example:5433/news", name);
    }

    [PostgresFact]
    public void What_another_instance_wrote_is_read_before_the_next_assignment()
    {
        var connection = cluster.CreateDatabase();
        using var first = new PostgresLedger(connection);
        using var second = new PostgresLedger(connection);
        var mine = first.Load();
        var theirs = second.Load();
        theirs.Put(Story("storm", Now));
        theirs.Published(7, Now);
        second.Save(theirs.Unsaved());

        first.Refresh(mine);
        Assert.Equal(Now, mine.Story("tag:x,2026-12-04:storm")!.FirstSeen);
        Assert.Equal(Now, mine.Recorded(7));
        Assert.False(mine.HasUnsaved);
    }

    [PostgresFact]
    public void Two_instances_minting_the_same_story_write_it_once_and_the_second_is_told()
    {
        var connection = cluster.CreateDatabase();
        using var first = new PostgresLedger(connection);
        using var second = new PostgresLedger(connection);
        var mine = first.Load();
        var theirs = second.Load();
        mine.Put(Story("storm", Now));
        theirs.Put(Story("storm", Now.AddSeconds(1)));
        first.Save(mine.Unsaved());

        Assert.Throws<LedgerConflictException>(() => second.Save(theirs.Unsaved()));
        var reloaded = second.Load();
        Assert.Equal(Now, reloaded.Story("tag:x,2026-12-04:storm")!.FirstSeen);
        Assert.Equal(1L, Scalar(connection, "SELECT count(*) FROM stories"));
    }

    [PostgresFact]
    public void A_change_to_a_story_another_instance_changed_first_is_refused()
    {
        var connection = cluster.CreateDatabase();
        using var first = new PostgresLedger(connection);
        using var second = new PostgresLedger(connection);
        var mine = first.Load();
        mine.Put(Story("storm", Now));
        first.Save(mine.Unsaved());
        var theirs = second.Load();
        first.Refresh(mine);

        var stored = mine.Story("tag:x,2026-12-04:storm")!;
        mine.Put(stored with { LastChanged = Now.AddMinutes(1) });
        first.Save(mine.Unsaved());
        var stale = theirs.Story("tag:x,2026-12-04:storm")!;
        theirs.Put(stale with { LastChanged = Now.AddMinutes(2) });

        Assert.Throws<LedgerConflictException>(() => second.Save(theirs.Unsaved()));
        Assert.Equal(Now.AddMinutes(1), second.Load().Story(stored.Id)!.LastChanged);
    }

    static void Execute(string connection, string sql) => Scalar(connection, sql);

    static object? Scalar(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return command.ExecuteScalar();
    }
}
