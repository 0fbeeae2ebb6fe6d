using Platform.Portal.Services;
using Platform.Tabular;

namespace Platform.Portal.Tests;

/// <summary>The deploy page's reading of a target column: binary, multiclass, or why it cannot be a target (ADR 25).</summary>
public sealed class TargetChoiceTests
{
    private static ColumnProfile Column(string name, long distinct, bool capped = false, params string[] top) =>
        new(name, ColumnKind.Categorical, false, 100, 0, distinct, capped, null, [], top.Select(v => new CategoryCount(v, 10)).ToArray());

    [Fact]
    public void Two_values_are_binary_with_the_values_as_positive_choices()
    {
        var choice = TargetChoice.For(Column("Status", 2, false, "good", "bad"));
        Assert.Equal(("binary-classification", 2L, (string?)null), (choice.Task, choice.Classes, choice.Refusal));
        Assert.Equal(["good", "bad"], choice.PositiveChoices);
    }

    [Fact]
    public void Three_to_a_hundred_values_are_multiclass_with_no_positive_class()
    {
        var choice = TargetChoice.For(Column("Job", 4, false, "fixed", "freelance", "partime", "others"));
        Assert.True(choice.IsMulticlass);
        Assert.Equal(4, choice.Classes);
        Assert.Empty(choice.PositiveChoices);
        Assert.Null(choice.Refusal);
        Assert.Null(TargetChoice.For(Column("Code", ClassificationTarget.MaxClasses)).Refusal);
    }

    [Fact]
    public void More_values_than_classes_can_be_or_one_value_are_refused_with_the_reason()
    {
        Assert.Equal("'Amount' has 1,433 distinct values; a target has at most 100 classes.", TargetChoice.For(Column("Amount", 1433)).Refusal);
        Assert.Equal("'Id' has more than 10,000 distinct values; a target has at most 100 classes.", TargetChoice.For(Column("Id", 10_000, capped: true)).Refusal);
        Assert.Equal("'Country' has 1 distinct value; a target needs at least two classes.", TargetChoice.For(Column("Country", 1, false, "NL")).Refusal);
    }
}
