using Feed.Items.Text;
namespace Feed.Tests.Items.Text;

public class TextCutTests
{
    [Theory]
    [InlineData("Short title.", 110, "Short title.")]
    [InlineData("one two three four five six", 14, "one two three…")]
    [InlineData("one two, three four", 9, "one two…")]
    [InlineData("abcdefghijklmnopqrstuvwxyz", 10, "abcdefghij…")]
    public void Near_cuts_at_a_word_boundary_with_an_ellipsis(string text, int length, string expected) =>
        Assert.Equal(expected, TextCut.Near(text, length));

    [Theory]
    [InlineData("one two three", "one two three")]
    [InlineData("  one \t two\r\n\nthree  ", "one two three")]
    [InlineData("one\u00A0two\u2003three", "one two three")]
    [InlineData("one two ", "one two")]
    [InlineData(" one", "one")]
    [InlineData("one\ttwo", "one two")]
    [InlineData("a\tb  c", "a b c")]
    [InlineData(" \t\n ", "")]
    [InlineData("", "")]
    public void Whitespace_collapses_to_single_spaces_between_words(string text, string expected)
    {
        Assert.Equal(expected, TextCut.CollapseWhitespace(text));
        Assert.Equal(string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)), TextCut.CollapseWhitespace(text));
    }

    [Fact]
    public void Text_already_collapsed_is_returned_as_it_is()
    {
        var text = new string("one two three".ToCharArray());
        Assert.Same(text, TextCut.CollapseWhitespace(text));
    }

    [Theory]
    [InlineData("The U.S. Senate voted. Then it rested.", "The U.S. Senate voted.")]
    [InlineData("Dr. Khan spoke on Monday. More followed.", "Dr. Khan spoke on Monday.")]
    [InlineData("“Stop,” he said. “Now.”", "“Stop,” he said.")]
    [InlineData("Is it over? Nobody knows.", "Is it over?")]
    [InlineData("Prices rose 3.5 percent in May. Analysts were surprised.", "Prices rose 3.5 percent in May.")]
    [InlineData("John F. Kennedy spoke. Crowds cheered.", "John F. Kennedy spoke.")]
    [InlineData("No end in sight", "No end in sight")]
    [InlineData("He said “we won.” Then he left.", "He said “we won.”")]
    public void First_sentence_is_not_fooled_by_abbreviations_or_numbers(string paragraph, string sentence) =>
        Assert.Equal(sentence, TextCut.FirstSentence(paragraph));

    [Theory]
    [InlineData("Short enough to be the whole title", "Short enough to be the whole title")]
    [InlineData("The United States (US) has voiced its support for Pakistan in response to Operation Azm-e-Istehkam, a new initiative aimed at combating militancy without disrupting civilian life",
        "The United States (US) has voiced its support for Pakistan in response to Operation Azm-e-Istehkam")]
    [InlineData("Ministers meeting in Islamabad on Tuesday agreed the budget for the coming year: more for schools and hospitals, less for roads",
        "Ministers meeting in Islamabad on Tuesday agreed the budget for the coming year")]
    [InlineData("The committee that the minister set up last spring to look into the collapse of the bridge reported today; its findings were stark",
        "The committee that the minister set up last spring to look into the collapse of the bridge reported today")]
    [InlineData("The central bank left its key rate unchanged at the end of a two-day meeting in the capital - a surprise to the markets that day",
        "The central bank left its key rate unchanged at the end of a two-day meeting in the capital")]
    [InlineData("Officials, speaking on condition of anonymity because they were not authorised to brief reporters about the talks held overnight in the capital",
        "Officials, speaking on condition of anonymity because they were not authorised to brief reporters about the…")]
    [InlineData("Exporters in the northern provinces said on Monday at 10:30 that they had shipped 1,250,000 tonnes of rice this season to buyers abroad",
        "Exporters in the northern provinces said on Monday at 10:30 that they had shipped 1,250,000 tonnes of rice…")]
    public void Title_cuts_at_the_last_clause_boundary_before_110_else_at_a_word_with_an_ellipsis(string sentence, string title)
    {
        Assert.Equal(title, TextCut.Title(sentence));
        Assert.True(title.Length <= TextCut.TitleLength + 1, title);
    }

    [Theory]
    [InlineData("代表们在首都开会。会议持续到深夜。", "代表们在首都开会。")]
    [InlineData("真的吗？没有人知道。", "真的吗？")]
    [InlineData("مندوبین دارالحکومت میں جمع ہوئے۔ اجلاس رات گئے تک جاری رہا۔", "مندوبین دارالحکومت میں جمع ہوئے۔")]
    [InlineData("هل انتهى الأمر؟ لا أحد يعرف.", "هل انتهى الأمر؟")]
    [InlineData("他说：「我们赢了。」然后离开了。", "他说：「我们赢了。」")]
    public void First_sentence_ends_at_cjk_arabic_and_urdu_full_stops(string paragraph, string sentence) =>
        Assert.Equal(sentence, TextCut.FirstSentence(paragraph));

    [Theory]
    [InlineData("A sentence.", "A sentence")]
    [InlineData("代表们在首都开会。", "代表们在首都开会")]
    [InlineData("مندوبین جمع ہوئے۔", "مندوبین جمع ہوئے")]
    [InlineData("Is it over?", "Is it over?")]
    [InlineData("And then...", "And then...")]
    public void Without_final_stop_drops_only_a_full_stop(string sentence, string title) =>
        Assert.Equal(title, TextCut.WithoutFinalStop(sentence));

    [Theory]
    [InlineData("Pakistan central bank holds key rate at 12%", false)]
    [InlineData("Operation Azm-e-Istehkam", false)]
    [InlineData("A sentence.", true)]
    [InlineData("Is it over?", true)]
    [InlineData("He said “we won”", true)]
    [InlineData("Lists follow:", true)]
    [InlineData("代表们在首都开会。", true)]
    [InlineData("مندوبین جمع ہوئے۔", true)]
    public void Closing_punctuation_tells_a_sentence_from_a_headline(string line, bool closes) =>
        Assert.Equal(closes, TextCut.HasClosingPunctuation(line));
}
