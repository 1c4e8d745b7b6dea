namespace Feed.Items.FrontMatter;

/// <summary>
/// Front matter keys to <see cref="FrontMatterFields"/> fields (docs/items.md), with the names
/// Jekyll and Hugo give some of them, whichever language the front matter was written in.
/// </summary>
internal static class FrontMatterKeys
{
    static readonly HashSet<string> Fields = new(StringComparer.Ordinal)
    {
        "title", "date", "updated", "id", "slug", "author", "summary", "link", "image", "enclosure", "lang", "draft", "expires",
        "duration", "transcript", "permalink",
    };

    /// <summary>
    /// Which field a key sets, and its rank among the keys that set that field: Jekyll and Hugo
    /// name some fields their own way, and a file may carry both names (Hugo writes a
    /// 'description' and a 'summary'); the lowest rank wins, the others are noted.
    /// </summary>
    static (string Field, int Rank) FieldOf(string key) => key switch
    {
        // Hugo shows a story from 'publishDate' when it has one: a later publishDate holds it back.
        "publishdate" => ("date", 0),
        "date" => ("date", 1),
        "authors" => ("author", 0),
        "language" => ("lang", 0),
        "categories" => ("tags", 0),
        "description" => ("summary", 1),
        "excerpt" => ("summary", 2),
        "lastmod" => ("updated", 1),            // Hugo
        "last_modified_at" => ("updated", 2),   // Jekyll's jekyll-last-modified-at
        "expirydate" => ("expires", 1),         // Hugo
        "images" => ("image", 1),               // Hugo's list of social images: the first
        "published" => ("draft", 1),            // Jekyll: 'published: false' is a draft
        "url" => ("permalink", 1),              // Hugo's own URL for the page; Jekyll says 'permalink'
        "redirect_from" => ("aliases", 0),      // Jekyll's jekyll-redirect-from; Hugo says 'aliases'
        _ => (key, 0),
    };

    public static FrontMatterFields Read(FrontMap mapping, YamlFieldReader reader, string path, List<ItemProblem> problems)
    {
        var result = new FrontMatterFields();
        // A few keys a file: a list looked through beats a dictionary's tables, made for each file.
        var given = new List<(string Field, string Key, int Rank)>(mapping.Entries.Count);
        List<string>? tags = null;
        List<(string, int)>? aliases = null;
        foreach (var entry in mapping.Entries)
        {
            var (key, value) = (entry.Key?.Trim().ToLowerInvariant() ?? "", entry.Value);
            var (field, rank) = FieldOf(key);
            if (field == "tags")
            {
                // Hugo and Jekyll files often carry both 'tags' and 'categories': both are tags.
                if (reader.List(key, value) is { } list)
                {
                    if (tags is null)
                        tags = list;
                    else
                        tags.AddRange(list);
                }
                continue;
            }
            if (field == "aliases")
            {
                // Both may be given (a Jekyll site once run through Hugo): every old path redirects.
                if (reader.Paths(key, value) is { } paths)
                    (aliases ??= []).AddRange(paths);
                continue;
            }
            if (Takes(given, field, key, rank, reader.LineOf(entry), path, problems))
                result = Set(result, field, key, reader.LineOf(entry), value, reader, path, problems);
        }
        if (aliases is not null)
            result = result with { Aliases = aliases };
        return tags is null ? result : result with { Tags = tags };
    }

    // Whether a key sets its field: not when a key of the same or a better rank set it already.
    static bool Takes(List<(string Field, string Key, int Rank)> given, string field, string key, int rank, int line, string path, List<ItemProblem> problems)
    {
        var at = given.Count - 1;
        while (at >= 0 && given[at].Field != field)
            at--;
        if (at >= 0)
        {
            var earlier = given[at];
            if (earlier.Rank == rank)
            {
                problems.Add(new(path, line,
                    earlier.Key == key ? $"'{key}' is given twice; keep one" : $"'{key}' and '{earlier.Key}' are given; keep one"));
                return false;
            }
            if (earlier.Rank < rank)
            {
                problems.Add(new(path, line, $"'{key}' is not used, because '{earlier.Key}' is given", ProblemLevel.Debug));
                return false;
            }
            problems.Add(new(path, null, $"'{earlier.Key}' is not used, because '{key}' is given", ProblemLevel.Debug));
        }
        if (!Fields.Contains(field))
            return true;
        if (at >= 0)
            given[at] = (field, key, rank);
        else
            given.Add((field, key, rank));
        return true;
    }

    static FrontMatterFields Set(FrontMatterFields result, string field, string key, int keyLine, FrontNode value, YamlFieldReader reader, string path, List<ItemProblem> problems)
    {
        return field switch
        {
            "title" => result with { Title = reader.Text(key, value) },
            "date" => result with { Date = reader.Date(key, value) },
            "updated" => result with { Updated = reader.Date(key, value), UpdatedLine = keyLine },
            "id" => result with { Id = reader.Iri(key, value, "such as tag:example.com,2024-06-27:my-story or urn:uuid:...") },
            "slug" => result with { Slug = reader.Slug(key, value) },
            "author" => result with { Authors = reader.People(key, value) },
            "summary" => result with { Summary = reader.Text(key, value) },
            "link" => result with { Link = reader.AbsoluteUri(key, value, "such as https://example.com/story", webOnly: true) },
            "image" when key == "images" => reader.List(key, value) is [var first, ..] && reader.WebOrRelative(key, value, first) is { } web && Uri.TryCreate(web, UriKind.RelativeOrAbsolute, out var url) ? result with { Image = new(url), ImageLine = keyLine } : result,
            "image" => reader.Image(key, value) is { } image ? result with { Image = image, ImageLine = keyLine } : result,
            "enclosure" => result with { Enclosure = reader.Enclosure(key, value), EnclosureLine = keyLine },
            "lang" => result with { Language = reader.Language(key, value) },
            "draft" when key == "published" => result with { Draft = !(reader.Boolean(key, value) ?? true) },
            "draft" => result with { Draft = reader.Boolean(key, value) ?? false },
            "expires" => result with { Expires = reader.Date(key, value) },
            "duration" => result with { Duration = reader.Duration(key, value) },
            "transcript" => reader.Text(key, value) is { } transcript && reader.WebOrRelative(key, value, transcript) is { } web
                ? result with { Transcript = web, TranscriptLine = reader.LineOf(value) }
                : result,
            "permalink" => reader.Paths(key, value) is [var permalink] ? result with { Permalink = permalink } : result,
            _ => Unknown(result, key),
        };

        FrontMatterFields Unknown(FrontMatterFields current, string name)
        {
            problems.Add(new(path, keyLine, $"unknown front matter key '{name}' is not published", ProblemLevel.Debug));
            return current;
        }
    }
}
