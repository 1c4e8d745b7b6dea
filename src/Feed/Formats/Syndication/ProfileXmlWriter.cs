using System.Text;
using System.Xml;

namespace Feed.Formats.Syndication;

/// <summary>
/// A thin <see cref="XmlWriter"/> around the one <see cref="FeedWriter"/> creates, applying what
/// the RSS Advisory Board's RSS Profile asks and System.ServiceModel.Syndication's formatters do
/// not know: every namespace declared once, on the root element, so each extension reuses its
/// prefix; RSS titles with '&lt;' and '&amp;' written as &amp;#x3C; and &amp;#x26; (RSS Profile,
/// "Character Data": the form the widest number of aggregators decode alike); and RFC 822 dates
/// ending in "+0000" where the formatter writes "Z" (RSS Profile, "Date-Time": a numeric zone or
/// GMT is what every aggregator reads). Everything else passes through untouched.
/// </summary>
internal sealed class ProfileXmlWriter(XmlWriter inner, IReadOnlyList<(string Prefix, string Namespace)> rootNamespaces, bool rss)
    : XmlWriter
{
    readonly Stack<string> _open = new();
    bool _rootOpen;
    bool _skippingAttribute;

    public override void WriteStartElement(string? prefix, string localName, string? ns)
    {
        DeclareOnRoot();
        inner.WriteStartElement(prefix, localName, ns);
        _open.Push(string.IsNullOrEmpty(ns) ? localName : "");
        _rootOpen = _open.Count == 1;
    }

    // Written when the root's first child starts: its own attributes (version="2.0") come first.
    void DeclareOnRoot()
    {
        if (!_rootOpen)
            return;
        _rootOpen = false;
        foreach (var (prefix, ns) in rootNamespaces)
            inner.WriteAttributeString("xmlns", prefix, null, ns);
    }

    public override void WriteStartAttribute(string? prefix, string localName, string? ns)
    {
        // An extension element brings its own xmlns:media; the root already declares it.
        if (prefix == "xmlns" && _open.Count > 1 && rootNamespaces.Any(r => r.Prefix == localName))
        {
            _skippingAttribute = true;
            return;
        }
        // Its own xmlns="..." too: written only if it changes the default namespace in scope.
        if (string.IsNullOrEmpty(prefix) && localName == "xmlns" && _open.Count > 1)
        {
            _defaultNamespace = new StringBuilder();
            return;
        }
        inner.WriteStartAttribute(prefix, localName, ns);
    }

    StringBuilder? _defaultNamespace;

    public override void WriteEndAttribute()
    {
        if (_skippingAttribute)
        {
            _skippingAttribute = false;
        }
        else if (_defaultNamespace is { } value)
        {
            _defaultNamespace = null;
            if (inner.LookupPrefix(value.ToString()) != "")
                inner.WriteAttributeString("xmlns", value.ToString());
        }
        else
        {
            inner.WriteEndAttribute();
        }
    }

    public override void WriteString(string? text)
    {
        if (_skippingAttribute)
            return;
        if (_defaultNamespace is not null)
        {
            _defaultNamespace.Append(text);
            return;
        }
        var element = _open.Count > 0 ? _open.Peek() : "";
        if (rss && element == "title" && text is not null)
        {
            WriteWithCharacterReferences(text);
            return;
        }
        if (rss && element is "pubDate" or "lastBuildDate" && text is not null && text.EndsWith(" Z", StringComparison.Ordinal))
            text = text[..^1] + "+0000";
        inner.WriteString(text);
    }

    void WriteWithCharacterReferences(string text)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is not ('<' or '&'))
                continue;
            inner.WriteString(text[start..i]);
            inner.WriteCharEntity(text[i]);
            start = i + 1;
        }
        inner.WriteString(text[start..]);
    }

    public override void WriteEndElement()
    {
        DeclareOnRoot();
        inner.WriteEndElement();
        _open.Pop();
    }

    // Extension elements replayed from their buffer always end in full (<media:content ...></media:content>);
    // an element with no content is written short, as every other element is.
    public override void WriteFullEndElement() => WriteEndElement();

    public override void WriteStartDocument() => inner.WriteStartDocument();
    public override void WriteStartDocument(bool standalone) => inner.WriteStartDocument(standalone);
    public override void WriteEndDocument() => inner.WriteEndDocument();
    public override void WriteDocType(string name, string? pubid, string? sysid, string? subset) => inner.WriteDocType(name, pubid, sysid, subset);
    public override void WriteCData(string? text) => inner.WriteCData(text);
    public override void WriteComment(string? text) => inner.WriteComment(text);
    public override void WriteProcessingInstruction(string name, string? text) => inner.WriteProcessingInstruction(name, text);
    public override void WriteEntityRef(string name) => inner.WriteEntityRef(name);
    public override void WriteCharEntity(char ch) => inner.WriteCharEntity(ch);
    public override void WriteWhitespace(string? ws) => inner.WriteWhitespace(ws);
    public override void WriteSurrogateCharEntity(char lowChar, char highChar) => inner.WriteSurrogateCharEntity(lowChar, highChar);
    public override void WriteChars(char[] buffer, int index, int count) => WriteString(new string(buffer, index, count));
    public override void WriteRaw(char[] buffer, int index, int count) => inner.WriteRaw(buffer, index, count);
    public override void WriteRaw(string data) => inner.WriteRaw(data);
    public override void WriteBase64(byte[] buffer, int index, int count) => inner.WriteBase64(buffer, index, count);
    public override void Flush() => inner.Flush();
    public override string? LookupPrefix(string ns) => inner.LookupPrefix(ns);
    public override WriteState WriteState => inner.WriteState;
    public override XmlWriterSettings? Settings => inner.Settings;

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            inner.Dispose();
        base.Dispose(disposing);
    }
}
