using System.Text.RegularExpressions;
using Feed.Items.Text;

namespace Feed.Items.FrontMatter;

// Authors: a name, or 'name:, email:, uri:' keys, alone or in a list.
internal sealed partial class YamlFieldReader
{
    public IReadOnlyList<Person>? People(string key, FrontNode node)
    {
        if (node is FrontList sequence)
            return sequence.Items.Select(child => Person(key, child)).OfType<Person>().ToList();
        return Person(key, node) is { } person ? [person] : null;
    }

    Person? Person(string key, FrontNode node)
    {
        if (node is FrontScalar scalar)
            return scalar.IsNull ? null : new Person(Clean(scalar.Value!));
        if (node is not FrontMap mapping)
        {
            Problem(node, $"'{key}' must be a name or 'name:, email:, uri:' keys, not {node.Shape}");
            return null;
        }
        var name = Field(mapping, "name");
        if (name is null)
        {
            Problem(node, $"'{key}' needs a 'name'");
            return null;
        }
        var email = Field(mapping, "email");
        var uriText = Field(mapping, "uri") ?? Field(mapping, "url");
        Uri? uri = null;
        if (uriText is not null && !(TextPatterns.HasScheme(uriText) && Uri.TryCreate(uriText, UriKind.Absolute, out uri) && uri.Scheme is "http" or "https"))
        {
            Problem(node, $"'{key}' uri must be an absolute http(s) URL such as https://example.com/staff/jane; got '{uriText}'");
            uri = null;
        }
        if (email is not null && !EmailShape().IsMatch(email))
        {
            Problem(node, $"'{key}' email does not look like an address: '{email}'");
            email = null;
        }
        return new Person(name, email, uri);
    }


    [GeneratedRegex(@"^[^@\s<>()]+@[^@\s<>()]+$")]
    private static partial Regex EmailShape();
}
