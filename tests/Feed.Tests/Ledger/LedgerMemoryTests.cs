using Feed.Ledger;

namespace Feed.Tests.Ledger;

public class LedgerMemoryTests
{
    static readonly DateTimeOffset Day = new(2024, 6, 27, 9, 0, 0, TimeSpan.Zero);

    static StoryRecord Story(string id, string path, int hoursLater, DateTimeOffset? goneAt = null) =>
        new(id, "/2024/06/27/" + id + "/", path, 1, "Title " + id, null, Day, Day, Day.AddHours(hoursLater), goneAt);

    [Fact]
    public void A_path_that_held_several_stories_lists_the_published_one_first_then_the_latest_changed()
    {
        var memory = new LedgerMemory();
        memory.Put(Story("old", "desk/budget.md", 1, goneAt: Day.AddHours(2)));
        Assert.Equal(["old"], memory.IdsAt("desk/budget.md"));
        Assert.Equal("old", memory.FirstAt("desk/budget.md", new Dictionary<string, int>())!.Id);

        memory.Put(Story("older", "desk/budget.md", 0, goneAt: Day.AddHours(1)));
        memory.Put(Story("now", "desk/budget.md", 3));
        Assert.Equal(["now", "old", "older"], memory.At("desk/budget.md").Select(s => s.Id));
        Assert.Equal(["old", "older", "now"], memory.IdsAt("desk/budget.md"));
        Assert.Equal("old", memory.FirstAt("desk/budget.md", new Dictionary<string, int> { ["now"] = 0 })!.Id);
        Assert.Null(memory.FirstAt("desk/budget.md", new Dictionary<string, int> { ["now"] = 0, ["old"] = 0, ["older"] = 0 }));
    }

    [Fact]
    public void A_story_whose_file_moves_is_listed_at_its_new_path_alone()
    {
        var memory = new LedgerMemory();
        memory.Put(Story("a", "desk/budget.md", 0));
        memory.Put(Story("b", "desk/budget.md", 1, goneAt: Day.AddHours(1)));

        memory.Put(Story("a", "world/budget.md", 2));
        Assert.Equal(["b"], memory.IdsAt("desk/budget.md"));
        Assert.Equal(["a"], memory.IdsAt("world/budget.md"));

        memory.Put(Story("b", "world/budget.md", 3, goneAt: Day.AddHours(1)));
        Assert.Empty(memory.IdsAt("desk/budget.md"));
        Assert.Empty(memory.At("desk/budget.md"));
        Assert.Null(memory.FirstAt("desk/budget.md", new Dictionary<string, int>()));
        Assert.Equal(["a", "b"], memory.At("world/budget.md").Select(s => s.Id));
    }
}
