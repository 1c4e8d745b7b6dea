namespace Feed.Tests;

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
}
