using Platform.Contracts.Datasets;
using Platform.Contracts.Solutions;
using Platform.Tabular;
using Platform.Tabular.Privacy;

namespace Platform.Ingestion.Tests;

/// <summary>
/// Which columns are free text, and which of those a text model learns from (ADR 32); personal
/// data masked inside free text rather than the column dropped.
/// </summary>
public class FreeTextTests
{
    [Fact]
    public void Reviews_are_prose_a_product_code_on_every_row_is_free_text_but_not_prose_and_a_category_is_neither()
    {
        var data = ColumnarTable.Read(() => File.OpenRead(SampleDatasetFiles.PathOf("retail-reviews-train.csv")));
        var (product, review, score) = (data[data.ColumnIndex("product")], data[data.ColumnIndex("review")], data[data.ColumnIndex("score")]);

        // The profile's rule, here as training applies it to the typed columns.
        Assert.True(FreeText.Is(product));
        Assert.True(FreeText.Is(review));
        Assert.False(FreeText.Is(score));
        Assert.Equal(10, FreeText.AverageLength(product));
        Assert.True(FreeText.AverageLength(review) > 300, $"{FreeText.AverageLength(review)}");
        Assert.False(FreeText.IsProse(product));
        Assert.True(FreeText.IsProse(review));
        Assert.False(FreeText.IsProse(score));
    }

    [Theory]
    [InlineData("Great taste; questions? call me at +1 415 555 0134 any time", "Great taste; questions? call me at [phone] any time")]
    [InlineData("Write to jane.doe@example.org or +44 20 7946 0958.", "Write to [email] or [phone].")]
    [InlineData("No personal data, 12 bags for 5 dollars.", "No personal data, 12 bags for 5 dollars.")]
    public void Mask_replaces_each_span_of_personal_data_inside_the_text_by_its_kind(string value, string masked)
    {
        Assert.Equal(masked, ValueTreatment.Apply(TreatmentActions.Mask, value, []));
        Assert.Null(ValueTreatment.Apply(TreatmentActions.Mask, null, []));
    }
}
