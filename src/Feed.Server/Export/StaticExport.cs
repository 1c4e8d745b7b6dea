using System.Diagnostics;
using System.Globalization;
using Feed.Assets;
using Feed.Documents;
using Feed.Folder;
using Feed.Formats.Html;
using Feed.Publishing;
using Feed.Server.Configuration;
using Feed.Server.Hosting;
using Feed.Server.Http;
using Feed.Site;
using Microsoft.Extensions.Logging.Abstractions;

namespace Feed.Server.Export;

/// <summary>
/// `export OUTDIR`: every document the server would send, written as files (the same bytes),
/// with precompressed .gz and .br siblings, for any static host or object store.
/// </summary>
public static class StaticExport
{
    /// <summary>
    /// Marks a folder as an export and lists, one per line, every file the export wrote: the next
    /// export removes those and nothing else, so files a user added (robots.txt, images) stay.
    /// </summary>
    public const string Marker = ".feed-export";

    public static int Run(FeedOptions options, FeedSettings settings, string outDir, TimeProvider time, TextWriter output, TextWriter errors)
    {
        var started = Stopwatch.StartNew();
        using var folder = new ItemFolder(Path.GetFullPath(options.ItemsPath, Environment.CurrentDirectory), settings, time: time);
        var scan = folder.Scan();
        if (!scan.FolderExists)
        {
            errors.WriteLine($"Feed cannot export: the items folder {folder.Root} does not exist (Feed:ItemsPath).");
            return 1;
        }
        // The same ledger as the server's, so the files carry the ids and pages the server serves.
        using var ledger = LedgerKeeper.For(options, settings, NullLogger.Instance);
        var now = time.GetUtcNow();
        var catalog = new AssetCatalog(folder.Root, settings.BaseUrl);
        catalog.Scan();
        var (assets, items, assetProblems) = catalog.Apply(ledger.Assign(scan.Items, now));
        var publication = Publication.Select(items, now);
        var snapshot = ledger.Stamp(FeedSnapshot.Build(publication, settings, changedAt: scan.ChangedAt, urls: ledger.Memory.UrlHistory(publication.Items)), now);
        if (options.PodcastProblem() is { } podcastProblem)
            errors.WriteLine($"warning: no podcast feed: {podcastProblem}");
        foreach (var problem in scan.Problems.Concat(publication.Problems).Concat(assetProblems).Concat(snapshot.Urls.Problems).Where(p => p.Level != ProblemLevel.Debug))
            errors.WriteLine($"{problem.Level.ToString().ToLowerInvariant()}: {problem}");
        ledger.Save();

        var target = Path.GetFullPath(outDir);
        try
        {
            var documents = snapshot.DocumentPaths.Select(path => (Path: path, Document: snapshot.Document(path)!))
                .Concat(snapshot.Items.Select(item => (Path: item.PagePath, Document: snapshot.ItemPage(item.PagePath)!)))
                .Select(d => (File: SitePaths.ExportFile(d.Path), d.Document))
                .Append((File: SitePaths.NotFoundFile, Document: snapshot.NotFoundPage))
                // A feed reader follows no HTML refresh: an old feed URL is a _redirects line only.
                .Concat(snapshot.Urls.Moved.Where(m => !DocumentKind.Of(m.Value).IsSyndication).Select(m => (File: RedirectFile(m.Key), Document: RedirectPage(SitePaths.Absolute(settings.BaseUrl, m.Value)))))
                .ToList();
            var earlier = Earlier(target);
            // A robots.txt the user keeps in the export folder is theirs: it stays as it is.
            if (File.Exists(Path.Combine(target, "robots.txt")) && !earlier.Contains("robots.txt", StringComparer.Ordinal))
            {
                documents.RemoveAll(d => d.File == "robots.txt");
                output.WriteLine("kept the folder's own robots.txt; it should name " + SitePaths.Absolute(settings.BaseUrl, SitePaths.NewsSitemap).AbsoluteUri);
            }
            // The files beside the stories, at every path they are served at (a static host has
            // no page-bundle alias); copied as they are, not compressed again.
            var files = assets.Paths.Select(p => (File: p.Path[1..], p.Asset)).ToList();
            var written = documents.SelectMany(d => (string[])[d.File, d.File + ".gz", d.File + ".br"]).Concat(files.Select(f => f.File)).Append(Redirects).ToList();
            // The list is written first, with what the last export wrote: an export that fails
            // midway leaves a folder the next one can still clean up.
            WriteMarker(target, earlier.Union(written, StringComparer.Ordinal));
            for (var i = 0; i < documents.Count; i++)
            {
                var (file, document) = documents[i];
                ExportFolder.Write(target, file, document.Identity.Body);
                ExportFolder.Write(target, file + ".gz", document.GzipVariant.Body);
                ExportFolder.Write(target, file + ".br", document.BrotliVariant.Body);
                if ((i + 1) % 1000 == 0)
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"exported {i + 1:N0} of {documents.Count:N0} documents"));
            }
            foreach (var (file, asset) in files)
            {
                using var source = NoFollowFile.Open(folder.Root, asset.Path);
                if (source is null)
                {
                    errors.WriteLine($"warning: {asset.Path}: is gone or is a link now; not exported");
                    continue;
                }
                ExportFolder.Write(target, file, source);
            }
            ExportFolder.Write(target, Redirects, System.Text.Encoding.UTF8.GetBytes(RedirectsFile(snapshot.Urls, settings)));
            foreach (var stale in earlier.Except(written, StringComparer.Ordinal))
                ExportFolder.Delete(target, stale);
            WriteMarker(target, written);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Exported {documents.Count:N0} documents ({snapshot.Items.Count:N0} items, {scan.Skipped} files skipped) and {files.Count:N0} files beside the stories to {target} in {started.ElapsedMilliseconds:N0} ms"));
            return 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.WriteLine($"Feed cannot export to {target}: {e.Message}");
            return 1;
        }
    }

    /// <summary>The redirect list the common static hosts read (Netlify, Cloudflare Pages): "FROM TO STATUS" a line.</summary>
    public const string Redirects = "_redirects";

    // A host that reads no _redirects still sends readers on: a page that refreshes to the
    // story's page now and names it canonical.
    static Representation RedirectPage(Uri to)
    {
        var href = HtmlText.Escape(to.AbsoluteUri);
        return new Representation(System.Text.Encoding.UTF8.GetBytes(
            $"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Moved</title><link rel=\"canonical\" href=\"{href}\">" +
            $"<meta http-equiv=\"refresh\" content=\"0; url={href}\"></head><body><p>This story has moved to <a href=\"{href}\">{href}</a>.</p></body></html>\n"),
            DocumentFormat.Html.MediaType);
    }

    // An old page named like a file (Jekyll's /2024/03/10/story.html) is that file; others are a folder's index.html.
    static string RedirectFile(string path) =>
        path.EndsWith(".html", StringComparison.Ordinal) || path.EndsWith(".htm", StringComparison.Ordinal) ? path[1..] : SitePaths.ExportFile(path);

    static string RedirectsFile(UrlHistory urls, FeedSettings settings)
    {
        var lines = new System.Text.StringBuilder("# Written by `Feed export`: pages stories used to have, their old paths and old feed URLs.\n");
        foreach (var (from, to) in urls.Moved)
            lines.Append(CultureInfo.InvariantCulture, $"{SitePaths.Escape(from)} {SitePaths.Absolute(settings.BaseUrl, to).AbsoluteUri} 301\n");
        foreach (var gone in urls.Gone)
            lines.Append(CultureInfo.InvariantCulture, $"{SitePaths.Escape(gone)} /{SitePaths.NotFoundFile} 410\n");
        return lines.ToString();
    }

    /// <summary>The files an earlier export wrote; none for a new or empty folder; refuses any other folder.</summary>
    static IReadOnlyList<string> Earlier(string target)
    {
        if (!Directory.Exists(target) || !Directory.EnumerateFileSystemEntries(target).Any())
            return [];
        var marker = Path.Combine(target, Marker);
        if (!File.Exists(marker))
            throw new IOException("the folder is not empty and is not an earlier export; choose an empty or new folder");
        return File.ReadAllLines(marker).Where(line => line.Length > 0 && !line.StartsWith('#') && IsInside(target, line)).ToList();
    }

    static void WriteMarker(string target, IEnumerable<string> files)
    {
        Directory.CreateDirectory(target);
        string[] lines = ["# Written by `Feed export`: the files below are replaced by the next export; other files are left alone.",
            .. files.Order(StringComparer.Ordinal)];
        ExportFolder.Write(target, Marker, System.Text.Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n"));
    }

    // A hand-edited list must not reach outside the export folder.
    static bool IsInside(string target, string file)
    {
        var full = Path.GetFullPath(Path.Combine(target, file));
        return full.StartsWith(target + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }
}
