using System.Diagnostics.Metrics;
using Feed.Server.Hosting;
using Feed.Site;

namespace Feed.Server.Operations;

/// <summary>
/// The "Feed" meter (System.Diagnostics.Metrics), seen by dotnet-counters and exported by
/// OpenTelemetry: rebuilds and their duration, what is published, skipped and scheduled, and
/// document responses by kind and status with the bytes sent. Recording a response costs two
/// counter adds with tag arrays made once here: no allocation, no lookup by string.
/// </summary>
public sealed class FeedMetrics
{
    public const string MeterName = "Feed";

    // The values of the "feed.document.kind" tag, and each format's among them.
    static readonly string[] Kinds = [.. DocumentFormat.All.Select(f => f.MetricsKind).Distinct()];
    static readonly int[] KindOfFormat = [.. DocumentFormat.All.Select(f => Array.IndexOf(Kinds, f.MetricsKind))];
    static readonly int UnknownKind = Array.IndexOf(Kinds, DocumentFormat.Html.MetricsKind);
    static readonly int[] Statuses = [StatusCodes.Status200OK, StatusCodes.Status304NotModified, StatusCodes.Status226IMUsed];

    readonly Counter<long> _requests;
    readonly Counter<long> _bytes;
    readonly Counter<long> _rebuilds;
    readonly Histogram<double> _rebuildDuration;
    readonly KeyValuePair<string, object?>[][] _requestTags;
    readonly KeyValuePair<string, object?>[][] _kindTags;
    int _skipped;

    public FeedMetrics(IMeterFactory meters, SnapshotStore store)
    {
        var meter = meters.Create(MeterName);
        _requests = meter.CreateCounter<long>("feed.requests", "{request}", "Document responses, by kind and status (200, 304, 226)");
        _bytes = meter.CreateCounter<long>("feed.response.bytes", "By", "Body bytes sent for documents, as encoded");
        _rebuilds = meter.CreateCounter<long>("feed.rebuilds", "{rebuild}", "Snapshots built and published");
        _rebuildDuration = meter.CreateHistogram<double>("feed.rebuild.duration", "s", "Time from the start of a scan to the new snapshot being served");
        meter.CreateObservableGauge("feed.items.published", () => store.Current?.Items.Count ?? 0, "{item}", "Items published now");
        meter.CreateObservableGauge("feed.items.scheduled", () => store.Current?.Publication.Scheduled.Count ?? 0, "{item}", "Items held back until their time");
        meter.CreateObservableGauge("feed.files.skipped", () => Volatile.Read(ref _skipped), "{file}", "Item files left out for their problems");

        _kindTags = [.. Kinds.Select(k => new[] { new KeyValuePair<string, object?>("feed.document.kind", k) })];
        _requestTags = [.. Kinds.SelectMany(k => Statuses.Select(s => new[]
        {
            new KeyValuePair<string, object?>("feed.document.kind", k),
            new KeyValuePair<string, object?>("http.response.status_code", s),
        }))];
    }

    /// <summary>One document response: <paramref name="bytes"/> is the body length (0 for HEAD and 304).</summary>
    public void Responded(string mediaType, int status, long bytes)
    {
        var kind = KindIndex(mediaType);
        var statusIndex = status == StatusCodes.Status200OK ? 0 : status == StatusCodes.Status304NotModified ? 1 : 2;
        _requests.Add(1, _requestTags[kind * Statuses.Length + statusIndex]);
        if (bytes > 0)
            _bytes.Add(bytes, _kindTags[kind]);
    }

    /// <summary>A scan that published a new snapshot.</summary>
    public void Rebuilt(TimeSpan duration)
    {
        _rebuilds.Add(1);
        _rebuildDuration.Record(duration.TotalSeconds);
    }

    public void Skipped(int files) => Volatile.Write(ref _skipped, files);

    static int KindIndex(string mediaType)
    {
        // Representations carry the table's own strings, so a reference comparison nearly always decides.
        var formats = DocumentFormat.All;
        for (var i = 0; i < formats.Count; i++)
        {
            if (ReferenceEquals(formats[i].MediaType, mediaType))
                return KindOfFormat[i];
        }
        for (var i = 0; i < formats.Count; i++)
        {
            if (formats[i].MediaType == mediaType)
                return KindOfFormat[i];
        }
        return UnknownKind;
    }
}
