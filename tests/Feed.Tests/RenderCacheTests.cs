namespace Feed.Tests;

public class RenderCacheTests
{
    static string Render(RenderCache cache, object owner, int size, List<object>? calls = null) =>
        cache.GetOrAdd(owner, null, (owner, size, calls), static s =>
        {
            lock (s.calls ?? [])
                s.calls?.Add(s.owner);
            return new string('x', s.size);
        }, static html => 2L * html.Length);

    // Asked for twice in a row: the first request leaves a mark, the second is held.
    static string Held(RenderCache cache, object owner, int size, List<object>? calls = null)
    {
        Render(cache, owner, size, calls);
        return Render(cache, owner, size, calls);
    }

    [Fact]
    public void Renders_past_the_bound_drop_the_least_recently_used()
    {
        var cache = new RenderCache(100_000);
        var owners = Enumerable.Range(0, 20).Select(_ => new object()).ToList();
        var calls = new List<object>();
        for (var i = 0; i < 5; i++)
            Held(cache, owners[i], 5_000, calls);
        for (var i = 5; i < 20; i++)
        {
            Held(cache, owners[i], 5_000, calls);
            Render(cache, owners[0], 5_000, calls); // the first, asked for all along
        }

        Assert.True(cache.Bytes <= cache.Limit, $"{cache.Bytes:N0} bytes held over a bound of {cache.Limit:N0}");
        Assert.True(cache.Evictions > 0);
        Assert.NotNull(cache.Find<string>(owners[0], null));
        Assert.Null(cache.Find<string>(owners[1], null));
        Assert.NotNull(cache.Find<string>(owners[19], null));
        // A dropped render is made again when asked for; a held one is not.
        Render(cache, owners[1], 5_000, calls);
        Render(cache, owners[19], 5_000, calls);
        Assert.Equal(3, calls.Count(o => o == owners[1]));
        Assert.Equal(2, calls.Count(o => o == owners[19]));
        Assert.Equal(2, calls.Count(o => o == owners[0]));
    }

    [Fact]
    public void A_render_asked_for_once_is_not_held_and_one_asked_for_again_is()
    {
        var cache = new RenderCache(1 << 20);
        var owner = new object();
        var calls = new List<object>();
        Render(cache, owner, 1_000, calls);
        Assert.Equal(0, cache.Count);
        Assert.Equal(0, cache.Bytes);
        Assert.Null(cache.Find<string>(owner, null));

        Render(cache, owner, 1_000, calls);
        Render(cache, owner, 1_000, calls);
        Assert.NotNull(cache.Find<string>(owner, null));
        Assert.Equal(2, calls.Count); // the third request was a hit
    }

    [Fact]
    public void A_walk_over_more_renders_than_the_cache_remembers_holds_almost_none()
    {
        // A crawler: every page once, then every page again, the walk longer than the marks reach.
        var cache = new RenderCache(1 << 20);
        var owners = Enumerable.Range(0, cache.Remembered * 8).Select(_ => new object()).ToList();
        for (var walk = 0; walk < 2; walk++)
        {
            foreach (var owner in owners)
                Render(cache, owner, 1_000);
        }
        // A mark survives a walk of eight times the table only by luck (about one in three thousand).
        Assert.True(cache.Count < owners.Count / 100, $"{cache.Count} of {owners.Count} renders held");
        Assert.True(cache.Bytes <= cache.Limit);
    }

    [Fact]
    public void Keys_are_the_objects_rendered_from_not_equal_values()
    {
        var cache = new RenderCache(1 << 20);
        var settings = new FeedSettings();
        var item = Parse.Item("2024-01-01-a.md", "---\ntitle: A\n---\nText.\n");
        var copy = item with { };
        Assert.Equal(item, copy);
        _ = cache.GetOrAdd(item, settings, 1, static _ => "first", static s => s.Length);
        var first = cache.GetOrAdd(item, settings, 1, static _ => "first", static s => s.Length); // asked for again: held
        Assert.Equal("first", cache.GetOrAdd(item, settings, 2, static _ => "second", static s => s.Length));
        Assert.Equal("second", cache.GetOrAdd(copy, settings, 2, static _ => "second", static s => s.Length));
        Assert.Equal("third", cache.GetOrAdd(item, settings with { }, 3, static _ => "third", static s => s.Length));
        Assert.Same(first, cache.Find<string>(item, settings));
    }

    [Fact]
    public void Concurrent_callers_share_one_render_and_the_bound_holds()
    {
        var cache = new RenderCache(200_000);
        var owners = Enumerable.Range(0, 200).Select(_ => new object()).ToList();
        var renders = new int[owners.Count];
        string Get(int i) => cache.GetOrAdd(owners[i], null, (i, renders), static s =>
        {
            Interlocked.Increment(ref s.renders[s.i]);
            return new string((char)('a' + s.i % 26), 1_000 + s.i);
        }, static h => 2L * h.Length);
        for (var i = 0; i < 10; i++)
        {
            Get(i);
            Get(i); // held from here on
        }
        Parallel.For(0, 20_000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, n =>
        {
            var i = n % 7 == 0 ? n % owners.Count : n % 10; // ten hot keys, the rest cold
            var html = Get(i);
            Assert.Equal(1_000 + i, html.Length);
            Assert.Equal((char)('a' + i % 26), html[0]);
        });
        Assert.True(cache.Bytes <= cache.Limit, $"{cache.Bytes:N0} bytes held over a bound of {cache.Limit:N0} ({cache.Count} renders, {cache.Evictions} dropped, {renders.Sum()} made)");
        // The ten hot keys are used on nearly every call: never the least recently used, never
        // rendered again after the two requests that made them held.
        Assert.All(renders.Take(10), count => Assert.Equal(2, count));
        Assert.Equal(cache.Count, owners.Count(o => cache.Find<string>(o, null) is not null));
    }

    [Fact]
    public void A_failed_render_holds_nothing_and_the_next_caller_renders()
    {
        var cache = new RenderCache(1 << 20);
        var owner = new object();
        Assert.Throws<InvalidOperationException>(() => cache.GetOrAdd<int, string>(owner, null, 0, static _ => throw new InvalidOperationException(), static s => s.Length));
        Assert.Equal(0, cache.Count);
        Assert.Equal("ok", cache.GetOrAdd(owner, null, 0, static _ => "ok", static s => s.Length));
    }
}
