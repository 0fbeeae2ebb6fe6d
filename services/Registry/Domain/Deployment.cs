using System.Text.Json;
using Platform.Contracts.Datasets;
using Platform.Contracts.Registry;

namespace Platform.Registry.Domain;

/// <summary>
/// A tenant's deployed solution: which dataset feeds it, what to learn, the accuracy budget for
/// compression. Its API keys (<see cref="DeploymentApiKey"/>) are what callers present to Inference.
/// </summary>
public sealed class Deployment
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid TenantId { get; init; }
    public required string Name { get; init; }
    public required string Solution { get; init; }
    public required string DatasetName { get; init; }
    public required SpecColumns Spec { get; init; }
    public double AccuracyBudget { get; init; }
    /// <summary>What a column with personal data gets unless <see cref="TreatmentsJson"/> names it: the solution's default.</summary>
    public string DefaultTreatment { get; init; } = TreatmentActions.Drop;
    /// <summary>The treatments the deployment asked for by column (JSON <see cref="ColumnTreatment"/>s, a keep with its acknowledgement).</summary>
    public string? TreatmentsJson { get; init; }
    /// <summary>Grows with every change of the deployment's API keys: Inference keeps the newest set.</summary>
    public int KeysRevision { get; set; }
    public DeploymentState State { get; set; }
    public Guid? ActiveRunId { get; set; }
    public Guid? ChampionVersionId { get; set; }
    public int ModelVersionCount { get; set; }
    /// <summary>The latest live quality Inference reported for the champion (labelled served predictions).</summary>
    public LiveQualitySnapshot? LiveQuality { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }

    public IReadOnlyList<ColumnTreatment> Treatments =>
        TreatmentsJson is null ? [] : JsonSerializer.Deserialize<ColumnTreatment[]>(TreatmentsJson, JsonSerializerOptions.Web)!;

    /// <summary>
    /// The treatment of a raw dataset version: every column where ingestion found personal data takes
    /// the deployment's choice for it or the default, every other column it named its choice. The
    /// target is never treated (the request refuses naming it).
    /// </summary>
    public IReadOnlyList<ColumnTreatment> PlanFor(RegisteredDatasetVersion dataset)
    {
        var chosen = Treatments.ToDictionary(t => t.Column);
        var found = dataset.PersonalData;
        var plan = found.Where(f => f.Key != Spec.TargetColumn)
            .Select(f => chosen.TryGetValue(f.Key, out var choice) ? choice with { Kinds = f.Value } : new ColumnTreatment(f.Key, DefaultTreatment, f.Value));
        return [.. plan.Concat(chosen.Values.Where(c => !found.ContainsKey(c.Column))).OrderBy(t => t.Column, StringComparer.Ordinal)];
    }

    /// <summary>Starts a run on a dataset version; one run at a time per deployment. A run whose data is to be treated first starts <see cref="RunState.Treating"/>.</summary>
    public PipelineRun? StartRun(RegisteredDatasetVersion dataset, string trigger, DateTimeOffset now, Guid? episodeId = null, bool treating = false)
    {
        if (ActiveRunId is not null || dataset.TenantId != TenantId || dataset.DatasetName != DatasetName) return null;
        var run = new PipelineRun
        {
            TenantId = TenantId,
            DeploymentId = Id,
            DatasetVersionId = dataset.DatasetVersionId,
            Trigger = trigger,
            EpisodeId = episodeId,
            State = treating ? RunState.Treating : RunState.Training,
            StartedAt = now,
            UpdatedAt = now,
            ProgressedAt = now,
        };
        ActiveRunId = run.Id;
        if (State is DeploymentState.AwaitingData or DeploymentState.Failed) State = DeploymentState.Building;
        UpdatedAt = now;
        return run;
    }

    /// <summary>The event that hands the deployment's keys, as they now stand, to Inference.</summary>
    public DeploymentKeysChanged KeysChanged(IEnumerable<DeploymentApiKey> keys, DateTimeOffset now)
    {
        KeysRevision++;
        UpdatedAt = now;
        // Keys that ended long ago are left out: Inference only needs to tell them from unknown ones for a while.
        var recent = keys.Where(k => (k.RevokedAt ?? k.ExpiresAt ?? DateTimeOffset.MaxValue) > now - KeyMemory)
            .OrderBy(k => k.CreatedAt).Select(k => k.ToState()).ToArray();
        return new DeploymentKeysChanged(TenantId, Id, Id, Name, KeysRevision, recent);
    }

    /// <summary>How long an ended key is still told apart from an unknown one ("revoked", "expired").</summary>
    public static readonly TimeSpan KeyMemory = TimeSpan.FromDays(7);

    public ModelVersion RegisterVersion(ModelVersion version)
    {
        ModelVersionCount++;
        version.Number = ModelVersionCount;
        return version;
    }

    public void Finish(PipelineRun run, ModelVersion? promoted, DateTimeOffset now)
    {
        if (ActiveRunId == run.Id) ActiveRunId = null;
        if (promoted is not null)
        {
            ChampionVersionId = promoted.Id;
            State = DeploymentState.Serving;
        }
        else if (ChampionVersionId is null)
        {
            State = DeploymentState.Failed;
        }
        UpdatedAt = now;
    }
}
