using System.Net;
using Feed.Testing;

namespace Feed.Server.Tests.Hosting;

/// <summary>Crashes and shutdowns: pollers' caches stay valid, in-flight requests finish.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class FaultTests
{
    static readonly string[] Paths = ["/feed.xml", "/atom.xml", "/feed.json", "/", "/2024/07/02/story-1"];

    [Fact]
    public async Task After_sigkill_mid_load_a_restart_serves_the_same_bytes_and_etags()
    {
        using var folder = new TempFolder();
        for (var i = 0; i < 20; i++)
            folder.Write($"2024-07-{i + 1:D2}-story-{i}.md", Items.Story($"Story {i}", $"2024-07-{i + 1:D2}"));
        var server = await ServerProcess.StartAsync(folder.Path);
        var before = await Responses(server.Client);

        using var load = new CancellationTokenSource();
        var underLoad = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var answered = 0;
        var pollers = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            while (!load.IsCancellationRequested)
            {
                try
                {
                    await server.Client.GetAsync("/feed.xml", load.Token);
                    if (Interlocked.Increment(ref answered) == 50)
                        underLoad.SetResult();
                }
                catch (Exception e) when (e is HttpRequestException or OperationCanceledException) { }
            }
        })).ToList();
        await underLoad.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await server.SignalAndWaitAsync(9, TimeSpan.FromSeconds(10));
        await load.CancelAsync();
        await Task.WhenAll(pollers);
        Assert.Equal(137, server.Process.ExitCode);
        await server.DisposeAsync();

        await using var restarted = await ServerProcess.StartAsync(folder.Path, server.Port);
        Assert.Equal(before, await Responses(restarted.Client));
        foreach (var (path, (etag, _)) in before)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.TryAddWithoutValidation("If-None-Match", etag);
            Assert.Equal(HttpStatusCode.NotModified, (await restarted.Client.SendAsync(request)).StatusCode);
        }
    }

    [Fact]
    public async Task Sigterm_lets_in_flight_requests_finish_and_stops_cleanly()
    {
        using var folder = new TempFolder();
        folder.Write("2024-07-01-story-1.md", Items.Story("Story", "2024-07-02", body: string.Join("\n\n", Enumerable.Repeat("A long paragraph of text.", 2000))));
        await using var server = await ServerProcess.StartAsync(folder.Path);

        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var inFlight = Enumerable.Range(0, 40).Select(async _ =>
        {
            try
            {
                using var response = await server.Client.GetAsync("/2024/07/02/story-1", HttpCompletionOption.ResponseHeadersRead);
                started.TrySetResult();
                return response.IsSuccessStatusCode ? (await response.Content.ReadAsByteArrayAsync()).Length > 0 ? "ok" : "empty" : $"{(int)response.StatusCode}";
            }
            catch (HttpRequestException)
            {
                return "refused"; // sent after the listener closed: never started, so never cut short
            }
        }).ToList();
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30)); // the server is answering: the signal lands mid-flight
        await server.SignalAndWaitAsync(15, TimeSpan.FromSeconds(30));
        var results = await Task.WhenAll(inFlight);

        Assert.Equal(0, server.Process.ExitCode);
        Assert.All(results, r => Assert.Contains(r, new[] { "ok", "refused" }));
        Assert.Contains("ok", results);
        Assert.Contains("Application is shutting down", server.Output);
    }

    static async Task<Dictionary<string, (string ETag, string Body)>> Responses(HttpClient client)
    {
        var result = new Dictionary<string, (string, string)>();
        foreach (var path in Paths)
        {
            using var response = await client.GetAsync(path);
            result[path] = (response.Headers.ETag!.Tag, await response.Content.ReadAsStringAsync());
        }
        return result;
    }

    // SIGTERM during a slow first build ended with an unhandled exception (exit 134).
    [Fact]
    public async Task Sigterm_during_the_first_build_exits_0_with_one_line()
    {
        using var folder = new TempFolder();
        // Written just now: the first build waits for it to settle, a minute at this quiet period.
        folder.Write("2024-07-01-fresh.md", Items.Story("Still being written"));
        await using var server = await ServerProcess.StartAsync(folder.Path, waitUntilHealthy: false, settings: "--Feed:ChangeQuietPeriod=00:01:00");
        await RunningServer.Eventually(async () =>
        {
            try
            {
                using var response = await server.Client.GetAsync("/healthz");
                return response.StatusCode == HttpStatusCode.ServiceUnavailable;
            }
            catch (HttpRequestException)
            {
                return false; // not listening yet
            }
        }, "Kestrel to answer 503 while the first build runs", seconds: 60);
        await server.SignalAndWaitAsync(15, TimeSpan.FromSeconds(30));
        Assert.Equal(0, server.Process.ExitCode);
        Assert.DoesNotContain("Unhandled exception", server.Output, StringComparison.Ordinal);
        Assert.Single(server.Output.Split('\n'), line => line.Contains("stopped before its first build", StringComparison.Ordinal));
    }
}
