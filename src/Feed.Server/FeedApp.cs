using Microsoft.AspNetCore.WebUtilities;
using Feed;
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
        });

        builder.Services.AddOptions<FeedOptions>().BindConfiguration(FeedOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<FeedOptions>, FeedOptionsValidator>();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<FeedOptions>>().Value);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<WebSubPublisher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<WebSubPublisher>());
        builder.Services.AddSingleton<FeedService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<FeedService>());
        builder.Services.AddSingleton<FeedResponses>();
        builder.Services.AddSingleton<DocumentFastPath>();
        configureTests?.Invoke(builder.Services);

        var app = builder.Build();
        // Resolved on the first request, so that bad settings still fail at start (ValidateOnStart), not here.
        DocumentFastPath? fastPath = null;
        app.Use((context, next) => (fastPath ??= context.RequestServices.GetRequiredService<DocumentFastPath>()).InvokeAsync(context, next));
        // Routing only after the fast path; WebApplication would otherwise put it first.
        app.UseRouting();
        // Short, plain errors (404 for an unknown path, 405 for other methods) with no detail.
        app.UseStatusCodePages(context =>
        {
            var status = context.HttpContext.Response.StatusCode;
            context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
            return context.HttpContext.Response.WriteAsync($"{status} {ReasonPhrases.GetReasonPhrase(status)}\n");
        });
        app.MapFeedEndpoints();
        return app;
    }
}
