using System.Text.Json;
using Platform.Contracts;
using Platform.Contracts.Datasets;
using Platform.Contracts.Registry;

namespace Platform.Inference.Domain;

/// <summary>
/// A model version of a deployment that a request may pin (by its number or id), promoted or not:
/// its file and its data's input treatment, as the registry announced them. Written once, never changed.
/// </summary>
public sealed class ServedVersion
{
    public Guid ModelVersionId { get; init; }
    public Guid TenantId { get; init; }
    public required string DeploymentName { get; init; }
    public int Number { get; init; }
    public required string Technique { get; init; }
    public required string ModelUri { get; init; }
    public required string ModelSha256 { get; init; }
    public long ModelSizeBytes { get; init; }
    /// <summary>JSON <see cref="ColumnTreatment"/>s of the version's training data (ADR 30); null when none was treated.</summary>
    public string? InputTreatmentJson { get; init; }
    public DateTimeOffset RegisteredAt { get; init; }

    public DeploymentKey Deployment => new(TenantId, DeploymentName);

    public ArtifactReference Model => new(ModelUri, ModelSha256, ModelSizeBytes);

    public IReadOnlyList<ColumnTreatment>? InputTreatment =>
        InputTreatmentJson is null ? null : JsonSerializer.Deserialize<ColumnTreatment[]>(InputTreatmentJson, JsonSerializerOptions.Web);

    public static ServedVersion From(ModelVersionsRegistered registered, RegisteredModelVersion version, DateTimeOffset now) => new()
    {
        ModelVersionId = version.ModelVersionId,
        TenantId = registered.TenantId,
        DeploymentName = registered.DeploymentName,
        Number = version.Number,
        Technique = version.Technique,
        ModelUri = version.Model.Uri,
        ModelSha256 = version.Model.Sha256,
        ModelSizeBytes = version.Model.SizeBytes,
        InputTreatmentJson = registered.InputTreatment is { Count: > 0 } treatment ? JsonSerializer.Serialize(treatment, JsonSerializerOptions.Web) : null,
        RegisteredAt = now,
    };
}
