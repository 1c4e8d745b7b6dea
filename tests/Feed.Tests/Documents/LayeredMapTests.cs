using Feed.Documents;

namespace Feed.Tests.Documents;

public class LayeredMapTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Maps_laid_over_each_other_answer_as_one_map_made_from_scratch(int seed)
    {
        var random = new Random(seed);
        var reference = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < 500; i++)
            reference[$"/page/{i}"] = $"v{i}";
        var map = LayeredMap<string>.Of(reference.ToDictionary(p => p.Key, string? (p) => p.Value, StringComparer.Ordinal));
        var maps = new List<(LayeredMap<string> Map, Dictionary<string, string> Expected)>();
        for (var step = 0; step < 200; step++)
        {
            var removed = Enumerable.Range(0, random.Next(4)).Select(_ => $"/page/{random.Next(700)}").ToList();
            var added = Enumerable.Range(0, random.Next(4)).Select(_ => KeyValuePair.Create($"/page/{random.Next(700)}", $"s{step}")).ToList();
            map = map.With(removed, added);
            foreach (var key in removed)
                reference.Remove(key);
            foreach (var (key, value) in added)
                reference[key] = value;
            Assert.Equal(reference.Count, map.Count);
            maps.Add((map, new Dictionary<string, string>(reference)));
        }
        // Every map made along the way still answers as it did: a later one never changes an earlier one.
        foreach (var (made, expected) in maps)
        {
            for (var i = 0; i < 700; i++)
                Assert.Equal(expected.GetValueOrDefault($"/page/{i}"), made.GetValueOrDefault($"/page/{i}"));
            Assert.Equal(expected.OrderBy(p => p.Key, StringComparer.Ordinal), made.Entries.OrderBy(p => p.Key, StringComparer.Ordinal));
        }
    }
}
