using Platform.Contracts.Registry;
using Platform.Inference.Domain;
using Platform.Inference.Serving;
using static Platform.Inference.Tests.KeyFixtures;

namespace Platform.Inference.Tests;

public sealed class DeploymentDirectoryTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_deployments_own_key_is_accepted_with_its_scopes()
    {
        var key = ApiKeys.Create();
        var directory = new DeploymentDirectory();
        var deployment = Credentials(Guid.NewGuid(), "credit-risk", key);
        directory.Upsert(deployment);

        var check = directory.Check("credit-risk", key, Now);

        Assert.Equal(KeyCheckOutcome.Accepted, check.Outcome);
        Assert.Same(deployment, check.Deployment);
        Assert.Equal(deployment.Keys[0].Id, check.KeyId);
        Assert.Equal(["predict", "feedback"], check.Scopes);
    }

    [Fact]
    public void An_unknown_key_is_refused()
    {
        var directory = new DeploymentDirectory();
        directory.Upsert(Credentials(Guid.NewGuid(), "credit-risk", ApiKeys.Create()));

        var check = directory.Check("credit-risk", ApiKeys.Create(), Now);

        Assert.Equal(KeyCheckOutcome.UnknownKey, check.Outcome);
        Assert.Null(check.Deployment);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void A_missing_key_is_refused(string? key)
    {
        var directory = new DeploymentDirectory();
        directory.Upsert(Credentials(Guid.NewGuid(), "credit-risk", ApiKeys.Create()));
        Assert.Equal(KeyCheckOutcome.MissingKey, directory.Check("credit-risk", key, Now).Outcome);
    }

    [Fact]
    public void A_key_of_another_deployment_does_not_open_this_one()
    {
        var tenant = Guid.NewGuid();
        var otherKey = ApiKeys.Create();
        var directory = new DeploymentDirectory();
        directory.Upsert(Credentials(tenant, "credit-risk", ApiKeys.Create()));
        directory.Upsert(Credentials(tenant, "churn", otherKey));

        var check = directory.Check("credit-risk", otherKey, Now);

        Assert.Equal(KeyCheckOutcome.OtherDeployment, check.Outcome);
        Assert.Null(check.Deployment);
    }

    [Fact]
    public void Another_tenants_key_does_not_open_a_deployment_of_the_same_name()
    {
        var (keyA, keyB) = (ApiKeys.Create(), ApiKeys.Create());
        var (tenantA, tenantB) = (Guid.NewGuid(), Guid.NewGuid());
        var directory = new DeploymentDirectory();
        directory.Upsert(Credentials(tenantA, "churn", keyA));
        directory.Upsert(Credentials(tenantB, "churn", keyB));

        // Each key opens its own tenant's "churn", never the other's.
        Assert.Equal(tenantA, directory.Check("churn", keyA, Now).Deployment!.Key.TenantId);
        Assert.Equal(tenantB, directory.Check("churn", keyB, Now).Deployment!.Key.TenantId);
    }

    [Fact]
    public void A_rotated_key_works_until_its_grace_period_ends_then_says_it_expired()
    {
        var (old, replacement) = (ApiKeys.Create(), ApiKeys.Create());
        var directory = new DeploymentDirectory();
        var tenant = Guid.NewGuid();
        directory.ApplyKeys(new DeploymentKey(tenant, "churn"), Guid.NewGuid(), 2, [Key(old, expiresAt: Now.AddMinutes(5)), Key(replacement)]);

        Assert.Equal(KeyCheckOutcome.Accepted, directory.Check("churn", old, Now).Outcome);
        Assert.Equal(KeyCheckOutcome.Accepted, directory.Check("churn", replacement, Now).Outcome);
        var late = directory.Check("churn", old, Now.AddMinutes(5));
        Assert.Equal(KeyCheckOutcome.Expired, late.Outcome);
        Assert.Equal(Now.AddMinutes(5), late.At);
        Assert.Equal(KeyCheckOutcome.Accepted, directory.Check("churn", replacement, Now.AddMinutes(5)).Outcome);
    }

    [Fact]
    public void A_revoked_key_is_refused_as_revoked()
    {
        var key = ApiKeys.Create();
        var directory = new DeploymentDirectory();
        directory.ApplyKeys(new DeploymentKey(Guid.NewGuid(), "churn"), Guid.NewGuid(), 3, [Key(key, revokedAt: Now.AddSeconds(-1))]);

        var check = directory.Check("churn", key, Now);

        Assert.Equal(KeyCheckOutcome.Revoked, check.Outcome);
        Assert.Equal(Now.AddSeconds(-1), check.At);
    }

    [Fact]
    public void An_older_key_set_never_replaces_a_newer_one()
    {
        var tenant = Guid.NewGuid();
        var (old, current) = (ApiKeys.Create(), ApiKeys.Create());
        var directory = new DeploymentDirectory();
        var key = new DeploymentKey(tenant, "churn");
        directory.ApplyKeys(key, Guid.NewGuid(), 5, [Key(current)]);

        // The database row, read before the change, has a newer row revision but the older key set.
        directory.Merge([Credentials(tenant, "churn", old, revision: 9, model: Guid.NewGuid(), keysRevision: 4)]);

        Assert.Equal(KeyCheckOutcome.Accepted, directory.Check("churn", current, Now).Outcome);
        Assert.Equal(KeyCheckOutcome.UnknownKey, directory.Check("churn", old, Now).Outcome);
        Assert.NotNull(directory.Find(key)!.ModelVersionId); // the row's own fields still came from the newer row
    }

    [Fact]
    public void A_stale_read_of_the_database_does_not_undo_a_newer_update()
    {
        var tenant = Guid.NewGuid();
        var key = ApiKeys.Create();
        var promoted = Guid.NewGuid();
        var directory = new DeploymentDirectory();
        directory.Upsert(Credentials(tenant, "churn", key, revision: 2, model: promoted));

        directory.Merge([Credentials(tenant, "churn", key, revision: 1, model: null)]);

        Assert.Equal(promoted, directory.Find(new DeploymentKey(tenant, "churn"))!.ModelVersionId);
    }

    [Fact]
    public void Each_use_is_reported_once_with_the_last_time()
    {
        var key = ApiKeys.Create();
        var directory = new DeploymentDirectory();
        var deployment = Credentials(Guid.NewGuid(), "churn", key);
        directory.Upsert(deployment);

        directory.Check("churn", key, Now);
        directory.Check("churn", key, Now.AddSeconds(3));

        var used = Assert.Single(directory.TakeUsage());
        Assert.Equal((deployment.Keys[0].Id, Now.AddSeconds(3)), (used.KeyId, used.LastUsedAt));
        Assert.Empty(directory.TakeUsage());
    }
}
