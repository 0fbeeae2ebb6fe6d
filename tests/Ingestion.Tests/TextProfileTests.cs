using System.Text;
using Platform.Contracts.Solutions;
using System.Text.RegularExpressions;
using Platform.Tabular;

namespace Platform.Ingestion.Tests;

/// <summary>The profile of a free-text column (<see cref="TextSummary"/>): lengths in words, vocabulary, top words.</summary>
public class TextProfileTests
{
    private static DatasetProfile Profile(string csv) =>
        DatasetProfiler.Profile(CsvTableReader.Open(new MemoryStream(Encoding.UTF8.GetBytes(csv))));

    [Fact]
    public void A_text_column_is_summarised_by_its_words_and_other_kinds_are_not()
    {
        // 200 distinct comments (a text column) and a repeated one; a category beside them.
        var rows = Enumerable.Range(0, 200).Select(i => $"{(i % 2 == 0 ? "a" : "b")},\"Great coffee number {i}, the best!\"")
            .Append("a,\"Bitter.\"").Append("a,\"Bitter.\"");
        var profile = Profile("group,comment\n" + string.Join("\n", rows));
        var (group, comment) = (profile.Columns[0], profile.Columns[1]);

        Assert.Null(group.Text);
        Assert.Equal(ColumnKind.Text, comment.Kind);
        var text = comment.Text!;
        Assert.Equal(202, text.Values);
        Assert.False(text.Sampled);
        // Each comment: great, coffee, number, i, the, best (6 words); "Bitter." one word, twice.
        Assert.Equal((200 * 6 + 2) / 202.0, text.MeanWords, 12);
        Assert.Equal(6, text.MaxWords);
        Assert.Equal(202, text.Words.Sum(b => b.Count));
        Assert.Equal(2, text.Words.Single(b => b.Lower <= 1 && 1 <= b.Upper).Count);
        Assert.Equal(200, text.Words.Single(b => b.Lower <= 6 && 6 <= b.Upper).Count);
        // great, coffee, number, the, best, bitter and the 200 numbers.
        Assert.Equal(206, text.Vocabulary);
        Assert.Equal(["best", "coffee", "great", "number", "bitter"], text.TopWords.Take(5).Select(w => w.Value));
        Assert.Equal([200L, 200, 200, 200, 2], text.TopWords.Take(5).Select(w => w.Count));
        Assert.DoesNotContain(text.TopWords, w => w.Value == "the"); // a function word
    }

    [Fact]
    public void The_reviews_words_are_counted_as_an_independent_count_finds_them()
    {
        DatasetProfile profile;
        // Without the search for personal data: a review holding some (a phone number) has its words masked, which the count below does not do.
        using (var stream = File.OpenRead(SampleDatasetFiles.PathOf("retail-reviews-train.csv"))) profile = DatasetProfiler.Profile(CsvTableReader.Open(stream), personalData: false);
        var review = profile.Columns.Single(c => c.Name == "review");
        Assert.Equal(ColumnKind.Text, review.Kind);
        var text = review.Text!;

        // The same words by a regular expression over the file's reviews, read apart from the profiler.
        var reviews = ReadColumn("retail-reviews-train.csv", "review");
        var words = reviews.Select(r => Regex.Matches(r, @"[\p{L}\p{Nd}\p{Mn}]+").Select(m => m.Value.ToLowerInvariant()).ToArray()).ToArray();
        Assert.Equal(reviews.Count, text.Values);
        Assert.False(text.Sampled);
        Assert.Equal(words.Average(w => w.Length), text.MeanWords, 9);
        Assert.Equal(words.Max(w => w.Length), text.MaxWords);
        Assert.Equal(words.SelectMany(w => w).Distinct().Count(), text.Vocabulary);
        var counts = words.SelectMany(w => w).GroupBy(w => w).ToDictionary(g => g.Key, g => (long)g.Count());
        Assert.All(text.TopWords, w => Assert.Equal(counts[w.Value], w.Count));
        Assert.Equal(TextProfiler.TopWordCount, text.TopWords.Count);
        Assert.Contains(text.TopWords, w => w.Value == "great"); // what the reviews are about shows
    }

    [Fact]
    public void Personal_data_in_a_text_is_masked_before_its_words_are_counted()
    {
        var rows = Enumerable.Range(0, 150).Select(i => $"\"Order {i} came late, write to jane.doe@example.com about it\"");
        var comment = Profile("comment\n" + string.Join("\n", rows)).Columns.Single();

        Assert.Equal(ColumnKind.Text, comment.Kind);
        Assert.DoesNotContain(comment.Text!.TopWords, w => w.Value is "jane" or "doe" or "example");
        Assert.Contains(comment.Text.TopWords, w => w.Value == "order" && w.Count == 150);
    }

    private static List<string> ReadColumn(string file, string column)
    {
        using var stream = File.OpenRead(SampleDatasetFiles.PathOf(file));
        var reader = CsvTableReader.Open(stream);
        var c = reader.Columns.ToList().IndexOf(column);
        return [.. reader.ReadRecords().Select(r => r.Values[c]).OfType<string>()];
    }
}
