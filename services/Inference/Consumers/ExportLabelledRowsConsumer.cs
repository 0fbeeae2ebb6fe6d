using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Datasets;
using Platform.Contracts.Inference;
using Platform.Inference.Infrastructure;
using Platform.ServiceDefaults.Artifacts;
using Platform.ServiceDefaults.Inbox;

namespace Platform.Inference.Consumers;

/// <summary>
/// Hands a retraining the ground truth gathered in serving: the model version's labelled
/// predictions, each one's model inputs as they were sent with its true label under the target
/// column, stored as JSON Lines and sent to Ingestion to be appended to the base dataset version.
/// </summary>
public sealed partial class ExportLabelledRowsConsumer(
    InferenceDbContext db, ContentAddressedStore store, ILogger<ExportLabelledRowsConsumer> logger)
    : InboxConsumer<ExportLabelledRows, InferenceDbContext>(db)
{
    protected override async Task HandleAsync(ExportLabelledRows message, ConsumeContext<ExportLabelledRows> context)
    {
        var ct = context.CancellationToken;
        var rows = await Db.ServedPredictions.AsNoTracking()
            .Where(p => p.TenantId == message.TenantId && p.DeploymentName == message.DeploymentName
                        && p.ModelVersionId == message.ModelVersionId && p.Label != null)
            .OrderByDescending(p => p.LabelledAt)
            .Take(message.MaxRows)
            .Select(p => new { p.Instance, p.Label, p.ServedAt })
            .ToListAsync(ct);

        var lines = new StringBuilder();
        foreach (var row in rows.OrderBy(r => r.ServedAt))
        {
            var instance = JsonNode.Parse(row.Instance) as JsonObject ?? [];
            instance[message.TargetColumn] = row.Label;
            lines.Append(instance.ToJsonString(JsonSerializerOptions.Default)).Append('\n');
        }
        var artifact = await store.StoreAsync(message.TenantId, Encoding.UTF8.GetBytes(lines.ToString()), ct);
        Db.PublishOnCommit(new AppendDatasetRows(
            message.TenantId, message.CorrelationId, message.DatasetName, message.BaseDatasetVersionId, artifact, rows.Count));
        LogExported(message.DeploymentName, rows.Count, message.DatasetName);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deployment {Deployment}: {Rows} labelled predictions sent to be appended to dataset {Dataset}")]
    private partial void LogExported(string deployment, int rows, string dataset);
}
