using System.Text.Encodings.Web;
using System.Text.Json;
using Feed.Documents;
using Feed.Items;

namespace Feed.Formats;

/// <summary>Items to JSON Feed 1.1 bytes (https://jsonfeed.org/version/1.1).</summary>
public static class JsonFeedWriter
{
    public const string Version = "https://jsonfeed.org/version/1.1";

    static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        // Readable text: this document is served as JSON, never inlined into HTML, so "<" and
        // non-ASCII letters need no escaping.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static byte[] Write(FeedDocument document, Uri feedUrl, FeedSettings settings)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteString("version", Version);
            json.WriteString("title", document.Title);
            json.WriteString("home_page_url", document.HomeUrl.AbsoluteUri);
            json.WriteString("feed_url", feedUrl.AbsoluteUri);
            json.WriteString("description", document.Description);
            // JSON Feed 1.1: icon (large, square) and favicon (small, square); one square Feed:Icon
            // serves both. A wide logo fits neither, so Feed:Logo is left out here.
            if (settings.Icon is { } icon)
            {
                json.WriteString("icon", icon.AbsoluteUri);
                json.WriteString("favicon", icon.AbsoluteUri);
            }
            json.WriteString("language", settings.Language);
            json.WriteStartArray("authors");
            WritePerson(json, new Person(settings.EffectiveAuthor));
            json.WriteEndArray();
            // JSON Feed 1.1 has no copyright field; an extension is a custom object whose name
            // starts with "_" (section "Extensions"), which readers that do not know it ignore.
            if (settings.Copyright is { } copyright)
            {
                json.WriteStartObject("_copyright");
                json.WriteString("text", copyright);
                json.WriteEndObject();
            }
            if (settings.WebSubHubs.Count > 0 && document.AdvertisesHub)
            {
                json.WriteStartArray("hubs");
                foreach (var hub in settings.WebSubHubs)
                {
                    json.WriteStartObject();
                    json.WriteString("type", "WebSub");
                    json.WriteString("url", hub.AbsoluteUri);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
            }
            // JSON Feed 1.1 next_url: older stories, a month a document, so a reader can page
            // back through the whole history as RFC 5005 readers do through prev-archive.
            if (document.NextUrl is { } next)
                json.WriteString("next_url", next.AbsoluteUri);
            json.WriteStartArray("items");
            foreach (var item in document.Items)
                WriteItem(json, item, settings.FeedContent);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    static void WriteItem(Utf8JsonWriter json, NewsItem item, FeedContent content)
    {
        json.WriteStartObject();
        json.WriteString("id", item.Id);
        json.WriteString("url", item.PageUrl.AbsoluteUri);
        if (item.ExternalUrl is { } external)
            json.WriteString("external_url", external.AbsoluteUri);
        json.WriteString("title", item.Title);
        // JSON Feed 1.1: content_html or content_text must be present; summaries only is the plain summary.
        if (content == FeedContent.Full)
            json.WriteString("content_html", item.RenderContent());
        else
            json.WriteString("content_text", item.Summary.Length > 0 ? item.Summary : item.Title);
        if (item.Summary.Length > 0)
            json.WriteString("summary", item.Summary);
        if (item.Image is { } image)
            json.WriteString("image", image.Url.AbsoluteUri);
        json.WriteString("date_published", ItemDate.Rfc3339String(item.Published));
        json.WriteString("date_modified", ItemDate.Rfc3339String(item.Updated));
        if (item.Authors.Count > 0)
        {
            json.WriteStartArray("authors");
            foreach (var author in item.Authors)
                WritePerson(json, author);
            json.WriteEndArray();
        }
        if (item.Tags.Count > 0)
        {
            json.WriteStartArray("tags");
            foreach (var tag in item.Tags)
                json.WriteStringValue(tag);
            json.WriteEndArray();
        }
        if (item.Language is { } language)
            json.WriteString("language", language);
        if (item.Enclosure is { } enclosure)
        {
            json.WriteStartArray("attachments");
            json.WriteStartObject();
            json.WriteString("url", enclosure.Url.AbsoluteUri);
            json.WriteString("mime_type", enclosure.MediaType);
            if (enclosure.Length > 0)
                json.WriteNumber("size_in_bytes", enclosure.Length);
            json.WriteEndObject();
            json.WriteEndArray();
        }
        json.WriteEndObject();
    }

    static void WritePerson(Utf8JsonWriter json, Person person)
    {
        json.WriteStartObject();
        json.WriteString("name", person.Name);
        if (person.Uri is { } uri)
            json.WriteString("url", uri.AbsoluteUri);
        json.WriteEndObject();
    }
}
