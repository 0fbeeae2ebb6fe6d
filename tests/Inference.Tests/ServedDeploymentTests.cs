using Platform.Contracts;
using Platform.Contracts.Registry;
using Platform.Inference.Domain;

namespace Platform.Inference.Tests;

public sealed class ServedDeploymentTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private static readonly Guid Tenant = Guid.NewGuid();

    private static ArtifactReference Artifact(string sha) => new($"artifact://sha256/{sha}", sha, 1234);

    private static ModelPromoted Promotion(Guid version, string sha = "ab") =>
        new(Tenant, Guid.NewGuid(), "churn", version, Artifact(sha.PadRight(64, '0')));

    private static DeploymentCreated Creation() => new(Tenant, Guid.NewGuid(), Guid.NewGuid(), "churn", "retail-churn");

    private static DeploymentKeysChanged Keys(int revision, params ApiKeyState[] keys) =>
        new(Tenant, Guid.NewGuid(), Guid.NewGuid(), "churn", revision, keys);

    [Fact]
    public void A_deployment_keeps_its_keys_hashes_and_prefixes_never_the_keys()
    {
        var key = ApiKeys.Create();
        var deployment = ServedDeployment.New(Tenant, "churn", Now);
        Assert.True(deployment.Register(Creation(), Now));
        Assert.True(deployment.ApplyKeys(Keys(1, KeyFixtures.State(key)), Now));

        var kept = Assert.Single(deployment.ApiKeys);
        Assert.Equal((ApiKeys.Sha256(key), ApiKeys.Prefix(key)), (kept.Sha256, kept.Prefix));
        Assert.DoesNotContain(key, System.Text.Json.JsonSerializer.Serialize(deployment.ApiKeys));
        Assert.NotNull(DeploymentCredentials.From(deployment));
        Assert.Equal(2, deployment.Revision);
    }

    [Fact]
    public void An_older_key_set_is_not_applied()
    {
        var (old, current) = (ApiKeys.Create(), ApiKeys.Create());
        var deployment = ServedDeployment.New(Tenant, "churn", Now);
        deployment.ApplyKeys(Keys(2, KeyFixtures.State(current)), Now);

        Assert.False(deployment.ApplyKeys(Keys(1, KeyFixtures.State(old)), Now));
        Assert.Equal(ApiKeys.Sha256(current), Assert.Single(deployment.ApiKeys).Sha256);
    }

    [Fact]
    public void A_deployment_known_only_from_a_promotion_cannot_be_called_until_it_is_registered()
    {
        var deployment = ServedDeployment.New(Tenant, "churn", Now);
        deployment.Promote(Promotion(Guid.NewGuid()), Guid.CreateVersion7(), Now);
        Assert.Null(DeploymentCredentials.From(deployment));
    }

    [Fact]
    public void A_key_set_with_a_malformed_hash_is_refused()
    {
        var malformed = KeyFixtures.State(ApiKeys.Create()) with { Sha256 = "not-a-hash" };
        Assert.Throws<ArgumentException>(() => ServedDeployment.New(Tenant, "churn", Now).ApplyKeys(Keys(1, malformed), Now));
    }

    [Fact]
    public void Each_promotion_raises_the_revision_and_records_the_model()
    {
        var deployment = ServedDeployment.New(Tenant, "churn", Now);
        var (v1, v2) = (Guid.NewGuid(), Guid.NewGuid());

        Assert.Equal(PromotionOutcome.Applied, deployment.Promote(Promotion(v1, "aa"), Guid.CreateVersion7(Now), Now));
        Assert.Equal(PromotionOutcome.Applied, deployment.Promote(Promotion(v2, "bb"), Guid.CreateVersion7(Now.AddMinutes(1)), Now));

        Assert.Equal(v2, deployment.ModelVersionId);
        Assert.Equal("bb".PadRight(64, '0'), deployment.Model!.Sha256);
        Assert.Equal(2, deployment.Revision);
    }

    [Fact]
    public void The_same_promotion_again_changes_nothing()
    {
        var deployment = ServedDeployment.New(Tenant, "churn", Now);
        var promotion = Promotion(Guid.NewGuid());
        deployment.Promote(promotion, Guid.CreateVersion7(Now), Now);

        Assert.Equal(PromotionOutcome.AlreadyServing, deployment.Promote(promotion, Guid.CreateVersion7(Now.AddSeconds(1)), Now));
        Assert.Equal(1, deployment.Revision);
    }

    [Fact]
    public void A_promotion_published_before_the_one_applied_is_stale_and_ignored()
    {
        var deployment = ServedDeployment.New(Tenant, "churn", Now);
        var (older, newer) = (Guid.NewGuid(), Guid.NewGuid());
        deployment.Promote(Promotion(newer, "bb"), Guid.CreateVersion7(Now.AddMinutes(5)), Now);

        Assert.Equal(PromotionOutcome.Stale, deployment.Promote(Promotion(older, "aa"), Guid.CreateVersion7(Now), Now));
        Assert.Equal(newer, deployment.ModelVersionId);
    }

    [Fact]
    public void An_older_drift_policy_arriving_late_does_not_undo_a_newer_one()
    {
        var deployment = ServedDeployment.New(Guid.NewGuid(), "risk", DateTimeOffset.UtcNow);
        var t0 = new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
        Assert.True(deployment.ApplyDrift(new DriftSettings(0.3, 3, 400, 60), t0.AddMinutes(2), t0));
        Assert.False(deployment.ApplyDrift(new DriftSettings(0.1, 1, 100, 30), t0.AddMinutes(1), t0)); // redelivered, older
        Assert.False(deployment.ApplyDrift(new DriftSettings(0.3, 3, 400, 60), t0.AddMinutes(2), t0)); // the same again
        Assert.Equal(new DriftSettings(0.3, 3, 400, 60), deployment.Drift);
        Assert.True(deployment.ApplyDrift(new DriftSettings(0.25, 2, 500, 300), t0.AddMinutes(3), t0));
        Assert.Equal(500, deployment.Drift.WindowRows);
    }
}
