using Platform.Contracts;

namespace Platform.Gateway.Domain;

/// <summary>
/// The public API, path by path, and the service that answers it. Paths keep their services' own
/// spelling (a customer reads one reference, and a service's routes work the same behind the gateway
/// as on their own); where two services share a prefix, the more specific path wins, as ASP.NET
/// Core's routing orders any endpoints (<c>/api/deployments/{name}/predict</c> before
/// <c>/api/deployments/{**rest}</c>).
/// </summary>
public static class PublicRoutes
{
    public sealed record Route(string Id, string Service, string Path);

    public static readonly IReadOnlyList<Route> All =
    [
        // The identity provider: OAuth 2.0 tokens, discovery and keys, organizations (operator).
        new("connect", ResourceNames.Portal, "/connect/{**rest}"),
        new("well-known", ResourceNames.Portal, "/.well-known/{**rest}"),
        new("organizations", ResourceNames.Portal, "/api/organizations/{**rest}"),

        new("datasets", ResourceNames.Ingestion, "/api/datasets/{**rest}"),
        new("training-runs", ResourceNames.Training, "/api/training-runs/{**rest}"),
        new("compression-jobs", ResourceNames.Compression, "/api/compression-jobs/{**rest}"),

        new("solutions", ResourceNames.Registry, "/api/solutions/{**rest}"),
        new("base-models", ResourceNames.Registry, "/api/base-models/{**rest}"),
        new("deployments", ResourceNames.Registry, "/api/deployments/{**rest}"),
        new("models", ResourceNames.Registry, "/api/models/{**rest}"),
        new("model-versions", ResourceNames.Registry, "/api/model-versions/{**rest}"),
        new("dataset-versions", ResourceNames.Registry, "/api/dataset-versions/{**rest}"),

        new("predict", ResourceNames.Inference, "/api/deployments/{name}/predict"),
        new("feedback", ResourceNames.Inference, "/api/deployments/{name}/feedback"),
        new("drift", ResourceNames.Inference, "/api/deployments/{name}/drift"),
        new("quality", ResourceNames.Inference, "/api/deployments/{name}/quality"),
        new("served-usage", ResourceNames.Inference, "/api/deployments/{name}/usage"),
        new("serving", ResourceNames.Inference, "/api/serving/{**rest}"),
        // The Open Inference Protocol v2 keeps its own paths, so KServe clients work unchanged.
        new("open-inference", ResourceNames.Inference, "/v2/{**rest}"),

        new("usage", ResourceNames.Billing, "/api/usage/{**rest}"),
        new("invoices", ResourceNames.Billing, "/api/invoices/{**rest}"),
        new("plans", ResourceNames.Billing, "/api/plans/{**rest}"),
        new("plan", ResourceNames.Billing, "/api/plan/{**rest}"),
    ];

    /// <summary>The services whose OpenAPI documents the reference shows (each at <c>/openapi/{service}.json</c>).</summary>
    public static readonly IReadOnlyList<string> Documented =
        [ResourceNames.Ingestion, ResourceNames.Registry, ResourceNames.Inference, ResourceNames.Billing, ResourceNames.Training, ResourceNames.Compression, ResourceNames.Portal];
}
