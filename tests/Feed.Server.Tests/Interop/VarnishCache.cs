using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Feed.Testing;

namespace Feed.Server.Tests.Interop;

/// <summary>
/// A varnishd of the test's own, on a free loopback port, with the shipped VCL
/// (deploy/varnish/feed.vcl) whose two backends point where the test says; stopped by its PID.
/// </summary>
public sealed class VarnishCache : IAsyncDisposable
{
    public static readonly string? Daemon = new[] { "/usr/sbin/varnishd", "/usr/local/sbin/varnishd", "/usr/bin/varnishd" }.FirstOrDefault(File.Exists);

    readonly TempFolder _work;
    readonly Process _process;

    VarnishCache(TempFolder work, Process process, int port)
    {
        _work = work;
        _process = process;
        Port = port;
        Address = new Uri($"http://127.0.0.1:{port}/");
    }

    public int Port { get; }
    public Uri Address { get; }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task<VarnishCache> StartAsync(int port, int backend1, int backend2)
    {
        var work = new TempFolder();
        // varnishd compiles the VCL as its own unprivileged user: the folder must be readable.
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(work.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var vcl = File.ReadAllText(Path.Combine(Items.RepositoryRoot, "deploy", "varnish", "feed.vcl"))
            .Replace(".port = \"5000\"", $".port = \"{backend1}\"", StringComparison.Ordinal)
            .Replace(".port = \"5001\"", $".port = \"{backend2}\"", StringComparison.Ordinal);
        var vclPath = Path.Combine(work.Path, "feed.vcl");
        File.WriteAllText(vclPath, vcl);
        var start = new ProcessStartInfo(Daemon!, ["-F", "-n", Path.Combine(work.Path, "varnish"), "-f", vclPath, "-a", $"127.0.0.1:{port}",
            "-s", "malloc,64m", "-p", "http_gzip_support=off"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var cache = new VarnishCache(work, process, port);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        await RunningServer.Eventually(async () =>
        {
            Assert.False(process.HasExited, "varnishd exited at start");
            try
            {
                return (await http.GetAsync(new Uri(cache.Address, "healthz"))).StatusCode == HttpStatusCode.OK;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, "varnishd to serve", seconds: 30);
        return cache;
    }

    /// <summary>A counter of varnishstat (MAIN.backend_req: requests sent to the origins, probes not counted).</summary>
    public async Task<long> Counter(string name)
    {
        var start = new ProcessStartInfo(Path.Combine(Path.GetDirectoryName(Daemon)!, "..", "bin", "varnishstat"), ["-n", Path.Combine(_work.Path, "varnish"), "-1", "-f", name])
        {
            RedirectStandardOutput = true,
        };
        using var stat = Process.Start(start)!;
        var output = await stat.StandardOutput.ReadToEndAsync();
        await stat.WaitForExitAsync();
        return long.Parse(output.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        _work.Dispose();
    }
}

/// <summary>A test that needs Debian's varnishd: skipped, saying so, only where it is not installed.</summary>
public sealed class VarnishFactAttribute : FactAttribute
{
    public VarnishFactAttribute([CallerFilePath] string? sourceFilePath = null, [CallerLineNumber] int sourceLineNumber = -1)
        : base(sourceFilePath, sourceLineNumber)
    {
        if (VarnishCache.Daemon is null)
            Skip = "varnishd is not installed (apt-get install varnish; .ci/run installs it)";
    }
}
