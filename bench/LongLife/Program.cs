// bench/longlife: the real server (FeedApp, Kestrel on loopback, the real watcher and folder)
// in this process, over a folder of generated items, driven through N rebuilds: each edits one
// story of a tag whose page and feeds nobody requests, alternating between two such tags, while
// the main feeds are requested over HTTP. Memory is read after 100 rebuilds and after N.
//
// Time runs on a fake clock that this harness advances, so the quiet period and the
// one-change-per-second Last-Modified rule cost no wall time: 10,000 rebuilds take minutes,
// not hours. Files are real; their times are the real clock's, which the fake one is ahead of.
//
// Usage: dotnet run -c Release --project bench/LongLife -- [REBUILDS=10000] [ITEMS=1000]
using System.Diagnostics;
using Feed.Server;
using Feed.Server.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

var rebuilds = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 10_000;
var itemCount = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1_000;
var folder = Directory.CreateTempSubdirectory("feed-longlife-").FullName;
try
{
    string Story(int n, int edit) =>
        $"---\ntitle: Story {n} (edit {edit})\ndate: 2024-{1 + n % 12:D2}-{1 + n % 28:D2}\ntags: [tag-{n % 8}]\n---\n{string.Join("\n\n", Enumerable.Repeat($"Paragraph of story {n}, edit {edit}.", 20))}\n";
    for (var n = 0; n < itemCount; n++)
        File.WriteAllText(Path.Combine(folder, $"story-{n}.md"), Story(n, 0));

    var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(1));
    var app = FeedApp.Build(
        ["--urls=http://127.0.0.1:0", $"--Feed:ItemsPath={folder}", "--Feed:BaseUrl=https://news.example.com/", "--Logging:LogLevel:Default=Warning"],
        services => services.AddSingleton<TimeProvider>(clock));
    await app.StartAsync();
    var store = app.Services.GetRequiredService<SnapshotStore>();
    await store.FirstBuild;
    using var http = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };

    // Stories of tags 6 and 7, never requested by tag: their pages stay unrendered in every generation.
    var quiet = Enumerable.Range(0, itemCount).Where(n => n % 8 is 6 or 7).ToArray();
    var started = Stopwatch.StartNew();
    (long Heap, long WorkingSet) after100 = default;
    for (var round = 1; round <= rebuilds; round++)
    {
        var next = store.Next;
        var n = quiet[round % 2 == 0 ? round / 2 % (quiet.Length / 2) * 2 : round / 2 % (quiet.Length / 2) * 2 + 1];
        File.WriteAllText(Path.Combine(folder, $"story-{n}.md"), Story(n, round));
        while (!next.IsCompleted)
        {
            clock.Advance(TimeSpan.FromMilliseconds(250));
            await Task.WhenAny(next, Task.Delay(5));
        }
        if (round % 10 == 0)
        {
            foreach (var path in (string[])["/feed.xml", "/atom.xml", "/feed.json"])
                (await http.GetAsync(path)).EnsureSuccessStatusCode();
        }
        if (round == 100)
            after100 = Memory();
        if (round % 1000 == 0)
            Console.WriteLine($"{round:N0} rebuilds, {started.Elapsed.TotalSeconds:F0} s");
    }
    var afterAll = Memory();
    Console.WriteLine($"items {itemCount:N0}; rebuilds {rebuilds:N0}");
    Console.WriteLine($"after 100 rebuilds:    heap {after100.Heap / 1e6:F1} MB, working set {after100.WorkingSet / 1e6:F1} MB");
    Console.WriteLine($"after {rebuilds:N0} rebuilds: heap {afterAll.Heap / 1e6:F1} MB, working set {afterAll.WorkingSet / 1e6:F1} MB");
    Console.WriteLine($"ratio (heap) {afterAll.Heap / (double)after100.Heap:F2}");
    await app.StopAsync();
}
finally
{
    Directory.Delete(folder, recursive: true);
}

static (long Heap, long WorkingSet) Memory()
{
    GC.Collect();
    GC.WaitForPendingFinalizers();
    GC.Collect();
    var heap = GC.GetTotalMemory(forceFullCollection: true);
    using var process = Process.GetCurrentProcess();
    return (heap, process.WorkingSet64);
}
