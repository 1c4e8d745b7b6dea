using Feed.Ledger;
using Npgsql;

namespace Feed.Server.Operations;

/// <summary>
/// `migrate-ledger FROM TO`: copies a publication ledger between the embedded SQLite file and a
/// shared PostgreSQL database, either way, in one transaction. Each side is a ledger.db path (or
/// the Feed:StatePath folder holding it) or a PostgreSQL connection string (it has an '=').
/// The target must be empty: a copy never merges two ledgers' histories.
/// </summary>
public static class LedgerMigration
{
    public static int Run(string from, string to, TextWriter output, TextWriter errors)
    {
        try
        {
            if (!IsPostgres(from) && !File.Exists(SqlitePath(from)))
            {
                errors.WriteLine($"Feed cannot copy the ledger: there is no ledger at {SqlitePath(from)}.");
                return 1;
            }
            using var source = Open(from);
            using var target = Open(to);
            var memory = source.Load();
            if (!target.Load().IsFresh)
            {
                errors.WriteLine($"Feed cannot copy the ledger: {target.Name} already holds one (copy only into an empty ledger).");
                return 1;
            }
            target.Save(memory.All());
            var copied = target.Load();
            output.WriteLine($"Copied {copied.Count} stories and {copied.Pages.Count()} pages from {source.Name} to {target.Name}.");
            return 0;
        }
        catch (LedgerTooNewException e)
        {
            errors.WriteLine($"Feed cannot copy the ledger: {e.Message}");
            return 1;
        }
        catch (Exception e) when (e is System.Data.Common.DbException or IOException or UnauthorizedAccessException or ArgumentException
                                      or LedgerConflictException or InvalidOperationException)
        {
            errors.WriteLine($"Feed cannot copy the ledger: {e.Message}");
            return 1;
        }
    }

    static bool IsPostgres(string ledger) => ledger.Contains('=', StringComparison.Ordinal);

    static string SqlitePath(string ledger) =>
        Directory.Exists(ledger) ? Path.Combine(Path.GetFullPath(ledger), "ledger.db") : Path.GetFullPath(ledger);

    static PublicationLedger Open(string ledger) =>
        IsPostgres(ledger) ? new PostgresLedger(new NpgsqlConnectionStringBuilder(ledger).ConnectionString) : new SqliteLedger(SqlitePath(ledger));
}
