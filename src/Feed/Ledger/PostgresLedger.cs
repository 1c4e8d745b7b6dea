using System.Globalization;
using Npgsql;

namespace Feed.Ledger;

/// <summary>
/// The shared ledger: PostgreSQL (Npgsql), for several instances over one folder (docs/scale-out.md).
/// Feed creates and migrates the schema itself, versioned in a <c>schema_version</c> table. Every
/// row carries a <c>version</c> (one sequence, bumped on every write), which a write expects
/// unchanged, and the id of the transaction that wrote it (<c>written</c>), by which each instance
/// re-reads only what changed since its last look. Who wins a race is decided by the unique
/// constraints on a story's id and page and on a publication's fingerprint, never by a lock of ours.
/// </summary>
public sealed class PostgresLedger : PublicationLedger
{
    readonly NpgsqlDataSource _source;
    readonly string _name;
    // Every transaction before this one had ended when the ledger was last read: rows written
    // since are those whose writer's id is at least this (a sequence alone would miss a row whose
    // transaction took its number early and committed late).
    ulong _since;

    /// <summary>Opens the ledger the connection string names, creating or migrating its schema.</summary>
    public PostgresLedger(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        _name = NameOf(builder);
        // The slim builder: only the plain types this ledger uses, no reflection (native AOT).
        _source = new NpgsqlSlimDataSourceBuilder(connectionString).Build();
        try
        {
            Migrate();
        }
        catch
        {
            _source.Dispose();
            throw;
        }
    }

    /// <summary>How a connection string is named in messages: host, port and database, never the password.</summary>
    public static string NameOf(NpgsqlConnectionStringBuilder builder) =>
        $"postgresql://{builder.Host}:{builder.Port}/{builder.Database ?? builder.Username}";

    public override string Name => _name;

    public override bool Shared => true;

    void Migrate()
    {
        using var connection = _source.OpenConnection();
        using var transaction = connection.BeginTransaction();
        // Two instances starting at once must not both create the schema: the first holds this
        // transaction-scoped lock while it does (the only lock Feed takes, and only here).
        Execute(connection, transaction, "SELECT pg_advisory_xact_lock(4607204)");
        var version = Scalar(connection, transaction, "SELECT to_regclass('schema_version') IS NOT NULL") is true
            ? Convert.ToInt64(Scalar(connection, transaction, "SELECT coalesce(max(version), 0) FROM schema_version"), CultureInfo.InvariantCulture)
            : 0;
        if (version > SchemaVersion)
            throw TooNew(version);
        if (version == 0)
        {
            Execute(connection, transaction, """
                CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL);
                CREATE SEQUENCE IF NOT EXISTS ledger_version;
                CREATE TABLE stories (
                    id text PRIMARY KEY,
                    page_path text NOT NULL UNIQUE,
                    source_path text NOT NULL,
                    content_hash bigint NOT NULL,
                    title text NOT NULL,
                    own_slug text,
                    published text NOT NULL,
                    first_seen text NOT NULL,
                    last_changed text NOT NULL,
                    gone_at text,
                    version bigint NOT NULL DEFAULT nextval('ledger_version'),
                    written xid8 NOT NULL DEFAULT pg_current_xact_id());
                CREATE TABLE pages (
                    path text PRIMARY KEY,
                    story_id text NOT NULL,
                    version bigint NOT NULL DEFAULT nextval('ledger_version'),
                    written xid8 NOT NULL DEFAULT pg_current_xact_id());
                CREATE TABLE removed (
                    id text PRIMARY KEY,
                    version bigint NOT NULL DEFAULT nextval('ledger_version'),
                    written xid8 NOT NULL DEFAULT pg_current_xact_id());
                CREATE TABLE published (
                    fingerprint bigint PRIMARY KEY,
                    last_modified text NOT NULL,
                    version bigint NOT NULL DEFAULT nextval('ledger_version'),
                    written xid8 NOT NULL DEFAULT pg_current_xact_id());
                CREATE INDEX stories_written ON stories (written);
                CREATE INDEX pages_written ON pages (written);
                CREATE INDEX removed_written ON removed (written);
                CREATE INDEX published_written ON published (written);
                DELETE FROM schema_version;
                INSERT INTO schema_version (version) VALUES (1);
                """);
            version = 1;
        }
        if (version == 1)
        {
            // Version 2: the last WebSub ping of each feed, so a restart pings only what changed.
            Execute(connection, transaction, """
                CREATE TABLE pings (
                    path text PRIMARY KEY,
                    fingerprint bigint NOT NULL,
                    written xid8 NOT NULL DEFAULT pg_current_xact_id());
                CREATE INDEX pings_written ON pings (written);
                DELETE FROM schema_version;
                INSERT INTO schema_version (version) VALUES (2);
                """);
        }
        transaction.Commit();
    }

