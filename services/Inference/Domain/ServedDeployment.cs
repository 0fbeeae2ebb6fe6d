using System.Text.Json;
using Platform.Contracts;
using Platform.Contracts.Datasets;
using Platform.Contracts.Registry;

namespace Platform.Inference.Domain;

/// <summary>
/// A deployment as Inference serves it: who may call it (the SHA-256s of its API keys, never the
/// keys) and which model version it serves. <see cref="Revision"/> grows with every change, so the
/// in-memory caches can tell a newer state from a stale read.
/// </summary>
public sealed class ServedDeployment
{
    public Guid TenantId { get; init; }
    public required string Name { get; init; }
    /// <summary>Null while only a promotion has arrived (messages from two queues may arrive in either order).</summary>
    public Guid? DeploymentId { get; private set; }
    public string? Solution { get; private set; }
    /// <summary>The registry's latest key set (<see cref="KeysRevision"/>), kept as JSON in the row.</summary>
    public List<ServedApiKey> ApiKeys { get; private set; } = [];
    public int KeysRevision { get; private set; }
    public Guid? ModelVersionId { get; private set; }
    public string? ModelUri { get; private set; }
    public string? ModelSha256 { get; private set; }
    public long? ModelSizeBytes { get; private set; }
    /// <summary>The promoted model's drift reference (train rows' bins), when it has one.</summary>
    public string? ReferenceUri { get; private set; }
    public string? ReferenceSha256 { get; private set; }
    public long? ReferenceSizeBytes { get; private set; }
    /// <summary>The promoted model's input treatment (JSON <see cref="ColumnTreatment"/>s): what predict does to personal data first (ADR 30).</summary>
    public string? InputTreatmentJson { get; private set; }
    public double PsiThreshold { get; private set; } = DriftSettings.Default.PsiThreshold;
    public int ConsecutiveWindows { get; private set; } = DriftSettings.Default.ConsecutiveWindows;
    public int WindowRows { get; private set; } = DriftSettings.Default.WindowRows;
    public int WindowSeconds { get; private set; } = DriftSettings.Default.WindowSeconds;
    /// <summary>When the applied drift settings were changed in the registry.</summary>
    public DateTimeOffset? DriftChangedAt { get; private set; }
    /// <summary>The outbox id (a time-ordered UUIDv7) of the promotion applied last.</summary>
    public Guid? PromotionMessageId { get; private set; }
    public DateTimeOffset? PromotedAt { get; private set; }
    /// <summary>The promotion's run (its correlation id), which <c>ModelLoaded</c> closes.</summary>
    public Guid? PromotionCorrelationId { get; private set; }
    /// <summary>
    /// The version announced live (<c>ModelLoaded</c>): every live replica served it. Written by the
    /// replica that completed the set, with a conditional update, so it is announced once (ADR 18).
    /// </summary>
    public Guid? LiveModelVersionId { get; private set; }
    public DateTimeOffset? LiveAt { get; private set; }
    public int Revision { get; private set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public DeploymentKey Key => new(TenantId, Name);

    public ArtifactReference? Model =>
        ModelUri is null || ModelSha256 is null ? null : new ArtifactReference(ModelUri, ModelSha256, ModelSizeBytes ?? 0);

    public ArtifactReference? Reference =>
        ReferenceUri is null || ReferenceSha256 is null ? null : new ArtifactReference(ReferenceUri, ReferenceSha256, ReferenceSizeBytes ?? 0);

    public IReadOnlyList<ColumnTreatment>? InputTreatment =>
        InputTreatmentJson is null ? null : JsonSerializer.Deserialize<ColumnTreatment[]>(InputTreatmentJson, JsonSerializerOptions.Web);

    public DriftSettings Drift => new(PsiThreshold, ConsecutiveWindows, WindowRows, WindowSeconds);

    public static ServedDeployment New(Guid tenantId, string name, DateTimeOffset now) =>
        new() { TenantId = tenantId, Name = name, CreatedAt = now, UpdatedAt = now };

    /// <summary>Records the deployment's registration; false when it was already applied.</summary>
    public bool Register(DeploymentCreated created, DateTimeOffset now)
    {
        if (DeploymentId == created.DeploymentId && Solution == created.Solution) return false;
        DeploymentId = created.DeploymentId;
        Solution = created.Solution;
        Touch(now);
        return true;
    }

    /// <summary>Takes the registry's key set unless a newer one was applied; false when nothing changed.</summary>
    public bool ApplyKeys(DeploymentKeysChanged changed, DateTimeOffset now)
    {
        if (changed.Revision <= KeysRevision) return false;
        var keys = changed.Keys.Select(ServedApiKey.From).ToList();
        DeploymentId ??= changed.DeploymentId;
        ApiKeys = keys;
        KeysRevision = changed.Revision;
        Touch(now);
        return true;
    }

    /// <summary>
    /// Serves a new model version. A promotion older than the one applied (a redelivery that was
    /// overtaken) is ignored: the outbox gives every event a UUIDv7, whose order is its creation order.
    /// </summary>
    public PromotionOutcome Promote(ModelPromoted promoted, Guid messageId, DateTimeOffset now)
    {
        if (PromotionMessageId is { Version: 7 } applied && messageId.Version == 7 && messageId.CompareTo(applied) < 0)
            return PromotionOutcome.Stale;
        if (ModelVersionId == promoted.ModelVersionId && ModelSha256 == promoted.Model.Sha256)
            return PromotionOutcome.AlreadyServing;
        ModelVersionId = promoted.ModelVersionId;
        ModelUri = promoted.Model.Uri;
        ModelSha256 = promoted.Model.Sha256;
        ModelSizeBytes = promoted.Model.SizeBytes;
        ReferenceUri = promoted.Reference?.Uri;
        ReferenceSha256 = promoted.Reference?.Sha256;
        ReferenceSizeBytes = promoted.Reference?.SizeBytes;
        InputTreatmentJson = promoted.InputTreatment is { Count: > 0 } treatment ? JsonSerializer.Serialize(treatment, JsonSerializerOptions.Web) : null;
        PromotionMessageId = messageId;
        PromotionCorrelationId = promoted.CorrelationId;
        PromotedAt = now;
        Touch(now);
        return PromotionOutcome.Applied;
    }

    /// <summary>Takes the drift settings of the deployment's retraining policy; false when they are applied already or older than those applied.</summary>
    public bool ApplyDrift(DriftSettings settings, DateTimeOffset changedAt, DateTimeOffset now)
    {
        if (DriftChangedAt is { } applied && changedAt <= applied) return false;
        DriftChangedAt = changedAt;
        PsiThreshold = settings.PsiThreshold;
        ConsecutiveWindows = settings.ConsecutiveWindows;
        WindowRows = settings.WindowRows;
        WindowSeconds = settings.WindowSeconds;
        Touch(now);
        return true;
    }

    private void Touch(DateTimeOffset now)
    {
        Revision++;
        UpdatedAt = now;
    }
}

public enum PromotionOutcome { Applied, AlreadyServing, Stale }
