using Platform.Billing.Domain;
using Platform.Contracts.Inference;

namespace Platform.UnitTests;

public sealed class UsageRecordTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    private static PredictionsServed Usage(long predictions = 10, string deployment = "credit-risk", int windowMinutes = 1) =>
        new(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), deployment, Guid.NewGuid(), predictions, Now.AddMinutes(-windowMinutes), Now);

    [Fact]
    public void Valid_usage_becomes_a_ledger_record_keyed_by_its_usage_id()
    {
        var usage = Usage(predictions: 1000);
        var record = UsageRecord.From(usage, Now);
        Assert.Equal(usage.UsageId, record.UsageId);
        Assert.Equal(1000, record.Predictions);
        Assert.Equal(usage.TenantId, record.TenantId);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void Usage_without_predictions_is_refused(long predictions)
    {
        var ex = Assert.Throws<InvalidUsageException>(() => UsageRecord.From(Usage(predictions), Now));
        Assert.Contains("predictions must be positive", ex.Message);
    }

    [Fact]
    public void Usage_whose_window_ends_before_it_starts_is_refused() =>
        Assert.Throws<InvalidUsageException>(() => UsageRecord.From(Usage(windowMinutes: -1), Now));

    [Fact]
    public void Usage_without_a_deployment_is_refused() =>
        Assert.Throws<InvalidUsageException>(() => UsageRecord.From(Usage(deployment: " "), Now));
}
