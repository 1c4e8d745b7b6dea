using System.Diagnostics;
using Feed;
using Feed.Folder;
using Feed.Items;
using Feed.Items.FrontMatter;

namespace Micro;

/// <summary>
/// A stopwatch harness for a cold start's item work: every file of a folder parsed in one thread
/// (bytes read first), then the folder scanned as the server scans it. Allocated bytes per item
/// hold under load; times on a shared machine do not.
/// dotnet run -c Release --project bench/Micro -- cold bench/out/items-10000 [rounds]
/// </summary>
static class ColdStart
{
    public static void Run(string folder, int rounds)
    {
        var settings = new FeedSettings { BaseUrl = new Uri("https://news.example.com/") };
        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => (Path: Path.GetRelativePath(folder, f).Replace('\\', '/'), Bytes: File.ReadAllBytes(f))).ToList();
        Console.WriteLine($"{files.Count:N0} files, load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
        for (var round = 0; round < rounds; round++)
        {
            GC.Collect();
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var parsed = 0;
            foreach (var (path, bytes) in files)
                parsed += ItemParser.Parse(new ItemSource(path, bytes, DateTimeOffset.UnixEpoch), settings).IsValid ? 1 : 0;
            clock.Stop();
            var bytesPerItem = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / files.Count;
            Console.WriteLine($"parse: {clock.Elapsed.TotalMilliseconds:F0} ms wall, {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds:F0} ms CPU, {bytesPerItem:N0} B/item, {parsed:N0} valid");

            GC.Collect();
            allocated = GC.GetTotalAllocatedBytes(precise: true);
            clock.Restart();
            foreach (var (path, bytes) in files)
                FrontMatterReader.ReadHead(bytes, path, TimeZoneInfo.Utc, [], out _, out _);
            bytesPerItem = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / files.Count;
            Console.WriteLine($"front matter alone: {clock.Elapsed.TotalMilliseconds:F0} ms wall, {bytesPerItem:N0} B/item");
            var heads = files.Select(f => { var t = System.Text.Encoding.UTF8.GetString(f.Bytes); var end = t.IndexOf("\n---", 4, StringComparison.Ordinal); return t[4..(end + 1)]; }).ToList();
            GC.Collect();
            allocated = GC.GetTotalAllocatedBytes(precise: true);
            foreach (var head in heads)
                SimpleYamlParser.TryRead(head, null, out _);
            Console.WriteLine($"  subset reader alone: {(GC.GetTotalAllocatedBytes(precise: true) - allocated) / files.Count:N0} B/item");
            allocated = GC.GetTotalAllocatedBytes(precise: true);
            foreach (var head in heads)
                new YamlDotNet.RepresentationModel.YamlStream().Load(new YamlDotNet.Core.Parser(new StringReader(head)));
            Console.WriteLine($"  YamlDotNet's parser and nodes instead: {(GC.GetTotalAllocatedBytes(precise: true) - allocated) / files.Count:N0} B/item");
            Console.WriteLine($"front matter, all: {clock.Elapsed.TotalMilliseconds:F0} ms wall, {bytesPerItem:N0} B/item");

            GC.Collect();
            allocated = GC.GetTotalAllocatedBytes(precise: true);
            cpu = Process.GetCurrentProcess().TotalProcessorTime;
            clock.Restart();
            using var items = new ItemFolder(folder, settings);
            var scan = items.Scan();
            clock.Stop();
            bytesPerItem = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / files.Count;
            GC.Collect();
            Console.WriteLine($"scan:  {clock.Elapsed.TotalMilliseconds:F0} ms wall, {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds:F0} ms CPU, {bytesPerItem:N0} B/item, {scan.Items.Count:N0} items, {GC.GetTotalMemory(true) / 1_000_000} MB live");
        }
    }
}
