using Platform.Contracts.Access;
using Platform.Contracts.Registry;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Platform.Inference.Domain;
using Platform.Inference.Extensions;
using Platform.Inference.Serving;

namespace Platform.Inference.Tests;

/// <summary>Deployments with real keys (made as the registry makes them), for the directory and the endpoints.</summary>
internal static class KeyFixtures
{
    public static CredentialKey Key(string apiKey, string[]? scopes = null, DateTimeOffset? expiresAt = null, DateTimeOffset? revokedAt = null) =>
        new(Guid.NewGuid(), ApiKeys.Prefix(apiKey), ApiKeyHash.FromHex(ApiKeys.Sha256(apiKey)), scopes ?? [.. PlatformScopes.ApiKey], expiresAt, revokedAt);

    public static DeploymentCredentials Credentials(
        Guid tenant, string name, string apiKey, int revision = 1, Guid? model = null, int keysRevision = 1) =>
        new(new DeploymentKey(tenant, name), Guid.NewGuid(), [Key(apiKey)], keysRevision, model, revision);

    public static ApiKeyState State(string apiKey, DateTimeOffset? expiresAt = null, DateTimeOffset? revokedAt = null) =>
        new(Guid.NewGuid(), ApiKeys.Prefix(apiKey), ApiKeys.Sha256(apiKey), [.. PlatformScopes.ApiKey], expiresAt, revokedAt);

    /// <summary>The model choice of requests that pin no version: only the host's promoted models (no loader, no database).</summary>
    public static PinnedModels PromotedOnly(ModelHost host) =>
        new(host, loader: null!, scopes: null!, Options.Create(new InferenceOptions()), NullLogger<PinnedModels>.Instance);
}
