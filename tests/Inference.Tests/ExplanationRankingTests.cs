using Platform.Inference.Serving;

namespace Platform.Inference.Tests;

/// <summary>The top credits of an explanation are ranked as a stable sort by size would rank them (<see cref="PredictionExplainer.TopBySize"/>).</summary>
public class ExplanationRankingTests
{
    [Fact]
    public void The_top_credits_are_the_largest_by_size_ties_in_the_inputs_order()
    {
        var random = new Random(3);
        for (var trial = 0; trial < 500; trial++)
        {
            // Few distinct sizes, both signs and zeros: ties are common.
            var credits = Enumerable.Range(0, random.Next(1, 30)).Select(_ => random.Next(-4, 5) * 0.25).ToArray();
            var top = random.Next(1, credits.Length + 3);
            var ranked = new int[Math.Min(top, credits.Length)];

            PredictionExplainer.TopBySize(credits, ranked);

            var expected = Enumerable.Range(0, credits.Length).OrderByDescending(c => Math.Abs(credits[c])).Take(ranked.Length).ToArray();
            Assert.Equal(expected, ranked);
        }
    }
}
