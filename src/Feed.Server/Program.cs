using Feed.Server;
using Microsoft.Extensions.Options;

try
{
    await FeedApp.Build(args).RunAsync();
    return 0;
}
catch (OptionsValidationException e)
{
    // One clear message per bad setting, no stack trace: this is the user's input, not a bug.
    Console.Error.WriteLine("Feed cannot start: " + string.Join(" ", e.Failures));
    return 2;
}
catch (InvalidOperationException e) when (e.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal))
{
    Console.Error.WriteLine("Feed cannot start: " + e.Message);
    return 2;
}
