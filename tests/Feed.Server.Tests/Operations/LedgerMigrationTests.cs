using Feed.Ledger;
using Feed.Server.Operations;
using Feed.Testing;

namespace Feed.Server.Tests.Operations;

/// <summary>`migrate-ledger FROM TO`: SQLite to PostgreSQL and back, the same ledger on both sides.</summary>
public class LedgerMigrationTests(PostgresCluster cluster) : IClassFixture<PostgresCluster>
{
    static string Story(string title, string? date = "2026-12-04T08:00:00Z") =>
        $"---\ntitle: {title}\n{(date is null ? "" : $"date: {date}\n")}---\n{title}, in full.\n";

    static List<StoryRecord> Stories(LedgerMemory memory) => [.. memory.Stories.Select(s => s with { Version = 0 }).OrderBy(s => s.Id, StringComparer.Ordinal)];

    [PostgresFact]
    public async Task A_ledger_copied_to_PostgreSQL_and_back_keeps_every_id_page_date_and_Last_Modified()
    {
        using var folder = new TempFolder();
        using var state = new TempFolder();
        folder.Write("storm.md", Story("Storm hits the coast"));
        folder.Write("undated.md", Story("Undated notice", date: null));
        folder.Write("budget.md", "---\ntitle: Budget\ndate: 2026-12-04\nslug: budjet\n---\nThe budget.\n");
        DateTimeOffset? lastModified;
        await using (var server = await RunningServer.StartAsync(folder, $"--Feed:StatePath={state.Path}"))
        {
            folder.Write("budget.md", "---\ntitle: Budget\ndate: 2026-12-04\nslug: budget\n---\nThe budget.\n");
            await RunningServer.Eventually(async () => (await server.GetAsync("/2026/12/04/budjet")).StatusCode == System.Net.HttpStatusCode.MovedPermanently,
                "the old slug redirects");
            using var response = await server.GetAsync("/feed.xml");
            lastModified = response.Content.Headers.LastModified;
        }
        var postgres = cluster.CreateDatabase();
        var output = new StringWriter();
        var errors = new StringWriter();

        Assert.Equal(0, LedgerMigration.Run(state.Path, postgres, output, errors));
        Assert.Contains("Copied 3 stories and 4 pages", output.ToString());
        await using (var server = await RunningServer.StartAsync(folder, $"--Feed:Ledger={postgres}"))
        {
            using var response = await server.GetAsync("/feed.xml");
            Assert.Equal(lastModified, response.Content.Headers.LastModified);
            Assert.Equal(System.Net.HttpStatusCode.MovedPermanently, (await server.GetAsync("/2026/12/04/budjet")).StatusCode);
        }

        var back = Path.Combine(state.Path, "back", "ledger.db");
        Assert.Equal(0, LedgerMigration.Run(postgres, back, output, errors));
        using var original = new SqliteLedger(Path.Combine(state.Path, "ledger.db"));
        using var copy = new SqliteLedger(back);
        var (before, after) = (original.Load(), copy.Load());
        Assert.Equal(Stories(before), Stories(after));
        Assert.Equal(before.Pages.OrderBy(p => p.Key, StringComparer.Ordinal), after.Pages.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Equal((before.Fingerprint, before.LastModified), (after.Fingerprint, after.LastModified));
        Assert.Equal("", errors.ToString());
    }

    [PostgresFact]
    public void A_ledger_is_never_copied_over_another()
    {
        using var state = new TempFolder();
        var memory = new LedgerMemory();
        memory.Put(new StoryRecord("tag:x,2026-12-04:a", "/2026/12/04/a", "a.md", 1, "A", null, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch,
            DateTimeOffset.UnixEpoch, null));
        using (var sqlite = new SqliteLedger(Path.Combine(state.Path, "ledger.db")))
            sqlite.Save(memory.Unsaved());
        var postgres = cluster.CreateDatabase();
        Assert.Equal(0, LedgerMigration.Run(state.Path, postgres, TextWriter.Null, TextWriter.Null));

        var errors = new StringWriter();
        Assert.Equal(1, LedgerMigration.Run(state.Path, postgres, TextWriter.Null, errors));
        Assert.Contains("already holds one", errors.ToString());
        Assert.DoesNotContain("Password", errors.ToString());
    }
}
