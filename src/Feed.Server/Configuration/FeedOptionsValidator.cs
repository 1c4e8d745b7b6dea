using Microsoft.Extensions.Options;

namespace Feed.Server.Configuration;

/// <summary>Runs <see cref="FeedOptions.Validate"/> at start (ValidateOnStart), so bad settings stop the server at once.</summary>
public sealed class FeedOptionsValidator : IValidateOptions<FeedOptions>
{
    public ValidateOptionsResult Validate(string? name, FeedOptions options) =>
        options.Validate() is { Count: > 0 } errors ? ValidateOptionsResult.Fail(errors) : ValidateOptionsResult.Success;
}
