using System.Net;
using Feed.Server.Hosting;
using Feed.Testing;
using Microsoft.Extensions.Logging.Testing;

namespace Feed.Server.Tests;

/// <summary>The real app on real Kestrel, bound to a free loopback port, serving a real folder.</summary>
public sealed class RunningServer : IAsyncDisposable
{
    public const string BaseUrl = "https://news.example.com/";

    RunningServer(WebApplication app, string itemsPath)
    {
        App = app;
        ItemsPath = itemsPath;
        Address = new Uri(app.Urls.Single());
        Client = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None, UseCookies = false, AllowAutoRedirect = false })
        {
            BaseAddress = Address,
        };
    }

    public WebApplication App { get; }
    public string ItemsPath { get; }
    public Uri Address { get; }
    public HttpClient Client { get; }
    public FeedService Feeds => App.Services.GetRequiredService<FeedService>();
    public SnapshotStore Store => App.Services.GetRequiredService<SnapshotStore>();
    public FakeLogCollector Logs => App.Services.GetFakeLogCollector();

    /// <summary>Starts the server and waits for its first build.</summary>
    public static Task<RunningServer> StartAsync(string itemsPath, TimeProvider? time = null, params string[] settings) =>
        StartAsync(itemsPath, time, configure: null, settings);

    /// <summary>Starts the server with services of the test's own (settings no option reaches), and waits for its first build.</summary>
    public static async Task<RunningServer> StartAsync(string itemsPath, TimeProvider? time, Action<IServiceCollection>? configure, params string[] settings)
    {
        var app = Build(itemsPath, time, settings, configure);
        await app.StartAsync();
        var server = new RunningServer(app, itemsPath);
        await server.Store.FirstBuild.WaitAsync(TimeSpan.FromSeconds(30));
        return server;
    }

    /// <summary>
    /// Starts the server and returns once it listens, without waiting for a first build (one that
    /// has nothing to serve yet): the host's start waits for it, Kestrel answers 503 meanwhile.
    /// </summary>
    public static async Task<RunningServer> LaunchAsync(string itemsPath, TimeProvider? time = null, params string[] settings)
    {
        var app = Build(itemsPath, time, settings);
        var starting = app.StartAsync();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        // Kestrel reports the port it bound; nothing signals it sooner than the addresses feature.
        while (!starting.IsCompleted && !app.Urls.Any(url => !url.EndsWith(":0", StringComparison.Ordinal)))
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("the server did not listen within 30 s");
            await Task.Delay(20);
        }
        if (starting.IsCompleted)
            await starting;
        return new RunningServer(app, itemsPath);
    }

    static WebApplication Build(string itemsPath, TimeProvider? time, string[] settings, Action<IServiceCollection>? configure = null)
    {
        string[] args =
        [
            "--urls=http://127.0.0.1:0",
            $"--Feed:ItemsPath={itemsPath}",
            $"--Feed:BaseUrl={BaseUrl}",
            "--Feed:Title=Example News",
            "--Feed:ChangeQuietPeriod=00:00:00.100",
            "--Logging:LogLevel:Default=Debug",
            .. settings,
        ];
        return FeedApp.Build(args, services =>
        {
            services.AddLogging(logging => logging.AddFakeLogging());
            if (time is not null)
                services.AddSingleton<TimeProvider>(time);
            configure?.Invoke(services);
        });
    }

    public static Task<RunningServer> StartAsync(TempFolder folder, params string[] settings) => StartAsync(folder.Path, null, settings);

    public async Task<HttpResponseMessage> GetAsync(string path, Action<HttpRequestMessage>? configure = null, HttpMethod? method = null)
    {
        var request = new HttpRequestMessage(method ?? HttpMethod.Get, path);
        configure?.Invoke(request);
        return await Client.SendAsync(request);
    }

    public async Task<byte[]> BytesAsync(string path) => await (await GetAsync(path)).EnsureSuccessStatusCode().Content.ReadAsByteArrayAsync();

    public async Task<string> TextAsync(string path) => await (await GetAsync(path)).EnsureSuccessStatusCode().Content.ReadAsStringAsync();

    /// <summary>/healthz's JSON report, whatever its status.</summary>
    public async Task<System.Text.Json.JsonElement> HealthAsync()
    {
        using var response = await GetAsync("/healthz");
        return System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>How many items /healthz says are published.</summary>
    public async Task<int> PublishedAsync() => (await HealthAsync()).GetProperty("published").GetInt32();

    /// <summary>Polls until the condition holds: a deadline for a change to arrive, not a speed test.</summary>
    public static async Task Eventually(Func<Task<bool>> condition, string what, int seconds = 15)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"Gave up after {seconds} s waiting for: {what}");
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
