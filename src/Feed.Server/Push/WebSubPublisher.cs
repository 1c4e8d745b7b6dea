using System.Threading.Channels;
using Feed.Documents;
using Feed.Server.Hosting;
using Feed.Site;

namespace Feed.Server.Push;

/// <summary>
/// Tells the WebSub hubs (Feed:WebSubHub, Feed:WebSubHubs) which feeds changed, so subscribers
/// hear of new items in seconds instead of at their next poll. Per rebuild, each hub gets one
/// `hub.mode=publish` POST naming every changed feed (`hub.url` repeated, as the common hubs
/// accept), at most <see cref="TopicsPerPing"/> a request, the rest in further requests. When
/// caches are configured (Feed:CachePurge) the changed documents are purged from them first, so
/// the hub's fetch gets the new bytes. Sent in the background through the framework's client
/// (<see cref="PushServices"/>: a timeout per attempt, retries with backoff, no redirects, a
/// bounded read), never holding up a rebuild or a request.
/// </summary>
public sealed class WebSubPublisher : BackgroundService
{
    const string TopicsOption = "feed.topics";
    const int AnswerBytes = 4 * 1024;

    readonly IReadOnlyList<Uri> _hubs;
    readonly ILogger<WebSubPublisher> _logger;
    readonly IHttpClientFactory _clients;
    readonly CachePurger _purger;
    readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    readonly SortedSet<string> _pending = new(StringComparer.Ordinal);
    // The fingerprint of each pending feed's document, recorded in the ledger once pinged.
    readonly Dictionary<string, ulong> _fingerprints = new(StringComparer.Ordinal);
    readonly LedgerKeeper? _ledger;
    readonly FeedSettings _settings;
    int _queued;
    int _handled;

    /// <param name="ledger">Where each feed's last ping is kept; without one, a start pings every feed.</param>
    public WebSubPublisher(FeedSettings settings, SnapshotStore store, IHttpClientFactory clients, CachePurger purger,
        ILogger<WebSubPublisher> logger, LedgerKeeper? ledger = null)
    {
        _ledger = ledger;
        _hubs = settings.WebSubHubs;
        _settings = settings;
        _clients = clients;
        _purger = purger;
        _logger = logger;
        if (_hubs.Count > 0 || purger.Configured)
            store.Changed += Changed;
    }

    /// <summary>The most feeds one ping names; more are sent in further pings (a hub bounds its request bodies).</summary>
    public int TopicsPerPing { get; set; } = 100;

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
    /// Queues the documents whose bytes changed between two snapshots (a path queued twice is sent
    /// once): the feeds, which are pinged, and the monthly documents, which are only purged. The
    /// first snapshot after start queues the feeds whose bytes differ from those last pinged, as
    /// the ledger recorded: WebSub section 6 says the hub must hear of every change, including
    /// one made while the server was down, and of nothing else.
    /// </summary>
    void Changed(FeedSnapshot? previous, FeedSnapshot current)
    {
        var paths = previous is null
            ? _ledger?.ChangedSinceLastPing(current, current.DocumentPaths.Where(IsFeed)) ?? current.DocumentPaths.Where(IsFeed)
            : current.ChangedSince(previous).Where(p => DocumentKind.Of(p).IsSyndication).Where(path => BytesChanged(previous, current, path));
        var changed = paths.ToList();
        lock (_pending)
        {
            _pending.UnionWith(changed);
            foreach (var path in changed)
            {
                if (current.Documents[path] is { } entry)
                    _fingerprints[path] = entry.Fingerprint;
            }
            _queued++;
        }
        _wake.Writer.TryWrite(true);
    }

    // A document rebuilt because its items changed may still have the same bytes (an edit that
    // changes nothing shown): only a real change is news.
    static bool IsFeed(string path) => DocumentKind.Of(path).IsFeed;

    static bool BytesChanged(FeedSnapshot previous, FeedSnapshot current, string path) =>
        previous.Document(path)?.Identity.ETag != current.Document(path)?.Identity.ETag;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await _wake.Reader.WaitToReadAsync(stoppingToken))
            {
                _wake.Reader.TryRead(out _);
                string[] batch;
                KeyValuePair<string, ulong>[] fingerprints;
                int queued;
                lock (_pending)
                {
                    batch = [.. _pending];
                    fingerprints = [.. batch.Where(IsFeed).Where(_fingerprints.ContainsKey).Select(p => KeyValuePair.Create(p, _fingerprints[p]))];
                    _pending.Clear();
                    _fingerprints.Clear();
                    queued = _queued;
                }
                // W3C WebSub section 6: the hub fetches the topic once told; the caches must not
                // answer it with what they held before. A purge that fails or times out is logged
                // and the pings go out anyway: late news is better than none.
                await _purger.PurgeAsync(batch, stoppingToken);
                var topics = batch.Where(IsFeed).Select(p => SitePaths.Absolute(_settings.BaseUrl, p)).ToList();
                // What every hub heard is recorded, so a restart pings only what changed since.
                if (topics.Count > 0 && (await Task.WhenAll(_hubs.Select(hub => PingAsync(hub, topics, stoppingToken)))).All(told => told) && _hubs.Count > 0)
                    _ledger?.Pinged(fingerprints);
                Volatile.Write(ref _handled, queued);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    async Task<bool> PingAsync(Uri hub, List<Uri> topics, CancellationToken stoppingToken)
    {
        var told = true;
        foreach (var chunk in topics.Chunk(TopicsPerPing))
            told &= await PublishAsync(hub, chunk, stoppingToken);
        return told;
    }

    async Task<bool> PublishAsync(Uri hub, Uri[] topics, CancellationToken stoppingToken)
    {
        string failure;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, hub)
            {
                Content = new FormUrlEncodedContent([new("hub.mode", "publish"), .. topics.Select(t => new KeyValuePair<string, string>("hub.url", t.AbsoluteUri))]),
            };
            request.Options.Set(new HttpRequestOptionsKey<int>(TopicsOption), topics.Length);
            // Headers only: the answer's body is read below with a small bound, never whole.
            using var response = await _clients.CreateClient(PushServices.HubClient).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stoppingToken);
            if (response.IsSuccessStatusCode)
            {
                Log.HubNotified(_logger, hub, topics.Length);
                return true;
            }
            var status = (int)response.StatusCode;
            failure = status is >= 300 and < 400
                ? $"HTTP {status} to {response.Headers.Location}, a redirect, which is not followed"
                : $"HTTP {status} {await Answer(response, stoppingToken)}";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or Polly.Timeout.TimeoutRejectedException && !stoppingToken.IsCancellationRequested)
        {
            failure = e.Message;
        }
        Log.HubGaveUp(_logger, hub, topics.Length, failure);
        return false;
    }

    /// <summary>The start of a hub's answer, for the log: a few KB at most, however much it sends.</summary>
    static async Task<string> Answer(HttpResponseMessage response, CancellationToken stoppingToken)
    {
        try
        {
            var text = await PushServices.ReadBounded(response, AnswerBytes, stoppingToken);
            return text.Length > 200 ? text[..200] + "..." : text;
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            return "";
        }
    }

    /// <summary>How many feeds a ping request names (for the retry log).</summary>
    internal static int TopicCount(HttpRequestMessage? request) =>
        request is not null && request.Options.TryGetValue(new HttpRequestOptionsKey<int>(TopicsOption), out var count) ? count : 0;
}
