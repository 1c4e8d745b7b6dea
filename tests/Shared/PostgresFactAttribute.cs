using System.Runtime.CompilerServices;

namespace Feed.Testing;

/// <summary>A fact that needs PostgreSQL: skipped, saying why, where it is not installed.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute([CallerFilePath] string? sourceFilePath = null, [CallerLineNumber] int sourceLineNumber = -1)
        : base(sourceFilePath, sourceLineNumber)
    {
        if (PostgresCluster.Missing is { } why)
            Skip = why;
    }
}
