using Feed.Server.Configuration;

namespace Feed.Server.Push;

/// <summary>
/// Makes the HTTP caches in front (Feed:CachePurge, one or more Varnish nodes) forget the changed
/// documents before a hub is told of them, because a hub fetches the topic's public URL at once,
/// and a cached copy would give it the old bytes. One PURGE per path per cache, with the site's
/// Host, so it names the object readers get; Varnish's purge drops every variant of it (each
/// Accept-Encoding). Bounded in time: a cache that does not answer delays the pings at most
/// <see cref="Timeout"/>, and is logged.
/// </summary>
public sealed class CachePurger(FeedOptions options, FeedSettings settings, IHttpClientFactory clients, TimeProvider time, ILogger<CachePurger> logger)
{
    const int Parallel = 8;
    static readonly HttpMethod Purge = new("PURGE");

    readonly IReadOnlyList<Uri> _caches = options.CacheUrls();

    /// <summary>How long the purges of one change may take in all before the pings go out anyway.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    public bool Configured => _caches.Count > 0;

    /// <summary>Purges every path from every cache; true when each answered 2xx (or 404: nothing cached) in time.</summary>
    public async Task<bool> PurgeAsync(IReadOnlyCollection<string> paths, CancellationToken stoppingToken)
    {
        if (_caches.Count == 0 || paths.Count == 0)
            return true;
        using var deadline = new CancellationTokenSource(Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, stoppingToken);
        var client = clients.CreateClient(PushServices.CacheClient);
        var failures = 0;
        string? firstFailure = null;
        var work = _caches.SelectMany(cache => paths.Select(path => (cache, path)));
        try
        {
            await System.Threading.Tasks.Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = Parallel, CancellationToken = linked.Token },
                async (job, cancel) =>
                {
                    var failure = await PurgeOne(client, job.cache, job.path, cancel);
                    if (failure is not null && Interlocked.Increment(ref failures) == 1)
                        firstFailure = $"{job.cache}{job.path[1..]}: {failure}";
                });
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
        {
            Log.PurgeTimedOut(logger, _caches.Count, paths.Count, Timeout.TotalSeconds);
            return false;
        }
        if (failures > 0)
        {
            Log.PurgeFailed(logger, failures, _caches.Count * paths.Count, firstFailure!);
            return false;
        }
        Log.Purged(logger, paths.Count, _caches.Count);
        return true;
    }

    async Task<string?> PurgeOne(HttpClient client, Uri cache, string path, CancellationToken cancel)
    {
        using var request = new HttpRequestMessage(Purge, new Uri(cache, Site.SitePaths.Escape(path)[1..]));
        // The cache keys objects by Host and URL: the site's Host is what readers send.
        request.Headers.Host = settings.BaseUrl.Authority;
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel);
            var status = (int)response.StatusCode;
            return status is >= 200 and < 300 or 404 ? null : $"HTTP {status}";
        }
        catch (HttpRequestException e)
        {
            return e.Message;
        }
    }
}
