using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.Billing.Apis;

/// <summary>A tenant's bill is shown to that tenant only: the caller's tenant header must name the route's tenant.</summary>
internal static class TenantAccess
{
    public static bool Allows(Guid? callerTenantId, Guid routeTenantId) => callerTenantId == routeTenantId;

    public static ProblemHttpResult Forbidden(Guid routeTenantId) =>
        TypedResults.Problem(
            detail: $"Only tenant {routeTenantId} may read its billing; send its id in the X-Tenant-Id header.",
            statusCode: StatusCodes.Status403Forbidden,
            title: "Forbidden");
}
