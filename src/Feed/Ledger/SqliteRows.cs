using System.Buffers.Text;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Feed.Ledger;

/// <summary>
/// The rows of one query, read from SQLite's own UTF-8 without a string per column: at a start
/// over 100,000 stories, the reader's strings (then thrown away for the scanned story's equal
/// ones) were the largest part of reading the ledger. Microsoft.Data.Sqlite keeps the
/// connection; this reads through the SQLitePCLRaw binding it is built on.
/// </summary>
sealed class SqliteRows : IDisposable
{
    readonly sqlite3 _db;
    readonly sqlite3_stmt _statement;
    readonly TimeSpan _busyTimeout;
    char[] _chars = new char[256];
    bool _started;

    public SqliteRows(SqliteConnection connection, string sql)
    {
        _db = connection.Handle!;
        _busyTimeout = TimeSpan.FromSeconds(connection.DefaultTimeout);
        var rc = raw.sqlite3_prepare_v2(_db, sql, out var statement);
        if (rc != raw.SQLITE_OK)
        {
            statement?.Dispose();
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
        _statement = statement!; // SQLITE_OK on a statement that is not empty
    }

    /// <summary>Moves to the next row; false after the last.</summary>
    public bool Next()
    {
        var rc = raw.sqlite3_step(_statement);
        // Another process writing the file (a backup restored, sqlite3 at the prompt): waited
        // for before the first row as Microsoft.Data.Sqlite's own reader waits, up to its timeout.
        for (var waited = Stopwatch.StartNew(); !_started && rc is (raw.SQLITE_BUSY or raw.SQLITE_LOCKED) && waited.Elapsed < _busyTimeout;)
        {
            raw.sqlite3_reset(_statement);
            Thread.Sleep(50);
            rc = raw.sqlite3_step(_statement);
        }
        _started = true;
        if (rc == raw.SQLITE_ROW)
            return true;
        if (rc != raw.SQLITE_DONE)
            SqliteException.ThrowExceptionForRC(rc, _db);
        return false;
    }

    public bool IsNull(int column) => raw.sqlite3_column_type(_statement, column) == raw.SQLITE_NULL;

    public long Int64(int column) => raw.sqlite3_column_int64(_statement, column);

    /// <summary>The column's text as characters, valid until the next call on these rows.</summary>
    public ReadOnlySpan<char> Chars(int column)
    {
        var utf8 = raw.sqlite3_column_blob(_statement, column);
        if (_chars.Length < utf8.Length)
            _chars = new char[Math.Max(utf8.Length, _chars.Length * 2)];
        return _chars.AsSpan(0, Encoding.UTF8.GetChars(utf8, _chars));
    }

    /// <summary>The column's text: <paramref name="known"/> itself when it is equal, so no copy is made.</summary>
    public string Text(int column, string? known = null)
    {
        var chars = Chars(column);
        return known is not null && chars.SequenceEqual(known) ? known : new string(chars);
    }

    /// <summary>A time written in the round-trip ("o") format.</summary>
    public DateTimeOffset Time(int column)
    {
        var utf8 = raw.sqlite3_column_blob(_statement, column);
        return Utf8Parser.TryParse(utf8, out DateTimeOffset time, out var read, 'O') && read == utf8.Length
            ? time
            : DateTimeOffset.ParseExact(Chars(column), "o", CultureInfo.InvariantCulture);
    }

    public void Dispose() => _statement.Dispose();
}
