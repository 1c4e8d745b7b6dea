using System.Diagnostics;
using Feed;

namespace Feed.Server;

/// <summary>
/// `export OUTDIR`: every document the server would send, written as files (the same bytes),
/// with precompressed .gz and .br siblings, for any static host or object store.
/// </summary>
public static class StaticExport
{
    /// <summary>Marks a folder as an earlier export, which a new export may replace.</summary>
    public const string Marker = ".feed-export";

    public static int Run(FeedOptions options, string outDir, TimeProvider time, TextWriter output, TextWriter errors)
    {
        var settings = options.ToSettings();
        var started = Stopwatch.StartNew();
        var folder = new ItemFolder(Path.GetFullPath(options.ItemsPath, Environment.CurrentDirectory), settings);
        var scan = folder.Scan();
        if (!scan.FolderExists)
        {
            errors.WriteLine($"Feed cannot export: the items folder {folder.Root} does not exist (Feed:ItemsPath).");
            return 1;
        }
        var publication = Publication.Select(scan.Items, time.GetUtcNow());
        foreach (var problem in scan.Problems.Concat(publication.Problems).Where(p => p.Level != ProblemLevel.Debug))
            errors.WriteLine($"{problem.Level.ToString().ToLowerInvariant()}: {problem}");
        var snapshot = FeedSnapshot.Build(publication, settings);

        var target = Path.GetFullPath(outDir);
        try
        {
            Prepare(target);
            var files = snapshot.DocumentPaths.Select(path => (File: FileFor(path), Document: snapshot.Document(path)!))
                .Concat(snapshot.Items.Select(item => (File: FileFor("/items/" + item.Slug), Document: snapshot.ItemPage(item.Slug)!)))
                .ToList();
            for (var i = 0; i < files.Count; i++)
            {
                var (file, document) = files[i];
                var path = Path.Combine(target, file);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllBytes(path, document.Identity.Body);
                File.WriteAllBytes(path + ".gz", document.GzipVariant.Body);
                File.WriteAllBytes(path + ".br", document.BrotliVariant.Body);
                if ((i + 1) % 1000 == 0)
                    output.WriteLine($"exported {i + 1:N0} of {files.Count:N0} documents");
            }
            File.WriteAllText(Path.Combine(target, Marker), "Written by `Feed export`; the next export replaces this folder's contents.\n");
            output.WriteLine($"Exported {files.Count:N0} documents ({snapshot.Items.Count:N0} items, {scan.Skipped} files skipped) to {target} in {started.ElapsedMilliseconds:N0} ms");
            return 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.WriteLine($"Feed cannot export to {target}: {e.Message}");
            return 1;
        }
    }

    /// <summary>
    /// Where a URL's document goes: pages become index.html in their folder, so /items/x and
    /// /tags/x work on hosts that serve a folder's index.html.
    /// </summary>
    public static string FileFor(string urlPath) => urlPath switch
    {
        "/" => "index.html",
        _ when urlPath.StartsWith("/items/", StringComparison.Ordinal) => urlPath[1..] + "/index.html",
        _ when urlPath.StartsWith("/tags/", StringComparison.Ordinal) && urlPath.Count(c => c == '/') == 2 => urlPath[1..] + "/index.html",
        _ => urlPath[1..],
    };

    static void Prepare(string target)
    {
        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())
        {
            if (!File.Exists(Path.Combine(target, Marker)))
                throw new IOException("the folder is not empty and is not an earlier export; choose an empty or new folder");
            foreach (var entry in new DirectoryInfo(target).EnumerateFileSystemInfos())
            {
                if (entry is DirectoryInfo directory)
                    directory.Delete(recursive: true);
                else
                    entry.Delete();
            }
        }
        Directory.CreateDirectory(target);
    }
}
