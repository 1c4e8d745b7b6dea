namespace Feed;

/// <summary>Shortens derived titles and summaries at a word boundary, the way a sub-editor would.</summary>
public static class TextCut
{
    public const int TitleLength = 110;
    public const int SummaryLength = 280;

    public static string Near(string text, int length)
    {
        text = CollapseWhitespace(text);
        if (text.Length <= length)
            return text;

        var cut = text.LastIndexOf(' ', length);
        if (cut < length * 2 / 3)
            cut = length; // one very long word: cut inside it rather than lose most of the text
        if (char.IsLowSurrogate(text[cut]))
            cut--;
        return text[..cut].TrimEnd(' ', ',', ';', ':', '-', '–', '—', '(', '.') + "…";
    }

    public static string CollapseWhitespace(string text) =>
        string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>The first sentence of a paragraph, not fooled by "U.S." or "Mr.".</summary>
    public static string FirstSentence(string paragraph)
    {
        paragraph = CollapseWhitespace(paragraph);
        for (var i = 0; i < paragraph.Length; i++)
        {
            var c = paragraph[i];
            if (c is not ('.' or '!' or '?'))
                continue;
            var end = i + 1;
            while (end < paragraph.Length && paragraph[end] is '"' or '\'' or '”' or '’' or ')')
                end++;
            if (end == paragraph.Length)
                return paragraph;
            if (paragraph[end] != ' ' || end + 1 >= paragraph.Length)
                continue;
            var next = paragraph[end + 1];
            if (!(char.IsUpper(next) || next is '"' or '“' or '‘' or '\'' || char.IsDigit(next)))
                continue;
            if (c == '.' && IsAbbreviation(paragraph, i))
                continue;
            return paragraph[..end];
        }
        return paragraph;
    }

    static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "gen", "col", "lt", "sgt", "capt", "gov",
        "sen", "rep", "rev", "no", "vs", "etc", "inc", "ltd", "co", "corp", "jan", "feb", "mar", "apr",
        "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft", "approx", "dept", "est",
    };

    static bool IsAbbreviation(string text, int period)
    {
        var start = text.LastIndexOf(' ', period) + 1;
        var word = text[start..period].TrimStart('(', '"', '“', '‘');
        // "U.S." and "a.m." carry inner periods; single capitals are initials ("John F. Kennedy").
        return word.Contains('.') || (word.Length == 1 && char.IsUpper(word[0])) || Abbreviations.Contains(word);
    }
}
