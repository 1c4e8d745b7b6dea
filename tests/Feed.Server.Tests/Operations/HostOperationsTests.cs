using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Feed.Server.Hosting;
using Feed.Server.Operations;
using Feed.Site;
using Feed.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace Feed.Server.Tests.Operations;

/// <summary>Running Feed in production: systemd readiness, logs, metrics, the BaseUrl warning.</summary>
public class OperationsTests
{
    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Systemd_hears_ready_only_after_the_first_build_and_stopping_on_sigterm()
    {
        using var folder = new TempFolder();
        for (var i = 1; i <= 300; i++)
            folder.Write($"2024-03-{1 + i % 28:D2}-story-{i}.md", Items.Story($"Story {i}", $"2024-03-{1 + i % 28:D2}"));
        using var sockets = new TempFolder();
        var socketPath = Path.Combine(sockets.Path, "notify");
        using var notify = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        notify.Bind(new UnixDomainSocketEndPoint(socketPath));

        await using var server = await ServerProcess.StartAsync(folder.Path, environment: new Dictionary<string, string> { ["NOTIFY_SOCKET"] = socketPath },
            waitUntilHealthy: false);
        Assert.Equal("READY=1", await Receive(notify));
        // At the moment systemd hears READY=1 the first build is served.
        using (var health = await server.Client.GetAsync("/healthz"))
        {
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            Assert.Equal(300, JsonDocument.Parse(await health.Content.ReadAsStringAsync()).RootElement.GetProperty("published").GetInt32());
        }

        var stopping = Receive(notify);
        await server.SignalAndWaitAsync(15, TimeSpan.FromSeconds(30));
        Assert.Equal("STOPPING=1", await stopping);
        Assert.Equal(0, server.Process.ExitCode);
    }

    [Fact]
    public async Task Healthz_is_503_starting_until_the_first_build_is_served_then_200()
    {
        using var folder = new TempFolder();
        var file = folder.Write("2024-07-01-story.md", Items.Story("Story"));
        // The clock stands at the file's write time, so the file is still settling: the first
        // build waits for the quiet period on this clock, which moves only when the test says.
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(File.GetLastWriteTimeUtc(file), TimeSpan.Zero));
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var app = FeedApp.Build([$"--urls=http://127.0.0.1:{port}", $"--Feed:ItemsPath={folder.Path}", "--Feed:ChangeQuietPeriod=00:00:01"],
            services => services.AddSingleton<TimeProvider>(clock));
        var started = app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        try
        {
            HttpResponseMessage? early = null;
            await RunningServer.Eventually(async () =>
            {
                try
                {
                    early = await client.GetAsync("/healthz");
                    return true;
                }
                catch (HttpRequestException)
                {
                    return false; // not listening yet
                }
            }, "Kestrel to listen");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, early!.StatusCode);
            Assert.Equal("starting", JsonDocument.Parse(await early.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());
            Assert.False(started.IsCompleted, "the host reports started (and systemd hears READY=1) only after the first build");

            await RunningServer.Eventually(() =>
            {
                clock.Advance(TimeSpan.FromSeconds(1));
                return Task.FromResult(started.IsCompleted);
            }, "the first build");
            await started;
            using var ready = await client.GetAsync("/healthz");
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            Assert.Equal(1, JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement.GetProperty("published").GetInt32());
        }
        finally
        {
            clock.Advance(TimeSpan.FromMinutes(1));
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    static async Task<string> Receive(Socket socket)
    {
        var buffer = new byte[512];
        var length = await socket.ReceiveAsync(buffer.AsMemory(), SocketFlags.None).AsTask().WaitAsync(TimeSpan.FromSeconds(60));
        return Encoding.UTF8.GetString(buffer, 0, length).Trim();
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Console_formatter_json_from_the_environment_writes_one_json_object_per_line()
    {
        using var folder = new TempFolder();
        folder.Write("2024-07-01-story.md", Items.Story("Story"));
        folder.Write("2024-07-02-bad.md", "---\ndate: never\n---\n");
        await using var server = await ServerProcess.StartAsync(folder.Path, environment: new Dictionary<string, string> { ["Logging__Console__FormatterName"] = "json" });
        await RunningServer.Eventually(() => Task.FromResult(server.Output.Contains("\"EventId\":1,", StringComparison.Ordinal)), "the rebuild's log line");

        var lines = server.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Length >= 2);
        foreach (var line in lines)
            Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(line).RootElement.ValueKind);
        Assert.Contains(lines, l => JsonDocument.Parse(l).RootElement.GetProperty("EventId").GetInt32() == 2); // the skipped file
    }

