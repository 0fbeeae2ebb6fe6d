using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.ServiceDefaults.Http;

/// <summary>
/// The problem details (RFC 9457, https://www.rfc-editor.org/rfc/rfc9457) every API returns: a title,
/// a detail a person can act on, and extensions naming the field (and row) at fault, and the limit
/// when one was exceeded.
/// </summary>
public static class Problems
{
    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");

    public static ProblemHttpResult Invalid(string field, string reason, long? row = null) =>
        TypedResults.Problem(
            detail: row is null ? $"{field}: {reason}" : $"row {row}, {field}: {reason}",
            statusCode: StatusCodes.Status400BadRequest,
            title: "Invalid request",
            extensions: new Dictionary<string, object?> { ["field"] = field, ["row"] = row, ["reason"] = reason });

    /// <summary>
    /// A limit that protects the service was exceeded: 400, or 413 when it is a body's size. Besides
    /// the field, row and reason, the <c>limit</c> extension names the limit and its value.
    /// </summary>
    public static ProblemHttpResult Limit(string field, string reason, ServiceLimit limit, long? row = null, int statusCode = StatusCodes.Status400BadRequest) =>
        TypedResults.Problem(
            detail: (row is null ? $"{field}: {reason}" : $"row {row}, {field}: {reason}") + $" (limit {limit.Name}: {limit.Value:N0})",
            statusCode: statusCode,
            title: statusCode == StatusCodes.Status413PayloadTooLarge ? "Content too large" : "Limit exceeded",
            extensions: new Dictionary<string, object?> { ["field"] = field, ["row"] = row, ["reason"] = reason, ["limit"] = limit });

    public static ProblemHttpResult UnknownTenant(Guid tenantId) =>
        TypedResults.Problem(
            detail: $"Tenant {tenantId} is not registered with this service.",
            statusCode: StatusCodes.Status403Forbidden,
            title: "Unknown tenant");
}
