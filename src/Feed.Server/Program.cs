using Feed.Server;
using Microsoft.Extensions.Options;

try
{
    var app = FeedApp.Build(args);
    // Validate before the host starts, so a bad setting is one line, not a logged stack trace.
    _ = app.Services.GetRequiredService<IOptions<FeedOptions>>().Value;
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
