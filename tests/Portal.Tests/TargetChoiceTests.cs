using Platform.Portal.Services;
using Platform.Tabular;

namespace Platform.Portal.Tests;

/// <summary>The deploy page's reading of a target column: regression, binary, multiclass, or why it cannot be a target (ADR 25, 31).</summary>
public sealed class TargetChoiceTests
{
    private static ColumnProfile Column(string name, long distinct, bool capped = false, params string[] top) =>
        new(name, ColumnKind.Categorical, false, 100, 0, distinct, capped, null, [], top.Select(v => new CategoryCount(v, 10)).ToArray());

    // The profiler gives a numeric column a summary and a histogram, never top categories.
    private static ColumnProfile Numeric(string name, long distinct, bool capped = false) =>
        new(name, ColumnKind.Numeric, false, 100, 0, distinct, capped, new NumericSummary(0, 500, 120, 40), [new HistogramBin(0, 500, 100)], []);

    [Fact]
    public void Two_values_are_binary_with_the_values_as_positive_choices()
    {
        var choice = TargetChoice.For(Column("Status", 2, false, "good", "bad"));
        Assert.Equal(("binary-classification", 2L, (string?)null), (choice.Task, choice.Classes, choice.Refusal));
        Assert.Equal(["good", "bad"], choice.PositiveChoices);
        Assert.True(choice.NeedsPositiveClass);
    }

    [Fact]
    public void A_numeric_column_of_many_values_is_regression_with_no_positive_class()
    {
        var choice = TargetChoice.For(Numeric("Amount", 1433));
        Assert.Equal(("regression", 1433L, (string?)null), (choice.Task, choice.Classes, choice.Refusal));
        Assert.True(choice.IsRegression);
        Assert.False(choice.IsMulticlass);
        Assert.False(choice.NeedsPositiveClass);
        Assert.Empty(choice.PositiveChoices);
    }

    [Fact]
    public void Numbers_too_many_to_count_or_only_three_are_regression_not_refused()
    {
        var capped = TargetChoice.For(Numeric("Price", 10_000, capped: true));
        Assert.Equal(("regression", (string?)null), (capped.Task, capped.Refusal));
        Assert.Equal("regression", TargetChoice.For(Numeric("Rating", 3)).Task);
    }

    [Fact]
    public void A_numeric_column_of_two_values_is_binary_and_asks_for_the_positive_class()
    {
        var choice = TargetChoice.For(Numeric("Default", 2));
        Assert.Equal(("binary-classification", 2L, (string?)null), (choice.Task, choice.Classes, choice.Refusal));
        Assert.True(choice.NeedsPositiveClass);
    }

    [Fact]
    public void A_numeric_column_of_one_value_is_refused_with_the_reason()
    {
        var choice = TargetChoice.For(Numeric("Constant", 1));
        Assert.Equal("'Constant' has 1 distinct value; a target needs at least two classes.", choice.Refusal);
        Assert.False(choice.NeedsPositiveClass);
    }

    [Fact]
    public void Three_to_a_hundred_text_values_are_multiclass_with_no_positive_class()
    {
        var choice = TargetChoice.For(Column("Job", 5, false, "fixed", "freelance", "partime", "others", "retired"));
        Assert.True(choice.IsMulticlass);
        Assert.Equal(5, choice.Classes);
        Assert.Empty(choice.PositiveChoices);
        Assert.Null(choice.Refusal);
        Assert.False(choice.NeedsPositiveClass);
        Assert.Null(TargetChoice.For(Column("Code", ClassificationTarget.MaxClasses)).Refusal);
    }

    [Fact]
    public void More_text_values_than_classes_can_be_or_one_value_are_refused_with_the_reason()
    {
        Assert.Equal("'City' has 500 distinct values; a target has at most 100 classes.", TargetChoice.For(Column("City", 500)).Refusal);
        Assert.Equal("'Id' has more than 10,000 distinct values; a target has at most 100 classes.", TargetChoice.For(Column("Id", 10_000, capped: true)).Refusal);
        Assert.Equal("'Country' has 1 distinct value; a target needs at least two classes.", TargetChoice.For(Column("Country", 1, false, "NL")).Refusal);
        Assert.False(TargetChoice.For(Column("City", 500)).NeedsPositiveClass);
    }
}
