using System.Runtime.CompilerServices;
using Feed.Documents;
using Feed.Publishing;
using Feed.Site;

namespace Feed.Tests.Documents;

/// <summary>A process that runs for months: what a rebuild leaves behind must not grow with the number of rebuilds.</summary>
/// <remarks>
/// It weighs the whole heap, so it runs alone (other tests' renders would count) and with a render
/// cache of its own (the process-wide one holds what earlier tests rendered, up to its bound).
/// </remarks>
[Collection(nameof(LongLifeTests))]
public class LongLifeTests
{
    const int Rebuilds = 2_000;
    const long Bound = 2_000_000;

    static readonly FeedSettings Settings = Parse.Settings with { MaxItems = 10 };

    static List<NewsItem> Items() =>
        [.. Enumerable.Range(1, 60).Select(n => Parse.Item($"2024-{1 + n % 6:D2}-{1 + n % 28:D2}-story-{n}.md",
            $"---\ntitle: Story {n}\ntags: [{(char)('a' + n % 4)}]\n---\n{new string('x', 2_000)} {n}.\n"))];

    [Fact]
    public void Two_thousand_rebuilds_retain_no_earlier_generation_of_documents()
    {
        var early = new List<WeakReference>();
        var (current, afterHundred, afterAll) = RunRebuilds(early);

        // Every document of the first 50 generations that a later edit replaced is gone: rendered
        // main feeds and never-rendered tag feeds and pages alike, and the snapshots themselves.
        Assert.True(early.Count > 100);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.Empty(early.Where(w => w.IsAlive).Select(w => ((NamedWeak)w).Name));
        // And what is retained does not grow with the number of rebuilds (1,900 more of them here).
        Assert.True(afterAll - afterHundred < Bound, $"retained {afterHundred:N0} bytes after 100 rebuilds and {afterAll:N0} after {Rebuilds:N0}");
        GC.KeepAlive(current);
    }

    // In a frame of its own, so that no local of the test method holds an early snapshot.
    [MethodImpl(MethodImplOptions.NoInlining)]
    static (FeedSnapshot Current, long AfterHundred, long AfterAll) RunRebuilds(List<WeakReference> early)
    {
        var items = Items();
        var snapshot = FeedSnapshot.Build(Publication.Select(items, Fixture.Now), Settings, cache: new RenderCache(RenderCache.DefaultLimit));
        long afterHundred = 0;
        for (var round = 1; round <= Rebuilds; round++)
        {
            snapshot = Rebuild(snapshot, items, round, round <= 50 ? early : null);
            if (round == 100)
                afterHundred = RetainedBytes();
        }
        var afterAll = RetainedBytes();
        // In the whole suite the heap also holds what other tests' threads still do (a shared
        // cache filling, work finishing); that passes, where a leak grows in every stretch.
        // Growth past the bound is weighed again, over as many rebuilds, up to three times.
        for (var stretch = 1; stretch <= 3 && afterAll - afterHundred >= Bound; stretch++)
        {
            afterHundred = afterAll;
            for (var round = 1; round <= Rebuilds - 100; round++)
                snapshot = Rebuild(snapshot, items, stretch * Rebuilds + round, null);
            afterAll = RetainedBytes();
        }
        return (snapshot, afterHundred, afterAll);
    }

    /// <summary>
    /// One edit: alternately a story of tag c and one of tag d, whose tag pages and feeds nobody
    /// asks for; the main feeds are asked for, as pollers do.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    static FeedSnapshot Rebuild(FeedSnapshot previous, List<NewsItem> items, int round, List<WeakReference>? watch)
    {
        var index = items.FindIndex(i => i.Tags[0] == (round % 2 == 0 ? "c" : "d"));
        var edited = items[index] with { Title = $"{items[index].Title.Split(" (")[0]} (edit {round})" };
        items.RemoveAt(index);
        items.Add(edited);
        var next = FeedSnapshot.Build(Publication.Select(items, Fixture.Now), Settings, previous, Fixture.Now.AddSeconds(round));
        foreach (var path in (string[])[SitePaths.Rss, SitePaths.Atom, SitePaths.Json])
            _ = next.Document(path);
        if (watch is not null)
        {
            watch.Add(new NamedWeak(previous, $"{round}:snapshot"));
            watch.Add(new NamedWeak(previous.Documents, $"{round}:set"));
            foreach (var path in previous.ChangedSince(next))
                watch.Add(new NamedWeak(previous.Documents[path]!, $"{round}:{path}:{previous.Documents[path]!.IsRendered}"));
        }
        return next;
    }

    sealed class NamedWeak(object target, string name) : WeakReference(target)
    {
        public string Name { get; } = name;
    }

    static long RetainedBytes()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}

[CollectionDefinition(nameof(LongLifeTests), DisableParallelization = true)]
public sealed class LongLifeCollection;
