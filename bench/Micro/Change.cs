using System.Diagnostics;
using Feed;
using Feed.Assets;
using Feed.Documents;
using Feed.Folder;
using Feed.Ledger;
using Feed.Publishing;

namespace Micro;

/// <summary>
/// A stopwatch harness for one change at a time: the server's rebuild (scan of the named file,
/// identities, assets, selection, URL history, snapshot) in one process, phase by phase, after
/// an edit of one file that is put back afterwards. Quicker to iterate on than bench/change.py,
/// which measures the same from the write to the new ETag over HTTP.
/// dotnet run -c Release --project bench/Micro -- change bench/out/items-100000 [rounds]
/// </summary>
static class Change
{
    public static void Run(string folder, int rounds)
    {
        var settings = new FeedSettings { BaseUrl = new Uri("https://news.example.com/") };
        using var items = new ItemFolder(folder, settings);
        var assets = new AssetCatalog(folder, settings.BaseUrl);
        var memory = new LedgerMemory();
        var identities = new StoryIdentities(settings);
        var clock = Stopwatch.StartNew();
        var scan = items.Scan();
        assets.Scan();
        FeedSnapshot? snapshot = null;
        Rebuild(scan, "cold start");
        Console.WriteLine($"{scan.Items.Count:N0} items, load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
        var path = scan.Items.Select(i => i.SourcePath).Order(StringComparer.Ordinal).Skip(scan.Items.Count / 2).First();
        var full = Path.Combine(folder, path);
        var original = File.ReadAllBytes(full);
        try
        {
            for (var round = 0; round < rounds; round++)
            {
                File.WriteAllBytes(full, [.. original, .. System.Text.Encoding.UTF8.GetBytes($"\nEdit {round}.\n")]);
                clock.Restart();
                Rebuild(items.Scan([path]), $"edit {round}");
            }
        }
        finally
        {
            File.WriteAllBytes(full, original);
        }

        void Rebuild(FolderScan scan, string what)
        {
            var now = DateTimeOffset.UtcNow;
            var lap = TimeSpan.Zero;
            var laps = new List<string>();
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            void Lap(string phase)
            {
                // What each phase allocates: an edit's garbage is what its collections cost.
                var now = GC.GetTotalAllocatedBytes(precise: true);
                laps.Add($"{phase} {(clock.Elapsed - lap).TotalMilliseconds:F1} ms {(now - allocated) / 1e6:F1} MB");
                (lap, allocated) = (clock.Elapsed, now);
            }
            Lap("scan");
            var assigned = identities.Assign(scan.Items, memory, now, scan.ItemChanges, out var assignedChanges);
            Lap("identities");
            var (_, withAssets, _, changed) = assets.Apply(assigned, assignedChanges);
            Lap("assets");
            var publication = Publication.Select(withAssets, now, snapshot?.Publication, changed);
            Lap("selection");
            var urls = memory.UrlHistory(publication.Publishes);
            Lap("URL history");
            snapshot = FeedSnapshot.Build(publication, settings, snapshot, scan.ChangedAt, startedAt: snapshot is null ? now : null, urls: urls);
            Lap("snapshot");
            memory.Published(snapshot.Fingerprint, now);
            Console.WriteLine($"{what}: {clock.Elapsed.TotalMilliseconds:F1} ms ({string.Join(", ", laps)})");
        }
    }
}
