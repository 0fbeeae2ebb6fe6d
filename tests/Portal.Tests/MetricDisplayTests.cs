using Platform.Portal.Services;

namespace Platform.Portal.Tests;

/// <summary>Which metric a figure is: the registry's historically named fields carry R² for regression (ADR 31), so the captions follow the task.</summary>
public sealed class MetricDisplayTests
{
    [Theory]
    [InlineData("regression", "R²")]
    [InlineData("binary-classification", "ROC-AUC")]
    [InlineData("multiclass-classification", "ROC-AUC")]
    [InlineData(null, "ROC-AUC")]
    public void A_tasks_quality_is_named_by_its_metric(string? task, string name) => Assert.Equal(name, MetricDisplay.QualityName(task));

    [Theory]
    [InlineData("r2", "R²")]
    [InlineData("rmse", "RMSE")]
    [InlineData("mae", "MAE")]
    [InlineData("rocAuc", "ROC-AUC")]
    [InlineData("logLoss", "log loss")]
    [InlineData("accuracy", "accuracy")]
    public void A_metric_key_is_named_as_a_person_reads_it(string metric, string name) => Assert.Equal(name, MetricDisplay.Name(metric));

    [Fact]
    public void Beside_the_quality_a_number_shows_its_errors_and_classes_their_accuracy()
    {
        Assert.Equal(["rmse", "mae"], MetricDisplay.SecondaryMetrics("regression"));
        Assert.Equal(["accuracy", "f1"], MetricDisplay.SecondaryMetrics("binary-classification"));
        Assert.Equal(["accuracy", "f1"], MetricDisplay.SecondaryMetrics("multiclass-classification"));
    }

    [Fact]
    public void Errors_are_shown_in_the_targets_units_and_scores_to_four_places()
    {
        Assert.Equal("23,457", MetricDisplay.Value("rmse", 23_456.789));
        Assert.Equal("3.14", MetricDisplay.Value("mae", 3.14159));
        Assert.Equal("0.7123", MetricDisplay.Value("r2", 0.71234));
        Assert.Equal("1E-05", MetricDisplay.Value("delta", 1e-5));
    }
}
