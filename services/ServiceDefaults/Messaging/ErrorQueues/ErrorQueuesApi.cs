using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Platform.Contracts.Access;
using Platform.ServiceDefaults.Access;
using Platform.ServiceDefaults.Http;

namespace Platform.ServiceDefaults.Messaging.ErrorQueues;

/// <summary>
/// The operator's view of this service's error queues, in every service that consumes messages:
/// list them with their depth and why their messages failed, and move messages back after a fix.
/// The same path on every service, so the operator calls each on its own address (the gateway
/// routes a path to one service).
/// </summary>
internal static class ErrorQueuesApi
{
    public static void MapErrorQueuesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/admin/error-queues").WithTags("Operations").RequireScope(PlatformScopes.Operate);
        group.MapGet("", ListErrorQueues)
            .WithName("ListErrorQueues")
            .WithSummary("This service's queues with the messages in their error queues, and the reasons of the first ones (?peek=)");
        group.MapGet("/{queue}", GetErrorQueue)
            .WithName("GetErrorQueue")
            .WithSummary("One queue's error queue: depth, reasons, the first messages (?peek=)");
        group.MapPost("/{queue}/redrive", RedriveErrorQueue)
            .WithName("RedriveErrorQueue")
            .WithSummary("Moves the error queue's messages (all, or ?count=) back to their queue, each confirmed by the broker before it leaves the error queue");
    }

    public sealed record Services(ServiceQueues Queues, ErrorQueueBroker Broker, IOptions<MessagingOptions> Options);

    public static async Task<Results<Ok<ErrorQueuesResponse>, ProblemHttpResult>> ListErrorQueues(
        [AsParameters] Services services, int? peek, CancellationToken ct)
    {
        if (PeekProblem(peek) is { } invalid) return invalid;
        try
        {
            var reports = new List<ErrorQueueReport>();
            foreach (var queue in services.Queues.Durable)
                reports.Add(await services.Broker.InspectAsync(queue, peek ?? services.Options.Value.ErrorQueues.Peek, ct));
            return TypedResults.Ok(new ErrorQueuesResponse(services.Queues.Service, reports));
        }
        catch (ErrorQueueException ex)
        {
            return Failed(ex);
        }
    }

    public static async Task<Results<Ok<ErrorQueueReport>, ProblemHttpResult>> GetErrorQueue(
        [AsParameters] Services services, string queue, int? peek, CancellationToken ct)
    {
        if (PeekProblem(peek) is { } invalid) return invalid;
        if (services.Queues.Find(queue) is not { } known) return UnknownQueue(services.Queues, queue);
        try
        {
            return TypedResults.Ok(await services.Broker.InspectAsync(known, peek ?? services.Options.Value.ErrorQueues.Peek, ct));
        }
        catch (ErrorQueueException ex)
        {
            return Failed(ex);
        }
    }

    public static async Task<Results<Ok<RedriveResponse>, ProblemHttpResult>> RedriveErrorQueue(
        [AsParameters] Services services, string queue, int? count, CancellationToken ct)
    {
        if (count is <= 0) return Problems.Invalid("count", $"must be 1 or more (leave it out to move every message), was {count}");
        if (services.Queues.Find(queue) is not { } known) return UnknownQueue(services.Queues, queue);
        try
        {
            return TypedResults.Ok(await services.Broker.RedriveAsync(known, count, ct));
        }
        catch (ErrorQueueException ex)
        {
            return Failed(ex);
        }
    }

    private static ProblemHttpResult? PeekProblem(int? peek) =>
        peek is < 0 or > ErrorQueueSettings.MaxPeek ? Problems.Invalid("peek", $"must be between 0 and {ErrorQueueSettings.MaxPeek}, was {peek}") : null;

    private static ProblemHttpResult UnknownQueue(ServiceQueues queues, string queue) =>
        TypedResults.Problem(
            detail: $"This service consumes from no queue named {queue}; its queues are {string.Join(", ", queues.Durable.Select(q => q.Name))}.",
            statusCode: StatusCodes.Status404NotFound, title: "Unknown queue",
            extensions: new Dictionary<string, object?> { ["queue"] = queue });

    private static ProblemHttpResult Failed(ErrorQueueException ex) =>
        TypedResults.Problem(
            detail: ex.Message,
            statusCode: ex.BrokerUnavailable ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status409Conflict,
            title: ex.BrokerUnavailable ? "Broker unavailable" : "Re-drive refused",
            extensions: new Dictionary<string, object?> { ["queue"] = ex.Queue });
}
