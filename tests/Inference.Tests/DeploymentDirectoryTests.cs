using Platform.Contracts.Registry;
using Platform.Inference.Domain;
using Platform.Inference.Serving;

namespace Platform.Inference.Tests;

public sealed class DeploymentDirectoryTests
{
    private static DeploymentCredentials Credentials(Guid tenant, string name, string apiKey, int revision = 1, Guid? model = null) =>
        new(new DeploymentKey(tenant, name), Guid.NewGuid(), ApiKeys.Prefix(apiKey), ApiKeyHash.FromHex(ApiKeys.Sha256(apiKey)), model, revision);

    [Fact]
    public void The_deployments_own_key_is_accepted()
    {
        var key = ApiKeys.Create();
        var directory = new DeploymentDirectory();
        var deployment = Credentials(Guid.NewGuid(), "credit-risk", key);
        directory.Upsert(deployment);

        var check = directory.Check("credit-risk", key);

        Assert.Equal(KeyCheckOutcome.Accepted, check.Outcome);
        Assert.Same(deployment, check.Deployment);
    }

    [Fact]
    public void Another_key_is_refused()
    {
        var directory = new DeploymentDirectory();
        directory.Upsert(Credentials(Guid.NewGuid(), "credit-risk", ApiKeys.Create()));

        var check = directory.Check("credit-risk", ApiKeys.Create());

        Assert.Equal(KeyCheckOutcome.WrongKey, check.Outcome);
        Assert.Null(check.Deployment);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void A_missing_key_is_refused(string? key)
    {
        var directory = new DeploymentDirectory();
        directory.Upsert(Credentials(Guid.NewGuid(), "credit-risk", ApiKeys.Create()));
        Assert.Equal(KeyCheckOutcome.MissingKey, directory.Check("credit-risk", key).Outcome);
    }

    [Fact]
    public void A_key_of_another_deployment_does_not_open_this_one()
    {
        var tenant = Guid.NewGuid();
        var otherKey = ApiKeys.Create();
        var directory = new DeploymentDirectory();
        directory.Upsert(Credentials(tenant, "credit-risk", ApiKeys.Create()));
        directory.Upsert(Credentials(tenant, "churn", otherKey));

        Assert.Equal(KeyCheckOutcome.WrongKey, directory.Check("credit-risk", otherKey).Outcome);
    }

    [Fact]
    public void An_unknown_deployment_is_reported_as_such()
    {
        var directory = new DeploymentDirectory();
        Assert.Equal(KeyCheckOutcome.UnknownDeployment, directory.Check("nope", ApiKeys.Create()).Outcome);
    }

    [Fact]
    public void Two_tenants_may_use_one_name_and_the_key_tells_their_deployments_apart()
    {
        var (keyA, keyB) = (ApiKeys.Create(), ApiKeys.Create());
        var (tenantA, tenantB) = (Guid.NewGuid(), Guid.NewGuid());
        var directory = new DeploymentDirectory();
        directory.Upsert(Credentials(tenantA, "churn", keyA));
        directory.Upsert(Credentials(tenantB, "churn", keyB));

        Assert.Equal(tenantA, directory.Check("churn", keyA).Deployment!.Key.TenantId);
        Assert.Equal(tenantB, directory.Check("churn", keyB).Deployment!.Key.TenantId);
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
}
