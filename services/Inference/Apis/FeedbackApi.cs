using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Contracts.Inference;
using Platform.Contracts.Access;
using Platform.Inference.Extensions;
using Platform.Inference.Infrastructure;
using Platform.Inference.Serving;
using Platform.ServiceDefaults.Access;
using Platform.ServiceDefaults.Http;

namespace Platform.Inference.Apis;

public static class FeedbackApi
{
    public static IEndpointRouteBuilder MapFeedbackApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/deployments/{name}/feedback", PostFeedback)
            .WithName("PostFeedback")
            .WithSummary("Ground truth for served predictions: [{\"predictionId\": …, \"label\": …}]; needs the deployment's key in X-Api-Key; all or nothing")
            .WithTags("Predictions")
            .RequireScope(PlatformScopes.Feedback);
        return app;
    }

    public static async Task<Results<Ok<FeedbackResponse>, ProblemHttpResult>> PostFeedback(
        string name, JsonElement body, DeploymentCaller caller,
        ModelHost host, InferenceDbContext db, TimeProvider clock, IOptions<InferenceOptions> options, CancellationToken ct)
    {
        var deployment = caller.Deployment;
        using var lease = host.Acquire(deployment.Key);
        if (lease is null)
            return TypedResults.Problem($"Deployment '{name}' serves no model: there is nothing to give feedback on.", statusCode: StatusCodes.Status409Conflict, title: "No model");
        var signature = lease.Model.Model.Signature;

        if (Read(body, signature.Classes, options.Value) is { } invalid) return invalid.Problem;
        var items = body.EnumerateArray().Select(e => (Id: e.GetProperty("predictionId").GetGuid(), Label: LabelText(e.GetProperty("label"))!)).ToArray();

        var ids = items.Select(i => i.Id).Distinct().ToArray();
        var served = await db.ServedPredictions
            .Where(p => p.TenantId == deployment.Key.TenantId && p.DeploymentName == name && ids.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, ct);
        for (var i = 0; i < items.Length; i++)
        {
            if (!served.ContainsKey(items[i].Id))
                return Problems.Invalid($"[{i}].predictionId",
                    $"deployment '{name}' served no prediction {items[i].Id} (or it is older than the {options.Value.MaxServedPredictionsPerDeployment} kept)", i);
        }

        var now = clock.GetUtcNow();
        var changed = items.Count(item => served[item.Id].Confirm(item.Label, now));
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);

        var positiveClass = signature.BinaryPositiveClass;
        var quality = await db.MeasureAsync(deployment.Key, lease.Model.ModelVersionId, positiveClass, options.Value.QualityWindowRows, ct);
        if (changed > 0 && quality.Accuracy is { } accuracy)
        {
            db.PublishOnCommit(new LiveQualityMeasured(
                deployment.Key.TenantId, deployment.DeploymentId, name, quality.ModelVersionId,
                quality.LabelledRows, quality.WindowRows, quality.RocAuc, accuracy, now));
            await db.SaveChangesAsync(ct);
        }
        await tx.CommitAsync(ct);
        db.SignalOutbox();

        InferenceTelemetry.FeedbackLabels.Add(changed, new KeyValuePair<string, object?>(InferenceTelemetry.DeploymentTag, name));
        return TypedResults.Ok(new FeedbackResponse(items.Length, changed, quality.LabelledRows, quality.RocAuc, quality.Accuracy));
    }

    private static InvalidFeedback? Read(JsonElement body, IReadOnlyList<string> classes, InferenceOptions options)
    {
        if (body.ValueKind != JsonValueKind.Array)
            return new InvalidFeedback(Problems.Invalid("body", "must be an array of {\"predictionId\": …, \"label\": …}"));
        var count = body.GetArrayLength();
        if (count == 0) return new InvalidFeedback(Problems.Invalid("body", "must contain at least one item"));
        if (count > options.MaxFeedbackItems)
            return new InvalidFeedback(Problems.Limit("body", $"may contain at most {options.MaxFeedbackItems:N0} items, had {count:N0}", options.FeedbackItems()));
        var i = 0;
        var seen = new HashSet<Guid>();
        foreach (var item in body.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
                return new InvalidFeedback(Problems.Invalid($"[{i}]", "must be an object with predictionId and label", i));
            if (!item.TryGetProperty("predictionId", out var id) || id.ValueKind != JsonValueKind.String || !id.TryGetGuid(out _))
                return new InvalidFeedback(Problems.Invalid($"[{i}].predictionId", "must be the prediction id that predict returned", i));
            if (!seen.Add(id.GetGuid()))
                return new InvalidFeedback(Problems.Invalid($"[{i}].predictionId", "appears twice in this request; send one label per prediction", i));
            if (!item.TryGetProperty("label", out var label) || LabelText(label) is not { } text)
                return new InvalidFeedback(Problems.Invalid($"[{i}].label", $"must be the true class, one of {string.Join(", ", classes)}", i));
            if (!classes.Contains(text, StringComparer.Ordinal))
                return new InvalidFeedback(Problems.Invalid($"[{i}].label", $"'{text}' is not a class of this model; the classes are {string.Join(", ", classes)}", i));
            i++;
        }
        return null;
    }

    // Labels compare as the model's class text: "1" and 1 are the same class.
    private static string? LabelText(JsonElement label) => label.ValueKind switch
    {
        JsonValueKind.String => label.GetString()!,
        JsonValueKind.Number => label.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };

    private sealed record InvalidFeedback(ProblemHttpResult Problem);
}

/// <summary><see cref="Labelled"/>: items whose label was new (a repeat changes nothing); the quality is of the serving model.</summary>
public sealed record FeedbackResponse(int Received, int Labelled, long LabelledRows, double? RocAuc, double? Accuracy);
