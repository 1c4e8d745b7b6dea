using Feed.Server;
using Feed.Server.Configuration;
using Feed.Server.Export;
using Feed.Server.Operations;
using Microsoft.Extensions.Options;

// `export OUTDIR [--Feed:Key=value ...]` writes the site as files; `migrate-ledger FROM TO` copies
// the ledger; `--help` says how to run it; anything else serves it.
if (args is ["--help" or "-h" or "-?", ..])
{
    Console.WriteLine(Usage.Text);
    return 0;
}
if (args is ["migrate-ledger", ..])
{
    if (args is not [_, var from, var to])
    {
        Console.Error.WriteLine(Usage.Text);
        return 2;
    }
    return LedgerMigration.Run(from, to, Console.Out, Console.Error);
}
var export = args is ["export", ..];
if (export && (args.Length < 2 || args[1].StartsWith("--", StringComparison.Ordinal)))
{
    Console.Error.WriteLine(Usage.Text);
    return 2;
}

// Readies the parsers and writers on the other core while the host is built.
Feed.Server.Hosting.StartupWarmup.Start();
try
{
    var app = FeedApp.Build(export ? args[2..] : args);
    // Validated before the host starts, so a bad setting is one line, not a logged stack trace.
    var options = app.Services.GetRequiredService<FeedOptions>();
    if (export)
        return StaticExport.Run(options, app.Services.GetRequiredService<Feed.FeedSettings>(), args[1], TimeProvider.System, Console.Out, Console.Error);
    if (Usage.BadUrls(app.Configuration["urls"]) is { } badUrls)
    {
        Console.Error.WriteLine($"Feed cannot start: Urls {badUrls}");
        return 2;
    }
    // Feed:InlineScheduling, the sockets half: the socket engine reads this variable once, when
    // the first socket opens, which is after this line (the runtime has no AppContext switch for it).
    Environment.SetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", options.InlineScheduling ? "1" : "0");
    // The native build keeps the soft descriptor limit (1,024) that the dotnet host would raise.
    FileDescriptorLimit.RaiseSoftToHard();
    await app.RunAsync();
    return 0;
}
catch (OperationCanceledException)
{
    // SIGTERM (or Ctrl+C) before the first build was served: the host's start was cancelled,
    // which is a stop asked for, not a failure (it ended as exit 134).
    Console.Error.WriteLine("Feed stopped before its first build was served.");
    return 0;
}
catch (OptionsValidationException e)
{
    Console.Error.WriteLine("Feed cannot start: " + string.Join(" ", e.Failures));
    return 2;
}
catch (IOException e)
{
    // Kestrel's AddressInUseException and other failures to listen.
    Console.Error.WriteLine($"Feed cannot start: {e.Message} Choose another port with --urls=http://localhost:PORT.");
    return 2;
}
