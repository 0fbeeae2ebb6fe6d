using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using NpgsqlTypes;
using Platform.Inference.Domain;

namespace Platform.Inference.Infrastructure;

/// <summary>
/// Kept instances written by PostgreSQL's binary COPY: a group's rows in one stream instead of one
/// INSERT each. Table and column names come from the EF model, so a renamed column cannot drift.
/// Label and LabelledAt are left out: a served prediction has no feedback yet.
/// </summary>
internal static class ServedPredictionCopy
{
    public static async Task WriteAsync(InferenceDbContext db, IEnumerable<ServedPrediction> rows, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var copy = await connection.BeginBinaryImportAsync(Statement(db.Model), ct);
        foreach (var row in rows)
        {
            await copy.StartRowAsync(ct);
            await copy.WriteAsync(row.Id, NpgsqlDbType.Uuid, ct);
            await copy.WriteAsync(row.TenantId, NpgsqlDbType.Uuid, ct);
            await copy.WriteAsync(row.DeploymentName, NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(row.ModelVersionId, NpgsqlDbType.Uuid, ct);
            await copy.WriteAsync(row.Instance, NpgsqlDbType.Jsonb, ct);
            await copy.WriteAsync(row.PositiveProbability, NpgsqlDbType.Double, ct);
            await copy.WriteAsync(row.PredictedLabel, NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(row.ServedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz, ct);
        }
        await copy.CompleteAsync(ct);
    }

    private static string? _statement;

    private static string Statement(IModel model) => _statement ??= Build(model);

    private static string Build(IModel model)
    {
        var entity = model.FindEntityType(typeof(ServedPrediction))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        string Column(string property) => $"\"{entity.FindProperty(property)!.GetColumnName(table)}\"";
        var columns = string.Join(", ", new[]
        {
            nameof(ServedPrediction.Id), nameof(ServedPrediction.TenantId), nameof(ServedPrediction.DeploymentName),
            nameof(ServedPrediction.ModelVersionId), nameof(ServedPrediction.Instance), nameof(ServedPrediction.PositiveProbability),
            nameof(ServedPrediction.PredictedLabel), nameof(ServedPrediction.ServedAt),
        }.Select(Column));
        var name = entity.GetSchema() is { } schema ? $"\"{schema}\".\"{table.Name}\"" : $"\"{table.Name}\"";
        return $"COPY {name} ({columns}) FROM STDIN (FORMAT BINARY)";
    }
}
