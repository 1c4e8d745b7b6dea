using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Feed.Server.Push;

/// <summary>
/// The HTTP clients of push: the framework's (IHttpClientFactory) with its resilience handler, so
/// timeouts, retries and backoff run on the injected <see cref="TimeProvider"/>. Neither client
/// follows a redirect (a POST must not go wherever a hub points it), and each bounds what it
/// reads of an answer.
/// </summary>
public static class PushServices
{
    public const string HubClient = "websub";
    public const string CacheClient = "cache-purge";

    /// <summary>How long one ping may take to be answered before it counts as failed (and is retried).</summary>
    public static readonly TimeSpan HubAttemptTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Retries after a failed ping: 1 s, 2 s, 4 s apart (exponential, without jitter, so tests can follow).</summary>
    public const int HubRetries = 3;

    public static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);

    public static IServiceCollection AddPush(this IServiceCollection services)
    {
        services.AddHttpClient(HubClient, ConfigureClient)
            .ConfigurePrimaryHttpMessageHandler(NoRedirects)
            .AddResilienceHandler("websub", static (pipeline, context) =>
            {
                var logger = context.ServiceProvider.GetRequiredService<ILogger<WebSubPublisher>>();
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = HubRetries,
                    Delay = FirstRetry,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = false,
                    OnRetry = args =>
                    {
                        var failure = args.Outcome.Result is { } response ? $"HTTP {(int)response.StatusCode}" : args.Outcome.Exception?.Message ?? "no answer";
                        var request = args.Context.GetRequestMessage();
                        Log.HubRetrying(logger, request?.RequestUri, WebSubPublisher.TopicCount(request), args.AttemptNumber + 1, failure, args.RetryDelay.TotalSeconds);
                        return default;
                    },
                });
                // Inside the retry: a timeout for each attempt, not for all of them.
                pipeline.AddTimeout(HubAttemptTimeout);
            });
        services.AddHttpClient(CacheClient, ConfigureClient).ConfigurePrimaryHttpMessageHandler(NoRedirects);
        // Feed says what happened to a ping in its own words (events 11 to 16); the client
        // factory's line per request and Polly's per attempt would repeat it at every level.
        services.Configure<LoggerFilterOptions>(filters =>
        {
            filters.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
            filters.AddFilter("Polly", LogLevel.Error);
        });
        services.AddSingleton<CachePurger>();
        services.AddSingleton<WebSubPublisher>();
        services.AddHostedService(sp => sp.GetRequiredService<WebSubPublisher>());
        return services;
    }

    static void ConfigureClient(HttpClient client)
    {
        client.DefaultRequestHeaders.UserAgent.ParseAdd("Feed (WebSub publisher)");
        // A last bound in real time; the attempts' own timeouts come first.
        client.Timeout = TimeSpan.FromMinutes(2);
    }

    static SocketsHttpHandler NoRedirects() => new()
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.None,
        MaxResponseHeadersLength = 16, // KB
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    };

    /// <summary>Reads at most <paramref name="limit"/> bytes of an answer (for the log), whatever its length says.</summary>
    public static async Task<string> ReadBounded(HttpResponseMessage response, int limit, CancellationToken cancel)
    {
        var buffer = new byte[limit];
        var read = 0;
        await using var body = await response.Content.ReadAsStreamAsync(cancel);
        while (read < limit)
        {
            var n = await body.ReadAsync(buffer.AsMemory(read), cancel);
            if (n == 0)
                break;
            read += n;
        }
        return System.Text.Encoding.UTF8.GetString(buffer, 0, read);
    }
}
