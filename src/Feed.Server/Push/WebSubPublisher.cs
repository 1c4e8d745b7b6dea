using System.Threading.Channels;
using Feed.Documents;
using Feed.Server.Hosting;
using Feed.Site;

namespace Feed.Server.Push;

/// <summary>
/// Tells the WebSub hub (Feed:WebSubHub) which feeds changed, so subscribers hear of new items in
/// seconds instead of at their next poll: a `hub.mode=publish` POST per feed whose bytes changed,
/// sent in the background with retries and backoff, never holding up a rebuild or a request.
/// </summary>
public sealed class WebSubPublisher : BackgroundService
{
    const int Attempts = 4;
    static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);

    readonly Uri? _hub;
    readonly ILogger<WebSubPublisher> _logger;
    readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    readonly HashSet<Uri> _pending = [];
    readonly FeedSettings _settings;
    int _queued;
    int _handled;

    public WebSubPublisher(FeedSettings settings, SnapshotStore store, ILogger<WebSubPublisher> logger)
    {
        _hub = settings.WebSubHub;
        _settings = settings;
        _logger = logger;
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("Feed (WebSub publisher)");
        if (_hub is not null)
            store.Changed += Changed;
    }

    /// <summary>How many snapshots have been looked at.</summary>
    public int Queued
    {
        get
        {
            lock (_pending)
                return _queued;
        }
    }

    /// <summary>How many of those have had their pings sent or given up on: what tests wait on instead of sleeping.</summary>
    public int Handled => Volatile.Read(ref _handled);

    /// <summary>
    /// Queues the feeds whose bytes changed between two snapshots (a feed queued twice is sent
    /// once). The first snapshot after start queues every feed: what changed while the server was
    /// down is not known, and WebSub section 6 says the hub must hear of every change.
    /// </summary>
    void Changed(FeedSnapshot? previous, FeedSnapshot current)
    {
        var feeds = current.DocumentPaths.Where(SitePaths.IsFeed);
        if (previous is not null)
            feeds = current.ChangedSince(previous).Where(SitePaths.IsFeed).Where(path => BytesChanged(previous, current, path));
        var changed = feeds.Select(path => SitePaths.Absolute(_settings.BaseUrl, path)).ToList();
        lock (_pending)
        {
            _pending.UnionWith(changed);
            _queued++;
        }
        _wake.Writer.TryWrite(true);
    }

    // A document rebuilt because its items changed may still have the same bytes (an edit that
    // changes nothing shown): only a real change is news.
    static bool BytesChanged(FeedSnapshot previous, FeedSnapshot current, string path) =>
        previous.Document(path)?.Identity.ETag != current.Document(path)?.Identity.ETag;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_hub is null)
            return;
        try
        {
            while (await _wake.Reader.WaitToReadAsync(stoppingToken))
            {
                _wake.Reader.TryRead(out _);
                Uri[] batch;
                int queued;
                lock (_pending)
                {
                    batch = [.. _pending.OrderBy(u => u.AbsoluteUri, StringComparer.Ordinal)];
                    _pending.Clear();
                    queued = _queued;
                }
                foreach (var feed in batch)
                    await PublishAsync(_hub, feed, stoppingToken);
                Volatile.Write(ref _handled, queued);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    async Task PublishAsync(Uri hub, Uri feed, CancellationToken stoppingToken)
    {
        var delay = FirstRetry;
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            string failure;
            try
            {
                using var body = new FormUrlEncodedContent([new("hub.mode", "publish"), new("hub.url", feed.AbsoluteUri)]);
                using var response = await _http.PostAsync(hub, body, stoppingToken);
                if (response.IsSuccessStatusCode)
                {
                    Log.HubNotified(_logger, hub, feed);
                    return;
                }
                failure = $"HTTP {(int)response.StatusCode}";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !stoppingToken.IsCancellationRequested)
            {
                failure = e.Message;
            }
            if (attempt == Attempts)
            {
                Log.HubGaveUp(_logger, hub, feed, Attempts, failure);
                return;
            }
            Log.HubRetrying(_logger, hub, feed, attempt, failure, delay.TotalSeconds);
            await Task.Delay(delay, stoppingToken);
            delay *= 2;
        }
    }

    public override void Dispose()
    {
        _http.Dispose();
        base.Dispose();
    }
}
