namespace Platform.Tabular;

/// <summary>
/// When a column of text is free text rather than categories: more than 100 distinct values, and
/// either most values distinct or values 30 characters long on average. The profile (its
/// <see cref="ColumnKind.Text"/>) and training (which learns such a column with a text model) use
/// this one rule, so the kind the portal shows is the kind the model is trained for.
/// </summary>
public static class FreeText
{
    public const int MaxCategories = 100;
    public const double MinAverageLength = 30;

    public static bool Is(long distinct, long present, double averageLength) =>
        distinct > MaxCategories && (distinct > 0.5 * present || averageLength >= MinAverageLength);

    /// <summary>A column read as text (not numbers) whose values are free text.</summary>
    public static bool Is(TypedColumn column) =>
        column is CategoryColumn text && Measure(text) is { Present: > 0 } m && Is(text.Categories.Count, m.Present, m.AverageLength);

    /// <summary>
    /// Free text a text model can learn from: sentences, 30 characters or more on average. Identifiers
    /// (a product code on every row) are free text by the profile's rule, but not language.
    /// </summary>
    public static bool IsProse(TypedColumn column) => Is(column) && AverageLength(column) >= MinAverageLength;

    /// <summary>The mean length in characters of the column's present values; 0 for a column of numbers.</summary>
    public static double AverageLength(TypedColumn column) => column is CategoryColumn text ? Measure(text).AverageLength : 0;

    private static (long Present, double AverageLength) Measure(CategoryColumn text)
    {
        long present = 0, length = 0;
        var counts = new int[text.Categories.Count];
        foreach (var code in text.Codes)
            if (code >= 0) { present++; counts[code]++; }
        for (var i = 0; i < counts.Length; i++) length += (long)counts[i] * text.Categories[i].Length;
        return (present, present == 0 ? 0 : (double)length / present);
    }
}
