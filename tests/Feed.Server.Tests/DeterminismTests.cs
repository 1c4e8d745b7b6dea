using Feed.Testing;

namespace Feed.Server.Tests;

public class DeterminismTests
{
    static readonly string[] Paths = ["/feed.xml", "/atom.xml", "/feed.json", "/", "/2024/06/27/us-backs-operation-azm-e-istehkam"];

    [Fact]
    public async Task Two_runs_over_the_same_folder_serve_identical_bytes_and_etags()
    {
        using var folder = new TempFolder();
        folder.Write("2024-06-27-us-backs-operation-azm-e-istehkam.txt", Items.Seed);
        folder.Write("2024-07-01-b.md", Items.Story("B", "2024-07-01T10:00:00+05:00", extra: "tags: [x]\n"));

        var first = await Snapshot(folder);
        // Files copied elsewhere get new modification times; nothing served depends on them.
        using var copy = new TempFolder();
        foreach (var file in Directory.GetFiles(folder.Path))
            copy.Write(Path.GetFileName(file), File.ReadAllBytes(file));
        var second = await Snapshot(copy);

        Assert.Equal(first.Keys, second.Keys);
        foreach (var path in Paths)
            Assert.Equal(first[path], second[path]);
    }

    [Fact]
    public async Task Two_instances_over_one_folder_answer_identically()
    {
        using var folder = new TempFolder();
        folder.Write("2024-06-27-us-backs-operation-azm-e-istehkam.txt", Items.Seed);
        folder.Write("2024-07-01-b.md", Items.Story("B", extra: "tags: [x]\n"));
        await using var first = await RunningServer.StartAsync(folder);
        await using var second = await RunningServer.StartAsync(folder);
        foreach (var path in Paths.Append("/tags/x/atom.xml"))
        {
            foreach (var encoding in new[] { "identity", "gzip", "br" })
            {
                using var a = await first.GetAsync(path, r => r.Headers.TryAddWithoutValidation("Accept-Encoding", encoding));
                using var b = await second.GetAsync(path, r => r.Headers.TryAddWithoutValidation("Accept-Encoding", encoding));
                Assert.True(a.Headers.ETag!.Equals(b.Headers.ETag), $"{path} ({encoding}): {a.Headers.ETag} != {b.Headers.ETag}\n"
                    + await a.Content.ReadAsStringAsync() + "\n----\n" + await b.Content.ReadAsStringAsync());
                Assert.Equal(await a.Content.ReadAsByteArrayAsync(), await b.Content.ReadAsByteArrayAsync());
            }
        }
    }

    static async Task<Dictionary<string, (string ETag, string? GzipETag, string Body)>> Snapshot(TempFolder folder)
    {
        await using var server = await RunningServer.StartAsync(folder);
        var result = new Dictionary<string, (string, string?, string)>();
        foreach (var path in Paths)
        {
            using var plain = await server.GetAsync(path);
            using var gzip = await server.GetAsync(path, r => r.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip"));
            result[path] = (plain.Headers.ETag!.Tag, gzip.Headers.ETag?.Tag, await plain.Content.ReadAsStringAsync());
        }
        return result;
    }
}
