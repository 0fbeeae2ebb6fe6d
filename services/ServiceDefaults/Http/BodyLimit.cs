using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Metadata;

namespace Platform.ServiceDefaults.Http;

/// <summary>
/// The most bytes an endpoint's request body may have. Routing hands it to Kestrel (it is an
/// <see cref="IRequestSizeLimitMetadata"/>), and <see cref="BodyLimitMiddleware"/> turns Kestrel's
/// refusal into problem details naming <see cref="Field"/> and the limit.
/// </summary>
public sealed record BodyLimit(ServiceLimit Limit, string Field) : IRequestSizeLimitMetadata
{
    public long? MaxRequestBodySize => Limit.Value;
}

public static class BodyLimitExtensions
{
    /// <summary>Refuses a body over <paramref name="limit"/> bytes with 413 problem details naming <paramref name="field"/> and the limit.</summary>
    public static RouteHandlerBuilder WithBodyLimit(this RouteHandlerBuilder endpoint, ServiceLimit limit, string field = "body") =>
        endpoint.WithMetadata(new BodyLimit(limit, field));
}
