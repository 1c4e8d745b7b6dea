namespace Feed.Testing;

/// <summary>A fact that needs PostgreSQL: skipped, saying why, where it is not installed.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresCluster.Missing is { } why)
            Skip = why;
    }
}