    [Fact]
    public async Task The_feed_meter_counts_responses_by_kind_and_status_and_the_bytes_sent()
    {
        using var folder = new TempFolder();
        folder.Write("2024-07-01-story.md", Items.Story("Story"));
        folder.Write("2030-01-01-later.md", Items.Story("Later", "2030-01-01"));
        folder.Write("2024-07-02-bad.md", "---\ndate: never\n---\n");
        await using var server = await RunningServer.StartAsync(folder);
        var meters = server.App.Services.GetRequiredService<IMeterFactory>();
        using var requests = new MetricCollector<long>(meters, FeedMetrics.MeterName, "feed.requests");
        using var bytes = new MetricCollector<long>(meters, FeedMetrics.MeterName, "feed.response.bytes");
        using var rebuilds = new MetricCollector<long>(meters, FeedMetrics.MeterName, "feed.rebuilds");
        using var published = new MetricCollector<int>(meters, FeedMetrics.MeterName, "feed.items.published");
        using var scheduled = new MetricCollector<int>(meters, FeedMetrics.MeterName, "feed.items.scheduled");
        using var skipped = new MetricCollector<int>(meters, FeedMetrics.MeterName, "feed.files.skipped");

        var rss = await server.BytesAsync("/feed.xml");
        using var again = await server.GetAsync("/feed.xml", r => r.Headers.TryAddWithoutValidation("If-None-Match", "\"" + "x" + "\""));
        var etag = again.Headers.ETag!.Tag;
        using var notModified = await server.GetAsync("/feed.xml", r => r.Headers.TryAddWithoutValidation("If-None-Match", etag));
        await server.TextAsync("/");

        static object? Tag(CollectedMeasurement<long> m, string name) => m.Tags.GetValueOrDefault(name);
        var rssRequests = requests.GetMeasurementSnapshot().Where(m => (string?)Tag(m, "feed.document.kind") == "rss").ToList();
        Assert.Equal(2, rssRequests.Count(m => (int?)Tag(m, "http.response.status_code") == 200));
        Assert.Equal(1, rssRequests.Count(m => (int?)Tag(m, "http.response.status_code") == 304));
        Assert.Single(requests.GetMeasurementSnapshot(), m => (string?)Tag(m, "feed.document.kind") == "html");
        Assert.Equal(2 * rss.Length, bytes.GetMeasurementSnapshot().Where(m => (string?)Tag(m, "feed.document.kind") == "rss").Sum(m => m.Value));

        published.RecordObservableInstruments();
        scheduled.RecordObservableInstruments();
        skipped.RecordObservableInstruments();
        Assert.Equal(1, published.LastMeasurement!.Value);
        Assert.Equal(1, scheduled.LastMeasurement!.Value);
        Assert.Equal(1, skipped.LastMeasurement!.Value);

        var next = server.Store.Next;
        folder.Write("2024-07-03-new.md", Items.Story("New"));
        await next.WaitAsync(TimeSpan.FromSeconds(15));
        await RunningServer.Eventually(() => Task.FromResult(rebuilds.GetMeasurementSnapshot().Count == 1), "the rebuild counted");
    }

