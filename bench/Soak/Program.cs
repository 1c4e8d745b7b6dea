using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Xml;

// Usage: Soak BASE_URL ITEMS_DIR [SECONDS=60] [POLLERS=300] [EDIT_EVERY_MS=20]
// Pollers mix first fetches, conditional (If-None-Match) fetches and gzip fetches of the feeds
// while a writer adds, edits and deletes item files. Every response is checked: it parses as a
// whole document and its ETag matches its bytes. Loopback only; stops by itself.
var baseUrl = new Uri(args[0]);
if (!IPAddress.IsLoopback(Dns.GetHostAddresses(baseUrl.Host)[0]))
    throw new ArgumentException("soak targets loopback only");
var items = args[1];
var seconds = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 60;
var pollerCount = args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 300;
var editEvery = args.Length > 4 ? int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture) : 20;
string[] paths = ["/feed.xml", "/atom.xml", "/feed.json", "/"];

using var http = new HttpClient(new SocketsHttpHandler
{
    MaxConnectionsPerServer = pollerCount,
    AutomaticDecompression = DecompressionMethods.None,
    PooledConnectionLifetime = TimeSpan.FromSeconds(10),
}) { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };

using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
long served = 0, notModified = 0, errors = 0, malformed = 0, edits = 0;
var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
var latencies = new List<double>[pollerCount];

var writer = Task.Run(async () =>
{
    var random = new Random(42);
    while (!stop.IsCancellationRequested)
    {
        var n = random.Next(50);
        var path = Path.Combine(items, $"2030-01-01-soak-{n}.md");
        if (random.Next(4) == 0)
            File.Delete(path);
        else
            await File.WriteAllTextAsync(path, $"---\ntitle: Soak story {n}, edit {edits}\ndate: 2025-0{1 + n % 9}-01T00:00:00Z\n---\n{new string('x', random.Next(100, 5000))}\n");
        Interlocked.Increment(ref edits);
        try { await Task.Delay(editEvery, stop.Token); } catch (OperationCanceledException) { }
    }
});

var pollers = Enumerable.Range(0, pollerCount).Select(p => Task.Run(async () =>
{
    var mine = latencies[p] = new List<double>(4096);
    var etags = new Dictionary<string, string>();
    var mode = p % 3; // 0 first fetch, 1 conditional, 2 gzip (conditional too)
    var i = p;
    while (!stop.IsCancellationRequested)
    {
        var path = paths[i++ % paths.Length];
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (mode == 2)
            request.Headers.AcceptEncoding.ParseAdd("gzip");
        if (mode != 0 && etags.TryGetValue(path, out var known))
            request.Headers.TryAddWithoutValidation("If-None-Match", known);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.SendAsync(request, stop.Token);
            var body = await response.Content.ReadAsByteArrayAsync(stop.Token);
            mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            var etag = response.Headers.ETag?.Tag;
            if (response.StatusCode == HttpStatusCode.NotModified)
            {
                Interlocked.Increment(ref notModified);
                if (body.Length != 0 || etag != etags.GetValueOrDefault(path))
                    Fail(ref malformed, $"{path}: 304 with a body or another ETag");
                continue;
            }
            if (response.StatusCode != HttpStatusCode.OK || etag is null)
            {
                Fail(ref errors, $"{path}: {(int)response.StatusCode}");
                continue;
            }
            Interlocked.Increment(ref served);
            var gzip = response.Content.Headers.ContentEncoding.Contains("gzip");
            var plain = gzip ? Gunzip(body) : body;
            var expected = "\"" + Convert.ToHexStringLower(SHA256.HashData(plain).AsSpan(0, 16)) + (gzip ? "-gzip\"" : "\"");
            if (etag != expected)
                Fail(ref malformed, $"{path}: ETag {etag} does not match the bytes ({expected})");
            else if (!Parses(path, plain))
                Fail(ref malformed, $"{path}: does not parse");
            etags[path] = etag;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidDataException)
        {
            Fail(ref errors, $"{path}: {e.GetType().Name}: {e.Message}");
        }
    }
})).ToList();

await Task.WhenAll(pollers.Append(writer));
var all = latencies.Where(l => l is not null).SelectMany(l => l).Order().ToList();
double Percentile(double p) => all.Count == 0 ? double.NaN : all[(int)Math.Min(all.Count - 1, Math.Round(p * (all.Count - 1)))];
Console.WriteLine($"| pollers | seconds | requests | 200 | 304 | req/s | errors | malformed or ETag mismatch | p50 ms | p99 ms | file edits |");
Console.WriteLine($"| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
Console.WriteLine($"| {pollerCount} | {seconds} | {all.Count:N0} | {served:N0} | {notModified:N0} | {all.Count / (double)seconds:N0} | {errors} | {malformed} | {Percentile(0.5):F1} | {Percentile(0.99):F1} | {edits:N0} |");
foreach (var failure in failures.Take(10))
    Console.WriteLine("  " + failure);
return errors + malformed == 0 ? 0 : 1;

void Fail(ref long counter, string what)
{
    Interlocked.Increment(ref counter);
    if (failures.Count < 100)
        failures.Enqueue(what);
}

static byte[] Gunzip(byte[] body)
{
    using var output = new MemoryStream();
    using (var gzip = new GZipStream(new MemoryStream(body), CompressionMode.Decompress))
        gzip.CopyTo(output);
    return output.ToArray();
}

static bool Parses(string path, byte[] body)
{
    try
    {
        if (path.EndsWith(".json", StringComparison.Ordinal))
        {
            JsonDocument.Parse(body).Dispose();
        }
        else if (path.EndsWith(".xml", StringComparison.Ordinal))
        {
            using var reader = XmlReader.Create(new MemoryStream(body));
            while (reader.Read()) { }
        }
        else if (!System.Text.Encoding.UTF8.GetString(body).TrimEnd().EndsWith("</html>", StringComparison.Ordinal))
        {
            return false;
        }
        return true;
    }
    catch (Exception e) when (e is JsonException or XmlException)
    {
        return false;
    }
}
