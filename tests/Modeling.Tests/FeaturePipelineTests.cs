using Platform.Modeling.Preprocessing;
using Platform.Tabular;

namespace Platform.Modeling.Tests;

public class FeaturePipelineTests
{
    // Train rows are 0-7; row 8 is held out and must not influence anything learned.
    private static readonly ColumnarTable Data = ColumnarTable.FromRows(
        ["amount", "city", "code"],
        [
            ["1", "paris", "1"], ["2", "paris", "2"], ["3", "paris", "x"], [null, "rome", "4"],
            ["4", "rome", "5"], ["5", "rome", "6"], ["6", null, "7"], ["7", "oslo", "8"],
            ["1000", "berlin", "9"],
        ]);

    private static readonly int[] TrainRows = [0, 1, 2, 3, 4, 5, 6, 7];

    [Fact]
    public void Numbers_are_imputed_with_the_train_median_and_standardised_with_train_statistics()
    {
        var pipeline = FeaturePipeline.Fit(Data, [0], TrainRows);
        var amount = Assert.IsType<NumericEncoder>(Assert.Single(pipeline.Inputs));
        // Train values 1..7: median 4, mean 4, population std 2.
        Assert.Equal(4f, amount.Median);
        Assert.Equal(4f, amount.Mean);
        Assert.Equal(2f, amount.Scale, 5);

        var encoded = pipeline.Transform(Data, [0, 3, 8]);
        Assert.Equal([-1.5f, 0f, 498f], encoded);
    }

    [Fact]
    public void Categories_get_one_hot_slots_rare_and_unseen_ones_share_other_and_missing_takes_the_mode()
    {
        var pipeline = FeaturePipeline.Fit(Data, [1], TrainRows);
        var city = Assert.IsType<CategoricalEncoder>(Assert.Single(pipeline.Inputs));
        // paris and rome have 3 train rows each (the minimum); oslo has 1; berlin is only in held-out rows.
        Assert.Equal(["paris", "rome"], city.Categories);
        Assert.Equal("paris", city.Mode);
        Assert.Equal(3, pipeline.Width);

        Assert.Equal([0f, 1f, 0f], pipeline.Transform(Data, [3]));
        Assert.Equal([0f, 0f, 1f], pipeline.Transform(Data, [7]));  // rare: other
        Assert.Equal([0f, 0f, 1f], pipeline.Transform(Data, [8]));  // unseen: other
        Assert.Equal([1f, 0f, 0f], pipeline.Transform(Data, [6]));  // missing: mode
    }

    [Fact]
    public void A_column_with_a_non_number_in_the_train_split_is_categorical_and_numbers_come_first()
    {
        var pipeline = FeaturePipeline.Fit(Data, [2, 0], TrainRows);
        Assert.IsType<CategoricalEncoder>(pipeline.Inputs[0]);
        Assert.IsType<NumericEncoder>(pipeline.Inputs[1]);
        var row = pipeline.Transform(Data, [0]);
        Assert.Equal(-1.5f, row[0]);
        Assert.Equal(pipeline.Width, row.Length);
    }

    [Fact]
    public void A_column_read_as_text_for_a_value_outside_the_train_rows_is_numeric_to_the_model()
    {
        // As a file, "amount" is text (row 8 says "unknown"); in the train rows it is all numbers.
        string?[][] rows = [["1"], ["2"], ["3"], [null], ["4"], ["5"], ["6"], ["7"], ["unknown"]];
        var withText = ColumnarTable.FromRows(["amount"], rows);
        var numbersOnly = ColumnarTable.FromRows(["amount"], [.. rows[..8], ["1000"]]);
        Assert.IsType<CategoryColumn>(withText[0]);
        Assert.IsType<NumberColumn>(numbersOnly[0]);

        var pipeline = FeaturePipeline.Fit(withText, [0], TrainRows);

        Assert.Equal(FeaturePipeline.Fit(numbersOnly, [0], TrainRows).Inputs, pipeline.Inputs);
        // The word is not a number: missing to the model, so the train median (4) standardised to 0.
        Assert.Equal([-1.5f, 0f, 0f], pipeline.Transform(withText, [0, 3, 8]));
    }
}
