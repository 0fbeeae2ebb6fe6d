using Platform.Contracts.Registry;
using Platform.Inference.Domain;

namespace Platform.Inference.Tests;

public sealed class UsageRecordTests
{
    [Fact]
    public void A_request_is_billed_as_a_window_of_one_instant_correlated_with_its_deployment()
    {
        var servedAt = new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
        var deployment = KeyFixtures.Credentials(Guid.NewGuid(), "churn", ApiKeys.Create());
        var version = Guid.NewGuid();

        var usage = UsageRecord.For(deployment, version, 3, servedAt);
        var billed = usage.ToEvent();

        Assert.Equal(7, usage.UsageId.Version);
        Assert.Equal(usage.UsageId, billed.UsageId);
        Assert.Equal(deployment.Key.TenantId, billed.TenantId);
        Assert.Equal(deployment.DeploymentId, billed.CorrelationId);
        Assert.Equal(("churn", version, 3L), (billed.DeploymentName, billed.ModelVersionId, billed.Predictions));
        Assert.Equal((servedAt, servedAt), (billed.WindowStart, billed.WindowEnd));
        Assert.NotEqual(usage.UsageId, UsageRecord.For(deployment, version, 3, servedAt).UsageId);
    }
}
