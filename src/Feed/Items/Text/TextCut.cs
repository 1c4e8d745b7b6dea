namespace Feed.Items.Text;

/// <summary>Shortens derived titles and summaries the way a sub-editor would: at a clause, else at a word.</summary>
public static class TextCut
{
    public const int TitleLength = 110;
    public const int SummaryLength = 280;

    // docs/items.md: sentences end at ". ! ?" and at the CJK, Arabic and Urdu full stops.
    const string FullStops = "。！？۔؟";

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
        return text[..cut].TrimEnd(' ', ',', ';', ':', '-', '–', '—', '(', '.', '،', '，', '、', '；', '：') + "…";
    }

    /// <summary>
    /// A headline from a first sentence: whole when it fits; else up to the last clause boundary
    /// (comma, colon, semicolon, dash) before the limit, which reads as a headline and needs no
    /// ellipsis; else cut at a word, with an ellipsis because the clause is cut.
    /// </summary>
    public static string Title(string sentence)
    {
        sentence = CollapseWhitespace(sentence);
        if (sentence.Length <= TitleLength)
            return sentence;
        var clause = LastClauseBoundary(sentence, TitleLength);
        // A boundary near the start ("Officials, ...") would leave too little to be a headline.
        return clause >= TitleLength / 2 ? sentence[..clause].TrimEnd() : Near(sentence, TitleLength);
    }

    /// <summary>The title a story's first paragraph gives: its first sentence, without its full stop, cut as a headline.</summary>
    public static string TitleFrom(string paragraph) => Title(WithoutFinalStop(FirstSentence(paragraph)));

    /// <summary>The index of the last clause boundary at or before <paramref name="limit"/>, or -1.</summary>
    static int LastClauseBoundary(string text, int limit)
    {
        for (var i = Math.Min(limit, text.Length - 1); i > 0; i--)
        {
            var c = text[i];
            var between = i + 1 < text.Length;
            switch (c)
            {
                case ',' or ':' when between && char.IsDigit(text[i - 1]) && char.IsDigit(text[i + 1]):
                    continue; // 1,000 and 12:30 are numbers, not clauses
                case ',' or ':' or ';' or '،' or '，' or '、' or '；' or '：' or '–' or '—':
                    return i;
                case '-' when text[i - 1] == ' ' && between && text[i + 1] == ' ':
                    return i; // a spaced hyphen is a dash; "Azm-e-Istehkam" is one word
            }
        }
        return -1;
    }

    /// <summary>A sentence without its final full stop, as a headline is written; '?' and '!' stay.</summary>
    public static string WithoutFinalStop(string sentence) =>
        sentence.Length > 0 && sentence[^1] is '.' or '。' or '۔' && !sentence.EndsWith("...", StringComparison.Ordinal)
            ? sentence[..^1]
            : sentence;

    /// <summary>
    /// Whether a line ends as a sentence or a clause does (or inside a quotation or brackets):
    /// a line that does not is a headline or a subheading. "Rates held at 12%" does not.
    /// </summary>
    public static bool HasClosingPunctuation(string line) =>
        line.Length > 0 && (".!?…:;,،؛\"'”’»)]}".Contains(line[^1], StringComparison.Ordinal) || FullStops.Contains(line[^1], StringComparison.Ordinal));

    /// <summary>
    /// The words of <paramref name="text"/> with one space between them (whitespace as
    /// <see cref="char.IsWhiteSpace(char)"/> says); text that already is so is returned as it is.
    /// </summary>
    public static string CollapseWhitespace(string text)
    {
        // Most titles, summaries and paragraphs have one space between words and none at the ends.
        var i = 0;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c) && (c != ' ' || i == 0 || i == text.Length - 1 || char.IsWhiteSpace(text[i + 1])))
                break;
        }
        if (i == text.Length)
            return text;
        var buffer = text.Length <= 512 ? stackalloc char[text.Length] : new char[text.Length];
        text.AsSpan(0, i).CopyTo(buffer);
        var length = i;
        var space = false;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                space = length > 0;
                continue;
            }
            if (space)
                buffer[length++] = ' ';
            space = false;
            buffer[length++] = c;
        }
        return new string(buffer[..length]);
    }

    /// <summary>The first sentence of a paragraph, not fooled by "U.S." or "Mr.".</summary>
    public static string FirstSentence(string paragraph)
    {
        paragraph = CollapseWhitespace(paragraph);
        for (var i = 0; i < paragraph.Length; i++)
        {
            var c = paragraph[i];
            var fullStop = FullStops.Contains(c, StringComparison.Ordinal);
            if (!fullStop && c is not ('.' or '!' or '?'))
                continue;
            var end = i + 1;
            while (end < paragraph.Length && paragraph[end] is '"' or '\'' or '”' or '’' or ')' or '」' or '』' or '»')
                end++;
            if (end == paragraph.Length)
                return paragraph;
            // These stops are never abbreviations, and CJK writes no space after them.
            if (fullStop)
                return paragraph[..end];
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
