using System.Net;
using Feed.Server.Configuration;
using Feed.Server.Hosting;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging.Console;
using OpenTelemetry;

namespace Feed.Server.Operations;

/// <summary>
/// What running Feed in production needs from the host (docs/deploy.md): systemd readiness and
/// log format, console log formats from configuration, OpenTelemetry export of the "Feed" meter,
/// and the start-up warning for a BaseUrl left at its default.
/// </summary>
public static class HostOperations
{
    public static void AddOperations(this WebApplicationBuilder builder)
    {
        // systemd (Type=notify): READY=1 once started, STOPPING=1 on the way down, and the
        // journald-friendly "systemd" log format when systemd runs the service.
        builder.Services.AddSystemd();
        // sd_notify(3) needs nothing but NOTIFY_SOCKET: honour it whoever set it (another
        // supervisor, a container's init, a test), not only when the parent process is systemd.
        if (!SystemdHelpers.IsSystemdService() && !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NOTIFY_SOCKET")))
        {
            builder.Services.AddSingleton<ISystemdNotifier, SystemdNotifier>();
            builder.Services.AddSingleton<IHostLifetime, SystemdLifetime>();
        }
        // The host reports started (and systemd hears READY=1) only after the first build, when
        // every feed can be served; Kestrel already listens, answering 503 until then.
        builder.Services.AddHostedService<FirstBuildGate>();

        // The slim builder adds the simple console formatter after binding Logging:Console, so
        // Logging:Console:FormatterName (json, systemd, simple) would have no effect: bind it again last.
        builder.Services.Configure<ConsoleLoggerOptions>(builder.Configuration.GetSection("Logging:Console"));

        // OpenTelemetry the standard way: the OTLP exporter configured by the OTEL_* variables,
        // only when an endpoint is given, so a plain run exports nothing and costs nothing.
        if (!string.IsNullOrEmpty(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry()
                .WithMetrics(metrics => metrics.AddMeter(FeedMetrics.MeterName, "System.Runtime"))
                .UseOtlpExporter();
        }
    }

    /// <summary>
    /// Ids and links carry BaseUrl forever (RFC 4287 4.2.6): left at its localhost default while
    /// other hosts can reach the server, a first deploy would mint them on localhost.
    /// </summary>
    public static void WarnOfDefaultBaseUrl(WebApplication app) =>
        WarnOfDefaultBaseUrl(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Feed.Server"), app.Services.GetRequiredService<FeedSettings>(), app.Urls);

    /// <summary>
    /// Once at start: event 85 when Feed:Podcast is set but cannot make a podcast feed; event 86
    /// when its artwork is a file of the items folder (under BaseUrl) whose size Apple refuses.
    /// </summary>
    public static void WarnOfPodcast(WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Feed.Server");
        var options = app.Services.GetRequiredService<FeedOptions>();
        if (options.PodcastProblem() is { } problem)
            Log.PodcastOff(logger, problem);
        var settings = app.Services.GetRequiredService<FeedSettings>();
        if (settings.Podcast?.Image is not { } image || !image.AbsoluteUri.StartsWith(settings.BaseUrl.AbsoluteUri, StringComparison.Ordinal))
            return;
        var items = Path.GetFullPath(options.ItemsPath, Environment.CurrentDirectory);
        var file = Path.GetFullPath(Path.Combine(items, Uri.UnescapeDataString(image.AbsolutePath[settings.BaseUrl.AbsolutePath.Length..])));
        if (file.StartsWith(items + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            && Feed.Folder.ImageHeader.Read(file) is var (width, height) && (width != height || width is < 1400 or > 3000))
            Log.PodcastArtwork(logger, Path.GetRelativePath(items, file), width, height);
    }

    /// <summary>Logs event 60 when <paramref name="settings"/> keep the default BaseUrl and <paramref name="urls"/> reach beyond loopback.</summary>
    public static void WarnOfDefaultBaseUrl(ILogger logger, FeedSettings settings, ICollection<string> urls)
    {
        if (settings.BaseUrl == FeedSettings.Defaults.BaseUrl && ListensBeyondLoopback(urls))
            Log.DefaultBaseUrl(logger, settings.BaseUrl, string.Join(", ", urls));
    }

    /// <summary>Whether any address is reachable from another machine: a wildcard, a host name or a non-loopback IP.</summary>
    public static bool ListensBeyondLoopback(IEnumerable<string> urls) =>
        urls.Any(url =>
        {
            var authority = url.Split("://", 2) is [_, var rest] ? rest.Split('/')[0] : url;
            var host = authority.StartsWith('[') ? authority[1..authority.IndexOf(']', StringComparison.Ordinal)] : authority.Split(':')[0];
            return !(host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip)));
        });

    /// <summary>
    /// Holds the host's "started" (ApplicationStarted, and so systemd's READY=1) until the first
    /// snapshot is served. It waits in StartedAsync, after every hosted service's StartAsync, so
    /// Kestrel is already listening and answers 503 meanwhile.
    /// </summary>
    sealed class FirstBuildGate(SnapshotStore store) : IHostedLifecycleService
    {
        public Task StartedAsync(CancellationToken cancellationToken) => store.FirstBuild.WaitAsync(cancellationToken);

        public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
