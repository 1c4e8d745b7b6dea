using Feed.Server;
using Microsoft.Extensions.Options;

try
{
    // `export OUTDIR [--Feed:Key=value ...]` writes the site as files; anything else serves it.
    var export = args.Length > 0 && args[0] == "export";
    if (export && (args.Length < 2 || args[1].StartsWith("--", StringComparison.Ordinal)))
    {
        Console.Error.WriteLine("Usage: dotnet run --project src/Feed.Server -- export OUTDIR [--Feed:Key=value ...]");
        return 2;
    }
    var app = FeedApp.Build(export ? args[2..] : args);
    // Validate before the host starts, so a bad setting is one line, not a logged stack trace.
    var options = app.Services.GetRequiredService<IOptions<FeedOptions>>().Value;
    if (export)
        return StaticExport.Run(options, args[1], TimeProvider.System, Console.Out, Console.Error);
    await app.RunAsync();
    return 0;
}
catch (OptionsValidationException e)
{
    Console.Error.WriteLine("Feed cannot start: " + string.Join(" ", e.Failures));
    return 2;
}
catch (InvalidOperationException e) when (e.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal))
{
    Console.Error.WriteLine("Feed cannot start: " + e.Message);
    return 2;
}
