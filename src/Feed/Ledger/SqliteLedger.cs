using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Feed.Ledger;

/// <summary>
/// The embedded ledger: one SQLite file (Microsoft.Data.Sqlite) under Feed:StatePath. The schema
/// is created and migrated here, versioned by SQLite's <c>user_version</c>.
/// </summary>
public sealed class SqliteLedger : PublicationLedger
{
    readonly string _path;
    readonly SqliteConnection _connection;

    /// <summary>Opens the ledger at this path, creating the file and its folder when missing.</summary>
    public SqliteLedger(string path)
    {
        _path = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _path, Pooling = false }.ToString());
        try
        {
            _connection.Open();
            Migrate();
        }
        catch
        {
            _connection.Dispose();
            throw;
        }
    }

    public override string Name => _path;

    public override bool StillThere => File.Exists(_path);

    void Migrate()
    {
        var version = (long)Scalar("PRAGMA user_version")!;
        if (version > SchemaVersion)
            throw TooNew(version);
        // The rollback journal, not WAL: one file plus a short-lived journal, which is what a
        // backup copies and what "delete the ledger" removes.
        Execute("PRAGMA journal_mode=DELETE; PRAGMA synchronous=NORMAL;");
        if (version == 0)
        {
            using var transaction = _connection.BeginTransaction();
            Execute("""
                CREATE TABLE stories (
                    id TEXT PRIMARY KEY,
                    page_path TEXT NOT NULL UNIQUE,
                    source_path TEXT NOT NULL,
                    content_hash INTEGER NOT NULL,
                    title TEXT NOT NULL,
                    own_slug TEXT,
                    published TEXT NOT NULL,
                    first_seen TEXT NOT NULL,
                    last_changed TEXT NOT NULL,
                    gone_at TEXT);
                CREATE TABLE pages (path TEXT PRIMARY KEY, story_id TEXT NOT NULL);
                CREATE TABLE published (one INTEGER PRIMARY KEY CHECK (one = 1), fingerprint INTEGER NOT NULL, last_modified TEXT NOT NULL);
                PRAGMA user_version = 1;
                """, transaction);
            transaction.Commit();
            version = 1;
        }
        if (version == 1)
        {
            // Version 2: the last WebSub ping of each feed, so a restart pings only what changed.
            using var transaction = _connection.BeginTransaction();
            Execute("""
                CREATE TABLE pings (path TEXT PRIMARY KEY, fingerprint INTEGER NOT NULL);
                PRAGMA user_version = 2;
                """, transaction);
            transaction.Commit();
        }
    }

    public override LedgerMemory Load(SharedStrings? strings = null)
    {
        strings ??= SharedStrings.None;
        var stories = new List<StoryRecord>();
        using (var rows = new SqliteRows(_connection, "SELECT id, page_path, source_path, content_hash, title, own_slug, published, first_seen, last_changed, gone_at FROM stories"))
        {
            while (rows.Next())
            {
                // The strings of the story scanned at the same path where they are equal: one copy each.
                var scanned = strings.At(rows.Chars(2));
                stories.Add(new StoryRecord(rows.Text(0, scanned?.Id), rows.Text(1, scanned?.PagePath), scanned?.SourcePath ?? rows.Text(2),
                    unchecked((ulong)rows.Int64(3)), rows.Text(4, scanned?.Title), rows.IsNull(5) ? null : rows.Text(5),
                    rows.Time(6), rows.Time(7), rows.Time(8), rows.IsNull(9) ? null : rows.Time(9)));
            }
        }
        ulong fingerprint = 0;
        DateTimeOffset? lastModified = null;
        using (var command = Command("SELECT fingerprint, last_modified FROM published"))
        using (var reader = command.ExecuteReader())
        {
            if (reader.Read())
                (fingerprint, lastModified) = (unchecked((ulong)reader.GetInt64(0)), Time(reader.GetString(1)));
        }
        var pings = new List<KeyValuePair<string, ulong>>();
        using (var command = Command("SELECT path, fingerprint FROM pings"))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
                pings.Add(new(reader.GetString(0), unchecked((ulong)reader.GetInt64(1))));
        }
        var memory = LedgerMemory.From(stories, [], fingerprint, lastModified, pings);
        // Each story's own page, which the pages table lists again, is known from its row: those
        // rows are passed over without a string made for them.
        var owners = memory.PageOwnersBySpan;
        using (var rows = new SqliteRows(_connection, "SELECT path, story_id FROM pages"))
        {
            while (rows.Next())
            {
                if (owners.TryGetValue(rows.Chars(0), out var owner) && rows.Chars(1).SequenceEqual(owner))
                    continue;
                memory.LoadPage(rows.Text(0), rows.Text(1));
            }
        }
        return memory;
    }

    public override void Save(LedgerChanges changes)
    {
        using var transaction = _connection.BeginTransaction();
        using (var remove = Command("DELETE FROM stories WHERE id = $id", transaction))
        {
            var id = remove.Parameters.Add("$id", SqliteType.Text);
            foreach (var removed in changes.Removed)
            {
                id.Value = removed;
                remove.ExecuteNonQuery();
            }
        }
        using (var upsert = Command("""
            INSERT INTO stories (id, page_path, source_path, content_hash, title, own_slug, published, first_seen, last_changed, gone_at)
            VALUES ($id, $page, $source, $hash, $title, $slug, $published, $first, $changed, $gone)
            ON CONFLICT (id) DO UPDATE SET page_path = excluded.page_path, source_path = excluded.source_path,
                content_hash = excluded.content_hash, title = excluded.title, own_slug = excluded.own_slug,
                published = excluded.published, first_seen = excluded.first_seen, last_changed = excluded.last_changed,
                gone_at = excluded.gone_at
            """, transaction))
        {
            string[] names = ["$id", "$page", "$source", "$hash", "$title", "$slug", "$published", "$first", "$changed", "$gone"];
            var p = names.Select(n => upsert.Parameters.Add(n, SqliteType.Text)).ToArray();
            p[3].SqliteType = SqliteType.Integer;
            foreach (var story in changes.Stories)
            {
                p[0].Value = story.Id;
                p[1].Value = story.PagePath;
                p[2].Value = story.SourcePath;
                p[3].Value = unchecked((long)story.ContentHash);
                p[4].Value = story.Title;
                p[5].Value = (object?)story.OwnSlug ?? DBNull.Value;
                p[6].Value = Text(story.Published);
                p[7].Value = Text(story.FirstSeen);
                p[8].Value = Text(story.LastChanged);
                p[9].Value = story.GoneAt is { } gone ? Text(gone) : DBNull.Value;
                upsert.ExecuteNonQuery();
            }
        }
        using (var page = Command("INSERT INTO pages (path, story_id) VALUES ($path, $id) ON CONFLICT (path) DO UPDATE SET story_id = excluded.story_id", transaction))
        {
            var path = page.Parameters.Add("$path", SqliteType.Text);
            var id = page.Parameters.Add("$id", SqliteType.Text);
            foreach (var (p, owner) in changes.Pages)
            {
                (path.Value, id.Value) = (p, owner);
                page.ExecuteNonQuery();
            }
        }
        using (var ping = Command("INSERT INTO pings (path, fingerprint) VALUES ($path, $fingerprint) ON CONFLICT (path) DO UPDATE SET fingerprint = excluded.fingerprint", transaction))
        {
            var path = ping.Parameters.Add("$path", SqliteType.Text);
            var fingerprint = ping.Parameters.Add("$fingerprint", SqliteType.Integer);
            foreach (var (p, f) in changes.Pings ?? [])
            {
                (path.Value, fingerprint.Value) = (p, unchecked((long)f));
                ping.ExecuteNonQuery();
            }
        }
        if (changes.LastModified is { } lastModified)
        {
            using var published = Command("""
                INSERT INTO published (one, fingerprint, last_modified) VALUES (1, $fingerprint, $lastModified)
                ON CONFLICT (one) DO UPDATE SET fingerprint = excluded.fingerprint, last_modified = excluded.last_modified
                """, transaction);
            published.Parameters.AddWithValue("$fingerprint", unchecked((long)changes.Fingerprint));
            published.Parameters.AddWithValue("$lastModified", Text(lastModified));
            published.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    public override void Dispose() => _connection.Dispose();

    static string Text(DateTimeOffset time) => time.ToString("o", CultureInfo.InvariantCulture);

    static DateTimeOffset Time(string text) => DateTimeOffset.ParseExact(text, "o", CultureInfo.InvariantCulture);

    SqliteCommand Command(string sql, SqliteTransaction? transaction = null)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    void Execute(string sql, SqliteTransaction? transaction = null)
    {
        using var command = Command(sql, transaction);
        command.ExecuteNonQuery();
    }

    object? Scalar(string sql)
    {
        using var command = Command(sql);
        return command.ExecuteScalar();
    }
}
