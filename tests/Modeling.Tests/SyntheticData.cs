using System.Globalization;
using Platform.Tabular;

namespace Platform.Modeling.Tests;

/// <summary>A small learnable table: the label depends on a number and a category; some cells are missing.</summary>
public static class SyntheticData
{
    public static TabularData Create(int rows, int seed = 1)
    {
        var random = new Random(seed);
        string[] colours = ["red", "green", "blue", "grey"];
        var data = new List<string?[]>(rows);
        for (var i = 0; i < rows; i++)
        {
            var x = random.NextDouble() * 10 - 5;
            var colour = colours[random.Next(colours.Length)];
            var noise = random.NextDouble() * 2 - 1;
            var score = x + (colour == "red" ? 2 : colour == "blue" ? -2 : 0) + noise * 2;
            data.Add([
                i % 17 == 0 ? null : x.ToString("R", CultureInfo.InvariantCulture),
                i % 23 == 0 ? null : colour,
                (random.NextDouble() * 100).ToString("F2", CultureInfo.InvariantCulture),
                score > 0 ? "yes" : "no",
            ]);
        }
        return new TabularData(["x", "colour", "unrelated", "outcome"], data);
    }
}
