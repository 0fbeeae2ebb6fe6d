using Platform.Contracts.Registry;
using Platform.Inference.Apis;
using Platform.Inference.Serving;
using static Platform.Inference.Tests.KeyFixtures;

namespace Platform.Inference.Tests;

public sealed class KeyRefusalTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);

    private static KeyRefusal RefusalFor(DeploymentDirectory directory, string? key) =>
        KeyRefusal.For(directory.Check("churn", key, Now), "churn");

    [Fact]
    public void Each_refusal_says_why_with_its_status()
    {
        var (other, expired, revoked) = (ApiKeys.Create(), ApiKeys.Create(), ApiKeys.Create());
        var directory = new DeploymentDirectory();
        var tenant = Guid.NewGuid();
        directory.ApplyKeys(new(tenant, "churn"), Guid.NewGuid(), 1, [Key(expired, expiresAt: Now.AddMinutes(-1)), Key(revoked, revokedAt: Now.AddMinutes(-2))]);
        directory.ApplyKeys(new(tenant, "credit"), Guid.NewGuid(), 1, [Key(other)]);

        var missing = RefusalFor(directory, null);
        Assert.Equal(401, missing.Status);
        Assert.Contains("X-Api-Key", missing.Detail);

        var unknown = RefusalFor(directory, ApiKeys.Create());
        Assert.Equal(401, unknown.Status);
        Assert.Contains("not a key of deployment 'churn'", unknown.Detail);

        var late = RefusalFor(directory, expired);
        Assert.Equal(401, late.Status);
        Assert.Contains($"{ApiKeys.Prefix(expired)}… expired at {Now.AddMinutes(-1):O}", late.Detail);

        var gone = RefusalFor(directory, revoked);
        Assert.Equal(401, gone.Status);
        Assert.Contains($"{ApiKeys.Prefix(revoked)}… was revoked at {Now.AddMinutes(-2):O}", gone.Detail);

        var elsewhere = RefusalFor(directory, other);
        Assert.Equal(403, elsewhere.Status);
        Assert.Contains("is not a key of deployment 'churn'", elsewhere.Detail);
    }
}
