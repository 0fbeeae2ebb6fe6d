using Platform.Contracts.Access;
using Platform.Contracts.Registry;
using Platform.Registry.Domain;

namespace Platform.Registry.Tests;

public sealed class ApiKeyTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);

    private static Deployment NewDeployment() => new()
    {
        TenantId = Guid.NewGuid(), Name = "risk", Solution = "finance-credit-risk", DatasetName = "loans",
        Spec = new SpecColumns { TargetColumn = "Status", PositiveClass = "bad", Task = SolutionCatalog.BinaryClassification, Seed = 42 },
    };

    [Fact]
    public void A_key_is_kept_as_its_hash_and_prefix_and_shown_once()
    {
        var (key, secret) = DeploymentApiKey.Issue(NewDeployment(), PlatformScopes.ApiKey, expiresAt: null, Now);

        Assert.StartsWith("pk_", secret);
        Assert.Equal(ApiKeys.Sha256(secret), key.Sha256);
        Assert.Equal(ApiKeys.Prefix(secret), key.Prefix);
        Assert.Equal(["predict", "feedback"], key.Scopes);
        Assert.Equal("active", key.State(Now));
    }

    [Fact]
    public void A_rotated_key_expires_after_its_grace_period_and_a_revoked_one_at_once()
    {
        var deployment = NewDeployment();
        var (old, _) = DeploymentApiKey.Issue(deployment, [PlatformScopes.Predict], null, Now);
        var (replacement, _) = DeploymentApiKey.Issue(deployment, old.Scopes, null, Now);

        old.RotateTo(replacement, TimeSpan.FromHours(1), Now);
        Assert.Equal("expiring", old.State(Now));
        Assert.True(old.IsActive(Now.AddMinutes(59)));
        Assert.False(old.IsActive(Now.AddHours(1)));
        Assert.Equal("expired", old.State(Now.AddHours(1)));
        Assert.Equal(replacement.Id, old.ReplacedById);

        replacement.Revoke(Now.AddMinutes(5));
        Assert.Equal("revoked", replacement.State(Now.AddMinutes(5)));
        Assert.False(replacement.IsActive(Now.AddMinutes(5)));
    }

    [Fact]
    public void Each_change_hands_inference_the_whole_key_set_under_a_new_revision_without_keys_long_ended()
    {
        var deployment = NewDeployment();
        var (current, _) = DeploymentApiKey.Issue(deployment, PlatformScopes.ApiKey, null, Now);
        var (ancient, _) = DeploymentApiKey.Issue(deployment, PlatformScopes.ApiKey, null, Now.AddDays(-30));
        ancient.Revoke(Now.AddDays(-20));

        var first = deployment.KeysChanged([current, ancient], Now);
        var second = deployment.KeysChanged([current, ancient], Now);

        Assert.Equal(current.Id, Assert.Single(first.Keys).KeyId);
        Assert.Equal(first.Revision + 1, second.Revision);
        Assert.Equal(deployment.Id, first.DeploymentId);
    }
}
