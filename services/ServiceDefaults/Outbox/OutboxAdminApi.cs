using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Access;
using Platform.ServiceDefaults.Access;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Persistence;
using Platform.ServiceDefaults.Telemetry;

namespace Platform.ServiceDefaults.Outbox;

/// <summary>
/// The platform operator's view of a service's quarantined outbox rows, at the service's own address
/// (the gateway does not route it: every service has one). Rows hold events of every organization,
/// so only the operator's scope reaches them.
/// </summary>
internal static class OutboxAdminApi
{
    public const string Quarantined = "/api/admin/outbox/quarantined";

    /// <summary>A bad build can quarantine thousands of rows; the list shows the oldest, the gauge counts them all.</summary>
    public const int MaxListed = 500;

    public static void MapOutboxAdminApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Quarantined).WithTags("Operations").RequireScope(PlatformScopes.Operate);
        api.MapGet("", ListQuarantined)
            .WithName("ListQuarantinedOutboxMessages")
            .WithSummary("The outbox rows this service cannot publish as they stand, oldest first (at most 500), with the reason");
        api.MapPost("/{id:guid}/release", Release)
            .WithName("ReleaseQuarantinedOutboxMessage")
            .WithSummary("Puts a quarantined row back in the queue; it is quarantined again if its cause is not fixed");
    }

    public static async Task<Ok<QuarantinedOutboxMessage[]>> ListQuarantined(ServiceDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await db.OutboxMessages.AsNoTracking().Quarantined()
            .OrderBy(m => m.Sequence)
            .Take(MaxListed)
            .Select(m => new QuarantinedOutboxMessage(
                m.Id, m.Sequence, m.MessageType, m.CorrelationId, m.CreatedAt, m.QuarantinedAt!.Value, m.Attempts, m.LastError, m.Payload))
            .ToArrayAsync(ct));

    public static async Task<Results<NoContent, ProblemHttpResult>> Release(Guid id, ServiceDbContext db, CancellationToken ct)
    {
        if (await db.OutboxMessages.ReleaseAsync(id, ct) == 0)
            return Problems.NotFound($"No quarantined outbox message {id}.");
        OutboxTelemetry.ReportQuarantined(await db.OutboxMessages.CountQuarantinedAsync(ct));
        db.SignalOutbox();
        return TypedResults.NoContent();
    }
}
