using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
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

        if (Read(body, signature, options.Value) is { } invalid) return invalid.Problem;
        var items = body.EnumerateArray().Select(e => (Id: e.GetProperty("predictionId").GetGuid(), Label: Label(e.GetProperty("label"), signature)!)).ToArray();

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
        var quality = await db.MeasureAsync(deployment.Key, lease.Model.ModelVersionId, positiveClass, options.Value.QualityWindowRows, ct, signature.IsRegression);
        // A regression model has no accuracy, but the retraining loop hears of labels only from this
        // message (it exports them once enough have come): it carries R² in RocAuc, the slot the loop
        // compares with the champion's test metric, and no accuracy (ADR 31).
        if (changed > 0 && (quality.Accuracy is not null || signature.IsRegression && quality.WindowRows > 0))
        {
            db.PublishOnCommit(new LiveQualityMeasured(
                deployment.Key.TenantId, deployment.DeploymentId, name, quality.ModelVersionId,
                quality.LabelledRows, quality.WindowRows, quality.QualityMetric, quality.Accuracy, now));
            await db.SaveChangesAsync(ct);
        }
        await tx.CommitAsync(ct);
        db.SignalOutbox();

        InferenceTelemetry.FeedbackLabels.Add(changed, new KeyValuePair<string, object?>(InferenceTelemetry.DeploymentTag, name));
        return TypedResults.Ok(new FeedbackResponse(items.Length, changed, quality.LabelledRows, quality.RocAuc, quality.Accuracy, quality.R2, quality.Rmse));
    }

    private static InvalidFeedback? Read(JsonElement body, ModelSignature signature, InferenceOptions options)
    {
        var classes = signature.Classes;
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
            if (signature.IsRegression)
            {
                if (ValueRefusal(item, signature.Target ?? "the target") is { } reason)
                    return new InvalidFeedback(Problems.Invalid($"[{i}].label", reason, i));
            }
            else if (!item.TryGetProperty("label", out var label) || LabelText(label) is not { } text)
                return new InvalidFeedback(Problems.Invalid($"[{i}].label", $"must be the true class, one of {string.Join(", ", classes)}", i));
            else if (!classes.Contains(text, StringComparer.Ordinal))
                return new InvalidFeedback(Problems.Invalid($"[{i}].label", $"'{text}' is not a class of this model; the classes are {string.Join(", ", classes)}", i));
            i++;
        }
        return null;
    }

    /// <summary>Why a regression model's item has no usable label: it must be the true value, a finite number.</summary>
    private static string? ValueRefusal(JsonElement item, string target)
    {
        if (!item.TryGetProperty("label", out var label) || label.ValueKind is not (JsonValueKind.Number or JsonValueKind.String))
            return $"must be the true value of '{target}', a number or a numeric string";
        if (TrueValue(label) is not null) return null;
        return label.ValueKind == JsonValueKind.String && !double.TryParse(label.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out _)
            ? $"'{label.GetString()}' is not a number; this model predicts '{target}', a number"
            : $"{label.GetRawText()} is not a finite number";
    }

    /// <summary>
    /// A regression label as the number's invariant text, so that "12.50", 12.5 and "1.25e1" are
    /// kept (and compared, and exported for retraining) as one value: 12.5.
    /// </summary>
    internal static string? TrueValue(JsonElement label)
    {
        var parsed = label.ValueKind switch
        {
            JsonValueKind.Number => label.TryGetDouble(out var number) ? number : (double?)null,
            JsonValueKind.String => double.TryParse(label.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var text) ? text : null,
            _ => null,
        };
        return parsed is { } value && double.IsFinite(value) ? value.ToString("R", CultureInfo.InvariantCulture) : null;
    }

    private static string? Label(JsonElement label, ModelSignature signature) => signature.IsRegression ? TrueValue(label) : LabelText(label);

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

/// <summary>
/// <see cref="Labelled"/>: items whose label was new (a repeat changes nothing); the quality is of the
/// serving model: a classifier's ROC-AUC and accuracy, a regression model's <see cref="R2"/> and
/// <see cref="Rmse"/> (in the target's units; ADR 31), which a classifier's answer leaves out.
/// </summary>
public sealed record FeedbackResponse(
    int Received, int Labelled, long LabelledRows, double? RocAuc, double? Accuracy,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? R2 = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Rmse = null);
