using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Feed.Testing;

namespace Feed.Server.Tests;

/// <summary>
/// The real program in its own process (`dotnet Feed.Server.dll`), for what only a process can
/// show: signals, restarts, and running as an unprivileged user.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    readonly Process _process;
    readonly StringBuilder _output = new();
    readonly TempFolder? _copy;

    ServerProcess(Process process, int port, TempFolder? copy)
    {
        _process = process;
        _copy = copy;
        Port = port;
        // Redirects are not followed: links point at the configured site, never at this test server.
        Client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        process.OutputDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Port { get; }
    public HttpClient Client { get; }
    public Process Process => _process;

    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    /// <summary>Starts the server on <paramref name="port"/> (a free one if 0) and waits until it is healthy.</summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public static async Task<ServerProcess> StartAsync(string itemsPath, int port = 0, bool unprivileged = false,
        IReadOnlyDictionary<string, string>? environment = null, bool waitUntilHealthy = true, params string[] settings)
    {
        port = port == 0 ? FreePort() : port;
        var dll = typeof(FeedApp).Assembly.Location;
        TempFolder? copy = null;
        if (unprivileged)
        {
            // A copy of the build that the unprivileged user can read, wherever this clone lives.
            copy = new TempFolder();
            var built = Path.GetDirectoryName(dll)!;
            foreach (var file in Directory.GetFiles(built, "*", SearchOption.AllDirectories))
                File.SetUnixFileMode(copy.Write(Path.GetRelativePath(built, file), File.ReadAllBytes(file)), UnixFileMode.UserRead | UnixFileMode.OtherRead);
            foreach (var dir in Directory.GetDirectories(copy.Path, "*", SearchOption.AllDirectories).Append(copy.Path))
                OpenToOthers(dir);
            OpenToOthers(itemsPath);
            dll = Path.Combine(copy.Path, Path.GetFileName(dll));
        }

        string[] args = [dll, $"--urls=http://127.0.0.1:{port}", $"--Feed:ItemsPath={itemsPath}", .. settings];
        var start = unprivileged && Environment.UserName == "root"
            ? new ProcessStartInfo("setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", "--", DotnetPath(), .. args])
            : new ProcessStartInfo(DotnetPath(), args);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.Environment["HOME"] = Path.GetTempPath();
        start.Environment["DOTNET_CLI_HOME"] = Path.GetTempPath();
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;
        var server = new ServerProcess(Process.Start(start)!, port, copy);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (waitUntilHealthy && !await server.IsHealthyAsync())
        {
            if (DateTime.UtcNow > deadline || server._process.HasExited)
            {
                await server.DisposeAsync();
                Assert.Fail("The server did not start:\n" + server.Output);
            }
            await Task.Delay(50);
        }
        return server;
    }

    public async Task<bool> IsHealthyAsync()
    {
        try
        {
            return (await Client.GetAsync("/healthz")).IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    /// <summary>/healthz's JSON report, whatever its status.</summary>
    public async Task<System.Text.Json.JsonElement> HealthAsync()
    {
        using var response = await Client.GetAsync("/healthz");
        return System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>How many items /healthz says are published.</summary>
    public async Task<int> PublishedAsync() => (await HealthAsync()).GetProperty("published").GetInt32();

    /// <summary>Polls until the condition holds; a failure shows what the server said and /healthz.</summary>
    public async Task Eventually(Func<Task<bool>> condition, string what, int seconds = 15)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"Gave up after {seconds} s waiting for: {what}\n/healthz: {await HealthAsync()}\nThe server said:\n{Output}");
            await Task.Delay(50);
        }
    }

    /// <summary>Sends a Unix signal (SIGTERM 15, SIGKILL 9) and waits for the process to end.</summary>
    public async Task<TimeSpan> SignalAndWaitAsync(int signal, TimeSpan limit)
    {
        var started = Stopwatch.StartNew();
        using var kill = Process.Start("kill", [$"-{signal}", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        await kill.WaitForExitAsync();
        await _process.WaitForExitAsync().WaitAsync(limit);
        return started.Elapsed;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        _copy?.Dispose();
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    static void OpenToOthers(string path)
    {
        for (var dir = new DirectoryInfo(path); dir is not null && dir.FullName != "/"; dir = dir.Parent)
        {
            if (dir.Exists)
                dir.UnixFileMode |= UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        }
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    static string DotnetPath() =>
        Environment.GetEnvironmentVariable("PATH")!.Split(':').Select(dir => Path.Combine(dir, "dotnet")).FirstOrDefault(File.Exists)
        ?? "/usr/share/dotnet/dotnet";
}
