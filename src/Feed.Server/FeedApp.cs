using Feed.Server.Configuration;
using Feed.Server.Hosting;
using Feed.Server.Http;
using Feed.Server.Operations;
using Feed.Server.Push;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Feed.Server;

/// <summary>The application: services, configuration and routes. Program and the tests both build it here.</summary>
public static class FeedApp
{
    public static WebApplication Build(string[] args, Action<IServiceCollection>? configureTests = null)
    {
        // appsettings.json sits beside the binary; relative paths in it (ItemsPath) are taken
        // from the working directory, which `dotnet run` sets to the repository root.
        // The slim builder: no HTTPS, IIS or EventLog plumbing this app never uses, and a faster start.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // Feeds take no request body and need few, short headers: the limits say so, and
            // anything past them is refused by Kestrel before it reaches the app.
            kestrel.Limits.MaxRequestBodySize = 0;
            kestrel.Limits.MaxRequestLineSize = 8 * 1024;
            kestrel.Limits.MaxRequestHeadersTotalSize = 16 * 1024;
            kestrel.Limits.MaxRequestHeaderCount = 64;
            kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(10);
            // Feed:MaxConcurrentConnections, read here without validation as InlineScheduling is
            // below (start-up validation reports a bad value).
            var connections = long.TryParse(kestrel.ApplicationServices.GetRequiredService<IConfiguration>()[$"{FeedOptions.Section}:{nameof(FeedOptions.MaxConcurrentConnections)}"],
                System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) && value >= 1
                ? value : FeedOptions.DefaultMaxConcurrentConnections;
            kestrel.Limits.MaxConcurrentConnections = connections;
            kestrel.Limits.MaxConcurrentUpgradedConnections = connections;
        });

        // A failure to start (a port in use) is Program's one line, not the host's logged stack
        // trace; the hosted services here catch and log their own errors.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        builder.Services.AddFeedOptions();
        builder.Services.AddOptions<SocketTransportOptions>().Configure<IConfiguration>((transport, configuration) =>
        {
            // Feed:InlineScheduling, the transport half (Program sets the sockets half). Read
            // here without validation: Kestrel is made with the app, before start-up validates
            // the section (which reports a bad value).
            var inline = bool.TryParse(configuration[$"{FeedOptions.Section}:{nameof(FeedOptions.InlineScheduling)}"], out var value)
                ? value : new FeedOptions().InlineScheduling;
            transport.UnsafePreferInlineScheduling = inline;
            // A buffer for each connection up front rather than after a zero-byte read: pollers
            // send their request at once, and the memory is the pool's, not per connection.
            transport.WaitForDataBeforeAllocatingBuffer = !inline;
        });
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddMetrics();
        builder.Services.AddSingleton<FeedMetrics>();
        builder.Services.AddSingleton<SnapshotStore>();
        builder.Services.AddSingleton<FeedService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<FeedService>());
        builder.Services.AddSingleton(sp => sp.GetRequiredService<FeedService>().Ledger);
        builder.Services.AddPush();
        builder.Services.AddSingleton<AssetStore>();
        builder.Services.AddSingleton<AssetResponder>();
        builder.Services.AddSingleton<ResponseWriter>();
        builder.Services.AddSingleton<FeedResponses>();
        builder.AddOperations();
        configureTests?.Invoke(builder.Services);

        var app = builder.Build();
        app.Lifetime.ApplicationStarted.Register(() => HostOperations.WarnOfDefaultBaseUrl(app));
        app.Lifetime.ApplicationStarted.Register(() => HostOperations.WarnOfPodcast(app));
        // Ahead of routing, which WebApplication would otherwise put first.
        app.UseMiddleware<DocumentFastPath>();
        app.UseRouting();
        // Short, plain errors (404 for an unknown path, 405 for other methods) with no detail.
        app.UseStatusCodePages(context =>
        {
            var status = context.HttpContext.Response.StatusCode;
            // A path no route knows: perhaps a page with a trailing slash or in another case.
            if (status == StatusCodes.Status404NotFound && (HttpMethods.IsGet(context.HttpContext.Request.Method) || HttpMethods.IsHead(context.HttpContext.Request.Method)))
                return context.HttpContext.RequestServices.GetRequiredService<FeedResponses>().NotFound(context.HttpContext);
            context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
            context.HttpContext.Response.Headers.XContentTypeOptions = ResponseWriter.NoSniff;
            return context.HttpContext.Response.WriteAsync($"{status} {ReasonPhrases.GetReasonPhrase(status)}\n");
        });
        app.MapFeedEndpoints();
        return app;
    }

    /// <summary>
    /// The "Feed" section, bound and validated once at start (ValidateOnStart), and the typed
    /// <see cref="FeedSettings"/> made from it once. A value the binder cannot convert ("abc" for
    /// a number) is reported with the other problems, naming its key, instead of thrown.
    /// </summary>
    static void AddFeedOptions(this IServiceCollection services)
    {
        services.AddOptions<FeedOptions>()
            .Configure<IConfiguration>((options, configuration) =>
            {
                try
                {
                    configuration.GetSection(FeedOptions.Section).Bind(options);
                }
                catch (InvalidOperationException e)
                {
                    options.BindingErrors.Add(e.Message);
                }
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<FeedOptions>, FeedOptionsValidator>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<FeedOptions>>().Value);
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<FeedOptions>();
            // Bodies are rendered from any document of any snapshot: their cache is the process's.
            RenderCache.Shared.Limit = options.RenderCacheBytes;
            return options.ToSettings();
        });
    }
}
