using System.Threading.Channels;
using Feed;
using Microsoft.Extensions.Options;

namespace Feed.Server;

/// <summary>
/// Tells the WebSub hub (Feed:WebSubHub) which feeds changed, so subscribers hear of new items in
/// seconds instead of at their next poll: a `hub.mode=publish` POST per changed feed URL, sent in
/// the background with retries and backoff, never holding up a rebuild or a request.
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

    public WebSubPublisher(IOptions<FeedOptions> options, ILogger<WebSubPublisher> logger)
    {
        _hub = options.Value.ToSettings().WebSubHub;
        _logger = logger;
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("Feed (WebSub publisher)");
    }

    /// <summary>Queues the feeds whose bytes changed between two snapshots; a feed queued twice is sent once.</summary>
    public void Changed(FeedSnapshot? previous, FeedSnapshot current, FeedSettings settings)
    {
        if (_hub is null)
            return;
        var changed = (previous is null ? current.DocumentPaths : current.ChangedSince(previous))
            .Where(path => path.EndsWith(".xml", StringComparison.Ordinal) || path.EndsWith(".json", StringComparison.Ordinal))
            .Where(path => !path.StartsWith("/archive/", StringComparison.Ordinal))
            .Select(path => settings.Url(string.Join('/', path[1..].Split('/').Select(Uri.EscapeDataString))))
            .ToList();
        if (changed.Count == 0)
            return;
        lock (_pending)
            _pending.UnionWith(changed);
        _wake.Writer.TryWrite(true);
    }

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
                lock (_pending)
                {
                    batch = [.. _pending.OrderBy(u => u.AbsoluteUri, StringComparer.Ordinal)];
                    _pending.Clear();
                }
                foreach (var feed in batch)
                    await PublishAsync(_hub, feed, stoppingToken);
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