    public override LedgerMemory Load(SharedStrings? strings = null)
    {
        var memory = new LedgerMemory();
        _since = 0;
        Read(memory, strings ?? SharedStrings.None);
        return memory;
    }

    public override void Refresh(LedgerMemory memory) => Read(memory, SharedStrings.None);

    void Read(LedgerMemory memory, SharedStrings strings)
    {
        using var connection = _source.OpenConnection();
        using var transaction = connection.BeginTransaction(System.Data.IsolationLevel.RepeatableRead);
        var xmin = ulong.Parse((string)Scalar(connection, transaction, "SELECT pg_snapshot_xmin(pg_current_snapshot())::text")!, CultureInfo.InvariantCulture);
        const string Since = "written >= ($1::text)::xid8";
        var since = _since.ToString(CultureInfo.InvariantCulture);
        using (var reader = Query(connection, transaction, $"SELECT id FROM removed WHERE {Since}", since))
        {
            while (reader.Read())
                memory.Forget(reader.GetString(0));
        }
        using (var reader = Query(connection, transaction, $"""
            SELECT id, page_path, source_path, content_hash, title, own_slug, published, first_seen, last_changed, gone_at, version
            FROM stories WHERE {Since}
            """, since))
        {
            while (reader.Read())
            {
                memory.Merge(strings.Share(new StoryRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), unchecked((ulong)reader.GetInt64(3)),
                    reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5), Time(reader.GetString(6)), Time(reader.GetString(7)),
                    Time(reader.GetString(8)), reader.IsDBNull(9) ? null : Time(reader.GetString(9)), reader.GetInt64(10))));
            }
        }
        using (var reader = Query(connection, transaction, $"SELECT path, story_id FROM pages WHERE {Since}", since))
        {
            while (reader.Read())
                memory.MergePage(reader.GetString(0), reader.GetString(1));
        }
        using (var reader = Query(connection, transaction, $"SELECT path, fingerprint FROM pings WHERE {Since}", since))
        {
            while (reader.Read())
                memory.MergePing(reader.GetString(0), unchecked((ulong)reader.GetInt64(1)));
        }
        using (var reader = Query(connection, transaction, $"SELECT fingerprint, last_modified, version FROM published WHERE {Since}", since))
        {
            while (reader.Read())
                memory.MergePublished(unchecked((ulong)reader.GetInt64(0)), Time(reader.GetString(1)), reader.GetInt64(2));
        }
        transaction.Commit();
        _since = xmin;
    }

    public override void Save(LedgerChanges changes)
    {
        using var connection = _source.OpenConnection();
        using var transaction = connection.BeginTransaction();
        try
        {
            Write(connection, transaction, changes);
            transaction.Commit();
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DeadlockDetected
                                              or PostgresErrorCodes.SerializationFailure)
        {
            throw new LedgerConflictException($"another instance wrote to {Name} first ({e.MessageText})", e);
        }
    }

    static void Write(NpgsqlConnection connection, NpgsqlTransaction transaction, LedgerChanges changes)
    {
        const string Bump = "version = nextval('ledger_version'), written = pg_current_xact_id()";
        var batch = new NpgsqlBatch(connection, transaction);
        foreach (var id in changes.Removed.Order(StringComparer.Ordinal))
        {
            batch.BatchCommands.Add(Command("DELETE FROM stories WHERE id = $1", id));
            batch.BatchCommands.Add(Command($"INSERT INTO removed (id) VALUES ($1) ON CONFLICT (id) DO UPDATE SET {Bump}", id));
        }
        // In one order on every instance, so two saves of the same new stories wait for each
        // other on the unique index instead of deadlocking.
        var expected = new List<(NpgsqlBatchCommand Command, string What)>();
        foreach (var story in changes.Stories.OrderBy(s => s.Id, StringComparer.Ordinal))
        {
            object?[] values =
            [
                story.Id, story.PagePath, story.SourcePath, unchecked((long)story.ContentHash), story.Title, story.OwnSlug,
                Text(story.Published), Text(story.FirstSeen), Text(story.LastChanged), story.GoneAt is { } gone ? Text(gone) : null,
            ];
            var command = story.Version == 0
                ? Command("""
                    INSERT INTO stories (id, page_path, source_path, content_hash, title, own_slug, published, first_seen, last_changed, gone_at)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
                    """, values)
                : Command($"""
                    UPDATE stories SET page_path = $2, source_path = $3, content_hash = $4, title = $5, own_slug = $6, published = $7,
                        first_seen = $8, last_changed = $9, gone_at = $10, {Bump}
                    WHERE id = $1 AND version = $11
                    """, [.. values, story.Version]);
            batch.BatchCommands.Add(command);
            expected.Add((command, $"story {story.Id}"));
        }
        foreach (var (path, owner) in changes.Pages.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            batch.BatchCommands.Add(Command($"""
                INSERT INTO pages (path, story_id) VALUES ($1, $2)
                ON CONFLICT (path) DO UPDATE SET story_id = excluded.story_id, {Bump} WHERE pages.story_id <> excluded.story_id
                """, path, owner));
        }
        foreach (var (path, fingerprint) in (changes.Pings ?? []).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            batch.BatchCommands.Add(Command("""
                INSERT INTO pings (path, fingerprint) VALUES ($1, $2)
                ON CONFLICT (path) DO UPDATE SET fingerprint = excluded.fingerprint, written = pg_current_xact_id()
                """, path, unchecked((long)fingerprint)));
        }
        NpgsqlBatchCommand? published = null;
        if (changes.LastModified is { } lastModified)
        {
            published = changes.PublishedVersion == 0
                ? Command("INSERT INTO published (fingerprint, last_modified) VALUES ($1, $2) ON CONFLICT (fingerprint) DO NOTHING",
                    unchecked((long)changes.Fingerprint), Text(lastModified))
                : Command($"UPDATE published SET last_modified = $2, {Bump} WHERE fingerprint = $1 AND version = $3",
                    unchecked((long)changes.Fingerprint), Text(lastModified), changes.PublishedVersion);
            batch.BatchCommands.Add(published);
        }
        if (batch.BatchCommands.Count == 0)
            return;
        batch.ExecuteNonQuery();
        foreach (var (command, what) in expected)
        {
            if (command.RecordsAffected != 1)
                throw new LedgerConflictException($"another instance changed {what} first");
        }
        if (published is { RecordsAffected: 0 })
        {
            // The same documents recorded by another instance: the same Last-Modified is no conflict.
            var recorded = Scalar(connection, transaction, "SELECT last_modified FROM published WHERE fingerprint = $1", unchecked((long)changes.Fingerprint));
            if (recorded is not string text || Time(text) != changes.LastModified)
                throw new LedgerConflictException("another instance recorded these documents' Last-Modified first");
        }
    }

    public override void Dispose() => _source.Dispose();

    static string Text(DateTimeOffset time) => time.ToString("o", CultureInfo.InvariantCulture);

    static DateTimeOffset Time(string text) => DateTimeOffset.ParseExact(text, "o", CultureInfo.InvariantCulture);

    static NpgsqlBatchCommand Command(string sql, params object?[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        return command;
    }

    static void Execute(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection, transaction);
        command.ExecuteNonQuery();
    }

    static object? Scalar(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, params object[] values)
    {
        using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var value in values)
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        return command.ExecuteScalar();
    }

    static NpgsqlDataReader Query(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, params object[] values)
    {
        using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var value in values)
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        return command.ExecuteReader();
    }
}
