using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Feed.Testing;

/// <summary>
/// A throwaway PostgreSQL cluster for one test class: Debian's postgresql binaries, initdb into a
/// temp folder as the unprivileged user nobody (postgres refuses root), the server on a free
/// loopback port with its unix socket in that folder, stopped by its PID and deleted at the end.
/// </summary>
public sealed class PostgresCluster : IDisposable
{
    const string User = "feed";

    /// <summary>The newest /usr/lib/postgresql/*/bin that holds initdb and postgres, or null.</summary>
    public static string? Binaries { get; } = FindBinaries();

    /// <summary>Why PostgreSQL tests are skipped, or null when they can run.</summary>
    public static string? Missing => Binaries is null
        ? "PostgreSQL is not installed (apt-get install postgresql; .ci/run installs it): no /usr/lib/postgresql/*/bin/postgres"
        : null;

    readonly string _folder;
    readonly string _data;
    Process? _server;
    int _databases;

    public PostgresCluster()
    {
        if (Binaries is null)
        {
            // A class fixture is made even when every test is skipped: nothing to start then.
            (_folder, _data) = ("", "");
            return;
        }
        _folder = Path.Combine(Path.GetTempPath(), "feed-pg-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(_folder, (UnixFileMode)0x1FF); // rwxrwxrwx: the unprivileged user writes here
        _data = Path.Combine(_folder, "data");
        Port = FreePort();
        Run("initdb", "-D", _data, "-U", User, "--auth=trust", "-E", "UTF8", "--no-sync", "--no-instructions");
        Start();
    }

    public int Port { get; }

    /// <summary>The server's process id while it runs.</summary>
    public int? Pid => _server is { HasExited: false } server ? server.Id : null;

    /// <summary>A connection string for the cluster's maintenance database.</summary>
    public string Admin => Connection("postgres");

    /// <summary>A new, empty database, with a short connect timeout so that an outage shows quickly.</summary>
    public string CreateDatabase()
    {
        var name = $"feed{Interlocked.Increment(ref _databases)}";
        using var connection = new NpgsqlConnection(Admin);
        connection.Open();
        using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        command.ExecuteNonQuery();
        return Connection(name);
    }

    public string Connection(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Database = database, Username = User, Timeout = 3 }.ToString();

    /// <summary>Starts the server and returns once it accepts connections.</summary>
    public void Start()
    {
        var start = Command("postgres", "-D", _data, "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-k", _folder,
            "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "max_connections=200");
        start.RedirectStandardError = true;
        start.RedirectStandardOutput = true;
        _server = Process.Start(start)!;
        _server.ErrorDataReceived += (_, _) => { };
        _server.OutputDataReceived += (_, _) => { };
        _server.BeginErrorReadLine();
        _server.BeginOutputReadLine();
        // pg_isready asks the server itself; there is no event to wait on from outside.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (Run("pg_isready", check: false, "-h", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture)) != 0)
        {
            if (_server.HasExited || DateTime.UtcNow > deadline)
                throw new InvalidOperationException($"PostgreSQL did not start on port {Port} (exit {(_server.HasExited ? _server.ExitCode : -1)})");
            Thread.Sleep(100);
        }
    }

    /// <summary>Stops the server (a fast shutdown, SIGINT to its PID) and waits for it to exit.</summary>
    public void Stop()
    {
        if (_server is not { HasExited: false } server)
            return;
        using (var kill = Process.Start(new ProcessStartInfo("kill", ["-INT", server.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))!)
            kill.WaitForExit();
        if (!server.WaitForExit(30_000))
            server.Kill();
        server.WaitForExit();
        server.Dispose();
        _server = null;
        NpgsqlConnection.ClearAllPools(); // the tests' own pooled connections died with the server

    }

    public void Dispose()
    {
        Stop();
        if (_folder.Length == 0)
            return;
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    int Run(string tool, params string[] args) => Run(tool, check: true, args);

    int Run(string tool, bool check, params string[] args)
    {
        var info = Command(tool, args);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (check && process.ExitCode != 0)
            throw new InvalidOperationException($"{tool} failed ({process.ExitCode}): {error} {output.Result}");
        return process.ExitCode;
    }

    // As nobody when this process is root (postgres refuses to run as root), else as this user.
    static ProcessStartInfo Command(string tool, params string[] args)
    {
        var path = Path.Combine(Binaries!, tool);
        var info = Environment.UserName == "root"
            ? new ProcessStartInfo("setpriv", ["--reuid=nobody", "--regid=nogroup", "--clear-groups", path, .. args])
            : new ProcessStartInfo(path, args);
        info.UseShellExecute = false;
        info.WorkingDirectory = Path.GetTempPath();
        return info;
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    static string? FindBinaries()
    {
        if (!Directory.Exists("/usr/lib/postgresql"))
            return null;
        return Directory.GetDirectories("/usr/lib/postgresql")
            .Select(d => Path.Combine(d, "bin"))
            .Where(bin => File.Exists(Path.Combine(bin, "postgres")) && File.Exists(Path.Combine(bin, "initdb")))
            .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var v) ? v : 0)
            .FirstOrDefault();
    }
}