    [Fact]
    public void Recording_a_response_allocates_nothing_even_while_a_listener_is_on()
    {
        var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var factory = services.GetRequiredService<IMeterFactory>();
        var metrics = new FeedMetrics(factory, new SnapshotStore());
        long total = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            // This factory's meter only: servers of other tests running meanwhile have their own "Feed" meters.
            if (instrument.Meter.Name == FeedMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, factory))
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => total += value);
        listener.Start();
        void Record()
        {
            metrics.Responded(DocumentFormat.Rss.MediaType, StatusCodes.Status200OK, 100);
            metrics.Responded(DocumentFormat.Html.MediaType, StatusCodes.Status304NotModified, 0);
        }
        Record(); // warm up both paths

        // A one-time allocation can land inside a round (the runtime replacing a loop's code while
        // it runs, a first use elsewhere in the process); one that every call makes shows in each round.
        var rounds = new List<long>();
        for (var round = 0; round < 5 && (rounds.Count == 0 || rounds[^1] != 0); round++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 10_000; i++)
                Record();
            rounds.Add(GC.GetAllocatedBytesForCurrentThread() - before);
        }
        Assert.True(rounds[^1] == 0, $"bytes allocated per round of 20,000 recordings: {string.Join(", ", rounds)}");
        Assert.Equal((101 + 1) * (1 + 10_000L * rounds.Count), total);
    }

    [Fact]
    public async Task With_an_otlp_endpoint_the_feed_meter_is_exported_over_otlp()
    {
        var received = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var collector = WebApplication.CreateSlimBuilder();
        collector.WebHost.UseUrls("http://127.0.0.1:0");
        await using var receiver = collector.Build();
        receiver.MapPost("/v1/metrics", async (HttpContext context) =>
        {
            var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            // OTLP/HTTP protobuf: instrument names travel as plain UTF-8 strings.
            if (Encoding.UTF8.GetString(body.ToArray()).Contains("feed.requests", StringComparison.Ordinal))
                received.TrySetResult();
            return Results.Ok();
        });
        await receiver.StartAsync();

        using var folder = new TempFolder();
        folder.Write("2024-07-01-story.md", Items.Story("Story"));
        await using var server = await RunningServer.StartAsync(folder,
            $"--OTEL_EXPORTER_OTLP_ENDPOINT={receiver.Urls.Single()}", "--OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf", "--OTEL_METRIC_EXPORT_INTERVAL=200");
        await server.BytesAsync("/feed.xml");
        await received.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Theory]
    [InlineData("http://localhost:5000", false)]
    [InlineData("http://127.0.0.1:5000", false)]
    [InlineData("http://[::1]:5000", false)]
    [InlineData("http://0.0.0.0:5000", true)]
    [InlineData("http://[::]:5000", true)]
    [InlineData("http://*:5000", true)]
    [InlineData("http://+:5000", true)]
    [InlineData("http://192.0.2.10:8080", true)]
    [InlineData("http://news.example.com:80", true)]
    public void Listening_beyond_loopback_is_any_wildcard_name_or_outside_address(string url, bool beyond) =>
        Assert.Equal(beyond, HostOperations.ListensBeyondLoopback([url]));

    [Theory]
    [InlineData("http://localhost:5000/", "http://[::]:5000", true)]
    [InlineData("http://localhost:5000/", "http://127.0.0.1:5000", false)]
    [InlineData("https://news.example.com/", "http://[::]:5000", false)]
    public void Default_base_url_while_listening_beyond_loopback_is_warned_of(string baseUrl, string url, bool warned)
    {
        var logger = new Microsoft.Extensions.Logging.Testing.FakeLogger();
        HostOperations.WarnOfDefaultBaseUrl(logger, Feed.FeedSettings.Defaults with { BaseUrl = new Uri(baseUrl) }, [url]);
        Assert.Equal(warned, logger.Collector.GetSnapshot().Any(r => r.Id.Id == 60 && r.Level == LogLevel.Warning && r.Message.Contains("Feed:BaseUrl", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Default_base_url_on_loopback_gives_no_warning()
    {
        using var folder = new TempFolder();
        await using var server = await RunningServer.StartAsync(folder);
        Assert.DoesNotContain(server.Logs.GetSnapshot(), r => r.Id.Id == 60);
    }
}
